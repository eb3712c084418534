/**
 * Crash safety, proven on real processes and files:
 * - a child process writing batches of admissions (one write() per batch of BEDS
 *   discharges + registrations + admissions) is killed with SIGKILL at random moments, at
 *   least 50 times; after each kill `integrity_check` is ok and every batch is wholly there
 *   or wholly absent (residents, stays, discharges and audit rows all counted per batch tag);
 * - a full disk and a read-only folder give a clear error and lose nothing already saved.
 *
 * The child is bundled once with esbuild (starting it through tsx costs two seconds a run).
 * Read-only and full-disk folders are made with a small tmpfs when running as root (where
 * chmod does not stop root), with chmod otherwise.
 */
import { canMountTmpfs, mountTmpfs, unmountAll } from '../support/tmpfs';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { rawDb } from '../support/raw-db';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { DatabaseOpenError, defaultMigrationsFolder, openDatabase } from '../../src-main/db/open';
import { addDays } from '../../src-main/domain/dates';
import { rejection, snapshot, tempDir } from '../support/temp-db';
import { idFor } from './helpers';
import { prng } from '../../src-main/domain/prng';

const RUNS = Number(process.env.CRASH_RUNS ?? 60);
const RUNS_PER_DATABASE = 10;
const BEDS = 10;
const CRASH_FACILITY = '崩溃测试福利院';
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);

let work: string;
let childJs: string;

beforeAll(() => {
  work = tempDir();
  childJs = path.join(work, 'crash-child.cjs');
  buildSync({
    entryPoints: [path.resolve(__dirname, '../support/crash-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    outfile: childJs,
    logLevel: 'warning',
  });
});

afterAll(() => {
  unmountAll();
  fs.rmSync(work, { recursive: true, force: true });
});


async function template(file: string): Promise<void> {
  const db = openDatabase(file);
  const api = createCaller(db);
  const f = await api.facility.create({ regionCode: '520602', name: CRASH_FACILITY, kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '1999-01-01' });
  await api.bed.add({ facilityId: f.id, count: BEDS, nursingCount: 10, labelPattern: 'C-{n}', inServiceFrom: '1999-01-01' });
  db.close();
}

interface RunResult {
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  killedBeforeReady: boolean;
  /** The last batch the child had begun when it was killed. */
  lastBegun: number | null;
}

/** Start the child; kill it `delayMs` after it is ready (or after it starts, when `early`). */
function runAndKill(file: string, delayMs: number, early: boolean): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childJs, file, CRASH_FACILITY], {
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules'), ELDERCARE_MIGRATIONS: defaultMigrationsFolder() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let ready = false;
    let lastBegun: number | null = null;
    const kill = () => child.kill('SIGKILL');
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/begin (\d+)/g)) lastBegun = Number(m[1]);
      if (!ready && d.toString().includes('ready')) {
        ready = true;
        if (!early) setTimeout(kill, delayMs);
      }
    });
    if (early) setTimeout(kill, delayMs);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, killedBeforeReady: !ready, lastBegun }));
  });
}

interface Inspection {
  integrity: string;
  batches: number;
  partial: string[];
}

