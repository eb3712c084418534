/**
 * A preview checks a file exactly as the import would — every row through the services — but
 * against a private snapshot of the database, so it never takes the live file's write lock:
 * while a preview of a large file runs, everyone else keeps saving. The snapshot is a
 * consistent copy made by `VACUUM INTO` (a read transaction on the live file), beside it,
 * encrypted with the live file's key (VACUUM INTO on a keyed connection), owner-only, and deleted when the preview ends; one left by a killed process is removed by
 * the next preview once it is an hour old. An in-memory database (tests) has no other
 * connection to block and previews in a rolled-back transaction as before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sweepFolder } from '../db/leftovers';
import { openDatabase, type AppDb } from '../db/open';

const STALE_MS = 60 * 60_000;
const SUFFIXES = ['', '-wal', '-shm', '-journal'];

function snapshotPrefix(dbFile: string): string {
  return `${path.basename(dbFile)}.preview-`;
}

function removeSnapshot(file: string): void {
  for (const s of SUFFIXES) fs.rmSync(file + s, { force: true });
}

/** Snapshots of this database left by a process that was killed mid-preview. */
function removeStale(dbFile: string): void {
  const prefix = snapshotPrefix(dbFile);
  sweepFolder(path.dirname(path.resolve(dbFile)), { match: (n) => n.startsWith(prefix), olderThanMs: STALE_MS });
}

export function inMemory(db: AppDb): boolean {
  return db.file === ':memory:' || db.file === '';
}

/** Runs `fn` on a snapshot of `db` (its own connection), then deletes the snapshot. */
export async function onSnapshot<T>(db: AppDb, fn: (snapshot: AppDb) => Promise<T>): Promise<T> {
  if (inMemory(db)) return fn(db);
  removeStale(db.file);
  const file = path.join(path.dirname(path.resolve(db.file)), `${snapshotPrefix(db.file)}${process.pid}-${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    db.sqlite.prepare('VACUUM INTO ?').run(file);
    fs.chmodSync(file, 0o600);
    const snapshot = openDatabase(file, { migrationsFolder: db.migrationsFolder, alongside: true, key: db.key });
    try {
      snapshot.sqlite.pragma('synchronous = OFF');
      return await fn(snapshot);
    } finally {
      snapshot.close();
    }
  } finally {
    removeSnapshot(file);
  }
}
