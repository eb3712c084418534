/**
 * Recovery at start: an integrity check on a read-only handle (which never checkpoints or
 * rewrites anything), and moving a damaged file aside with its -wal/-shm under a timestamped
 * name. Nothing here deletes a database file.
 *
 * SQLite's quick_check reads every page, which at city scale costs more than the rest of a
 * start. At open it runs when it can find something: after an unclean shutdown (a -wal left
 * behind: the last connection to close a WAL database checkpoints and removes it), when the
 * last sound check is more than a day old, or was never made. Otherwise the header and schema
 * are read (a wrong key, a file that is not a database, a damaged first page still show).
 */
import fs from 'node:fs';
import { localStamp } from './backup';
import { connect, isPlainSqlite, mayBeEncryptedDatabase, type Sqlite } from './connection';
import type { DbKey } from './db-key';

/** This install's own setting (never exchanged: not a shared key) holding when the last full check found the file sound. */
export const INTEGRITY_CHECKED_AT = '_integrityCheckedAt';
export const FULL_CHECK_EVERY_MS = 24 * 60 * 60_000;

export type ProbeResult =
  | { state: 'absent' }
  /** full: quick_check read every page; header: the first pages only (a full check was not due). */
  | { state: 'sound'; checked: 'full' | 'header' }
  | { state: 'damaged'; problems: string[] }
  /** Could not be read for another reason (locked, no permission, a key that does not open it): not a sign of damage. */
  | { state: 'unreadable'; code: string; message: string };

/** SQLite's words for a file whose content is wrong, as opposed to one it cannot reach. */
function isDamageCode(code: string): boolean {
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/**
 * `key` is the key the file should open with (null: a plain file). An encrypted file whose
 * first page the key cannot read is 'unreadable' (WRONG_KEY), never 'damaged': a wrong key and
 * a damaged first page look alike, and moving a sound file aside for a wrong key would be worse.
 */
/**
 * Why every page must be read now, or null. `raw` is the probe's read-only handle.
 */
export function fullCheckReason(file: string, raw: Sqlite, now: Date = new Date()): string | null {
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) return 'a write-ahead log was left (an unclean shutdown, or another process has the file open)';
  let last: string | undefined;
  try {
    const row = raw.prepare('SELECT value FROM settings WHERE key = ?').get(INTEGRITY_CHECKED_AT) as { value: string } | undefined;
    last = row ? (JSON.parse(row.value) as string) : undefined;
  } catch {
    return 'no record of a full check';
  }
  if (!last) return 'no record of a full check';
  const at = Date.parse(last);
  if (!Number.isFinite(at) || now.getTime() - at >= FULL_CHECK_EVERY_MS || at > now.getTime()) return `the last full check was at ${last}`;
  return null;
}

/** Record a sound full check (on the app's read-write connection, after the probe). */
export function recordFullCheck(sqlite: Sqlite, at: Date = new Date()): void {
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(INTEGRITY_CHECKED_AT, JSON.stringify(at.toISOString()));
}

/**
 * `when`: 'always' reads every page (a restore, a backup's verification); 'when-due' only
 * when fullCheckReason says so (every open).
 */
export function probeDatabase(file: string, key: DbKey | null, when: 'always' | 'when-due' = 'always', now: Date = new Date()): ProbeResult {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return { state: 'absent' };
  const plain = isPlainSqlite(file);
  if (!plain && fs.statSync(file).isFile() && !mayBeEncryptedDatabase(file)) return { state: 'damaged', problems: ['file is not a database (neither SQLite nor whole encrypted pages)'] };
  let raw: Sqlite | undefined;
  try {
    raw = connect(file, plain ? null : key, { readonly: true, fileMustExist: true });
    try {
      raw.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if (!plain && String((e as { code?: unknown }).code) === 'SQLITE_NOTADB')
        return { state: 'unreadable', code: 'WRONG_KEY', message: key ? 'the key does not open the file' : 'the file is encrypted and no key was given' };
      throw e;
    }
    if (when === 'when-due' && !fullCheckReason(file, raw, now)) return { state: 'sound', checked: 'header' };
    const rows = (raw.pragma('quick_check') as Array<Record<string, string>>).map((r) => Object.values(r)[0]!);
    const problems = rows.filter((m) => m !== 'ok');
    return problems.length > 0 ? { state: 'damaged', problems } : { state: 'sound', checked: 'full' };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (typeof code === 'string' && isDamageCode(code)) return { state: 'damaged', problems: [message] };
    return { state: 'unreadable', code: typeof code === 'string' ? code : 'UNKNOWN', message };
  } finally {
    raw?.close();
  }
}

const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * Rename file (and its -wal/-shm/-journal) to `<file>.damaged-<local time>`; the companions
 * keep SQLite's naming, so the moved-aside set still opens as one database. Returns the new
 * name of the main file.
 */
export function moveAside(file: string, at = new Date()): string {
  let target = `${file}.damaged-${localStamp(at)}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.damaged-${localStamp(at)}-${n}`;
  fs.renameSync(file, target);
  for (const suffix of COMPANIONS) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}
