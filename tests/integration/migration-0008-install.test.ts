/**
 * Migration 0008 on a database with data: today's database becomes the city install holding
 * everything — one identity with a key pair it can sign with, itself as the root of the
 * registry, every register row entered once in the change log as the city's — and every
 * figure stays as it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { CAPTURED_TABLES, registerRows } from '../../src-main/db/change-capture';
import { installIdentity, keyFingerprint, signAsInstall, verifyInstallSignature } from '../../src-main/db/install-identity';
import { defaultMigrationsFolder, openDatabase, type AppDb } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';

/** drizzle/ as it was before 0008: the journal cut after 0007_name_sort. */
function migrationsUpTo0007(): string {
  const dir = path.join(tempDir(), 'drizzle');
  fs.cpSync(defaultMigrationsFolder(), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === '0007_name_sort');
  expect(last).toBeGreaterThan(0);
  expect(journal.entries.length).toBeGreaterThan(last + 1);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/** The shared tables the register had before 0008 (installs came with it; facility_licences with 0011, waiting_applications with 0013). */
const REGISTER = CAPTURED_TABLES.map((t) => t.name).filter((t) => t !== 'installs' && t !== 'facility_licences' && t !== 'waiting_applications');

/**
 * The demo register in a database at 0007. Today's services write columns 0007 lacks (0011's
 * national record), so the demo is seeded into a current store and copied over column by
 * column; returns the register rows and the figures as the current store holds them — what the
 * migrated file must hold and show (the later columns at their defaults in both; today's
 * statistics read columns 0007 lacks, so they cannot run on the 0007 file itself).
 */
async function seedAt0007(old: AppDb): Promise<{ rows: Record<string, Record<string, string>>; figures: Awaited<ReturnType<typeof figures>> }> {
  const cur = openDatabase(path.join(tempDir(), 'current.db'));
  try {
    await seedDemo(cur);
    const tables = old.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name <> 'resident_name_chars'")
      .pluck()
      .all() as string[];
    old.sqlite.pragma('foreign_keys = OFF');
    old.sqlite.transaction(() => {
      for (const t of tables) {
        const cols = (old.sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).map((c) => `"${c}"`);
        old.sqlite.prepare(`DELETE FROM "${t}"`).run();
        const insert = old.sqlite.prepare(`INSERT INTO "${t}" (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        for (const row of cur.sqlite.prepare(`SELECT ${cols.join(', ')} FROM "${t}" ORDER BY rowid`).raw().all() as unknown[][]) insert.run(...row);
      }
    })();
    old.sqlite.pragma('foreign_keys = ON');
    return { rows: registerRows(cur.sqlite, REGISTER), figures: await figures(cur) };
  } finally {
    cur.close();
  }
}
const DATES = ['2025-12-31', '2026-06-30', '2026-10-31'];

async function figures(db: AppDb) {
  const api = createCaller(db);
  return Promise.all(DATES.map((date) => api.report.statistics({ date })));
}

const count = (db: AppDb, sql: string, ...p: unknown[]) => db.sqlite.prepare(sql).pluck().get(...p) as number;

describe('migration 0008: a database with data becomes the city install', () => {
  it('keeps every figure and row, makes the identity and the root, and enters every register row in the change log once', async () => {
    const file = path.join(tempDir(), 'eldercare.db');
    const old = openDatabase(file, { migrationsFolder: migrationsUpTo0007() });
    const { rows: rowsBefore, figures: before } = await seedAt0007(old);
    expect(old.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'change_log'").get()).toBeUndefined();
    old.close();

    const db = openDatabase(file);
    expect(await figures(db)).toEqual(before);
    expect(registerRows(db.sqlite, REGISTER)).toEqual(rowsBefore);

    const me = installIdentity(db.sqlite);
    expect(me).toMatchObject({ level: 'city', regionCode: '520600', facilityUid: null });
    expect(db.sqlite.prepare('SELECT uid, level, enrolled_by AS by FROM installs').all()).toEqual([{ uid: me.uid, level: 'city', by: null }]);
    // the private key is stored encrypted, and signs as the public key says
    const stored = db.sqlite.prepare('SELECT private_key FROM install_identity').pluck().get() as string;
    expect(stored).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    const pkcs8 = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(Buffer.from(stored.split(':')[3]!, 'base64').length).toBe(pkcs8.length);
    const message = Buffer.from('铜仁市 2026-11 月报');
    const signature = signAsInstall(db.sqlite, db.key, message);
    expect(verifyInstallSignature(me.publicKey, message, signature)).toBe(true);
    expect(verifyInstallSignature(me.publicKey, Buffer.from('篡改'), signature)).toBe(false);
    expect(keyFingerprint(me.publicKey)).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);

    // every shared row once, as the city's insert, sealed with its owner
    for (const t of CAPTURED_TABLES) {
      const rows = Object.keys(rowsBefore[t.name] ?? {}).length + (t.name === 'installs' ? 1 : 0);
      expect(count(db, "SELECT count(*) FROM change_log WHERE tbl = ? AND op = 'insert' AND origin = ?", t.name, me.uid), t.name).toBe(rows);
    }
    expect(count(db, 'SELECT count(*) FROM change_log WHERE txn IS NULL OR owner IS NULL OR audience IS NULL')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM residents')).toBeGreaterThan(50);
    const seqs = db.sqlite.prepare('SELECT seq FROM change_log ORDER BY seq').pluck().all() as number[];
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const logged = seqs.length;
    db.close();

    // opened again: the same install, nothing entered twice
    const again = openDatabase(file);
    expect(installIdentity(again.sqlite).uid).toBe(me.uid);
    expect(count(again, 'SELECT count(*) FROM change_log')).toBe(logged);
    expect(signAsInstall(again.sqlite, again.key, message).equals(signature)).toBe(true);
    again.close();
  });
});
