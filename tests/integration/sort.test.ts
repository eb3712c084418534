/**
 * Chinese names sort by pinyin, as a stored key (name_sort, domain/name-sort.ts) so that SQL
 * orders them (issue 14, finding 22): the lists of residents, facilities and operators, with
 * numbers in names in natural order; and migration 0007 fills the key (and the name search
 * index) for rows that were there before it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openDatabase } from '../../src-main/db/open';
import { createCaller } from '../../src-main/api/router';
import { creditCheckCharacter } from '../../src-main/domain/credit-code';
import { nameSortKey } from '../../src-main/domain/name-sort';
import { residentUid } from '../../src-main/domain/resident-uid';
import { citySecret } from '../../src-main/db/city-secret';
import { freshDb, tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const creditCode = (n: number) => {
  const first17 = `915206${String(n).padStart(3, '0')}MA6DQXYL`;
  return first17 + creditCheckCharacter(first17);
};

describe('the pinyin sort key', () => {
  it('orders 丁, 万, 严, 于 as ding, wan, yan, yu and digit runs as numbers', () => {
    const byKey = (names: string[]) => [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(byKey(['于', '严', '万', '丁'])).toEqual(['丁', '万', '严', '于']);
    expect(byKey(['公司10', '公司2', '公司1'])).toEqual(['公司1', '公司2', '公司10']);
    // a name before the longer names it starts, homophones apart and always in one order
    expect(byKey(['丁国海', '丁'])).toEqual(['丁', '丁国海']);
    expect(nameSortKey('曾国藩', true).startsWith('zeng guo fan')).toBe(true);
    expect(nameSortKey('丁')).not.toBe(nameSortKey('叮'));
  });
});

describe('lists sort by the stored key', () => {
  it('residents, facilities and operators', async () => {
    const { api } = freshDb();
    const names = ['于秀兰', '严国华', '万德明', '丁国海'];
    for (const [i, name] of names.entries()) await api.resident.create({ name, idNumber: idFor(i + 1) });
    expect((await api.resident.list()).rows.map((r) => r.name)).toEqual(['丁国海', '万德明', '严国华', '于秀兰']);
    // paging follows the same order (it is the SQL order, not a sort of one page)
    expect((await api.resident.list({ limit: 2, offset: 2 })).rows.map((r) => r.name)).toEqual(['严国华', '于秀兰']);

    for (const name of ['于家养老院', '万山敬老院', '丁家福利院'])
      await api.facility.create({ regionCode: '520602', name, kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    expect((await api.facility.list()).rows.map((f) => f.name)).toEqual(['丁家福利院', '万山敬老院', '于家养老院']);

    for (const [i, name] of ['康养公司10', '康养公司2', '康养公司1', '安康公司'].entries()) await api.operator.create({ name, creditCode: creditCode(i + 1) });
    expect((await api.operator.list()).map((o) => o.name)).toEqual(['安康公司', '康养公司1', '康养公司2', '康养公司10']);
  });

  it('a rename moves the row to its new place', async () => {
    const { api } = freshDb();
    const a = await api.resident.create({ name: '于秀兰', idNumber: idFor(1) });
    await api.resident.create({ name: '万德明', idNumber: idFor(2) });
    await api.resident.update({ id: a.id, name: '丁秀兰' });
    expect((await api.resident.list()).rows.map((r) => r.name)).toEqual(['丁秀兰', '万德明']);
  });
});

/** drizzle/ as it was before 0007: the journal cut after 0006. */
function migrationsUpTo0006(): string {
  const dir = path.join(tempDir(), 'drizzle');
  fs.cpSync(defaultMigrationsFolder(), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag.startsWith('0006_'));
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migration 0007 on a database with data', () => {
  it('fills the sort keys and the name search index of existing rows', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'eldercare.db');
    const old = openDatabase(file, { migrationsFolder: migrationsUpTo0006() });
    // written with raw SQL, as the app of that version stored them
    const run = (sql: string, ...args: unknown[]) => old.sqlite.prepare(sql).run(...args);
    for (const [i, name] of ['于秀兰', '严国华', '万德明', '丁国海'].entries())
      run("INSERT INTO residents (uid, name, id_number, birth_date, sex) VALUES (?, ?, ?, '1940-01-01', 'male')", residentUid(citySecret(old.sqlite), idFor(i + 1)), name, idFor(i + 1));
    for (const [i, name] of ['公司10', '公司2'].entries()) run('INSERT INTO operators (name, credit_code) VALUES (?, ?)', name, creditCode(i + 1));
    run("INSERT INTO facilities (region_code, name, kind, ownership) VALUES ('520602', '万山敬老院', 'nursing_home', 'public')");
    const hasColumn = (db: typeof old, t: string) => (db.sqlite.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as Array<{ name: string }>).some((c) => c.name === 'name_sort');
    expect(hasColumn(old, 'residents')).toBe(false);
    old.close();

    const db = openDatabase(file);
    const keys = db.sqlite.prepare('SELECT name, name_sort AS k FROM residents ORDER BY id').all() as Array<{ name: string; k: string }>;
    for (const r of keys) expect(r.k).toBe(nameSortKey(r.name, true));
    const ops = db.sqlite.prepare('SELECT name, name_sort AS k FROM operators ORDER BY id').all() as Array<{ name: string; k: string }>;
    for (const o of ops) expect(o.k).toBe(nameSortKey(o.name));
    expect((db.sqlite.prepare('SELECT name_sort AS k FROM facilities').get() as { k: string }).k).toBe(nameSortKey('万山敬老院'));
    const api = createCaller(db);
    expect((await api.resident.list()).rows.map((r) => r.name)).toEqual(['丁国海', '万德明', '严国华', '于秀兰']);
    expect((await api.operator.list()).map((o) => o.name)).toEqual(['公司2', '公司10']);
    // existing residents are found by a part of the name
    expect((await api.resident.list({ search: '国' })).rows.map((r) => r.name)).toEqual(['丁国海', '严国华']);
    expect((await api.resident.list({ search: '德明' })).rows.map((r) => r.name)).toEqual(['万德明']);
    db.close();
  });
});
