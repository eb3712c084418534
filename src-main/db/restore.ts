/**
 * Restore from a backup file: first a preview of what the file holds (and whether it is a
 * sound eldercare database this version can open), then — only for a valid file — a safety
 * backup of the current database, a staged copy migrated to the current schema and
 * verified, and finally the staged copy put in place: through SQLite's backup API into the
 * live file (so a running app and its WAL see it as one commit), or by rename when there is
 * no current file. A refused file changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../domain/errors';
import { backupNow, checkFile, localStamp } from './backup';
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
const SQLITE_HEADER = 'SQLite format 3\0';

function journalLength(migrationsFolder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

function readHeader(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** What a backup file holds, read without changing it. */
export function inspectBackup(file: string, migrationsFolder = defaultMigrationsFolder()): BackupPreview {
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
  let header: string;
  try {
    header = readHeader(file);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return refuse('BACKUP_UNREADABLE', `无法读取该文件（${msg}），未做任何更改`, `Cannot read the file (${msg}); nothing was changed`);
  }
  if (header !== SQLITE_HEADER)
    return refuse('BACKUP_NOT_SQLITE', '该文件不是数据库备份（不是 SQLite 文件），未做任何更改', 'The file is not a database backup (not an SQLite file); nothing was changed');
  const problems = checkFile(file, true);
  if (problems.length > 0)
    return refuse('BACKUP_DAMAGED', `该备份文件已损坏，不能恢复（${problems[0]}）`, `The backup file is damaged and cannot be restored (${problems[0]})`);
  const raw = new Database(file, { readonly: true, fileMustExist: true });
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
}

function refusal(preview: BackupPreview): AppError {
  const p = preview.problem!;
  return new AppError({ code: p.code, kind: 'validation', field: 'file', zh: p.zh, en: p.en });
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreOutcome> {
  const dbFile = path.resolve(options.dbFile);
  const from = path.resolve(options.from);
  const migrationsFolder = options.migrationsFolder ?? options.live?.migrationsFolder ?? defaultMigrationsFolder();
  const preview = inspectBackup(from, migrationsFolder);
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
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      src.prepare('VACUUM INTO ?').run(staged);
    } finally {
      src.close();
    }
    openDatabase(staged, { migrationsFolder, autoBackup: false, backupBeforeMigrate: false, checkIntegrity: false }).close();
    const problems = checkFile(staged, true);
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
      safetyBackup = backupNow(options.live.sqlite, dbFile, 'pre-restore');
    } else {
      const probe = probeDatabase(dbFile);
      if (probe.state === 'damaged') movedAside = moveAside(dbFile);
      else if (probe.state === 'unreadable') throw new Error(`the current database cannot be read (${probe.message}); nothing was changed`);
      else if (probe.state === 'sound') {
        const cur = new Database(dbFile, { fileMustExist: true });
        try {
          safetyBackup = backupNow(cur, dbFile, 'pre-restore');
        } finally {
          cur.close();
        }
      }
    }

    if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0) {
      // Into the current file as one write transaction: other connections (the running
      // app) see the old database or the restored one, never a mixture.
      const src = new Database(staged, { readonly: true, fileMustExist: true });
      try {
        await src.backup(dbFile, { progress: () => 0x7fffffff });
      } finally {
        src.close();
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
