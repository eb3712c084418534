/**
 * H4: nothing personal readable at rest. A database with residents (names, ID numbers,
 * phones) is written, backed up in every way the app backs up (automatic, manual, before a
 * migration, before a restore, before encryption, plain backups from before encryption that
 * the rotation encrypted), restored, previewed on a snapshot, and killed in the middle of a
 * backup and of a restore; then the raw bytes of every file in the folder — the database, its
 * -wal and -shm, every backup, the restore staging and *.tmp files the killed processes left,
 * the preview snapshot while it exists, an uploaded import file as kept until read — are searched for every ID number, name and phone the
 * database holds. None is found, no file starts with "SQLite format 3", and every file is 0600.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { unsealFile } from '../../src-main/import/upload-seal';
import { uploads } from '../../src-main/api/uploads';
import { backupNow, listBackups, rotateBackups } from '../../src-main/db/backup';
import { SQLITE_HEADER } from '../../src-main/db/connection';
import { currentKey } from '../../src-main/db/db-key';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { restoreDatabase } from '../../src-main/db/restore';
import { onSnapshot } from '../../src-main/import/preview-snapshot';
import { idFor } from '../integration/helpers';
import { plainCopyOf } from '../support/raw-db';
import { tempDir } from '../support/temp-db';

const RESIDENTS = 60;
const person = (i: number) => ({ name: `加密测试老人${String(i).padStart(3, '0')}`, idNumber: idFor(700 + i, '520602', `19${30 + (i % 20)}0${1 + (i % 9)}1${i % 10}`), phone: `1398${String(5550000 + i).padStart(7, '0')}` });

/** Every secret the database holds, as the bytes they would have on disk. */
function secrets(db: AppDb): Buffer[] {
  const rows = db.sqlite.prepare('SELECT name, id_number AS idNumber, phone FROM residents').all() as Array<{ name: string; idNumber: string; phone: string | null }>;
  const out: Buffer[] = [];
  for (const r of rows) {
    out.push(Buffer.from(r.name, 'utf8'), Buffer.from(r.idNumber, 'latin1'), Buffer.from(r.idNumber.slice(6, 14), 'latin1'));
    if (r.phone) out.push(Buffer.from(r.phone, 'latin1'));
  }
  return out;
}

interface Scan {
  files: string[];
  searched: number;
  found: Array<{ file: string; secret: string }>;
  plainHeaders: string[];
  notOwnerOnly: string[];
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function scan(files: string[], needles: Buffer[]): Scan {
  const result: Scan = { files, searched: 0, found: [], plainHeaders: [], notOwnerOnly: [] };
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    if (bytes.subarray(0, 16).toString('latin1') === SQLITE_HEADER) result.plainHeaders.push(file);
    if ((fs.statSync(file).mode & 0o077) !== 0) result.notOwnerOnly.push(file);
    for (const n of needles) {
      result.searched++;
      if (bytes.includes(n)) result.found.push({ file, secret: n.toString('utf8') });
    }
  }
  return result;
}

/** A plain copy of an encrypted database, as a backup made before encryption was. */
const plainCopy = (from: AppDb, dest: string) => plainCopyOf(from.file, from.key!, dest);

/** Run a CLI command and SIGKILL it as soon as a file matching `leftover` appears. */
async function killWhen(args: string[], dir: string, leftover: RegExp): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../src-main/cli/main.ts'), ...args], { stdio: 'ignore', env: process.env });
  const seen = new Set<string>();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (const f of allFiles(dir)) if (leftover.test(path.basename(f))) seen.add(f);
      if (seen.size > 0) {
        child.kill('SIGKILL');
        clearInterval(timer);
      }
    }, 2);
    child.on('exit', () => {
      clearInterval(timer);
      resolve();
    });
  });
  return [...seen];
}

