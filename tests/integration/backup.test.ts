/**
 * Backups, restore and recovery on real files: verified copies, the automatic and
 * pre-migration backups, rotation, the preview, restores that refuse bad files and change
 * nothing, and a damaged database moved aside at start and restored from its backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rawDb } from '../support/raw-db';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { backupCommand, restoreCommand } from '../../src-main/cli/backup-commands';
import { backupFileName, backupOnline, backupsFolder, checkFile, listBackups, rotateBackups } from '../../src-main/db/backup';
import { DatabaseDamagedError, DatabaseOpenError, defaultMigrationsFolder, openDatabase, type AppDb } from '../../src-main/db/open';
import { inspectBackup, restoreDatabase } from '../../src-main/db/restore';
import { freshDb, rejection, snapshot, tempDir } from '../support/temp-db';
import { idFor } from './helpers';
import { citySecret } from '../../src-main/db/city-secret';
import { residentUid } from '../../src-main/domain/resident-uid';

async function register(db: AppDb, residents = 3) {
  const api = createCaller(db);
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const beds = await api.bed.add({ facilityId: f.id, count: residents + 2, nursingCount: 1, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
  for (let i = 0; i < residents; i++) {
    const r = await api.resident.create({ name: `备份测试${i}`, idNumber: idFor(100 + i) });
    await api.stay.admit({ residentId: r.id, bedId: beds[i]!.id, admittedOn: '2026-01-01' });
  }
  return { api, f, beds };
}

function count(file: string, table: string): number {
  const raw = rawDb(file, { readonly: true, fileMustExist: true });
  try {
    return (raw.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

/** Overwrite the middle third of a (closed) database file with seeded garbage. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const start = Math.floor(size / 3 / 4096) * 4096;
  const garbage = Buffer.alloc(Math.floor(size / 3));
  let x = 12345;
  for (let i = 0; i < garbage.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    garbage[i] = x & 0xff;
  }
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, garbage, 0, garbage.length, start);
  fs.closeSync(fd);
}

/** Rows written with plain SQL, for a database at an older schema than the services know. */
function rawRegister(db: AppDb, residents: number): void {
  const f = db.sqlite
    .prepare("INSERT INTO facilities (region_code, name, kind, ownership) VALUES ('520602', '旧版机构', 'nursing_home', 'public')")
    .run().lastInsertRowid;
  // From schema 0005 on, a resident row needs its uid (the keyed hash of the ID number).
  const hasUid = (db.sqlite.prepare('PRAGMA table_info(residents)').all() as { name: string }[]).some((c) => c.name === 'uid');
  for (let i = 0; i < residents; i++) {
    const idNumber = idFor(200 + i);
    if (hasUid)
      db.sqlite
        .prepare("INSERT INTO residents (name, id_number, birth_date, sex, uid) VALUES (?, ?, '1940-01-01', 'male', ?)")
        .run(`旧版${i}`, idNumber, residentUid(citySecret(db.sqlite), idNumber));
    else db.sqlite.prepare("INSERT INTO residents (name, id_number, birth_date, sex) VALUES (?, ?, '1940-01-01', 'male')").run(`旧版${i}`, idNumber);
  }
  db.sqlite.prepare("INSERT INTO beds (facility_id, label, care_type, in_service_from) VALUES (?, '1', 'nursing', '2020-01-01')").run(f);
}

