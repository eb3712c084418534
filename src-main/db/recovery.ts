/**
 * Recovery at start: a quick integrity check on a read-only handle (which never checkpoints
 * or rewrites anything), and moving a damaged file aside with its -wal/-shm under a
 * timestamped name. Nothing here deletes a database file.
 */
import fs from 'node:fs';
import { localStamp } from './backup';
import { connect, isPlainSqlite, mayBeEncryptedDatabase, type Sqlite } from './connection';
import type { DbKey } from './db-key';

export type ProbeResult =
  | { state: 'absent' }
  | { state: 'sound' }
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
export function probeDatabase(file: string, key: DbKey | null): ProbeResult {
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
    const rows = (raw.pragma('quick_check') as Array<Record<string, string>>).map((r) => Object.values(r)[0]!);
    const problems = rows.filter((m) => m !== 'ok');
    return problems.length > 0 ? { state: 'damaged', problems } : { state: 'sound' };
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