/** integrity_check, then every batch counted by its tag in each table it writes. */
function inspect(file: string): Inspection {
  const raw = rawDb(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (raw.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    type Tally = { residents: number; stays: number; open: number; dischargedOn: Set<string>; created: number; admitted: number; discharged: number };
    const tally = new Map<number, Tally>();
    const of = (k: number) => {
      let t = tally.get(k);
      if (!t) tally.set(k, (t = { residents: 0, stays: 0, open: 0, dischargedOn: new Set(), created: 0, admitted: 0, discharged: 0 }));
      return t;
    };
    for (const r of raw.prepare("SELECT name FROM residents WHERE name GLOB '批次*'").all() as Array<{ name: string }>) of(Number(/^批次(\d+)-/.exec(r.name)![1])).residents++;
    for (const s of raw.prepare("SELECT note, discharged_on AS d FROM stays WHERE note GLOB 'batch:*'").all() as Array<{ note: string; d: string | null }>) {
      const t = of(Number(s.note.slice(6)));
      t.stays++;
      if (s.d === null) t.open++;
      else t.dischargedOn.add(s.d);
    }
    for (const a of raw.prepare("SELECT action, after FROM audit_log WHERE username = 'crash-test'").all() as Array<{ action: string; after: string }>) {
      const after = JSON.parse(a.after) as { name?: string; note?: string };
      if (a.action === 'resident.create') of(Number(/^批次(\d+)-/.exec(after.name!)![1])).created++;
      else if (a.action === 'stay.admit') of(Number(after.note!.slice(6))).admitted++;
      else if (a.action === 'stay.discharge') of(Number(after.note!.slice(6))).discharged++;
    }
    const batches = tally.size;
    const partial: string[] = [];
    for (const [k, t] of tally) {
      const last = k === batches;
      const whole =
        k <= batches &&
        t.residents === BEDS &&
        t.stays === BEDS &&
        t.created === BEDS &&
        t.admitted === BEDS &&
        (last
          ? t.open === BEDS && t.discharged === 0
          : t.open === 0 && t.discharged === BEDS && t.dischargedOn.size === 1 && t.dischargedOn.has(addDays('2000-01-01', k + 1)));
      if (!whole) partial.push(`batch ${k}: ${JSON.stringify({ ...t, dischargedOn: [...t.dischargedOn] })}`);
    }
    return { integrity, batches, partial };
  } finally {
    raw.close();
  }
}

describe('crash safety: SIGKILL during batches of admissions', () => {
  it(`${RUNS} runs killed at random moments: integrity ok, every batch whole or absent`, async () => {
    const random = prng(SEED);
    let file = '';
    let kills = 0;
    let killedBeforeReady = 0;
    let integrityFailures = 0;
    let partialBatches = 0;
    let batchesCommitted = 0;
    let previousBatches = 0;
    let runsThatCommitted = 0;
    let killedMidBatch = 0;
    let lostBatches = 0;
    const problems: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      if (run % RUNS_PER_DATABASE === 0) {
        batchesCommitted += previousBatches;
        previousBatches = 0;
        file = path.join(work, `crash-${run / RUNS_PER_DATABASE}.db`);
        await template(file);
      }
      // one run in six is killed while starting (open, quick check, automatic backup)
      const early = random() < 1 / 6;
      const delay = Math.floor(random() * 1000);
      const r = await runAndKill(file, delay, early);
      if (r.signal !== 'SIGKILL') throw new Error(`run ${run}: the child ended on its own (code ${r.code}): ${r.stderr}`);
      kills++;
      if (r.killedBeforeReady) killedBeforeReady++;
      const seen = inspect(file);
      if (seen.integrity !== 'ok') {
        integrityFailures++;
        problems.push(`run ${run}: integrity ${seen.integrity}`);
      }
      partialBatches += seen.partial.length;
      problems.push(...seen.partial.map((p) => `run ${run}: ${p}`));
      if (seen.batches > previousBatches) runsThatCommitted++;
      if (r.lastBegun !== null) {
        // the batch being written when the kill came is absent (rolled back) or, if the kill
        // fell between its commit and the next "begin", whole; every earlier one is there
        if (seen.batches < r.lastBegun) killedMidBatch++;
        if (seen.batches < r.lastBegun - 1) {
          lostBatches++;
          problems.push(`run ${run}: batch ${r.lastBegun - 1} was committed but is missing (${seen.batches} present)`);
        }
      }
      previousBatches = seen.batches;
    }
    batchesCommitted += previousBatches;
    const figures = { seed: SEED, runs: RUNS, kills, killedWhileStarting: killedBeforeReady, killedMidBatch, runsThatCommitted, batchesCommitted, batchSize: BEDS, integrityFailures, partialBatches, lostBatches };
    console.log(`crash-safety figures: ${JSON.stringify(figures)}`);
    expect(problems).toEqual([]);
    expect(kills).toBe(RUNS);
    expect(integrityFailures).toBe(0);
    expect(partialBatches).toBe(0);
    expect(lostBatches).toBe(0);
    // the kills did land while batches were being written, not only at start
    expect(killedMidBatch).toBeGreaterThan(RUNS / 4);
    expect(batchesCommitted).toBeGreaterThan(0);
    // and the databases open normally afterwards (quick check at start passes)
    openDatabase(file).close();
  }, 240_000);
});

// How to make a folder that refuses writes: tmpfs as root (chmod does not stop root), chmod otherwise.
const isRoot = process.getuid?.() === 0;
const MOUNT = canMountTmpfs();
const READ_ONLY_METHOD: 'mount' | 'chmod' | null = !isRoot ? 'chmod' : MOUNT ? 'mount' : null;
if (!READ_ONLY_METHOD) console.warn('crash-safety: running as root without permission to mount a tmpfs: the read-only folder cases are skipped (chmod does not stop root)');
if (!MOUNT) console.warn('crash-safety: cannot mount a small tmpfs: the real full-disk case is skipped (the SQLite page-limit case still runs)');

