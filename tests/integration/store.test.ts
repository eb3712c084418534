/**
 * The store itself: pragmas, reference data, reopening, constraints the database enforces on
 * its own (even against raw SQL), the append-only audit log, an index for the hot lookup, and
 * the migrations journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { defaultMigrationsFolder, openDatabase, type AppDb } from '../../src-main/db/open';
import { freshDb } from '../support/temp-db';
import { dataQuality } from '../../src-main/services/data-quality';
import { localActor } from '../../src-main/services/local-actor';
import { idFor } from './helpers';

/** The error better-sqlite3 threw, with its SQLite code. */
function sqliteError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code ?? '', message: err.message };
  }
  throw new Error('expected SQLite to refuse the statement');
}

function count(db: AppDb, sql: string, ...params: unknown[]): number {
  return (db.sqlite.prepare(sql).get(...params) as { n: number }).n;
}

/** Open an existing file again; the caller closes it. */
function reopen(file: string): AppDb {
  return openDatabase(file);
}

async function smallRegister(db: AppDb) {
  const api = createCaller(db);
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const beds = await api.bed.add({ facilityId: f.id, count: 2, nursingCount: 1, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
  const r1 = await api.resident.create({ name: '赵一', idNumber: idFor(21) });
  const r2 = await api.resident.create({ name: '赵二', idNumber: idFor(22) });
  const stay = await api.stay.admit({ residentId: r1.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
  return { api, f, beds, r1, r2, stay };
}

describe('opening the store', () => {
  it('sets the pragmas: WAL, foreign keys on, busy timeout 5000 ms', () => {
    const { db } = freshDb();
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('holds the Tongren regions: 10 counties under 520600 铜仁市, in 520000 贵州省', async () => {
    const { db, api } = freshDb();
    const counties = db.sqlite.prepare("SELECT code, name FROM regions WHERE parent_code = '520600' AND level = 'county' ORDER BY code").all();
    expect(counties).toEqual([
      { code: '520602', name: '碧江区' },
      { code: '520603', name: '万山区' },
      { code: '520621', name: '江口县' },
      { code: '520622', name: '玉屏侗族自治县' },
      { code: '520623', name: '石阡县' },
      { code: '520624', name: '思南县' },
      { code: '520625', name: '印江土家族苗族自治县' },
      { code: '520626', name: '德江县' },
      { code: '520627', name: '沿河土家族自治县' },
      { code: '520628', name: '松桃苗族自治县' },
    ]);
    expect(db.sqlite.prepare("SELECT name, level, parent_code AS parent FROM regions WHERE code = '520600'").get()).toEqual({ name: '铜仁市', level: 'city', parent: '520000' });
    expect(db.sqlite.prepare("SELECT name, level FROM regions WHERE code = '520000'").get()).toEqual({ name: '贵州省', level: 'province' });
    expect((await api.region.counties()).map((c) => c.code)).toHaveLength(10);
  });

  it('reopening an existing file is idempotent: no duplicate regions, targets, settings or users', () => {
    const { db, file, dir } = freshDb();
    const tables = ['regions', 'targets', 'settings', 'users', '__drizzle_migrations'];
    const counts = (d: AppDb) => Object.fromEntries(tables.map((t) => [t, count(d, `SELECT count(*) AS n FROM "${t}"`)]));
    const first = counts(db);
    // 贵州省 + 铜仁市 + 10 counties = 12
    expect(first.regions).toBe(12);
    // the 13 default targets of resources/default-targets.json
    expect(first.targets).toBe(13);
    db.close();
    for (let i = 0; i < 2; i++) {
      const again = reopen(file);
      try {
        expect(counts(again)).toEqual(first);
      } finally {
        again.close();
      }
    }
    // nothing was pending, so no pre-migration backup was written
    expect(fs.readdirSync(dir).filter((n) => n.includes('.bak'))).toEqual([]);
  });

  it('a deleted default target stays deleted after reopening', async () => {
    const { db, api, file } = freshDb();
    const targets = await api.settings.targets();
    const t = targets.find((x) => x.metric === 'beds_per_thousand' && x.year === 2020)!;
    expect(t.value).toBe(35);
    await api.settings.deleteTarget({ id: t.id });
    db.close();
    const again = reopen(file);
    try {
      const after = await createCaller(again).settings.targets();
      expect(after).toHaveLength(targets.length - 1);
      expect(after.find((x) => x.metric === 'beds_per_thousand')).toBeUndefined();
    } finally {
      again.close();
    }
  });
});

describe('the database refuses bad rows on its own (raw SQL through db.sqlite)', () => {
  it('a second open stay on one bed (partial unique index)', async () => {
    const { db } = freshDb();
    const { f, beds, r2 } = await smallRegister(db);
    const err = sqliteError(() =>
      db.sqlite
        .prepare("INSERT INTO stays (resident_id, facility_id, bed_id, residential, admitted_on) VALUES (?, ?, ?, 1, '2026-02-01')")
        .run(r2.id, f.id, beds[0]!.id),
    );
    expect(err.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(err.message).toContain('stays.bed_id');
    // a closed stay on the same bed is fine: the index covers open stays only
    db.sqlite
      .prepare("INSERT INTO stays (resident_id, facility_id, bed_id, residential, admitted_on, discharged_on, discharge_reason) VALUES (?, ?, ?, 1, '2025-01-01', '2025-06-01', 'home')")
      .run(r2.id, f.id, beds[0]!.id);
  });

  it('a second open residential stay for one resident: refused by the app, stored by the database (an exchange may bring one) and shown in data quality', async () => {
    const { db } = freshDb();
    const { api, f, beds, r1 } = await smallRegister(db);
    await expect(api.stay.admit({ residentId: r1.id, bedId: beds[1]!.id, admittedOn: '2026-02-01' })).rejects.toMatchObject({ cause: { code: 'RESIDENT_IN_CARE' } });
    // admitted at B while A's discharge has not arrived: not a unique index since migration 0008
    db.sqlite.prepare("INSERT INTO stays (resident_id, facility_id, bed_id, residential, admitted_on) VALUES (?, ?, ?, 1, '2026-02-01')").run(r1.id, f.id, beds[1]!.id);
    const found = dataQuality({ db, actor: localActor(db) }, '2026-03-01').filter((i) => i.code === 'STAYS_OVERLAP');
    expect(found.map((i) => [i.entityId, i.severity])).toEqual([[r1.id, 'error']]);
    expect(found[0]!.zh).toContain('2026-01-01');
    // the earlier stay's discharge arrives: the finding clears itself
    db.sqlite.prepare("UPDATE stays SET discharged_on = '2026-02-01', discharge_reason = 'transfer' WHERE resident_id = ? AND admitted_on = '2026-01-01'").run(r1.id);
    expect(dataQuality({ db, actor: localActor(db) }, '2026-03-01').filter((i) => i.code === 'STAYS_OVERLAP')).toEqual([]);
  });

  it('a bad enum value in facilities.kind (CHECK)', () => {
    const { db } = freshDb();
    const err = sqliteError(() =>
      db.sqlite.prepare("INSERT INTO facilities (region_code, name, kind, ownership) VALUES ('520602', '某医院', 'hospital', 'public')").run(),
    );
    expect(err.code).toBe('SQLITE_CONSTRAINT_CHECK');
    expect(err.message).toContain('facilities_kind');
    expect(count(db, 'SELECT count(*) AS n FROM facilities')).toBe(0);
  });

  it('an orphan foreign key', () => {
    const { db } = freshDb();
    const bed = sqliteError(() =>
      db.sqlite.prepare("INSERT INTO beds (facility_id, label, care_type, in_service_from) VALUES (9999, '1', 'general', '2026-01-01')").run(),
    );
    expect(bed.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    const fac = sqliteError(() =>
      db.sqlite.prepare("INSERT INTO facilities (region_code, name, kind, ownership) VALUES ('999999', '某院', 'nursing_home', 'public')").run(),
    );
    expect(fac.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });
});

describe('audit log', () => {
  it('refuses UPDATE and DELETE', async () => {
    const { db } = freshDb();
    await smallRegister(db);
    const before = db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(before.length).toBeGreaterThan(0);
    const upd = sqliteError(() => db.sqlite.prepare("UPDATE audit_log SET username = 'someone else'").run());
    expect(upd.message).toContain('append-only');
    const del = sqliteError(() => db.sqlite.prepare('DELETE FROM audit_log').run());
    expect(del.message).toContain('append-only');
    expect(db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
  });

  it('every write through the api appends one row with username, action, entity and before/after JSON', async () => {
    const { db } = freshDb();
    const api = createCaller(db, { userId: null, username: '科员小王', role: 'section' });
    const rows = () => db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<{
      username: string;
      action: string;
      entity: string;
      entity_id: string | null;
      before: string | null;
      after: string | null;
      at: string;
    }>;
    const last = () => rows().at(-1)!;
    let n = rows().length;

    const f = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    expect(rows()).toHaveLength(++n);
    expect(last()).toMatchObject({ username: '科员小王', action: 'facility.create', entity: 'facility', entity_id: String(f.id), before: null });
    expect(JSON.parse(last().after!)).toMatchObject({ id: f.id, name: '碧江区社会福利院', kind: 'nursing_home', status: 'operating', statusDate: '2020-01-01' });
    expect(last().at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const beds = await api.bed.add({ facilityId: f.id, count: 2, nursingCount: 1, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
    expect(rows()).toHaveLength(++n);
    expect(last()).toMatchObject({ action: 'bed.add', username: '科员小王' });

    const r = await api.resident.create({ name: '赵一', idNumber: '11010519491231002X' });
    expect(rows()).toHaveLength(++n);
    expect(last()).toMatchObject({ action: 'resident.create', entity: 'resident', entity_id: String(r.id) });
    // the audit trail does not keep the full ID number (PIPL)
    expect(last().after).not.toContain('11010519491231002X');

    const stay = await api.stay.admit({ residentId: r.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
    expect(rows()).toHaveLength(++n);
    expect(last()).toMatchObject({ username: '科员小王', action: 'stay.admit', entity: 'stay', entity_id: String(stay.id), before: null });
    expect(JSON.parse(last().after!)).toMatchObject({ id: stay.id, residentId: r.id, bedId: beds[0]!.id, admittedOn: '2026-01-01', dischargedOn: null });

    await api.stay.discharge({ stayId: stay.id, dischargedOn: '2026-03-01', dischargeReason: 'home' });
    expect(rows()).toHaveLength(++n);
    expect(last()).toMatchObject({ username: '科员小王', action: 'stay.discharge', entity: 'stay', entity_id: String(stay.id) });
    expect(JSON.parse(last().before!)).toMatchObject({ id: stay.id, dischargedOn: null, dischargeReason: null });
    expect(JSON.parse(last().after!)).toMatchObject({ id: stay.id, dischargedOn: '2026-03-01', dischargeReason: 'home' });

    // reads write nothing
    await api.report.statistics({ date: '2026-03-31' });
    await createCaller(db).audit.list(); // the audit log is for administrators
    expect(rows()).toHaveLength(n);
  });
});

describe('query plans and migrations', () => {
  it('the open-stay-by-bed lookup uses an index, not a scan of stays', () => {
    const { db } = freshDb();
    const plan = (sql: string) => (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, '2026-01-01') as Array<{ detail: string }>).map((r) => r.detail);
    // as the api asks it (beds.ts / stays.ts): the stay holding a bed on or after a date
    const a = plan('SELECT id FROM stays WHERE bed_id = ? AND (discharged_on IS NULL OR discharged_on > ?) LIMIT 1');
    expect(a.some((d) => /^SEARCH stays USING (COVERING )?INDEX stays_/.test(d))).toBe(true);
    expect(a.some((d) => /^SCAN stays\b/.test(d))).toBe(false);
    // the plain "open stay of this bed" lookup
    const b = (db.sqlite.prepare('EXPLAIN QUERY PLAN SELECT id FROM stays WHERE bed_id = ? AND discharged_on IS NULL').all(1) as Array<{ detail: string }>).map((r) => r.detail);
    expect(b.some((d) => /^SEARCH stays USING (COVERING )?INDEX stays_/.test(d))).toBe(true);
    expect(b.some((d) => /^SCAN stays\b/.test(d))).toBe(false);
  });

  it('__drizzle_migrations holds one row per entry of drizzle/meta/_journal.json', () => {
    const { db, file } = freshDb();
    const journal = JSON.parse(fs.readFileSync(path.join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number; tag: string }> };
    expect(journal.entries.length).toBeGreaterThan(0);
    const applied = db.sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY id').all() as Array<{ at: number }>;
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.map((r) => Number(r.at))).toEqual(journal.entries.map((e) => e.when));
    // the append-only triggers of the last migration exist
    expect(count(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")).toBe(2);
    db.close();
    const again = reopen(file);
    try {
      expect(count(again, 'SELECT count(*) AS n FROM __drizzle_migrations')).toBe(journal.entries.length);
    } finally {
      again.close();
    }
  });
});
