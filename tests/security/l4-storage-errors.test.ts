/**
 * L4: storage failures used to be misleading — a full disk opened as "OPEN_FAILED … disk I/O
 * error", a read-only file as "MIGRATION_FAILED …" with -wal/-shm left beside it, a file-size
 * limit as "read-only". Each is now said as what it is, with what to do, in zh-CN then en.
 * Real faults, no mocks:
 *   - a 2 MB tmpfs filled to the last byte (root only: mount);
 *   - a 0444 database opened by the CLI as another account (`nobody` via setpriv when root);
 *   - the CLI under `prlimit --fsize=768K` importing and backing up more than that.
 */
import { canMountTmpfs, mountTmpfs, unmountAll } from '../support/tmpfs';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { backupsFolder } from '../../src-main/db/backup';
import { DatabaseStorageError, openDatabase } from '../../src-main/db/open';
import { idFor } from '../integration/helpers';
import { importFile } from '../integration/import-helpers';
import { rejection } from '../support/temp-db';
import { residentsCsv } from './import-residents-csv';

const ROOT = path.resolve(__dirname, '../..');
const isRoot = process.getuid?.() === 0;
const onLinux = process.platform === 'linux';
const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-l4-'));
const MOUNT = onLinux && isRoot && canMountTmpfs();
if (!isRoot) console.warn('L4: not root: the full-disk cases (a tmpfs filled up) are skipped; the read-only file is opened as this account');
else if (!MOUNT) console.warn('L4: root, but a tmpfs cannot be mounted here: the full-disk cases are skipped');
const SETPRIV = isRoot && has('setpriv');
const PRLIMIT = onLinux && has('prlimit');

afterAll(() => {
  unmountAll();
  fs.rmSync(work, { recursive: true, force: true });
});

const tmpfs = (sizeKb: number) => mountTmpfs(work, sizeKb, 'full-');