const tmpfs = (sizeKb: number) => mountTmpfs(work, sizeKb);

function makeReadOnly(dir: string): void {
  if (READ_ONLY_METHOD === 'mount') execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
  else fs.chmodSync(dir, 0o555);
}
function makeWritable(dir: string): void {
  if (READ_ONLY_METHOD === 'mount') execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'ignore' });
  else fs.chmodSync(dir, 0o755);
}

/** A folder for a database that can later be made read-only. */
function folder(): string {
  return READ_ONLY_METHOD === 'mount' ? tmpfs(8192) : fs.mkdtempSync(path.join(work, 'ro-'));
}

async function saved(file: string): Promise<number[]> {
  const db = openDatabase(file);
  const api = createCaller(db);
  const f = await api.facility.create({ regionCode: '520602', name: '已保存的机构', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const beds = await api.bed.add({ facilityId: f.id, count: 40, nursingCount: 10, labelPattern: 'S-{n}', inServiceFrom: '2020-01-01' });
  await api.resident.create({ name: '已保存的老人', idNumber: idFor(901) });
  db.close();
  return beds.map((b) => b.id);
}

function bedIds(file: string): number[] {
  const raw = rawDb(file, { readonly: true, fileMustExist: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    return (raw.prepare('SELECT id FROM beds ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    raw.close();
  }
}

describe('write failures: a clear error, nothing already saved is lost', () => {
  it('a full database (SQLite page limit reached) refuses the write with DISK_FULL and keeps the rest', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'full.db');
    const before = await saved(file);
    const db = openDatabase(file);
    try {
      const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
      db.sqlite.pragma(`max_page_count = ${pages + 2}`);
      const snap = snapshot(db);
      const err = await rejection(createCaller(db).bed.add({ facilityId: 1, count: 2000, nursingCount: 0, labelPattern: 'F-{n}', inServiceFrom: '2020-01-01' }));
      expect(err.code).toBe('DISK_FULL');
      expect(err.zh).toContain('磁盘已满');
      expect(snapshot(db)).toEqual(snap);
    } finally {
      db.close();
    }
    expect(bedIds(file)).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!MOUNT)('a disk that really fills up (a 2 MB tmpfs) refuses the write with DISK_FULL and keeps the rest', async () => {
    const dir = tmpfs(2048);
    const file = path.join(dir, 'full.db');
    const before = await saved(file);
    const db = openDatabase(file, { autoBackup: false });
    const filler = path.join(dir, 'filler');
    try {
      const { bavail, bsize } = fs.statfsSync(dir);
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 32 * 1024)));
      const snap = snapshot(db);
      const api = createCaller(db);
      const err = await rejection(api.bed.add({ facilityId: 1, count: 2000, nursingCount: 0, labelPattern: 'F-{n}', inServiceFrom: '2020-01-01' }));
      expect(err.code).toBe('DISK_FULL');
      expect(snapshot(db)).toEqual(snap);
    } finally {
      db.close();
      fs.rmSync(filler, { force: true });
    }
    expect(bedIds(file)).toEqual(before);
  });

  it.skipIf(!READ_ONLY_METHOD)('a database in a folder that became read-only: opening says so, nothing is moved or changed', async () => {
    const dir = folder();
    const file = path.join(dir, 'eldercare.db');
    const before = await saved(file);
    const bytes = fs.readFileSync(file);
    makeReadOnly(dir);
    try {
      let err: unknown;
      try {
        openDatabase(file).close();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DatabaseOpenError);
      expect((err as DatabaseOpenError).code).toBe('OPEN_FAILED');
      expect((err as Error).message).toContain('只读');
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    } finally {
      makeWritable(dir);
    }
    expect(bedIds(file)).toEqual(before);
  });

  it.skipIf(!READ_ONLY_METHOD)('a backup to a read-only folder (a locked USB stick) says so and leaves no file behind', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'eldercare.db');
    const before = await saved(file);
    const usb = folder();
    makeReadOnly(usb);
    const db = openDatabase(file);
    try {
      const err = await rejection(createCaller(db).backup.create({ folder: usb }));
      expect([err.code, err.field]).toEqual(['READ_ONLY', 'folder']);
      expect(err.zh).toContain('只读');
      expect(fs.readdirSync(usb)).toEqual([]);
    } finally {
      db.close();
      makeWritable(usb);
    }
    expect(bedIds(file)).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
