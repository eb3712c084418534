/**
 * npm run bench:hub [-- --scale city|province] [--runs N] [--seed N] [--sync-root demo|generated] [--reuse-connections]
 *
 * The hub on PostgreSQL, timed (docs/architecture.md#hub):
 * 1. the generated data set of the scale (cached in .tmp/bench/ as `npm run bench` caches it,
 *    made once when missing) mirrored into a fresh PostgreSQL database by the hub's mirror
 *    (mirrorRegister); then the statistics as of the bench's date — the app's one SQL program
 *    on the hub's pool (runOnPg(statisticsProgram(…, 'pg'))), median of N after a warm-up —
 *    against the same figures from one hand-written statement (stats-pg-sql.ts) run by the
 *    real `psql` program, whole process, median of N. The figures are CHECKED county by
 *    county (and the program's result against the SQLite service's): a difference exits 1.
 * 2. a sync of about 10,000 changes: a city install as the hub's root — a fresh city file with
 *    the demo data (seed-demo), or with --sync-root generated a copy of the generated city (its
 *    first sync carries its whole register, ~146,000 changes, and takes many minutes) —, a Hub
 *    on a fresh PostgreSQL database behind a real startHubServer on 127.0.0.1, a first sync,
 *    then ~10,000 changes made through the api (staff counts of facilities, beds added, people
 *    registered and admitted: counted as the change_log rows they made) and syncWithHub timed:
 *    push, the hub's apply with the office engine, its mirror to PostgreSQL. The sync's requests
 *    go each on a connection of its own; --reuse-connections uses Node's fetch (keep-alive).
 * Each part runs in its own process (so its peak RSS is its own). PostgreSQL is ELDERCARE_TEST_PG,
 * else a throw-away cluster (tests/support/pg-server.ts: fsync off, default memory settings).
 * Prints a Markdown table and writes .tmp/bench/hub-<scale>.json.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { installIdentity, keyFingerprint } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { openPg, runOnPg, type PgDb } from '../../src-main/db/pg/connection';
import { personalCipher } from '../../src-main/db/pg/personal-cipher';
import { runAsync, type Program } from '../../src-main/db/sql-program';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import { todayIso } from '../../src-main/domain/dates';
import { DEFAULT_SEED } from '../../src-main/generate/generate';
import { SCALES, type Scale } from '../../src-main/generate/plan';
import { startHubServer } from '../../src-main/server/hub-server';
import { statusOn } from '../../src-main/services/as-of';
import { Hub } from '../../src-main/services/hub/engine';
import { mirrorRegister } from '../../src-main/services/hub/mirror';
import { syncWithHub, type SyncReport } from '../../src-main/services/hub/sync-client';
import { localActor } from '../../src-main/services/local-actor';
import { getSettings } from '../../src-main/services/settings';
import { statistics, statisticsProgram, type StatisticsResult } from '../../src-main/services/statistics';
import { freshDatabase, testPgUrl } from '../../tests/support/pg-server';
import { BENCH_DATE } from './ops';
import { parsePsqlRows, statisticsPgSql, type PgStatsRow } from './stats-pg-sql';
import { fmtMs, summarize, type Summary } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, '.tmp/bench');
const ADMIN = { userId: null, username: 'bench', role: 'admin' as const };
/** About this many changes for the timed sync. */
const SYNC_CHANGES = 10_000;

// ——— shared ———

