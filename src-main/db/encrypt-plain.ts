/**
 * Encrypting a plain file — a database or backup made before encryption — without ever
 * writing a second plain copy: a new keyed file beside it attaches the plain file and copies
 * everything from it (copy-contents.ts); the copy is
 * checked (integrity, and every table's row count against the source) before it replaces the
 * plain file by rename. The plain bytes are then overwritten before the old file is removed
 * (best effort: on an SSD the old blocks may survive; docs/security.md says so).
 */
import fs from 'node:fs';
import path from 'node:path';
import { connect, copyIntoNewFile, isPlainSqlite } from './connection';
import { copyContents } from './copy-contents';
import type { DbKey } from './db-key';
import { sweepFolder } from './leftovers';

const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/** Overwrite a file's bytes with zeros, flush, and remove it. Missing files are fine. */
export function shred(file: string): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      const zeros = Buffer.alloc(Math.min(size, 1 << 20));
      for (let at = 0; at < size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // a read-only leftover: removing it is still better than keeping it
  }
  fs.rmSync(file, { force: true });
}

export function encryptingTmpName(file: string): string {
  return `${file}.encrypting-${process.pid}.tmp`;
}

/** Plain leftovers of an encryption a killed process did not finish, removed (shredded). */
export function sweepEncryptLeftovers(file: string): void {
  const base = path.basename(file);
  sweepFolder(path.dirname(path.resolve(file)), {
    match: (n) => n.startsWith(`${base}.plain-`) || (n.startsWith(`${base}.encrypting-`) && n.endsWith('.tmp')),
    remove: shred,
  });
}

function tableCounts(sqlite: ReturnType<typeof connect>, schema: string): Map<string, number> {
  const names = (sqlite.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name);
  return new Map(names.map((n) => [n, (sqlite.prepare(`SELECT count(*) AS n FROM ${schema}."${n.replace(/"/g, '""')}"`).get() as { n: number }).n]));
}

/**
 * Replace the plain SQLite file `file` by an encrypted copy with the same contents. No other
 * connection may have it open. Returns false (nothing done) when the file is not plain.
 */
export function encryptPlainFile(file: string, key: DbKey): boolean {
  if (!isPlainSqlite(file)) return false;
  sweepEncryptLeftovers(file);
  const tmp = encryptingTmpName(file);
  try {
    copyIntoNewFile(file, null, tmp, key, (sqlite, src, main) => {
      copyContents(sqlite, src, main, { createSchema: true });
      const before = tableCounts(sqlite, src);
      const after = tableCounts(sqlite, main);
      for (const [name, n] of before) {
        if (after.get(name) !== n) throw new Error(`the encrypted copy of ${name} holds ${after.get(name) ?? 0} rows, the file ${n}`);
      }
    });
    const check = connect(tmp, key, { fileMustExist: true });
    try {
      const problems = (check.pragma('integrity_check') as Array<Record<string, string>>).map((r) => Object.values(r)[0]!).filter((m) => m !== 'ok');
      if (problems.length > 0) throw new Error(`the encrypted copy failed its integrity check: ${problems[0]}`);
    } finally {
      check.close();
    }
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(tmp, 0o600);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    for (const s of COMPANIONS) fs.rmSync(tmp + s, { force: true });
    throw e;
  }
  // The plain file steps aside under a name the sweep knows, the copy takes its place, and
  // the plain bytes are overwritten: a crash at any point leaves either the plain file or
  // the encrypted one in place, and at worst a plain leftover the next open shreds.
  const aside = `${file}.plain-${process.pid}`;
  fs.renameSync(file, aside);
  for (const s of COMPANIONS) if (fs.existsSync(file + s)) fs.renameSync(file + s, aside + s);
  fs.renameSync(tmp, file);
  for (const s of ['', ...COMPANIONS]) shred(aside + s);
  return true;
}