/** Fill the drive to the last byte; returns the filler to remove. */
function fill(dir: string): string {
  const filler = path.join(dir, 'filler');
  const { bavail, bsize } = fs.statfsSync(dir);
  fs.writeFileSync(filler, Buffer.alloc(bavail * bsize));
  expect(fs.statfsSync(dir).bavail).toBe(0);
  return filler;
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The CLI in a child process (async, so several run at once), optionally wrapped (prlimit, setpriv). */
function cli(args: string[], wrap: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const argv = [...wrap, 'npx', 'tsx', 'src-main/cli/main.ts', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env: { ...process.env, ELDERCARE_DB: '', npm_config_update_notifier: 'false', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const show = (label: string, text: string) => process.stdout.write(`── ${label}\n${text.trim()}\n`);

const FACILITY = { regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' } as const;

/** A database with one facility, closed. */
async function withFacility(file: string): Promise<void> {
  const db = openDatabase(file);
  try {
    await createCaller(db).facility.create(FACILITY);
  } finally {
    db.close();
  }
}

function noStorageNoise(text: string): void {
  expect(text).not.toContain('disk I/O error');
  expect(text).not.toContain('INTERNAL');
  expect(text).not.toContain('内部错误');
}

describe('L4: storage errors say what is wrong', () => {
  it.skipIf(!MOUNT)('a full disk (a 2 MB tmpfs filled up): an api write, an import commit, a backup and opening all say 磁盘已满', async () => {
    const dir = tmpfs(2048);
    const file = path.join(dir, 'eldercare.db');
    await withFacility(file);
    const db = openDatabase(file, { autoBackup: false });
    const api = createCaller(db);
    const filler = fill(dir);
    try {
      // A write through the api (2,000 beds: more pages than the WAL has room for).
      const write = await rejection(api.bed.add({ facilityId: 1, count: 2000, nursingCount: 0, labelPattern: 'F-{n}', inServiceFrom: '2020-01-01' }));
      show('api bed.add on a full disk', `${write.code} (${write.kind})\n${write.zh}\n${write.en}`);
      expect([write.code, write.kind]).toEqual(['DISK_FULL', 'storage']);
      expect(write.zh).toMatch(/^磁盘已满（.+ 仅剩 0 B 可用）/);
      expect(write.zh).toContain(file);
      expect(write.en).toMatch(/^The disk is full \(0 B free on /);
      noStorageNoise(`${write.zh}${write.en}`);

      // An import commit (in the import worker, on its own connection).
      const imported = await rejection(importFile(api, 'residents', 'residents.csv', residentsCsv(600)));
      show('import.commit on a full disk', `${imported.code}\n${imported.zh}\n${imported.en}`);
      expect(imported.code).toBe('DISK_FULL');
      expect(imported.zh).toMatch(/^磁盘已满/);
      noStorageNoise(`${imported.zh}${imported.en}`);
      expect((db.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBe(0);

      // A backup into the backups folder beside the database.
      const backup = await rejection(api.backup.create());
      show('backup.create on a full disk', `${backup.code} [${backup.field}]\n${backup.zh}\n${backup.en}`);
      expect([backup.code, backup.field]).toEqual(['DISK_FULL', 'folder']);
      expect(backup.zh).toMatch(/^磁盘已满.+备份未写入$/);
      noStorageNoise(`${backup.zh}${backup.en}`);
      expect(fs.readdirSync(backupsFolder(file))).toEqual([]);
    } finally {
      db.close();
    }

    // The app is closed and the disk fills up meanwhile (the usual way: nothing is open to
    // keep its -wal/-shm): the next start cannot even set up its shared memory file.
    fs.rmSync(filler);
    openDatabase(file, { autoBackup: false }).close();
    expect(fs.readdirSync(dir).sort()).toEqual(['backups', 'eldercare.db']);
    fill(dir);
    let opened: unknown;
    try {
      openDatabase(file, { autoBackup: false }).close();
    } catch (e) {
      opened = e;
    }
    expect(opened).toBeInstanceOf(DatabaseStorageError);
    const storage = opened as DatabaseStorageError;
    show(`openDatabase on a full disk (${storage.code})`, storage.message);
    expect(storage.storageProblem.code).toBe('DISK_FULL');
    expect(storage.message).toMatch(/^磁盘已满（.+ 仅剩 0 B 可用）.+\nThe disk is full/);
    noStorageNoise(storage.message);
    expect(fs.readdirSync(dir).sort()).toEqual(['backups', 'eldercare.db', 'filler']); // no -wal/-shm left behind
    const stats = await cli(['stats', '--db', file, '--date', '2026-10-31']);
    show(`cli stats on a full disk → exit ${stats.code}`, stats.err);
    expect(stats.code).toBe(1);
    expect(stats.err).toMatch(/^无法打开数据库（DISK_FULL）：磁盘已满（.+ 仅剩 0 B 可用）/);
    expect(stats.err).toMatch(/\nCannot open the database \(DISK_FULL\): The disk is full/);
    noStorageNoise(stats.err);

    // Creating a new one there.
    let created: unknown;
    try {
      openDatabase(path.join(dir, 'new.db')).close();
    } catch (e) {
      created = e;
    }
    expect(created).toBeInstanceOf(DatabaseStorageError);
    show('a new database on a full disk', (created as Error).message);
    expect((created as DatabaseStorageError).storageProblem.code).toBe('DISK_FULL');

    // Space again: everything saved before is there and opens.
    fs.rmSync(path.join(dir, 'filler'));
    const again = openDatabase(file, { autoBackup: false });
    try {
      expect((again.sqlite.prepare('SELECT name FROM facilities').all() as Array<{ name: string }>).map((r) => r.name)).toEqual([FACILITY.name]);
      expect(again.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      again.close();
    }
  }, 60_000);

  it.skipIf(!onLinux || (isRoot && !SETPRIV))('a 0444 database opened by another account (the CLI as nobody): 只读 before anything runs, no -wal/-shm left', async () => {
    const dir = fs.mkdtempSync(path.join(work, 'ro-'));
    const file = path.join(dir, 'eldercare.db');
    const theirs = path.join(dir, 'theirs.db');
    await withFacility(file);
    fs.copyFileSync(file, theirs);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(theirs, 0o644); // owned by this account (root): writable by it alone
    // The folder is writable by everyone: only the file's own mode stops the writes.
    fs.chmodSync(work, 0o755);
    fs.chmodSync(dir, 0o777);
    const home = fs.mkdtempSync(path.join(work, 'home-'));
    fs.chmodSync(home, 0o777);
    const bytes = fs.readFileSync(file);
    const asNobody = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const [readOnly, notMine] = await Promise.all([
      cli(['stats', '--db', file, '--date', '2026-10-31'], asNobody, { HOME: home }),
      isRoot ? cli(['stats', '--db', theirs, '--date', '2026-10-31'], asNobody, { HOME: home }) : Promise.resolve(undefined),
    ]);
    show(`cli stats, a 0444 file${isRoot ? ', as nobody' : ''} → exit ${readOnly.code}`, readOnly.err);
    expect(readOnly.code).toBe(1);
    expect(readOnly.err).toContain(`无法打开数据库（READ_ONLY）：文件为只读，无法写入，请取消该文件的只读属性`);
    expect(readOnly.err).toContain(`Cannot open the database (READ_ONLY): The file is read-only and cannot be written; clear its read-only attribute`);
    expect(readOnly.err).toContain(file);
    expect(readOnly.err).not.toContain('MIGRATION_FAILED');
    // Nothing was created beside it (no -wal, -shm, backups folder) and it is unchanged.
    expect(fs.readdirSync(dir).sort()).toEqual(['eldercare.db', 'theirs.db']);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    if (notMine) {
      show(`cli stats, another account's 0644 file, as nobody → exit ${notMine.code}`, notMine.err);
      expect(notMine.code).toBe(1);
      expect(notMine.err).toContain('无法打开数据库（NO_PERMISSION）：当前账户无权写入该文件');
      expect(notMine.err).not.toContain('只读');
      expect(fs.readdirSync(dir).sort()).toEqual(['eldercare.db', 'theirs.db']);
    }
  }, 60_000);

  it.skipIf(!PRLIMIT)('a file-size limit (prlimit --fsize=768K): an import and a backup say 文件大小限制, not 只读', async () => {
    // an empty store is over 512 KB since the exchange tables (0008–0010)
    const LIMIT = 768 * 1024;
    const dir = fs.mkdtempSync(path.join(work, 'fsize-'));
    // An empty register to import into (well under the limit) …
    const small = path.join(dir, 'small.db');
    openDatabase(small).close();
    expect(fs.statSync(small).size).toBeLessThan(LIMIT);
    const csv = path.join(dir, 'residents.csv');
    fs.writeFileSync(csv, residentsCsv(1000));
    // … and one whose copy is larger than the limit, to back up.
    const big = path.join(dir, 'big.db');
    await withFacility(big);
    {
      const db = openDatabase(big, { autoBackup: false });
      try {
        const api = createCaller(db);
        for (let i = 0; i < 3; i++) await api.bed.add({ facilityId: 1, count: 2000, nursingCount: 0, labelPattern: `B${i}-{n}`, inServiceFrom: '2020-01-01' });
        await api.resident.create({ name: '已保存的老人', idNumber: idFor(901) });
      } finally {
        db.close();
      }
    }
    expect(fs.statSync(big).size).toBeGreaterThan(LIMIT);
    const out = path.join(dir, 'usb');
    fs.mkdirSync(out);
    const limited = ['prlimit', `--fsize=${LIMIT}`, '--'];
    const [imported, backup] = await Promise.all([
      cli(['import', 'residents', csv, '--db', small], limited),
      cli(['backup', '--db', big, '--out', out], limited),
    ]);

    show(`cli import under --fsize=${LIMIT} → exit ${imported.code}`, imported.out + imported.err);
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/^文件已达到系统的文件大小限制（本程序最多可写 768 KB 的文件）/);
    expect(imported.err).toContain("The file reached the system's file-size limit");
    expect(imported.err).toContain('[FILE_TOO_LARGE]');
    expect(imported.err).not.toContain('只读');
    expect(imported.err).not.toMatch(/read-only/i);
    noStorageNoise(imported.err);
    const db = openDatabase(small, { autoBackup: false });
    try {
      expect((db.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }

    show(`cli backup under --fsize=${LIMIT} → exit ${backup.code}`, backup.out + backup.err);
    expect(backup.code).toBe(1);
    // The daily automatic backup on open failed the same way, and says so first.
    expect(backup.err).toMatch(/^自动备份失败：文件已达到系统的文件大小限制.+ \/ The automatic backup failed: The file reached the system's file-size limit/);
    expect(backup.err).toMatch(/\n文件已达到系统的文件大小限制（本程序最多可写 768 KB 的文件）.+备份未写入\n/);
    expect(backup.err).toContain('[FILE_TOO_LARGE folder]');
    expect(backup.err).not.toContain('只读');
    expect(backup.err).not.toMatch(/read-only/i);
    noStorageNoise(backup.err);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 60_000);
});
