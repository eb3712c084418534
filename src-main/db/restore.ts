/**
 * Restore from a backup file: first a preview of what the file holds (and whether it is a
 * sound eldercare database this version can open), then — only for a valid file — a safety
 * backup of the current database, a staged copy migrated to the current schema and
 * verified, and finally the staged copy put in place: copied into the live file in one
 * transaction (so a running app and its WAL see it as one commit), or by rename when there is
 * no current file. A refused file changes nothing.
 *
 * The staged copy is written encrypted with this database's key from its first byte (the
 * backup is read — plain if it predates encryption, or with its own key — and copied into a
 * keyed attached file), so a restore killed at any point leaves no plain copy; a staged file
 * a killed restore left is removed by the next open (open.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors';
import { backupNow, checkFile, localStamp } from './backup';
import { attachKeyed, connect, copyIntoNewFile, fileHeader, mayBeEncryptedDatabase, isNotADatabase, isPlainSqlite, SQLITE_HEADER, type Sqlite } from './connection';
import { copyContents } from './copy-contents';
import { currentKey, type DbKey } from './db-key';
import { openDatabase, defaultMigrationsFolder, type AppDb } from './open';
import { moveAside, probeDatabase } from './recovery';

type Text = { zh: string; en: string };

export interface BackupPreview {
  file: string;
  sizeBytes: number;
  modifiedAt: string | null;
  valid: boolean;
  /** Why it cannot be restored. */
  problem?: Text & { code: string };
  /** Migrations applied in the file, and how many this version of the app has. */
  schemaVersion: number | null;
  appSchemaVersion: number;
  counts: { facilities: number; beds: number; residents: number; stays: number } | null;
  /** The newest audit-log entry: the last change made through the app. */
  lastChange: string | null;
}

const REQUIRED_TABLES = ['facilities', 'beds', 'residents', 'stays', 'audit_log', '__drizzle_migrations'] as const;

function journalLength(migrationsFolder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** The key a backup file is read with: none for a plain one (made before encryption). */
function keyToRead(file: string, key: DbKey): DbKey | null {
  return isPlainSqlite(file) ? null : key;
}

/**
 * What a backup file holds, read without changing it. `key` is the key it should be
 * encrypted with (this database's, or the recovery key of the PC it comes from).
 */
export function inspectBackup(file: string, migrationsFolder = defaultMigrationsFolder(), key: DbKey = currentKey()): BackupPreview {
  const appSchemaVersion = journalLength(migrationsFolder);
  const base: BackupPreview = { file, sizeBytes: 0, modifiedAt: null, valid: false, schemaVersion: null, appSchemaVersion, counts: null, lastChange: null };
  const refuse = (code: string, zh: string, en: string): BackupPreview => ({ ...base, problem: { code, zh, en } });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return refuse('BACKUP_NOT_FOUND', `找不到文件：${file}`, `File not found: ${file}`);
  }
  if (!stat.isFile()) return refuse('BACKUP_NOT_A_FILE', `不是文件：${file}`, `Not a file: ${file}`);
  base.sizeBytes = stat.size;
  base.modifiedAt = stat.mtime.toISOString();
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return refuse('BACKUP_UNREADABLE', `无法读取该文件（${msg}），未做任何更改`, `Cannot read the file (${msg}); nothing was changed`);
  }
  const header = fileHeader(file);
  if (header !== SQLITE_HEADER && !mayBeEncryptedDatabase(file))
    return refuse('BACKUP_NOT_SQLITE', '该文件不是数据库备份（不是 SQLite 文件），未做任何更改', 'The file is not a database backup (not an SQLite file); nothing was changed');
  if (header !== SQLITE_HEADER) {
    // An encrypted file looks like random bytes: whether it is a backup at all shows only
    // when a key opens it.
    let opens = false;
    try {
      const probe = connect(file, key, { readonly: true, fileMustExist: true });
      try {
        probe.prepare('SELECT count(*) FROM sqlite_master').get();
        opens = true;
      } finally {
        probe.close();
      }
    } catch (e) {
      // damage beyond the first page: the key is right, the check below reports the damage
      if (String((e as { code?: unknown }).code).startsWith('SQLITE_CORRUPT')) opens = true;
      else if (!isNotADatabase(e)) {
        const msg = e instanceof Error ? e.message : String(e);
        return refuse('BACKUP_UNREADABLE', `无法读取该文件（${msg}），未做任何更改`, `Cannot read the file (${msg}); nothing was changed`);
      }
    }
    if (!opens)
      return refuse(
        'BACKUP_OTHER_KEY',
        '本机的密钥打不开该文件：它不是本数据库的备份，或来自另一台电脑（可用那台电脑的恢复密钥恢复：cli restore … --recovery-key）。未做任何更改',
        "This PC's key does not open the file: it is not a backup of this database, or it comes from another PC (restore it with that PC's recovery key: cli restore … --recovery-key). Nothing was changed",
      );
  }
  const readKey = keyToRead(file, key);
  const problems = checkFile(file, true, key);
  if (problems.length > 0)
    return refuse('BACKUP_DAMAGED', `该备份文件已损坏，不能恢复（${problems[0]}）`, `The backup file is damaged and cannot be restored (${problems[0]})`);
  const raw = connect(file, readKey, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      return refuse(
        'BACKUP_NOT_ELDERCARE',
        `该文件不是本系统的数据库（缺少 ${missing.join('、')}），未做任何更改`,
        `The file is not a database of this app (missing ${missing.join(', ')}); nothing was changed`,
      );
    const count = (t: string) => (raw.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
    base.schemaVersion = count('__drizzle_migrations');
    base.counts = { facilities: count('facilities'), beds: count('beds'), residents: count('residents'), stays: count('stays') };
    base.lastChange = (raw.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string | null }).at;
    if (base.schemaVersion > appSchemaVersion)
      return refuse(
        'BACKUP_TOO_NEW',
        `该备份来自更新版本的软件（数据库版本 ${base.schemaVersion}，本软件支持到 ${appSchemaVersion}），请先升级软件`,
        `The backup comes from a newer version of the app (schema ${base.schemaVersion}; this version knows ${appSchemaVersion}); upgrade first`,
      );
    return { ...base, valid: true };
  } finally {
    raw.close();
  }
}

