/**
 * Migration 0013 on a database with data: the waiting list's table arrives empty beside a
 * register that keeps every row and figure; a row written by raw SQL gets a UUIDv7, and the
 * table's CHECKs hold its rules (an admitted application has its stay, a waiting one none).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { defaultMigrationsFolder, openDatabase, type AppDb } from '../../src-main/db/open';
import { rawDb } from '../support/raw-db';
import { tempDir } from '../support/temp-db';

/** drizzle/ as it was before 0013: the journal cut after 0012_bed_use. */
function migrationsUpTo0012(): string {
  const dir = path.join(tempDir(), 'drizzle');
  fs.cpSync(defaultMigrationsFolder(), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === '0012_bed_use');
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/** Every row of every table the 0012 file has, copied from a store seeded today. */
async function seedAt0012(old: AppDb): Promise<void> {
  const cur = openDatabase(path.join(tempDir(), 'current.db'));
  try {
    await seedDemo(cur);
    const tables = old.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name <> 'resident_name_chars'")
      .pluck()
      .all() as string[];
    old.sqlite.pragma('foreign_keys = OFF');
    old.sqlite.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
    old.sqlite.transaction(() => {
      for (const t of tables) {
        if (t === 'change_capture_off') continue;
        const cols = (old.sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).map((c) => `"${c}"`);
        old.sqlite.prepare(`DELETE FROM "${t}"`).run();
        const insert = old.sqlite.prepare(`INSERT INTO "${t}" (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        for (const row of cur.sqlite.prepare(`SELECT ${cols.join(', ')} FROM "${t}" ORDER BY rowid`).raw().all() as unknown[][]) insert.run(...row);
      }
    })();
    old.sqlite.prepare('DELETE FROM change_capture_off').run();
    old.sqlite.pragma('foreign_keys = ON');
  } finally {
    cur.close();
  }
}

const rows = (db: AppDb, t: string) => db.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all();

describe('migration 0013: the waiting list', () => {
  it('adds an empty waiting list to a register with data, changing no row and no figure', async () => {
    const file = path.join(tempDir(), 'eldercare.db');
    const old = openDatabase(file, { migrationsFolder: migrationsUpTo0012() });
    await seedAt0012(old);
    expect(old.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'waiting_applications'").get()).toBeUndefined();
    const register = ['facilities', 'beds', 'residents', 'stays', 'assessments', 'change_log'];
    const before = Object.fromEntries(register.map((t) => [t, rows(old, t)]));
    expect(before.stays!.length).toBeGreaterThan(10);
    const figures = await createCaller(old).report.statistics({ date: '2026-10-31' });
    old.close();

    const db = openDatabase(file);
    try {
      expect(Object.fromEntries(register.map((t) => [t, rows(db, t)]))).toEqual(before);
      expect(await createCaller(db).report.statistics({ date: '2026-10-31' })).toEqual(figures);
      expect(db.sqlite.prepare('SELECT count(*) FROM waiting_applications').pluck().get()).toBe(0);
    } finally {
      db.close();
    }

    // raw SQL: a uid is given; the CHECKs hold the status rules
    const s = rawDb(file);
    try {
      const f = s.prepare("SELECT id FROM facilities WHERE kind = 'nursing_home' ORDER BY id LIMIT 1").pluck().get() as number;
      const r = s.prepare('SELECT id FROM residents ORDER BY id LIMIT 1').pluck().get() as number;
      s.prepare("INSERT INTO waiting_applications (facility_id, resident_id, applied_on, category) VALUES (?, ?, '2026-01-01', 'other')").run(f, r);
      expect(s.prepare('SELECT uid FROM waiting_applications').pluck().get()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(() => s.prepare("UPDATE waiting_applications SET status = 'admitted', closed_on = '2026-02-01'").run()).toThrow(/CHECK constraint failed: waiting_applications_closed/);
      expect(() => s.prepare("UPDATE waiting_applications SET status = 'withdrawn', closed_on = '2025-12-31'").run()).toThrow(/CHECK constraint failed/);
      expect(() => s.prepare("INSERT INTO waiting_applications (facility_id, resident_id, applied_on, category) VALUES (?, ?, '2026-03-01', 'other')").run(f, r)).toThrow(/UNIQUE constraint failed/);
      expect(() => s.prepare("INSERT INTO waiting_applications (facility_id, resident_id, applied_on, category, assessment_level) VALUES (?, ?, '2026-03-01', 'vip', 5)").run(f, r + 1)).toThrow(/CHECK constraint failed/);
    } finally {
      s.close();
    }
  }, 120_000);
});
