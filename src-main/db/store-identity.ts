/**
 * A database's identity: a random id made once and kept in its settings (`_storeId`), so it
 * travels with every backup and restore of it. Backups are told apart by it — two databases
 * whose names share a stem in one folder never rotate away, or get offered, each other's
 * backups (security review L6). Backups made before the id existed have none and are taken
 * as the database's own by their name, as before.
 */
import crypto from 'node:crypto';
import { connect, isPlainSqlite, type Sqlite } from './connection';
import type { DbKey } from './db-key';

export const STORE_ID_KEY = '_storeId';

/** The id of an open database, made now if it has none (and a settings table to hold it). */
export function ensureStoreId(sqlite: Sqlite): string | null {
  try {
    sqlite.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(STORE_ID_KEY, JSON.stringify(crypto.randomBytes(8).toString('hex')));
    return storeIdOf(sqlite);
  } catch {
    return null; // no settings table yet: a new file, before its first migration
  }
}

export function storeIdOf(sqlite: Sqlite, schema = 'main'): string | null {
  try {
    const row = sqlite.prepare(`SELECT value FROM ${schema}.settings WHERE key = ?`).get(STORE_ID_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : null;
  } catch {
    return null;
  }
}

/**
 * The id kept in a (backup) file, read-only: null when it has none; undefined when the key
 * does not open it or it cannot be read (then it is nobody's to rotate or offer).
 */
export function storeIdOfFile(file: string, key: DbKey): string | null | undefined {
  let sqlite: Sqlite | undefined;
  try {
    sqlite = connect(file, isPlainSqlite(file) ? null : key, { readonly: true, fileMustExist: true });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return storeIdOf(sqlite);
  } catch {
    return undefined;
  } finally {
    sqlite?.close();
  }
}