export interface RestoreOutcome {
  preview: BackupPreview;
  /** The copy of the database as it was just before the restore (null when there was none). */
  safetyBackup: string | null;
  /** Where a damaged current file was moved (null when it was sound or absent). */
  movedAside: string | null;
}

export interface RestoreOptions {
  dbFile: string;
  from: string;
  migrationsFolder?: string;
  /** The app's open handle on dbFile, when it is running in this process. */
  live?: AppDb;
  /** The database's key (default: the live handle's, else db-key.ts's). */
  key?: DbKey;
  /** The key the backup is encrypted with, when it comes from another PC (its recovery key). */
  fromKey?: DbKey;
}

/**
 * Copy the backup `from` into a new file `staged` encrypted with `key`: read through a
 * connection to the backup (plain, or with its own key) that attaches the staged file keyed.
 */
function stageEncrypted(from: string, fromKey: DbKey | null, staged: string, key: DbKey): void {
  copyIntoNewFile(from, fromKey, staged, key, (sqlite, src, main) => copyContents(sqlite, src, main, { createSchema: true }));
  fs.chmodSync(staged, 0o600);
}

/** The restored contents into the open database `into`, as one transaction. */
function copyInto(into: Sqlite, staged: string, key: DbKey): void {
  attachKeyed(into, staged, 'restored', key);
  try {
    copyContents(into, 'restored', 'main');
  } finally {
    into.exec('DETACH DATABASE restored');
  }
}

function refusal(preview: BackupPreview): AppError {
  const p = preview.problem!;
  return new AppError({ code: p.code, kind: 'validation', field: 'file', zh: p.zh, en: p.en });
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreOutcome> {
  const dbFile = path.resolve(options.dbFile);
  const from = path.resolve(options.from);
  const migrationsFolder = options.migrationsFolder ?? options.live?.migrationsFolder ?? defaultMigrationsFolder();
  const key = options.key ?? options.live?.key ?? currentKey();
  const fromKey = options.fromKey ?? key;
  const preview = inspectBackup(from, migrationsFolder, fromKey);
  if (!preview.valid) throw refusal(preview);
  if (from === dbFile)
    throw new AppError({ code: 'BACKUP_IS_CURRENT', kind: 'validation', field: 'file', zh: '不能用当前数据库文件自身来恢复', en: 'Cannot restore the current database from itself' });

  // Stage a copy beside the database (so the final rename stays on one disk), migrated to
  // this version's schema and checked, before anything current is touched.
  const staged = `${dbFile}.restore-${localStamp(new Date())}-${process.pid}.tmp`;
  // a read-only look at a WAL-mode file leaves empty -wal/-shm beside it
  const removeCompanions = () => {
    for (const s of ['-wal', '-shm']) fs.rmSync(staged + s, { force: true });
  };
  const removeStaged = () => {
    fs.rmSync(staged, { force: true });
    removeCompanions();
  };
  try {
    stageEncrypted(from, keyToRead(from, fromKey), staged, key);
    openDatabase(staged, { migrationsFolder, autoBackup: false, backupBeforeMigrate: false, checkIntegrity: false, key }).close();
    const problems = checkFile(staged, true, key);
    removeCompanions();
    if (problems.length > 0) throw new Error(`the staged copy failed its integrity check: ${problems[0]}`);
  } catch (e) {
    removeStaged();
    throw e;
  }

  try {
    let safetyBackup: string | null = null;
    let movedAside: string | null = null;
    if (options.live) {
      safetyBackup = backupNow(options.live.sqlite, dbFile, 'pre-restore', key);
    } else {
      const probe = probeDatabase(dbFile, key);
      if (probe.state === 'damaged') movedAside = moveAside(dbFile);
      else if (probe.state === 'unreadable') throw new Error(`the current database cannot be read (${probe.message}); nothing was changed`);
      else if (probe.state === 'sound') {
        const cur = connect(dbFile, key, { fileMustExist: true });
        try {
          safetyBackup = backupNow(cur, dbFile, 'pre-restore', key);
        } finally {
          cur.close();
        }
      }
    }

    if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0) {
      // Into the current file as one write transaction: other connections (the running
      // app) see the old database or the restored one, never a mixture.
      if (options.live) copyInto(options.live.sqlite, staged, key);
      else {
        const cur = connect(dbFile, key, { fileMustExist: true });
        try {
          cur.pragma('busy_timeout = 5000');
          copyInto(cur, staged, key);
        } finally {
          cur.close();
        }
      }
      removeStaged();
    } else {
      for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + s, { force: true });
      fs.renameSync(staged, dbFile);
      removeCompanions();
    }
    return { preview, safetyBackup, movedAside };
  } catch (e) {
    removeStaged();
    throw e;
  }
}