/** A copy of drizzle/ without its last migration: a database "from the previous version". */
function previousMigrations(): string {
  const src = defaultMigrationsFolder();
  const dir = path.join(tempDir(), 'drizzle');
  fs.cpSync(src, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries.pop();
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('making a backup', () => {
  it('writes a verified copy through the online backup API, with no temporary file left', async () => {
    const { db, dir } = freshDb();
    await register(db, 4);
    const dest = path.join(dir, 'copy.db');
    await backupOnline(db.sqlite, dest);
    expect(checkFile(dest)).toEqual([]);
    expect(count(dest, 'residents')).toBe(4);
    expect(count(dest, 'stays')).toBe(4);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('refuses a folder that does not exist or is a file, and a relative path, naming the field', async () => {
    const { db, dir } = freshDb();
    const api = createCaller(db);
    fs.writeFileSync(path.join(dir, 'plain.txt'), 'x');
    const missing = await rejection(api.backup.create({ folder: path.join(dir, 'nope') }));
    expect([missing.code, missing.field]).toEqual(['FOLDER_NOT_FOUND', 'folder']);
    const underFile = await rejection(api.backup.create({ folder: path.join(dir, 'plain.txt', 'sub') }));
    expect(underFile.code).toBe('FOLDER_NOT_FOUND');
    const relative = await rejection(api.backup.create({ folder: 'usb/backups' }));
    expect([relative.code, relative.field]).toEqual(['PATH_NOT_ABSOLUTE', 'folder']);
    expect(relative.zh).toContain('完整路径');
  });

  it('backs up to a chosen folder through the api, lists the backups folder, and audits it', async () => {
    const { db, dir } = freshDb();
    await register(db, 2);
    const api = createCaller(db);
    const usb = path.join(dir, 'usb');
    fs.mkdirSync(usb);
    const made = await api.backup.create({ folder: usb });
    expect(path.dirname(made.file)).toBe(usb);
    expect(path.basename(made.file)).toMatch(/^test-\d{8}-\d{6}-manual\.db$/);
    expect(checkFile(made.file)).toEqual([]);
    const inFolder = await api.backup.create({});
    const list = await api.backup.list();
    expect(list.folder).toBe(backupsFolder(db.file));
    expect(list.backups.map((b) => b.file)).toEqual([inFolder.file]);
    expect(count(db.file, 'audit_log')).toBeGreaterThan(0);
    const audited = db.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'backup.create'").get() as { n: number };
    expect(audited.n).toBe(2);
  });
});

describe('automatic backups', () => {
  it('on open when the newest is over a day old, not for a new file, not twice a day', async () => {
    const { db, file } = freshDb();
    expect(listBackups(file)).toEqual([]); // a brand-new file has nothing to keep
    await register(db, 1);
    db.close();
    const again = openDatabase(file);
    expect(again.autoBackup?.file).toBeDefined();
    again.close();
    const backups = listBackups(file);
    expect(backups.map((b) => b.kind)).toEqual(['auto']);
    expect(count(backups[0]!.file, 'residents')).toBe(1);
    openDatabase(file).close();
    expect(listBackups(file)).toHaveLength(1);
    // the only backup is two days old: due again
    const old = backupFileName(file, 'auto', new Date(Date.now() - 2 * 86400_000), backupsFolder(file));
    fs.renameSync(backups[0]!.file, old);
    openDatabase(file).close();
    expect(listBackups(file).map((b) => b.kind)).toEqual(['auto', 'auto']);
  });

  it('before a migration changes a file that holds data, a verified pre-migrate copy at the old version', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'eldercare.db');
    const previous = previousMigrations();
    const old = openDatabase(file, { migrationsFolder: previous });
    rawRegister(old, 2);
    old.close();
    const appVersion = inspectBackup(file).appSchemaVersion;
    const db = openDatabase(file);
    db.close();
    const pre = listBackups(file).filter((b) => b.kind === 'pre-migrate');
    expect(pre).toHaveLength(1);
    const p = inspectBackup(pre[0]!.file);
    expect(p.valid).toBe(true);
    expect(p.schemaVersion).toBe(appVersion - 1);
    expect(p.counts?.residents).toBe(2);
    expect(inspectBackup(file).schemaVersion).toBe(appVersion);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(previous), { recursive: true, force: true });
  });

  it('rotation deletes old automatic backups only, and stale half-written copies', async () => {
    const { db, file } = freshDb();
    const folder = backupsFolder(file);
    fs.mkdirSync(folder, { recursive: true });
    const now = new Date(2026, 10, 28, 12);
    for (let i = 0; i < 60; i++) fs.writeFileSync(backupFileName(file, 'auto', new Date(2026, 10, 28 - i, 9), folder), '');
    const safety = backupFileName(file, 'pre-restore', new Date(2025, 0, 1, 9), folder);
    fs.writeFileSync(safety, '');
    const stale = path.join(folder, 'test-20250101-090000-auto.db.tmp-99999');
    fs.writeFileSync(stale, '');
    fs.utimesSync(stale, new Date(2025, 0, 1), new Date(2025, 0, 1));
    const deleted = rotateBackups(file, now);
    // 7 days + the weeks of Nov 15 and Nov 8 + Oct, Sep (the newest of each month in 60 days)
    expect(listBackups(file).filter((b) => b.kind === 'auto')).toHaveLength(60 - deleted.length);
    expect(60 - deleted.length).toBe(7 + 2 + 2);
    expect(fs.existsSync(safety)).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
    db.close();
  });
});

describe('preview and restore', () => {
  it('previews counts, last change and schema version', async () => {
    const { db, dir } = freshDb();
    await register(db, 3);
    const dest = path.join(dir, 'b.db');
    await backupOnline(db.sqlite, dest);
    const p = await createCaller(db).backup.preview({ file: dest });
    expect(p.valid).toBe(true);
    expect(p.counts).toEqual({ facilities: 1, beds: 5, residents: 3, stays: 3 });
    expect(p.schemaVersion).toBe(p.appSchemaVersion);
    const last = db.sqlite.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string };
    expect(p.lastChange).toBe(last.at);
  });

  it('refuses a file that is not a valid eldercare database, with a clear message, and changes nothing', async () => {
    const { db, dir } = freshDb();
    await register(db, 2);
    const api = createCaller(db);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'hello, not a database');
    const other = path.join(dir, 'other.db');
    const o = rawDb(other);
    o.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
    o.close();
    const damaged = path.join(dir, 'damaged.db');
    await backupOnline(db.sqlite, damaged);
    damage(damaged);
    const newer = path.join(dir, 'newer.db');
    await backupOnline(db.sqlite, newer);
    const n = rawDb(newer);
    n.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 9999999999999)").run();
    n.close();

    const before = snapshot(db);
    const cases: Array<[string, string]> = [
      [path.join(dir, 'missing.db'), 'BACKUP_NOT_FOUND'],
      [dir, 'BACKUP_NOT_A_FILE'],
      [text, 'BACKUP_NOT_SQLITE'],
      [other, 'BACKUP_NOT_ELDERCARE'],
      [damaged, 'BACKUP_DAMAGED'],
      [newer, 'BACKUP_TOO_NEW'],
      [db.file, 'BACKUP_IS_CURRENT'],
    ];
    for (const [file, code] of cases) {
      const err = await rejection(api.backup.restore({ file }));
      expect([err.code, err.field]).toEqual([code, 'file']);
      expect(err.zh.length).toBeGreaterThan(4);
    }
    expect(snapshot(db)).toEqual(before);
    expect(listBackups(db.file)).toEqual([]); // not even a safety copy
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('restores into the running database: a safety copy first, then the backup’s data, audited', async () => {
    const { db, dir } = freshDb();
    const { api } = await register(db, 2);
    const dest = path.join(dir, 'before-third.db');
    await backupOnline(db.sqlite, dest);
    await api.resident.create({ name: '后来登记', idNumber: idFor(300) });
    expect(count(db.file, 'residents')).toBe(3);

    const outcome = await api.backup.restore({ file: dest });
    // the running handle sees the restored data at once
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBe(2);
    const list = await api.resident.list({});
    expect(list.total).toBe(2);
    expect(outcome.safetyBackup).not.toBeNull();
    expect(count(outcome.safetyBackup!, 'residents')).toBe(3);
    expect(listBackups(db.file).map((b) => b.kind)).toEqual(['pre-restore']);
    const row = db.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'backup.restore'").get() as { after: string };
    expect(JSON.parse(row.after)).toMatchObject({ from: dest, safetyBackup: outcome.safetyBackup });
    // and it keeps working: writes after the restore land
    await api.resident.create({ name: '恢复后登记', idNumber: idFor(301) });
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(count(db.file, 'residents')).toBe(3);
  });

  it('restores an older-version backup and migrates it to the current schema', async () => {
    const dir = tempDir();
    const previous = previousMigrations();
    const oldFile = path.join(dir, 'old.db');
    const old = openDatabase(oldFile, { migrationsFolder: previous });
    rawRegister(old, 2);
    old.close();
    const { db } = freshDb();
    const outcome = await restoreDatabase({ dbFile: db.file, from: oldFile, live: db });
    expect(outcome.preview.schemaVersion).toBe(outcome.preview.appSchemaVersion - 1);
    expect(inspectBackup(db.file).schemaVersion).toBe(outcome.preview.appSchemaVersion);
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(previous), { recursive: true, force: true });
  });
});

