/**
 * Backups: a consistent copy of the live WAL database written to a temporary name, checked
 * (quick_check and integrity_check on the copy), flushed to disk, then renamed into place.
 * Never copy the live file itself. Every copy is made by `VACUUM INTO` on the keyed
 * connection, so it is encrypted with the same key (SQLite's online backup API cannot write
 * an encrypted target, and would otherwise make a plain one). Backups made before
 * encryption are encrypted in place by the rotation (encryptPlainBackups).
 *
 * Backups live in `backups/` beside the database, named `<db name>-<YYYYMMDD-HHmmss>-<kind>.db`
 * in local time. Automatic ones rotate (backup-rotation.ts); safety copies are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupsToDelete, fromTheFuture } from './backup-rotation';
import { connect, isPlainSqlite, type Sqlite } from './connection';
import { currentKey, type DbKey } from './db-key';
import { encryptPlainFile } from './encrypt-plain';
import { sweepFolder } from './leftovers';
import { storeIdOf, storeIdOfFile } from './store-identity';
import { storageProblem, type StorageProblem } from './storage-errors';

export const BACKUP_DIR_NAME = 'backups';
export const BACKUP_KINDS = ['auto', 'pre-migrate', 'pre-restore', 'pre-encrypt', 'manual'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A backup is due when the newest one is older than this. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface BackupEntry {
  file: string;
  name: string;
  kind: BackupKind;
  /** When it was made (ISO, from its name). */
  at: string;
  sizeBytes: number;
}

export function backupsFolder(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), BACKUP_DIR_NAME);
}

function stemOf(dbFile: string): string {
  return path.basename(dbFile).replace(/\.(db|sqlite3?)$/i, '');
}

const pad = (n: number) => String(n).padStart(2, '0');
export function localStamp(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/** A free name for a new backup of dbFile in folder. */
export function backupFileName(dbFile: string, kind: BackupKind, at: Date, folder: string): string {
  const base = `${stemOf(dbFile)}-${localStamp(at)}-${kind}`;
  let candidate = path.join(folder, `${base}.db`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(folder, `${base}-${n}.db`);
  return candidate;
}

const NAME = /^(.+)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(auto|pre-migrate|pre-restore|pre-encrypt|manual)(?:-\d+)?\.db$/;

/** The backups of dbFile in a folder (its own backups folder by default), newest first. */
export function listBackups(dbFile: string, folder = backupsFolder(dbFile)): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const stem = stemOf(dbFile);
  const out: BackupEntry[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m || m[1] !== stem) continue;
    const [, , y, mo, d, h, mi, s, kind] = m;
    const at = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const file = path.join(folder, name);
    let sizeBytes: number;
    try {
      sizeBytes = fs.statSync(file).size;
    } catch {
      continue; // removed meanwhile
    }
    out.push({ file, name, kind: kind as BackupKind, at: at.toISOString(), sizeBytes });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.name.localeCompare(a.name)));
}

/**
 * What SQLite's own checks say about a file, on a read-only handle that changes nothing:
 * [] when sound. `full` runs integrity_check after quick_check (slower, also checks indexes).
 * An encrypted file is read with `key`; a plain one (made before encryption) without.
 */
export function checkFile(file: string, full = true, key: DbKey = currentKey()): string[] {
  let raw: Sqlite;
  try {
    raw = connect(file, isPlainSqlite(file) ? null : key, { readonly: true, fileMustExist: true });
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
  try {
    const run = (pragma: 'quick_check' | 'integrity_check') =>
      (raw.pragma(pragma) as Array<Record<string, string>>).map((r) => Object.values(r)[0]!).filter((m) => m !== 'ok');
    const quick = run('quick_check');
    if (quick.length > 0 || !full) return quick;
    return run('integrity_check');
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  } finally {
    raw.close();
  }
}

export class BackupVerifyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The backup copy failed its integrity check and was not kept: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'BackupVerifyError';
  }
}

/** Flush to disk; 'r+' because Windows refuses to flush a handle opened read-only. */
function fsyncFile(file: string, flags = 'r+'): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir, 'r');
  } catch {
    // not every platform lets a folder be opened (Windows); the rename is still atomic
  }
}

function removeCompanions(file: string): void {
  for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(file + s, { force: true });
}

/**
 * Make the copy at tmp a standalone file (rollback journal, so no -wal/-shm travel with it),
 * verify it, flush it, and rename it to dest.
 */
function keep(tmp: string, dest: string, key: DbKey): void {
  fs.chmodSync(tmp, 0o600);
  if (isPlainSqlite(tmp)) throw new Error('the copy came out unencrypted; it was not kept');
  const copy = connect(tmp, key, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  removeCompanions(tmp);
  const problems = checkFile(tmp, true, key);
  removeCompanions(tmp);
  if (problems.length > 0) throw new BackupVerifyError(dest, problems);
  fsyncFile(tmp);
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
}

function tmpName(dest: string): string {
  return `${dest}.tmp-${process.pid}`;
}

/**
 * A verified copy of the open database at dest, encrypted with its key (VACUUM INTO on the
 * keyed connection; `key` checks the copy). Synchronous: a city's database takes well under
 * a second.
 */
export function backupTo(sqlite: Sqlite, dest: string, key: DbKey = currentKey()): void {
  const tmp = tmpName(dest);
  fs.rmSync(tmp, { force: true });
  try {
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    keep(tmp, dest, key);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    removeCompanions(tmp);
    throw e;
  }
}

/** backupTo for callers that run while the app serves others: yields to the event loop first. */
export async function backupOnline(sqlite: Sqlite, dest: string, key: DbKey = currentKey()): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  backupTo(sqlite, dest, key);
}

