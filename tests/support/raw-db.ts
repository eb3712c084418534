/**
 * A connection to a database file outside the app's own open path, for tests to look into
 * (or tamper with) what the app wrote: keyed with the run's key (ELDERCARE_DB_KEY, set by the
 * test configuration), or plain for a file that is plain SQLite.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { attachKeyed, connect, isPlainSqlite, type Sqlite } from '../../src-main/db/connection';
import { copyContents } from '../../src-main/db/copy-contents';
import { currentKey } from '../../src-main/db/db-key';

export function rawDb(file: string, options?: Database.Options): Sqlite {
  const plain = fs.existsSync(file) && fs.statSync(file).size > 0 ? isPlainSqlite(file) : false;
  return connect(file, plain ? null : currentKey(), options);
}

/** A plain (unencrypted) SQLite file, as made before encryption or by another program. */
export function plainDb(file: string, options?: Database.Options): Sqlite {
  return connect(file, null, options);
}

/**
 * A plain copy of an encrypted database, as a database or backup made before encryption was
 * (or to show that a search of raw bytes can find what encryption hides).
 */
export function plainCopyOf(encrypted: string, key: Buffer, dest: string): void {
  const plain = connect(dest, null);
  try {
    plain.pragma("cipher = 'sqlcipher'");
    plain.pragma('legacy = 4');
    attachKeyed(plain, encrypted, 'enc', key);
    copyContents(plain, 'enc', 'main', { createSchema: true });
    plain.exec('DETACH DATABASE enc');
  } finally {
    plain.close();
  }
}