describe('recovery at start', () => {
  it('backup → damage the file → start refuses and moves it aside → restore: the data is back, the damaged file kept', async () => {
    const { db, file, dir } = freshDb();
    await register(db, 5);
    db.close();
    openDatabase(file).close(); // the daily automatic backup
    const [good] = listBackups(file);
    expect(good?.kind).toBe('auto');
    // more work after the backup, left in the WAL, then the main file is damaged
    const live = openDatabase(file);
    await createCaller(live).resident.create({ name: '备份之后', idNumber: idFor(400) });
    live.close();
    fs.writeFileSync(`${file}-wal`, 'a WAL left by a crash');
    damage(file);

    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    const damaged = err as DatabaseDamagedError;
    expect(damaged.code).toBe('DAMAGED');
    expect(damaged.newestBackup).toBe(good!.file);
    expect(damaged.message).toContain(damaged.movedTo);
    expect(damaged.message).toContain('已损坏');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(damaged.movedTo)).toBe(true);
    expect(fs.readFileSync(`${damaged.movedTo}-wal`, 'utf8')).toBe('a WAL left by a crash');

    const outcome = await restoreDatabase({ dbFile: file, from: damaged.newestBackup! });
    expect(outcome.safetyBackup).toBeNull(); // nothing sound to keep: it was moved aside
    const back = openDatabase(file);
    try {
      expect(back.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const names = (back.sqlite.prepare('SELECT name FROM residents ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name);
      expect(names).toEqual(['备份测试0', '备份测试1', '备份测试2', '备份测试3', '备份测试4']);
    } finally {
      back.close();
    }
    expect(fs.existsSync(damaged.movedTo)).toBe(true);
    expect(damaged.message.split('\n').length).toBeLessThan(10); // SQLite's findings shortened
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp') || n.includes('.restore-'))).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.damaged-'))).toEqual(
      expect.arrayContaining([path.basename(damaged.movedTo), `${path.basename(damaged.movedTo)}-wal`]),
    );
  });

  it('a file that is not a database at all is moved aside too, and the message says there is no backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'eldercare.db');
    fs.writeFileSync(file, 'x'.repeat(10000));
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    expect((err as DatabaseDamagedError).newestBackup).toBeUndefined();
    expect((err as Error).message).toContain('没有找到完好的备份');
    expect(fs.readFileSync((err as DatabaseDamagedError).movedTo, 'utf8')).toBe('x'.repeat(10000));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a path it cannot open (a folder) is an open failure and is not moved', () => {
    const dir = tempDir();
    const file = path.join(dir, 'eldercare.db');
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'keep.txt'), 'x');
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect(err).not.toBeInstanceOf(DatabaseDamagedError);
    expect(fs.existsSync(path.join(file, 'keep.txt'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the CLI commands (backup, restore)', () => {
  it('backup --out FOLDER writes a verified copy; an existing file is not overwritten', async () => {
    const { db, dir, file } = freshDb();
    await register(db, 2);
    db.close();
    const text = await backupCommand(file, dir);
    const written = /: (\S+\.db)\n/.exec(text)![1]!;
    expect(path.dirname(written)).toBe(dir);
    expect(checkFile(written)).toEqual([]);
    expect(text).toContain('老人 2');
    const err = await rejection(backupCommand(file, written));
    expect(err.zh).toContain('文件已存在');
  });

  it('restore --from a file that is not a database says so and changes nothing', async () => {
    const { db, dir, file } = freshDb();
    await register(db, 2);
    db.close();
    const before = fs.readFileSync(file);
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'not a database');
    const err = await rejection(restoreCommand(file, notes));
    expect([err.code, err.field]).toEqual(['BACKUP_NOT_SQLITE', 'file']);
    expect(err.zh).toContain('未做任何更改');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(file)).toEqual([]);
  });

  it('restore --from a backup keeps a safety copy of the current database first', async () => {
    const { db, dir, file } = freshDb();
    const { api } = await register(db, 2);
    const copy = path.join(dir, 'copy.db');
    await backupOnline(db.sqlite, copy);
    await api.resident.create({ name: '备份之后', idNumber: idFor(600) });
    db.close();
    const text = await restoreCommand(file, copy);
    const safety = listBackups(file).find((b) => b.kind === 'pre-restore')!;
    expect(text).toContain(safety.file);
    expect(count(safety.file, 'residents')).toBe(3);
    expect(count(file, 'residents')).toBe(2);
  });
});
