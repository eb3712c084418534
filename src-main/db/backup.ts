/**
 * A consistent copy of a live WAL database: VACUUM INTO a temporary name, then an atomic
 * rename. Never copy the live file itself.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';

export function backupTo(sqlite: Database.Database, dest: string): void {
  const tmp = `${dest}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  try {
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    fs.renameSync(tmp, dest);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