describe('H4: the database, its journals and every backup are encrypted at rest', () => {
  it('no ID number, name or phone in the raw bytes of any file the app writes, and no plain header', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'eldercare.db');
    const db = openDatabase(file);
    const api = createCaller(db);
    for (let i = 0; i < RESIDENTS; i++) await api.resident.create(person(i));
    const needles = secrets(db);
    expect(needles.length).toBe(RESIDENTS * 4);

    // every backup kind, and a plain backup from before encryption the rotation encrypts
    const folder = path.join(dir, 'backups');
    backupNow(db.sqlite, file, 'manual', db.key);
    backupNow(db.sqlite, file, 'pre-migrate', db.key);
    fs.mkdirSync(folder, { recursive: true });
    const oldPlain = path.join(folder, 'eldercare-20260101-090000-auto.db');
    plainCopy(db, oldPlain);
    expect(fs.readFileSync(oldPlain).subarray(0, 16).toString('latin1')).toBe(SQLITE_HEADER);
    backupNow(db.sqlite, file, 'auto', db.key);
    rotateBackups(file, new Date(), db.key);
    const kinds = new Set(listBackups(file).map((b) => b.kind));
    expect([...kinds].sort()).toEqual(['auto', 'manual', 'pre-migrate']);

    // a restore into the running database (pre-restore backup, staging), a plain one too
    const plainSource = path.join(dir, 'from-usb-stick.db');
    plainCopy(db, plainSource);
    await restoreDatabase({ dbFile: file, from: listBackups(file)[0]!.file, live: db });
    await restoreDatabase({ dbFile: file, from: plainSource, live: db });
    fs.rmSync(plainSource);
    expect(listBackups(file).some((b) => b.kind === 'pre-restore')).toBe(true);

    // a preview snapshot, read while it exists
    let snapshotScan: Scan | undefined;
    await onSnapshot(db, async (snap) => {
      const files = [snap.file, `${snap.file}-wal`, `${snap.file}-shm`].filter((f) => fs.existsSync(f));
      snapshotScan = scan(files, needles);
    });
    expect(snapshotScan!.files.length).toBeGreaterThan(0);
    expect(snapshotScan!.found).toEqual([]);
    expect(snapshotScan!.plainHeaders).toEqual([]);

    // an uploaded import file, as kept on disk until the import reads it
    const csv = ['姓名,身份证号,联系电话', ...Array.from({ length: RESIDENTS }, (_, i) => person(i)).map((p) => `${p.name},${p.idNumber},${p.phone}`)].join('\n');
    const uploadId = uploads.put('h4-test', 'residents.csv', Buffer.from(csv, 'utf8'));
    const uploaded = uploads.get('h4-test', uploadId).file;
    const uploadScan = scan([uploaded], needles);
    expect(uploadScan.found).toEqual([]);
    expect(uploadScan.notOwnerOnly).toEqual([]);
    expect(unsealFile(uploaded).toString('utf8')).toBe(csv);
    uploads.delete(uploadId);

    // more rows left in the -wal while the database stays open
    for (let i = RESIDENTS; i < RESIDENTS + 5; i++) await api.resident.create(person(i));
    needles.push(...secrets(db).slice(-20));
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const live = scan(allFiles(dir), needles);
    expect(live.found).toEqual([]);
    expect(live.plainHeaders).toEqual([]);
    expect(live.notOwnerOnly).toEqual([]);
    db.close();

    // killed in the middle of a backup and of a restore: what they leave is encrypted
    const killedBackup = await killWhen(['backup', '--db', file, '--out', folder], dir, /\.db\.tmp-\d+$/);
    const killedRestore = await killWhen(['restore', '--db', file, '--from', listBackups(file)[0]!.file], dir, /\.restore-.*\.tmp$/);
    const leftovers = [...killedBackup, ...killedRestore].filter((f) => fs.existsSync(f));
    const everything = scan(allFiles(dir), needles);
    const total = scan([...allFiles(dir), ...snapshotScan!.files.filter((f) => fs.existsSync(f))], needles);
    expect(total.found).toEqual([]);
    expect(everything.plainHeaders).toEqual([]);
    expect(everything.notOwnerOnly).toEqual([]);
    const report = {
      files: everything.files.length + snapshotScan!.files.length + 1,
      backups: listBackups(file).length,
      leftoversOfKilledProcesses: leftovers.length,
      secretsPerFile: needles.length,
      searched: everything.searched + snapshotScan!.searched + uploadScan.searched,
      found: everything.found.length + snapshotScan!.found.length + uploadScan.found.length,
    };
    process.stdout.write(`H4 raw-bytes scan: ${JSON.stringify(report)}\n`);
    // the key really is what protects them: the same search on a plain copy finds them all
    const control = path.join(tempDir(), 'control.db');
    const reopened = openDatabase(file, { key: currentKey() });
    try {
      plainCopy(reopened, control);
    } finally {
      reopened.close();
    }
    expect(scan([control], needles).found.length).toBeGreaterThanOrEqual(RESIDENTS * 3);
  }, 120_000);
});
