/**
 * Every connection to a database file goes through here, keyed. The store is encrypted with
 * the SQLCipher 4 scheme of SQLite3 Multiple Ciphers (AES-256-CBC, HMAC-SHA512 per 4 KiB
 * page; docs/security.md says why this scheme and not the library's default ChaCha20), with
 * a raw 32-byte key, so no key derivation runs on open. A `VACUUM INTO` or an `ATTACH … KEY`
 * from a keyed connection writes a file encrypted with the same scheme and key; SQLite's
 * backup API into an unkeyed file is refused by the library, so no plain copy can be made
 * by mistake.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { rawKeyLiteral, type DbKey } from './db-key';

/**
 * `better-sqlite3` is installed as an npm alias of `better-sqlite3-multiple-ciphers`
 * (package.json): the same API, built with SQLite3 Multiple Ciphers, under the name drizzle's
 * driver imports — so there is one native module, and it is the encrypting one.
 */
const SqliteDatabase = Database;
export type Sqlite = Database.Database;

/** The cipher settings, applied before the key on every connection (and thus every ATTACH). */
export const CIPHER = { cipher: 'sqlcipher', legacy: 4 } as const;

export const SQLITE_HEADER = 'SQLite format 3\0';

/** The first 16 bytes of a file, as latin1; '' for an empty or unreadable file. */
export function fileHeader(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } catch {
    return ''; // a folder, or a read error: not plain SQLite
  } finally {
    fs.closeSync(fd);
  }
}

/** A file that is plain (unencrypted) SQLite: made before encryption, or by another program. */
export function isPlainSqlite(file: string): boolean {
  return fileHeader(file) === SQLITE_HEADER;
}

/** SQLCipher 4 pages are 4 KiB: an encrypted database is a whole number of them. */
export const PAGE_SIZE = 4096;

/**
 * Could this be an encrypted database (to be tried with a key), rather than some other file?
 * A file that is not a whole number of pages is neither an encrypted database nor one
 * whatever key it is tried with.
 */
export function mayBeEncryptedDatabase(file: string): boolean {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size >= PAGE_SIZE && st.size % PAGE_SIZE === 0 && !isPlainSqlite(file);
  } catch {
    return false;
  }
}

function applyKey(sqlite: Sqlite, key: DbKey): void {
  sqlite.pragma(`cipher = '${CIPHER.cipher}'`);
  sqlite.pragma(`legacy = ${CIPHER.legacy}`);
  sqlite.pragma(`key = ${rawKeyLiteral(key)}`);
}

/**
 * A connection to `file` with `key` (null: a plain file, only to read one made before
 * encryption or to build an in-memory database). Nothing is read yet, so a wrong key shows
 * on the first statement as SQLITE_NOTADB.
 */
export function connect(file: string, key: DbKey | null, options?: Database.Options): Sqlite {
  const sqlite = new SqliteDatabase(file, options);
  if (key) {
    try {
      applyKey(sqlite, key);
    } catch (e) {
      sqlite.close();
      throw e;
    }
  }
  return sqlite;
}

/**
 * Does the key open this (encrypted) file? Reads page 1 only, on a read-only handle. Only
 * SQLite's "not a database" is a no: a file that cannot be reached (locked, a read-only
 * folder without its -shm) says nothing about the key, and the open that follows reports it.
 */
export function keyOpens(file: string, key: DbKey): boolean {
  let sqlite: Sqlite | undefined;
  try {
    sqlite = connect(file, key, { readonly: true, fileMustExist: true });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (e) {
    return !isNotADatabase(e);
  } finally {
    sqlite?.close();
  }
}

/** SQLite's answer for a page it cannot decrypt or parse: a wrong key, or damage. */
export function isNotADatabase(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? '');
  return code === 'SQLITE_NOTADB';
}

/**
 * Attach another file under `schema`, encrypted with `key` (the connection's cipher settings
 * apply), or plain when `key` is null (an empty key is SQLCipher's "not encrypted").
 */
export function attachKeyed(sqlite: Sqlite, file: string, schema: string, key: DbKey | null): void {
  sqlite.prepare(`ATTACH DATABASE ? AS ${schema} KEY ?`).run(file, key ? `x'${key.toString('hex')}'` : '');
}

/**
 * A new file `dest` encrypted with `key`, holding everything in `source` (read plain when
 * `sourceKey` is null, else with that key): the new file is the connection's main database
 * and the source is attached to it, so the source may sit on a read-only medium.
 */
export function copyIntoNewFile(source: string, sourceKey: DbKey | null, dest: string, key: DbKey, copy: (sqlite: Sqlite, from: string, to: string) => void): void {
  const sqlite = connect(dest, key);
  try {
    attachKeyed(sqlite, source, 'src', sourceKey);
    copy(sqlite, 'src', 'main');
    sqlite.exec('DETACH DATABASE src');
  } finally {
    sqlite.close();
  }
}