function elapsed(t0: number): number {
  return performance.now() - t0;
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: elapsed(t0), value };
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The data set of `npm run bench` (same file, same name), generated once when missing. */
function ensureDataSet(scale: Scale, seed: number): { file: string; generatedSeconds: number | null } {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${scale}-${seed}.db`);
  if (fs.existsSync(file)) return { file, generatedSeconds: null };
  const partial = path.join(DIR, `${scale}-${seed}.partial.db`);
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  console.error(`生成数据 / generating the ${scale} data set (seed ${seed}) …`);
  const t0 = performance.now();
  // the command line from its sources (tsx): no bundle to build
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/cli/main.ts'), 'generate', '--db', partial, '--scale', scale, '--seed', String(seed)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ELDERCARE_DB: '' },
  });
  if (r.status !== 0) throw new Error('generation failed');
  fs.renameSync(partial, file);
  return { file, generatedSeconds: elapsed(t0) / 1000 };
}

/** A fresh working copy: the hub's runs write into it (settings, sync state, changes). */
function workingCopy(file: string, name: string): string {
  const copy = path.join(DIR, name);
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(file, copy);
  return copy;
}

function removeCopy(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

function openCopy(file: string): AppDb {
  return openDatabase(file, { autoBackup: false, backupBeforeMigrate: false });
}

async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = await openPg(await testPgUrl(), { migrate: false, max: 1 });
  try {
    await admin.pool.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

const count = (db: AppDb, table: string) => db.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
const sumOf = (o: Record<string, number>) => Object.values(o).reduce((s, v) => s + v, 0);

// ——— part 1: province statistics on the hub against psql ———

interface StatsPart {
  scale: Scale;
  dataSet: string;
  sizes: Record<string, number>;
  date: string;
  runs: number;
  sqliteServiceMs: number;
  migrateMs: number;
  mirror: { ms: number; rows: Record<string, number>; pgDatabaseMb: number };
  firstRunBeforeAnalyzeMs: number;
  analyzeMs: number;
  program: Summary;
  /** One instrumented run: each query of the program, in order. */
  programQueries: Array<{ ms: number; rows: number; sql: string }>;
  psql: Summary;
  /** The same statement over the pool (no process start, no connection). */
  statementOnPool: Summary;
  ratio: number;
  counties: number;
  mismatches: string[];
  programEqualsSqlite: boolean;
  peakRssMb: number;
}

function runPsql(url: string, sql: string): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('psql', [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = elapsed(t0);
  if (r.error) throw new Error(`psql could not be started (apt-get install postgresql-client): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** The psql figures against the program's, county by county and for the total: what differs. */
function compareFigures(psqlRows: PgStatsRow[], app: StatisticsResult): string[] {
  const problems: string[] = [];
  const check = (code: string, label: string, mine: PgStatsRow | undefined, figures: { beds: number; nursing: number; occupied: number; residents: number; tekun: number; facilities: number }) => {
    if (!mine) return problems.push(`${label}: no psql row`);
    const pairs: Array<[string, number, number]> = [
      ['beds', mine.beds, figures.beds],
      ['nursing beds (institutions)', mine.instNursing, figures.nursing],
      ['occupied', mine.occupied, figures.occupied],
      ['residents', mine.residents, figures.residents],
      ['特困 unable residents', mine.tekunResidents, figures.tekun],
      ['facilities', mine.facilities, figures.facilities],
    ];
    for (const [what, sql, program] of pairs) if (sql !== program) problems.push(`${code} ${label} ${what}: psql ${sql}, program ${program}`);
    return undefined;
  };
  const fig = (r: StatisticsResult['total']) => ({
    beds: sumOf(r.beds), nursing: r.institutionNursingBeds, occupied: sumOf(r.occupied), residents: r.residents, tekun: r.tekunUnableResidents, facilities: r.facilities,
  });
  for (const a of app.rows) check(a.code, a.name, psqlRows.find((r) => r.code === a.code), fig(a));
  const extra = psqlRows.filter((r) => r.code !== 'total' && !app.rows.some((a) => a.code === r.code));
  for (const r of extra) problems.push(`${r.code} ${r.name}: psql has it, the program has not`);
  check('total', '合计', psqlRows.find((r) => r.code === 'total'), fig(app.total));
  return problems;
}

async function statsPart(scale: Scale, seed: number, runs: number): Promise<StatsPart> {
  const { file } = ensureDataSet(scale, seed);
  const copy = workingCopy(file, `hub-${scale}.db`);
  const db = openCopy(copy);
  const sizes = Object.fromEntries(['regions', 'facilities', 'beds', 'residents', 'stays', 'assessments', 'change_log'].map((t) => [t, count(db, t)]));
  const ctx = { db, actor: ADMIN };
  const home = getSettings(ctx).homeRegion;
  const sqliteRun = await timed(() => statistics(ctx, { date: BENCH_DATE }));

  const url = await freshDatabase(`bench_hub_${scale}`);
  try {
    const migrated = await timed(() => openPg(url));
    const pg = migrated.value;
    try {
      const cipher = personalCipher(randomBytes(32));
      console.error(`  mirroring ${path.basename(file)} into PostgreSQL …`);
      const mirror = await timed(() => mirrorRegister(db, pg, cipher));
      db.close();
      removeCopy(copy);
      const pgDatabaseMb = ((await pg.pool.query<{ n: number }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n) / 2 ** 20;
      const program = () => runOnPg(pg, statisticsProgram(ADMIN, { date: BENCH_DATE }, 'pg'));

      // as the mirror leaves the database: no planner statistics yet (autovacuum gathers them within a minute or so)
      const first = await timed(program);
      const analyze = await timed(() => pg.pool.query('ANALYZE'));

      // warm-ups, then the three interleaved run by run, so a busy moment of the machine falls on all of them alike
      const sql = statisticsPgSql(BENCH_DATE, home);
      await program();
      runPsql(url, sql);
      await pg.pool.query(sql);
      const ms: number[] = [];
      const psqlMs: number[] = [];
      const poolMs: number[] = [];
      let result: StatisticsResult | undefined;
      let out = '';
      for (let i = 0; i < runs; i++) {
        const r = await timed(program);
        ms.push(r.ms);
        result = r.value;
        const q = runPsql(url, sql);
        psqlMs.push(q.ms);
        out = q.stdout;
        poolMs.push((await timed(() => pg.pool.query(sql))).ms);
      }
      const programQueries = await instrumented(pg, statisticsProgram(ADMIN, { date: BENCH_DATE }, 'pg'));

      const mismatches = compareFigures(parsePsqlRows(out), result!);
      const programEqualsSqlite = isDeepStrictEqual(result, sqliteRun.value) && isDeepStrictEqual(first.value, sqliteRun.value);
      const p = summarize(ms);
      const q = summarize(psqlMs);
      return {
        scale,
        dataSet: path.relative(ROOT, file),
        sizes,
        date: BENCH_DATE,
        runs,
        sqliteServiceMs: sqliteRun.ms,
        migrateMs: migrated.ms,
        mirror: { ms: mirror.ms, rows: mirror.value.rows, pgDatabaseMb },
        firstRunBeforeAnalyzeMs: first.ms,
        analyzeMs: analyze.ms,
        program: p,
        programQueries,
        psql: q,
        statementOnPool: summarize(poolMs),
        ratio: p.median / q.median,
        counties: result!.rows.length,
        mismatches,
        programEqualsSqlite,
        peakRssMb: peakRssMb(),
      };
    } finally {
      await pg.close();
    }
  } finally {
    await dropDatabase(url);
  }
}

/** A program run as runOnPg runs it, with each query timed. */
async function instrumented<T>(pg: PgDb, program: Program<T>): Promise<Array<{ ms: number; rows: number; sql: string }>> {
  const out: Array<{ ms: number; rows: number; sql: string }> = [];
  await runAsync(async (text, values) => {
    const t0 = performance.now();
    const rows = (await pg.pool.query(text, values)).rows as Array<Record<string, unknown>>;
    out.push({ ms: elapsed(t0), rows: rows.length, sql: text.replace(/\s+/g, ' ').trim().slice(0, 90) });
    return rows;
  }, program);
  return out;
}

// ——— part 2: a sync of ~10,000 changes ———

interface SyncStep {
  changes: number;
  ms: number;
  /** Time inside the hub's answers (hello, push …: apply and mirror happen before the push answers). */
  requests: Array<{ what: string; ms: number; bytes: number; idleBeforeMs: number }>;
  outcome: string;
  applied: number | undefined;
}

type SyncRoot = 'demo' | 'generated';

interface SyncPart {
  city: string;
  root: SyncRoot;
  seedMs: number | null;
  sizes: Record<string, number>;
  hubOpenMs: number;
  first: SyncStep;
  made: { facilityUpdates: number; bedsAdded: number; bedCalls: number; admissions: number; changeLogRows: number; ms: number; byTable: Record<string, number> };
  second: SyncStep;
  figuresMatch: boolean;
  mismatch?: string;
  hubPgBeds: number;
  cityBeds: number;
  peakRssMb: number;
}

/**
 * fetch for the sync: each request on a connection of its own (node:http, no keep-alive), the
 * time to each answer's headers recorded, and the time since the previous answer (the client's
 * own work in between). With `reuse`, Node's fetch itself (undici, keep-alive connections).
 */
function timingFetch(log: SyncStep['requests'], reuse: boolean): typeof fetch {
  let last = performance.now();
  const record = (method: string, url: URL, bytes: number, t0: number) => {
    log.push({ what: `${method} ${url.pathname.replace(/[0-9a-f]{64}$/, '<sha>')}`, ms: elapsed(t0), bytes, idleBeforeMs: t0 - last });
    last = performance.now();
  };
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    const raw = init?.body;
    const body = raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) : typeof raw === 'string' ? Buffer.from(raw) : undefined;
    if (raw != null && body === undefined) throw new Error('bench fetch: unexpected body type');
    const t0 = performance.now();
    if (reuse) {
      const r = await fetch(input, init);
      record(method, url, body?.length ?? 0, t0);
      return r;
    }
    return new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = { ...(init?.headers as Record<string, string> | undefined), connection: 'close' };
      if (body) headers['content-length'] = String(body.length);
      const req = http.request(url, { method, headers, agent: false }, (res) => {
        record(method, url, body?.length ?? 0, t0);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}

async function timedSync(city: AppDb, url: string, changes: number, reuse: boolean): Promise<SyncStep> {
  const requests: SyncStep['requests'] = [];
  const t0 = performance.now();
  const report: SyncReport = await syncWithHub(city, url, { fetch: timingFetch(requests, reuse) });
  const ms = elapsed(t0);
  if (report.hub_package.outcome !== 'applied') throw new Error(`the hub did not apply the package: ${JSON.stringify(report.hub_package)}`);
  return { changes: report.hub_package.changes || changes, ms, requests, outcome: report.hub_package.outcome, applied: report.hub_package.applied };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '德明华英秀兰玉芳桂珍凤云春生福寿国成学文志光荣贵发林海山永昌琼翠先银金';

/** ID numbers no generated person has (a Yunnan area code), valid and distinct. */
function benchIdNumber(i: number): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `530102${day}${String(i % 500).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

/** About SYNC_CHANGES changes through the api, as clerks make them. */
async function makeChanges(city: AppDb): Promise<SyncPart['made']> {
  const api = createCaller(city);
  const today = todayIso();
  const before = city.sqlite.prepare('SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number;
  const made = () => (city.sqlite.prepare('SELECT count(*) FROM change_log WHERE id > ?').pluck().get(before) as number);
  const t0 = performance.now();
  const operating = (kinds: string) =>
    city.sqlite.prepare(`SELECT f.id FROM facilities f WHERE ${statusOn('f')} = 'operating' ${kinds} ORDER BY f.id`).pluck().all({ d: today }) as number[];

  // 1. staff counts of the operating facilities (one change each), at most a quarter of the target
  let facilityUpdates = 0;
  const staff = city.sqlite.prepare('SELECT staff_count AS staff FROM facilities WHERE id = ?');
  for (const id of operating('').slice(0, SYNC_CHANGES / 4)) {
    const f = staff.get(id) as { staff: number | null };
    await api.facility.update({ id, staffCount: (f.staff ?? 0) + 1 });
    facilityUpdates++;
  }

  // 2. beds added to the nursing homes, ten at a time, until three quarters of the target are made
  const homes = operating("AND f.kind = 'nursing_home'");
  const newBeds: number[] = [];
  let bedCalls = 0;
  for (let i = 0; made() < (SYNC_CHANGES * 3) / 4 && homes.length > 0; i++) {
    const created = await api.bed.add({ facilityId: homes[i % homes.length]!, count: 10, nursingCount: 4, building: '同步楼', labelPattern: `S${i}-{nn}`, inServiceFrom: today });
    newBeds.push(...created.map((b) => b.id));
    bedCalls++;
  }

  // 3. people registered and admitted to the new beds, to the target
  let admissions = 0;
  while (made() < SYNC_CHANGES && admissions < newBeds.length) {
    const i = admissions;
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! + GIVEN[(i * 7) % GIVEN.length]!;
    const person = await api.resident.create({ name, idNumber: benchIdNumber(i) });
    await api.stay.admit({ residentId: person.id, bedId: newBeds[i]!, admittedOn: today });
    admissions++;
  }
  const byTable = Object.fromEntries(
    (city.sqlite.prepare('SELECT tbl, count(*) AS n FROM change_log WHERE id > ? GROUP BY tbl ORDER BY n DESC').all(before) as Array<{ tbl: string; n: number }>).map((r) => [r.tbl, r.n]),
  );
  return { facilityUpdates, bedsAdded: newBeds.length, bedCalls, admissions, changeLogRows: made(), ms: elapsed(t0), byTable };
}

/** The hub's root: a fresh city file with the demo data (seed-demo, through the api), or a copy of the generated city. */
async function rootCity(root: SyncRoot, seed: number): Promise<{ city: AppDb; source: string; seedMs: number | null }> {
  if (root === 'generated') {
    const { file } = ensureDataSet('city', seed);
    return { city: openCopy(workingCopy(file, 'hub-sync-city.db')), source: path.relative(ROOT, file), seedMs: null };
  }
  const file = path.join(DIR, 'hub-sync-demo.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const city = openCopy(file);
  const t0 = performance.now();
  await seedDemo(city);
  return { city, source: 'a fresh city file with the demo data (seed-demo)', seedMs: elapsed(t0) };
}

async function syncPart(seed: number, reuse: boolean, root: SyncRoot): Promise<SyncPart> {
  const { city, source, seedMs } = await rootCity(root, seed);
  const sizes = Object.fromEntries(['facilities', 'beds', 'residents', 'stays', 'change_log'].map((t) => [t, count(city, t)]));
  const dataDir = path.join(DIR, 'hub-sync-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const url = await freshDatabase('bench_hub_sync');
  try {
    const pg = await openPg(url, { max: 20 });
    try {
      const rootFingerprint = keyFingerprint(installIdentity(city.sqlite).publicKey);
      const opened = await timed(() => Hub.open({ pg, dataDir, hubKey: randomBytes(32), rootFingerprint }));
      const hub = opened.value;
      const server = await startHubServer({ hub, host: '127.0.0.1', port: 0 });
      try {
        console.error(`  first sync (the whole register of ${source}) …`);
        const first = await timedSync(city, server.url, sizes.change_log!, reuse);
        console.error('  making changes through the api …');
        const made = await makeChanges(city);
        console.error(`  syncing ${made.changeLogRows} changes …`);
        const second = await timedSync(city, server.url, made.changeLogRows, reuse);

        // the hub's figures (PostgreSQL, its own ids) are the city's, today with the new beds and people
        const date = todayIso();
        const atCity = statistics({ db: city, actor: localActor(city) }, { date });
        const atHub = await runOnPg(pg, statisticsProgram(ADMIN, { date }, 'pg'));
        const figuresMatch = isDeepStrictEqual(atHub, atCity);
        const hubPgBeds = (await pg.pool.query<{ n: number }>('SELECT count(*) AS n FROM beds')).rows[0]!.n;
        const cityBeds = count(city, 'beds');
        return {
          city: source,
          root,
          seedMs,
          sizes,
          hubOpenMs: opened.ms,
          first,
          made,
          second,
          figuresMatch: figuresMatch && hubPgBeds === cityBeds,
          mismatch: figuresMatch ? undefined : `city total ${JSON.stringify(atCity.total.beds)} / hub ${JSON.stringify(atHub.total.beds)}`,
          hubPgBeds,
          cityBeds,
          peakRssMb: peakRssMb(),
        };
      } finally {
        await server.close();
        await hub.close();
      }
    } finally {
      await pg.close();
    }
  } finally {
    city.close();
    removeCopy(city.file);
    await dropDatabase(url);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ——— the parent: each part in its own process, the table ———

function part<T>(name: 'stats' | 'sync', args: string[]): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--part', name, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

async function machine(): Promise<{ text: string; pgVersion: string }> {
  const pg = await openPg(await testPgUrl(), { migrate: false, max: 1 });
  try {
    const v = (await pg.pool.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v;
    const settings = (await pg.pool.query<{ name: string; value: string }>(
      "SELECT name, current_setting(name) AS value FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'fsync', 'max_parallel_workers_per_gather') ORDER BY name",
    )).rows.map((r) => `${r.name}=${r.value}`).join(', ');
    const cpu = os.cpus();
    const psql = spawnSync('psql', ['--version'], { encoding: 'utf8' }).stdout.trim();
    const text = `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; ${v.replace(/ on .*$/, '')} (${settings}); ${psql}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
    return { text, pgVersion: v };
  } finally {
    await pg.close();
  }
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
const per = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;
const num = (n: number) => n.toLocaleString('en-US');

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'city' }, runs: { type: 'string', default: '5' }, seed: { type: 'string' }, part: { type: 'string' }, 'reuse-connections': { type: 'boolean' }, 'sync-root': { type: 'string', default: 'demo' } },
    strict: true,
  });
  const scale = SCALES.find((s) => s === values.scale);
  if (!scale) throw new Error('--scale city|province');
  const runs = Math.max(1, Number(values.runs));
  const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
  const syncRoot = (['demo', 'generated'] as const).find((r) => r === values['sync-root']);
  if (!syncRoot) throw new Error('--sync-root demo|generated');
  if (values.part === 'stats') return console.log(JSON.stringify(await statsPart(scale, seed, runs)));
  if (values.part === 'sync') return console.log(JSON.stringify(await syncPart(seed, !!values['reuse-connections'], syncRoot)));

  const t0 = performance.now();
  const externalPg = process.env.ELDERCARE_TEST_PG;
  // the data sets first (not timed below), and one PostgreSQL server for both parts
  const generated = [ensureDataSet(scale, seed), ...(scale === 'city' || syncRoot === 'demo' ? [] : [ensureDataSet('city', seed)])].filter((g) => g.generatedSeconds !== null);
  const pgUrl = await testPgUrl();
  const m = await machine();
  const args = ['--scale', scale, '--runs', String(runs), '--seed', String(seed), '--sync-root', syncRoot, ...(values['reuse-connections'] ? ['--reuse-connections'] : [])];
  console.error(`1/2 statistics on the hub (${scale}) …`);
  const stats = part<StatsPart>('stats', args);
  console.error('2/2 sync of ~10,000 changes …');
  const sync = part<SyncPart>('sync', args);
  const totalSeconds = elapsed(t0) / 1000;

  const s = stats;
  const sz = s.sizes;
  const mirroredRows = Object.entries(s.mirror.rows).reduce((n, [, v]) => n + v, 0);
  const req = (step: SyncStep) =>
    step.requests.map((r) => `${r.what} ${fmtMs(r.ms)}${r.bytes > 4096 ? ` (${(r.bytes / 2 ** 20).toFixed(1)} MB, made at the city in ${fmtMs(r.idleBeforeMs)} before it)` : ''}`).join('; ');
  const madeText = `${num(sync.made.facilityUpdates)} staff-count updates, ${num(sync.made.bedsAdded)} beds added (${sync.made.bedCalls} calls), ${num(sync.made.admissions)} people registered and admitted, through the api in ${(sync.made.ms / 1000).toFixed(1)} s; change_log rows by table: ${Object.entries(sync.made.byTable).map(([t, n]) => `${t} ${n}`).join(', ')}`;
  const rows: Array<[string, string, string]> = [
    [`mirror the ${scale} register into PostgreSQL (mirrorRegister, first = full)`, fmtMs(s.mirror.ms), `${num(mirroredRows)} rows (${Object.entries(s.mirror.rows).filter(([, v]) => v > 0).map(([t, v]) => `${t} ${num(v)}`).join(', ')}), ${per(mirroredRows, s.mirror.ms)}; database ${mb(s.mirror.pgDatabaseMb)}; migrations before it ${fmtMs(s.migrateMs)}`],
    ['statistics on the hub, first run after the mirror (no planner statistics yet)', fmtMs(s.firstRunBeforeAnalyzeMs), `then ANALYZE ${fmtMs(s.analyzeMs)} (what autovacuum does on its own shortly after)`],
    [`statistics on the hub: runOnPg(statisticsProgram(admin, {date: ${s.date}}, 'pg'))`, `${fmtMs(s.program.median)} (${fmtMs(s.program.min)}–${fmtMs(s.program.max)})`, `median of ${s.runs} after a warm-up, run by run in turn with psql; ${s.programQueries.length} queries (one instrumented run: ${fmtMs(s.programQueries.reduce((n, q) => n + q.ms, 0))} in all), the slowest ${s.programQueries.map((q) => ({ ...q })).sort((a, b) => b.ms - a.ms).slice(0, 2).map((q) => `${fmtMs(q.ms)} "${q.sql.slice(0, 60)}…"`).join(', ')}`],
    ['the same figures, one hand-written statement, `psql -X -q -A -t -c` (whole process)', `${fmtMs(s.psql.median)} (${fmtMs(s.psql.min)}–${fmtMs(s.psql.max)})`, `median of ${s.runs} after a warm-up; the statement alone over the pool ${fmtMs(s.statementOnPool.median)}`],
    ['ratio hub program / psql', `${s.ratio.toFixed(2)}×`, `goal ≤ 1.5×: ${s.ratio <= 1.5 ? 'met' : 'MISSED'}; figures ${s.mismatches.length === 0 ? `match county by county (${s.counties} counties and the total: beds, nursing beds, occupied, residents, 特困 unable residents, facilities)` : `DIFFER (${s.mismatches.length}: ${s.mismatches.slice(0, 3).join('; ')})`}; program = SQLite service: ${s.programEqualsSqlite ? 'yes' : 'NO'} (SQLite service ${fmtMs(s.sqliteServiceMs)})`],
    [`first sync of the city root (the whole register: ${num(sync.first.changes)} changes)`, fmtMs(sync.first.ms), `${per(sync.first.changes, sync.first.ms)}; ${req(sync.first)}; Hub.open ${fmtMs(sync.hubOpenMs)}`],
    [`sync of ${num(sync.second.changes)} changes (syncWithHub: push, hub apply, mirror)`, fmtMs(sync.second.ms), `**${per(sync.second.changes, sync.second.ms)}**; applied ${sync.second.applied ?? '—'}; ${req(sync.second)}; outside the hub's answers (package made, acks) ${fmtMs(sync.second.ms - sync.second.requests.reduce((n, r) => n + r.ms, 0))}`],
    ['the changes', num(sync.made.changeLogRows), madeText],
    ['check after the sync', sync.figuresMatch ? 'match' : 'DIFFER', `statistics for ${todayIso()} on the hub's PostgreSQL = the city's SQLite service: ${sync.figuresMatch ? 'yes' : `NO ${sync.mismatch ?? ''}`}; beds ${num(sync.hubPgBeds)} at the hub, ${num(sync.cityBeds)} at the city`],
  ];
  const table = [
    `Hub bench, ${scale === 'city' ? '市级 / city' : '省级 / province'} scale (${s.dataSet}: ${Object.entries(sz).map(([t, n]) => `${t} ${num(n)}`).join(', ')}); the hub's root for the sync: ${sync.city} (${Object.entries(sync.sizes).map(([t, n]) => `${t} ${num(n)}`).join(', ')}${sync.seedMs !== null ? `; seeded in ${(sync.seedMs / 1000).toFixed(1)} s` : ''}).`,
    '',
    '| operation | time | note |',
    '| --- | ---: | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Peak RSS: statistics part ${mb(s.peakRssMb)}, sync part ${mb(sync.peakRssMb)}. Whole bench ${(totalSeconds / 60).toFixed(1)} min${generated.length ? ` (data sets generated first: ${generated.map((g) => `${g.generatedSeconds!.toFixed(0)} s`).join(', ')})` : ''}.`,
    `Machine: ${m.text}. PostgreSQL: ${externalPg ? `ELDERCARE_TEST_PG (${new URL(pgUrl).host})` : 'a throw-away cluster started for the bench (tests/support/pg-server.ts)'}.`,
  ].join('\n');
  const json = { scale, runs, seed, machine: m.text, pgVersion: m.pgVersion, totalSeconds, stats, sync };
  fs.writeFileSync(path.join(DIR, `hub-${scale}.json`), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\n${table}\n\n(JSON saved to ${path.relative(ROOT, path.join(DIR, `hub-${scale}.json`))})`);
  const failed = [
    ...(s.mismatches.length ? ['the psql figures differ from the program’s'] : []),
    ...(s.programEqualsSqlite ? [] : ['the hub program differs from the SQLite service']),
    ...(sync.figuresMatch ? [] : ['the hub’s figures after the sync differ from the city’s']),
  ];
  if (failed.length) {
    for (const line of s.mismatches.slice(0, 20)) console.error(`  ${line}`);
    console.error(`CHECK FAILED: ${failed.join('; ')}`);
    process.exit(1);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
