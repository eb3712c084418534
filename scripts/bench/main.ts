/**
 * npm run bench [-- --scale city|province] [--runs N] [--seed N] [--skip-import]
 *
 * Generates the data set through the app's services (or reuses the one cached in
 * .tmp/bench/), then times each operation over several runs, each kind in its own process
 * so the peak RSS printed is that operation's: statistics via the service against the same
 * figures from a hand-written query in the `sqlite3` program; month close and workbook
 * export; the grids and searches via the api caller; cold start; CSV import against
 * `sqlite3 .import` when the import module exists. Prints a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { attachKeyed, connect } from '../../src-main/db/connection';
import { copyContents } from '../../src-main/db/copy-contents';
import { currentKey } from '../../src-main/db/db-key';
import { openDatabase } from '../../src-main/db/open';
import { DEFAULT_SEED } from '../../src-main/generate/generate';
import { SCALES, type Scale } from '../../src-main/generate/plan';
import { getSettings } from '../../src-main/services/settings';
import { statistics } from '../../src-main/services/statistics';
import { goalsTable, type GoalInputs } from './goals';
import { importBenchmark } from './import-bench';
import { BENCH_DATE } from './ops';
import { runSqlite, sqliteAvailable } from './sqlite-cli';
import { statisticsSql } from './stats-sql';
import { fmtMs, summarize, type Summary } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, '.tmp/bench');

interface Row {
  op: string;
  s: Summary | null;
  /** Median CPU time (user + system) of a run: what the figure would be on an idle machine. */
  cpu: number | null;
  rssMb: number | null;
  note: string;
}

function tsx(script: string, args: string[], opts: { inherit?: boolean } = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: opts.inherit ? 'inherit' : 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function ensureDataSet(scale: Scale, seed: number): { file: string; generatedSeconds: number | null } {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${scale}-${seed}.db`);
  if (fs.existsSync(file)) return { file, generatedSeconds: null };
  const partial = path.join(DIR, `${scale}-${seed}.partial.db`);
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  console.log(`生成数据 / generating the ${scale} data set (seed ${seed}) …`);
  const t0 = performance.now();
  // the built CLI, as a user runs it (npm run --silent cli): no TypeScript compile in the time
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/built.mjs'), 'cli', 'generate', '--db', partial, '--scale', scale, '--seed', String(seed)], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generation failed');
  fs.renameSync(partial, file);
  return { file, generatedSeconds: (performance.now() - t0) / 1000 };
}

/** A fresh working copy each run, so month closes and imports do not pile up in the cached file. */
function workingCopy(file: string, name: string): string {
  const copy = path.join(DIR, name);
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(file, copy);
  return copy;
}

function worker(op: string, db: string, runs: number): { s: Summary; cpu: number; rssMb: number; rows: number | null } {
  const r = tsx('scripts/bench/worker.ts', [op, db, String(runs), DIR]);
  if (r.status !== 0) throw new Error(`${op} failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number[]; cpu: number[]; peakRssKb: number; rows: number | null };
  return { s: summarize(out.ms), cpu: summarize(out.cpu).median, rssMb: out.peakRssKb / 1024, rows: out.rows };
}

