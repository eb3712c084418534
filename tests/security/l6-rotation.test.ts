/**
 * L6: backup rotation edge cases. (a) Two databases whose names share a stem in one folder
 * (`office.db` and `office.sqlite`) made each other's automatic backups look like their own:
 * one's rotation deleted the other's, and the "newest good backup" offered for a damaged one
 * could be the other's. (b) A clock that once ran ahead left backups dated in the future that
 * took the newest places in the rotation and crowded out the real last week.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { autoBackupIfDue, backupDue, listBackups } from '../../src-main/db/backup';
import { DatabaseDamagedError, openDatabase, type AppDb } from '../../src-main/db/open';
import { storeIdOf, storeIdOfFile } from '../../src-main/db/store-identity';
import { idFor } from '../integration/helpers';
import { tempDir } from '../support/temp-db';

const day = (d: string, hour = 9) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00`);
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours());

async function withResident(file: string, n: number): Promise<AppDb> {
  const db = openDatabase(file, { autoBackup: false });
  await createCaller(db).resident.create({ name: `轮换${n}`, idNumber: idFor(900 + n) });
  return db;
}

describe('L6: backup rotation', () => {
  it('two databases sharing a stem in one folder keep their own backups and are offered their own', async () => {
    const dir = tempDir();
    const a = await withResident(path.join(dir, 'office.db'), 1);
    const b = await withResident(path.join(dir, 'office.sqlite'), 2);
    const idA = storeIdOf(a.sqlite);
    const idB = storeIdOf(b.sqlite);
    expect(idA).toBeTruthy();
    expect(idA).not.toBe(idB);
    // twenty days of daily backups, A in the morning, B in the afternoon
    const start = day('2026-10-01');
    for (let i = 0; i < 20; i++) {
      expect(autoBackupIfDue(a.sqlite, a.file, a.key!, addDays(start, i))?.file).toBeTruthy();
      expect(autoBackupIfDue(b.sqlite, b.file, b.key!, new Date(addDays(start, i).getTime() + 6 * 3600_000))?.file).toBeTruthy();
    }
    const owner = (f: string) => storeIdOfFile(f, a.key!);
    const files = listBackups(a.file).map((e) => e.file);
    const ofA = files.filter((f) => owner(f) === idA);
    const ofB = files.filter((f) => owner(f) === idB);
    // each keeps its rotation: 7 days, the newest of the 4 weeks and of the months; before the
    // fix each one's rotation counted the other's files too and deleted half of them
    const kept = (n: number) => expect(n).toBeGreaterThanOrEqual(7);
    kept(ofA.length);
    kept(ofB.length);
    expect(ofA.length).toBe(ofB.length);
    // the newest of the last 7 days are there for both
    for (const owned of [ofA, ofB]) {
      const days = new Set(owned.map((f) => /-(\d{8})-\d{6}-auto/.exec(path.basename(f))![1]));
      for (let i = 13; i < 20; i++) {
        const d = addDays(start, i);
        expect(days.has(`${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`)).toBe(true);
      }
    }
    a.close();
    b.close();

    // A is damaged: the backup offered is A's own, although B's is newer (same day, later hour)
    const size = fs.statSync(a.file).size;
    const fd = fs.openSync(a.file, 'r+');
    fs.writeSync(fd, Buffer.alloc(size - 8192, 0x5a), 0, size - 8192, 8192);
    fs.closeSync(fd);
    let err: unknown;
    try {
      openDatabase(a.file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    const offered = (err as DatabaseDamagedError).newestBackup!;
    expect(offered).toBeTruthy();
    expect(owner(offered)).toBe(idA);
    process.stdout.write(`L6 shared stem: office.db keeps ${ofA.length}, office.sqlite keeps ${ofB.length}; offered for the damaged one: ${path.basename(offered)}\n`);
  });

  it('backups dated in the future by a clock that ran ahead neither crowd out the real last week nor stop the daily backup', async () => {
    const dir = tempDir();
    const db = await withResident(path.join(dir, 'eldercare.db'), 3);
    // the clock ran a year ahead for ten days
    const ahead = day('2027-11-01');
    for (let i = 0; i < 10; i++) autoBackupIfDue(db.sqlite, db.file, db.key!, addDays(ahead, i));
    // what the rotation kept while the clock was ahead (it thought the oldest were old)
    const futureKept = listBackups(db.file).filter((b) => b.name.includes('-202711')).length;
    // then it was put right: the real December
    const real = day('2026-12-01');
    expect(backupDue(db.file, real, db.key!, storeIdOf(db.sqlite))).toBe(true);
    for (let i = 0; i < 9; i++) expect(autoBackupIfDue(db.sqlite, db.file, db.key!, addDays(real, i))?.file).toBeTruthy();
    const now = addDays(real, 8);
    expect(backupDue(db.file, new Date(now.getTime() + 3600_000), db.key!, storeIdOf(db.sqlite))).toBe(false);
    const names = listBackups(db.file).map((b) => b.name);
    const realOnes = names.filter((n) => n.includes('-202612'));
    // the real last 7 days are all kept (before the fix the future ones took their places)
    for (let i = 2; i < 9; i++) expect(realOnes.some((n) => n.includes(`-202612${String(1 + i).padStart(2, '0')}-`))).toBe(true);
    // the future-dated ones are kept as they are, not counted
    expect(futureKept).toBeGreaterThanOrEqual(7);
    expect(names.filter((n) => n.includes('-202711')).length).toBe(futureKept);
    db.close();
    process.stdout.write(`L6 clock ahead: ${realOnes.length} real backups kept (2026-12-03 … 2026-12-09 among them), ${names.length - realOnes.length} future-dated kept aside\n`);
  });
});
