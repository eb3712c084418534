/**
 * M7: a database made by a newer version of the app (more migrations recorded than drizzle/
 * holds, or one this version does not have) is refused on open with both versions named, and
 * nothing is written to it — neither by the app nor by the CLI.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { rawDb } from '../support/raw-db';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { backupsFolder } from '../../src-main/db/backup';
import { DatabaseOpenError, defaultMigrationsFolder, openDatabase } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';

const ROOT = path.resolve(__dirname, '../..');
const cli = (args: string[]) => spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
const journalLength = () =>
  (JSON.parse(fs.readFileSync(path.join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/** A database of this version with a facility in it, copied with SQLite's backup as n.db. */
async function copyOfCurrent(dir: string): Promise<string> {
  const file = path.join(dir, 'r.db');
  const db = openDatabase(file);
  await createCaller(db).facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const copy = path.join(dir, 'n.db');
  db.sqlite.prepare('VACUUM INTO ?').run(copy);
  db.close();
  return copy;
}

function edit(file: string, sql: string): void {
  const raw = rawDb(file);
  try {
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

function refusal(file: string): DatabaseOpenError {
  try {
    openDatabase(file).close();
  } catch (e) {
    if (e instanceof DatabaseOpenError) return e;
    throw e;
  }
  throw new Error('expected the open to be refused');
}

describe('M7: a database from a newer version', () => {
  it('is refused with NEWER_VERSION naming both versions, unchanged byte for byte, by the app and by cli stats', async () => {
    const dir = tempDir();
    try {
      const file = await copyOfCurrent(dir);
      // The review's reproduction: a future migration row and the column it added.
      edit(file, "insert into __drizzle_migrations(hash,created_at) values('f',1999999999999); alter table residents add column future_col text not null default 'x'");
      const before = fs.readFileSync(file);
      const m = journalLength();

      const e = refusal(file);
      expect(e.code).toBe('NEWER_VERSION');
      expect(e.message).toContain(`该数据库由较新版本的程序创建（数据库结构第 ${m + 1} 版，本程序只认识到第 ${m} 版），请升级程序后再打开`);
      expect(e.message).toContain(`schema version ${m + 1}; this version knows up to ${m}`);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(fs.existsSync(backupsFolder(file))).toBe(false); // not even a backup was attempted

      const r = cli(['stats', '--db', file, '--date', '2026-10-31']);
      process.stdout.write(`cli stats → exit ${r.status}\n${r.stderr}`);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('NEWER_VERSION');
      expect(r.stderr).toContain(`数据库结构第 ${m + 1} 版，本程序只认识到第 ${m} 版`);
      expect(r.stdout).toBe('');
      expect(fs.readFileSync(file).equals(before)).toBe(true);

      const check = cli(['check', '--db', file]);
      expect(check.status).toBe(1);
      expect(check.stderr).toContain('较新版本');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is refused when a recorded migration is one this version does not have, even with as many rows', async () => {
    const dir = tempDir();
    try {
      const file = await copyOfCurrent(dir);
      edit(file, "update __drizzle_migrations set hash = 'from-a-newer-branch', created_at = 1999999999999 where rowid = (select max(rowid) from __drizzle_migrations)");
      const before = fs.readFileSync(file);
      expect(refusal(file).code).toBe('NEWER_VERSION');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('opens a file whose migration is known by its time but hashed from other bytes (line endings)', async () => {
    const dir = tempDir();
    try {
      const file = await copyOfCurrent(dir);
      edit(file, "update __drizzle_migrations set hash = 'crlf-variant' where rowid = (select min(rowid) from __drizzle_migrations)");
      const db = openDatabase(file, { autoBackup: false });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