function machine(): string {
  const cpu = os.cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'city' }, runs: { type: 'string', default: '5' }, seed: { type: 'string' }, 'skip-import': { type: 'boolean' } }, strict: true });
  const scale = SCALES.find((s) => s === values.scale);
  if (!scale) throw new Error('--scale city|province');
  const runs = Math.max(1, Number(values.runs));
  const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
  const { file, generatedSeconds } = ensureDataSet(scale, seed);
  const db = workingCopy(file, `work-${scale}.db`);
  const rows: Row[] = [];
  const goals: GoalInputs = {
    importRatio: null, importMs: null, bareImportMs: null, statsOneCpuRatio: null, cliStatsMs: null, generateSeconds: generatedSeconds,
    gridFirstRowsMs: null, gridFirstRowsRssMb: null, gridFirstRowsOp: null, exportCpuMs: null, exportRssMb: null, closeCpuMs: null,
  };
  const add = (op: string, s: Summary | null, cpu: number | null, rssMb: number | null, note = '') => {
    rows.push({ op, s, cpu, rssMb, note });
    console.log(`  ${op}: ${s ? `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)})` : '—'}${cpu !== null ? `, CPU ${fmtMs(cpu)}` : ''}${rssMb ? `, ${rssMb.toFixed(0)} MB` : ''} ${note}`);
  };

  // What the data set holds, and the app's own figures for the check against sqlite3.
  const app = openDatabase(db);
  const count = (t: string) => (app.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const sizes = ['regions', 'facilities', 'beds', 'residents', 'stays', 'assessments', 'contracts', 'audit_log'].map((t) => `${t} ${count(t)}`).join(', ');
  const ctx = { db: app, actor: { userId: null, username: 'bench', role: 'admin' as const } };
  const home = getSettings(ctx).homeRegion;
  const appStats = statistics(ctx, { date: BENCH_DATE });
  const firstCounty = appStats.rows[0]!.code;
  app.close();
  console.log(`数据 / data set: ${path.relative(ROOT, file)} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB): ${sizes}`);
  if (generatedSeconds !== null) console.log(`生成用时 / generated in ${generatedSeconds.toFixed(0)} s`);

  const statsAll = worker('stats-all', db, runs);
  add('statistics, all counties (service)', statsAll.s, statsAll.cpu, statsAll.rssMb);
  const statsOne = worker('stats-one', db, runs);
  add('statistics, one county (service)', statsOne.s, statsOne.cpu, statsOne.rssMb);

  if (sqliteAvailable()) {
    // sqlite3 reads plain files only: the generated (invented) data set, decrypted for it
    const plain = plainCopyForSqlite3(db, path.join(DIR, `plain-${scale}.db`));
    for (const [label, county, appRun] of [['all counties', undefined, statsAll], ['one county', firstCounty, statsOne]] as const) {
      const sqlFile = path.join(DIR, `stats-${county ?? 'all'}.sql`);
      fs.writeFileSync(sqlFile, statisticsSql(BENCH_DATE, home, county));
      const wall: number[] = [];
      const query: number[] = [];
      const queryCpu: number[] = [];
      const procCpu: number[] = [];
      let rss = 0;
      let out = '';
      for (let i = 0; i < runs; i++) {
        const r = runSqlite(plain, ['-json', '-cmd', '.timer on', '-cmd', `.read ${sqlFile}`], '');
        wall.push(r.wallMs);
        query.push(r.queryMs);
        queryCpu.push(r.queryCpuMs);
        procCpu.push(r.cpuMs);
        rss = Math.max(rss, r.peakRssKb);
        out = r.stdout;
      }
      const w = summarize(wall);
      const q = summarize(query);
      const qc = summarize(queryCpu).median;
      add(`statistics, ${label} (sqlite3 process)`, w, summarize(procCpu).median, rss / 1024, `query alone ${fmtMs(q.median)}, CPU ${fmtMs(qc)}`);
      const check = county ? '' : `; figures ${figuresMatch(out, appStats) ? 'match' : 'DIFFER'}`;
      if (county) goals.statsOneCpuRatio = appRun.cpu / Math.max(qc, 1);
      add(
        `ratio app / sqlite3, ${label}`, null, null, null,
        `wall: ${(appRun.s.median / w.median).toFixed(2)}× the process, ${(appRun.s.median / q.median).toFixed(2)}× the query; CPU: ${(appRun.cpu / Math.max(qc, 1)).toFixed(2)}× the query${check}`,
      );
    }
  } else add('statistics (sqlite3 process)', null, null, null, 'sqlite3 not installed (apt-get install -y sqlite3)');

  const heavyRuns = Math.max(1, Math.min(runs, 3));
  const close = worker('month-close', db, heavyRuns);
  add(`month close ${BENCH_DATE.slice(0, 7)}`, close.s, close.cpu, close.rssMb);
  goals.closeCpuMs = close.cpu;
  const exp = worker('month-export', db, heavyRuns);
  add(`workbook export ${BENCH_DATE.slice(0, 7)} (closed month, from its snapshot)`, exp.s, exp.cpu, exp.rssMb);
  goals.exportCpuMs = exp.cpu;
  goals.exportRssMb = exp.rssMb;
  for (const [op, label] of [
    ['facility-page', 'facility grid, first 100 rows'],
    ['facility-all', 'facility grid, full list'],
    ['facility-detail', 'facility detail (largest kind)'],
    ['resident-page', 'resident grid, first 100 rows'],
    ['resident-all', 'resident grid, full list'],
    ['search-name', 'resident search by name'],
    ['search-id', 'resident search by ID number'],
  ] as const) {
    const r = worker(op, db, runs);
    add(label, r.s, r.cpu, r.rssMb, r.rows !== null ? `${r.rows} rows` : '');
    if (op === 'resident-page') Object.assign(goals, { gridFirstRowsMs: r.s.median, gridFirstRowsRssMb: r.rssMb, gridFirstRowsOp: label });
  }

  // `npm run --silent cli -- stats` as a user runs it: the built bundle under plain node
  // (scripts/built.mjs; a first run builds it when stale, not counted), whole process.
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/built.mjs'), 'cli', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const warm = cli(['stats', '--db', db, '--date', BENCH_DATE, '--json']);
  if (warm.status !== 0) throw new Error(`cli stats failed: ${warm.stderr}`);
  const cold: number[] = [];
  for (let i = 0; i < heavyRuns; i++) {
    const t0 = performance.now();
    const r = cli(['stats', '--db', db, '--date', BENCH_DATE, '--json']);
    cold.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`cli stats failed: ${r.stderr}`);
  }
  // where the time goes, once: open and first statistics inside a process (the sources under tsx)
  const inside = tsx('scripts/bench/cold-start.ts', [db]);
  if (inside.status !== 0) throw new Error(`cold start failed: ${inside.stderr}`);
  const j = JSON.parse(inside.stdout.trim()) as { openMs: number; firstStatsMs: number; peakRssKb: number };
  goals.cliStatsMs = summarize(cold).median;
  add('`cli stats` whole process (built CLI, plain node)', summarize(cold), null, j.peakRssKb / 1024, `of which open (integrity probe when due, migration check) ${fmtMs(j.openMs)} and first statistics ${fmtMs(j.firstStatsMs)}; the rest is Node loading the bundle`);

  // The import goes into a fresh database, so its figure does not depend on the scale.
  const imp = values['skip-import'] ? [] : importBenchmark(DIR, heavyRuns);
  if (imp) for (const r of imp) add(r.op, r.s, r.cpu, r.rssMb, r.note);
  if (imp?.[0]?.alone && imp[1]?.s) Object.assign(goals, { importMs: imp[0].alone, bareImportMs: imp[1].s.median, importRatio: imp[0].alone / imp[1].s.median });
  else add('import 50,000 residents (CSV)', null, null, null, 'import: not available yet');

  const table = [
    `${scale === 'city' ? '市级 / city' : '省级 / province'} scale, ${sizes}; as of ${BENCH_DATE}; ${runs} runs (${heavyRuns} for close, export, cold start, import).`,
    '',
    '| operation | median (wall) | min–max | CPU (median) | peak RSS | note |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.op} | ${r.s ? fmtMs(r.s.median) : ''} | ${r.s ? `${fmtMs(r.s.min)}–${fmtMs(r.s.max)}` : ''} | ${r.cpu !== null ? fmtMs(r.cpu) : ''} | ${r.rssMb ? `${r.rssMb.toFixed(0)} MB` : ''} | ${r.note} |`),
    '',
    `Goals (issue 19, stated for the province; this run at ${scale} scale):`,
    '',
    goalsTable(goals),
    '',
    `Machine: ${machine()}.`,
  ].join('\n');
  fs.writeFileSync(path.join(DIR, `latest-${scale}.md`), `${table}\n`);
  console.log(`\n${table}\n\n(saved to ${path.relative(ROOT, path.join(DIR, `latest-${scale}.md`))})`);
}