const OWNERS_FILE = 'owners.json';

/**
 * Which database (by file name) has which identity, kept in the backups folder: so the
 * backups of a damaged database, whose identity can no longer be read from it, are still
 * told from those of another database sharing its stem.
 */
function rememberOwner(dbFile: string, storeId: string | null): void {
  if (!storeId) return;
  const file = path.join(backupsFolder(dbFile), OWNERS_FILE);
  const owners = readOwners(file);
  if (owners[path.basename(dbFile)] === storeId) return;
  owners[path.basename(dbFile)] = storeId;
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(owners, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readOwners(file: string): Record<string, string> {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The identity the backups folder remembers for dbFile (see rememberOwner). */
export function rememberedOwner(dbFile: string): string | undefined {
  return readOwners(path.join(backupsFolder(dbFile), OWNERS_FILE))[path.basename(dbFile)];
}

/** A new backup of an open database into its backups folder. */
export function backupNow(sqlite: Sqlite, dbFile: string, kind: BackupKind, key: DbKey = currentKey(), at = new Date()): string {
  const folder = backupsFolder(dbFile);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  rememberOwner(dbFile, storeIdOf(sqlite));
  const dest = backupFileName(dbFile, kind, at, folder);
  backupTo(sqlite, dest, key);
  return dest;
}

/**
 * Backups of dbFile made before encryption, encrypted in place with `key` (each verified
 * before it replaces the plain one). Returns how many; one that fails stays as it was and is
 * tried again next time.
 */
export function encryptPlainBackups(dbFile: string, key: DbKey): number {
  let n = 0;
  for (const b of listBackups(dbFile)) {
    if (!isPlainSqlite(b.file)) continue;
    try {
      if (encryptPlainFile(b.file, key)) n++;
    } catch {
      // a damaged old backup: left as it is; checkFile reports it where backups are listed
    }
  }
  return n;
}

/**
 * The backups of dbFile that are its own: named for it, opened by its key, and carrying its
 * identity (store-identity.ts) — or no identity, made before there was one. `storeId`
 * undefined: the database's identity is not known (a damaged file), the name alone decides.
 */
export function ownBackups(dbFile: string, key: DbKey, storeId: string | null | undefined): BackupEntry[] {
  const all = listBackups(dbFile);
  if (!storeId) return all;
  return all.filter((b) => {
    const id = storeIdOfFile(b.file, key);
    return id === null || id === storeId;
  });
}

/** Due when the newest own backup not dated in the future is a day old (or there is none). */
export function backupDue(dbFile: string, now = new Date(), key: DbKey = currentKey(), storeId?: string | null): boolean {
  const newest = ownBackups(dbFile, key, storeId).find((b) => !fromTheFuture(new Date(b.at), now));
  if (!newest) return true;
  return now.getTime() - new Date(newest.at).getTime() >= BACKUP_INTERVAL_MS;
}

/**
 * Delete automatic backups beyond the rotation, and copies a crash left half-written; encrypt
 * backups made before encryption.
 */
export function rotateBackups(dbFile: string, now = new Date(), key: DbKey = currentKey(), storeId?: string | null): string[] {
  encryptPlainBackups(dbFile, key);
  const folder = backupsFolder(dbFile);
  const autos = ownBackups(dbFile, key, storeId).filter((b) => b.kind === 'auto');
  const doomed = backupsToDelete(
    autos.map((b) => ({ name: b.name, at: new Date(b.at) })),
    undefined,
    now,
  );
  for (const name of doomed) fs.rmSync(path.join(folder, name), { force: true });
  const stem = stemOf(dbFile);
  sweepFolder(folder, { match: (n) => n.startsWith(`${stem}-`) && /\.db\.tmp-\d+$/.test(n), olderThanMs: 60 * 60 * 1000, now: now.getTime() });
  return doomed;
}

export interface AutoBackupOutcome {
  file?: string;
  /** Why it could not be made; the database opened anyway. */
  error?: string;
  /** The error is a full disk, a read-only folder, a file-size limit (storage-errors.ts). */
  problem?: StorageProblem;
}

/** The automatic backup made on open when the newest is over a day old. Never throws. */
export function autoBackupIfDue(sqlite: Sqlite, dbFile: string, key: DbKey, now = new Date()): AutoBackupOutcome | undefined {
  try {
    const storeId = storeIdOf(sqlite);
    if (!backupDue(dbFile, now, key, storeId)) return undefined;
    const file = backupNow(sqlite, dbFile, 'auto', key, now);
    rotateBackups(dbFile, now, key, storeId);
    return { file };
  } catch (e) {
    const problem = storageProblem(e, backupsFolder(dbFile));
    if (problem) return { error: `${problem.zh} / ${problem.en}`, problem };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The newest own backup of dbFile that passes quick_check, if any; one dated in the future
 * only when there is no other. `storeId`: the database's identity, when it can still be read.
 */
export function newestGoodBackup(dbFile: string, key: DbKey = currentKey(), storeId?: string | null, now = new Date()): BackupEntry | undefined {
  const own = ownBackups(dbFile, key, storeId);
  const ordered = [...own.filter((b) => !fromTheFuture(new Date(b.at), now)), ...own.filter((b) => fromTheFuture(new Date(b.at), now))];
  return ordered.find((b) => checkFile(b.file, false, key).length === 0);
}
