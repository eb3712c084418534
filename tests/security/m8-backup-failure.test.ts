/**
 * M8: a daily automatic backup that cannot be written (here: a FILE named `backups` beside
 * the database, so the folder cannot be made — this works as root, unlike chmod) still lets
 * the database open, and the failure is seen: AppDb.autoBackup, backup.status for the
 * dashboard, a warning line from `cli check` (exit 0: the database itself is sound) and one
 * stderr line from the other commands.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStatus } from '../../src-main/api/routers/backup';
import { createCaller } from '../../src-main/api/router';
import { backupsFolder } from '../../src-main/db/backup';
import { openDatabase } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';

const ROOT = path.resolve(__dirname, '../..');
const cli = (args: string[]) => spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });

describe('M8: a failed automatic backup is seen', () => {
  it('opens, keeps the error on AppDb, backup.status returns it, cli check and stats warn', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'f.db');
      let db = openDatabase(file); // a new file is not backed up
      await createCaller(db).facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
      db.close();
      fs.writeFileSync(backupsFolder(file), 'not a folder');

      db = openDatabase(file);
      try {
        expect(db.autoBackup?.error).toBeDefined();
        expect(db.autoBackup?.file).toBeUndefined();
        expect(Date.parse(db.autoBackup!.at)).toBeGreaterThan(Date.now() - 60_000);
        const status = await createCaller(db).backup.status();
        process.stdout.write(`backup.status → ${JSON.stringify(status)}\n`);
        expect(status.lastError).toEqual({ at: db.autoBackup!.at, message: db.autoBackup!.error });
        expect(status.lastAutoBackup).toBeNull();
        expect(status.newestBackupAt).toBeNull();
        expect(status.stale).toBe(true); // no backup at all of a database that holds data
        // Only administrators may read it.
        const viewer = await createCaller(db, { userId: null, username: 'v', role: 'readonly' })
          .backup.status()
          .then(() => 'allowed', () => 'refused');
        expect(viewer).toBe('refused');
      } finally {
        db.close();
      }

      const check = cli(['check', '--db', file]);
      process.stdout.write(`cli check → exit ${check.status}\n${check.stdout}${check.stderr}`);
      expect(check.status).toBe(0);
      expect(check.stdout).toMatch(/^自动备份失败：.+请检查备份文件夹（磁盘已满或只读？）/m);

      const stats = cli(['stats', '--db', file, '--date', '2026-10-31']);
      process.stdout.write(`cli stats → exit ${stats.status}\nstderr: ${stats.stderr}`);
      expect(stats.status).toBe(0);
      expect(stats.stderr.trim().split('\n')).toHaveLength(1);
      expect(stats.stderr).toContain('自动备份失败：');

      // Once the folder can be written, the next open backs up and nothing is reported.
      fs.rmSync(backupsFolder(file));
      db = openDatabase(file);
      try {
        expect(db.autoBackup?.file).toBeDefined();
        const status = backupStatus(db);
        expect(status.lastError).toBeNull();
        expect(status.stale).toBe(false);
        expect(status.lastAutoBackup?.file).toBe(db.autoBackup?.file);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('calls a backup older than two days stale', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 's.db');
      openDatabase(file).close();
      const db = openDatabase(file, { autoBackup: false });
      try {
        fs.mkdirSync(backupsFolder(file));
        fs.copyFileSync(file, path.join(backupsFolder(file), 's-20200101-000000-auto.db'));
        expect(backupStatus(db)).toMatchObject({ lastError: null, stale: true, lastAutoBackup: { file: path.join(backupsFolder(file), 's-20200101-000000-auto.db') } });
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