/** A plain copy of an (encrypted) bench database, for the sqlite3 command-line shell. */
function plainCopyForSqlite3(file: string, dest: string): string {
  fs.rmSync(dest, { force: true });
  const plain = connect(dest, null);
  try {
    plain.pragma("cipher = 'sqlcipher'");
    plain.pragma('legacy = 4');
    attachKeyed(plain, file, 'enc', currentKey());
    copyContents(plain, 'enc', 'main', { createSchema: true });
    plain.exec('DETACH DATABASE enc');
  } finally {
    plain.close();
  }
  return dest;
}

/** The app's totals against the sqlite3 result rows, county by county. */
function figuresMatch(json: string, app: ReturnType<typeof statistics>): boolean {
  const rows = JSON.parse(json.trim() || '[]') as Array<{ code: string; beds: number; occupied: number; residents: number; tekun_residents: number; facilities: number }>;
  const sum = (o: Record<string, number>) => Object.values(o).reduce((s, v) => s + v, 0);
  return app.rows.every((a) => {
    const r = rows.find((x) => x.code === a.code);
    return !!r && r.beds === sum(a.beds) && r.occupied === sum(a.occupied) && r.residents === a.residents && r.tekun_residents === a.tekunUnableResidents && r.facilities === a.facilities;
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
