/**
 * Import of 50,000 resident rows from CSV through the app's `import residents` command (each
 * row validated by the api's schemas and written through the services, one transaction),
 * against `sqlite3 .import` of the same file into a bare table. Each run starts from a fresh
 * database. Skipped while the import module does not exist.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chineseName, IdNumbers, phoneNumber } from '../../src-main/generate/people';
import { dayToIso, isoToDay, Rng } from '../../src-main/generate/random';
import { summarize, fmtMs, type Summary } from './stats';

export interface ImportRow {
  op: string;
  s: Summary | null;
  cpu: number | null;
  rssMb: number | null;
  note: string;
  /** The import alone (read, validate, write), median ms: what the goal compares. */
  alone?: number;
}

const ROWS = 50_000;
const ROOT = path.resolve(__dirname, '../..');
const COUNTIES = ['520602', '520603', '520621', '520622', '520623', '520624', '520625', '520626', '520627', '520628'];

export function importAvailable(): boolean {
  const cli = fs.readFileSync(path.join(ROOT, 'src-main/cli/main.ts'), 'utf8');
  return fs.existsSync(path.join(ROOT, 'src-main/import/templates/residents.ts')) && cli.includes("case 'import'");
}

function residentsCsv(file: string): void {
  const rng = new Rng(7);
  const ids = new IdNumbers();
  const lines = ['姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话'];
  const from = isoToDay('1926-01-01');
  const to = isoToDay('1966-12-31');
  while (lines.length <= ROWS) {
    const male = rng.chance(0.45);
    const county = rng.pick(COUNTIES);
    const id = ids.next(county, dayToIso(rng.int(from, to)), male);
    if (!id) continue;
    const tekun = rng.chance(0.2);
    lines.push([
      chineseName(rng, male), id, county, tekun ? '是' : '否', tekun ? rng.pick(['具备', '部分丧失', '完全丧失']) : '',
      rng.chance(0.2) ? '是' : '否', '否', '否', '否', phoneNumber(rng), chineseName(rng, !male), phoneNumber(rng),
    ].join(','));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function timed(cmd: string, args: string[]): { ms: number; cpuMs: number; rssKb: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M CPU_S=%U+%S', cmd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : 0, rssKb: Number(/RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0), stdout: r.stdout };
}

export function importBenchmark(dir: string, runs: number): ImportRow[] | null {
  if (!importAvailable()) return null;
  const csv = path.join(dir, 'residents-50000.csv');
  if (!fs.existsSync(csv)) residentsCsv(csv);
  const fresh = (name: string) => {
    const f = path.join(dir, name);
    for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });
    return f;
  };
  const app: number[] = [];
  const inner: number[] = [];
  const bare: number[] = [];
  const appCpu: number[] = [];
  const bareCpu: number[] = [];
  let appRss = 0;
  let bareRss = 0;
  for (let i = 0; i < runs; i++) {
    const db = fresh('import-target.db');
    const init = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'init', '--db', db], { cwd: ROOT, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
    const r = timed(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'import', 'residents', csv, '--db', db]);
    app.push(r.ms);
    appCpu.push(r.cpuMs);
    appRss = Math.max(appRss, r.rssKb);
    const m = /(\d+) ms/.exec(r.stdout);
    if (m) inner.push(Number(m[1]));
    const added = /新增 (\d+)/.exec(r.stdout)?.[1];
    if (Number(added) !== ROWS) throw new Error(`import added ${added} rows, expected ${ROWS}:\n${r.stdout}`);
    const b = timed('sqlite3', [fresh('import-bare.db'), '-cmd', `.import --csv ${csv} residents`, '.exit']);
    bare.push(b.ms);
    bareCpu.push(b.cpuMs);
    bareRss = Math.max(bareRss, b.rssKb);
  }
  const a = summarize(app);
  const s = summarize(bare);
  const innerNote = inner.length ? `; the import itself (read, validate, write) ${fmtMs(summarize(inner).median)}` : '';
  return [
    { op: `import ${ROWS.toLocaleString('en')} residents from CSV (CLI process)`, s: a, cpu: summarize(appCpu).median, rssMb: appRss / 1024, note: `all rows validated and written through the services in one transaction${innerNote}`, alone: inner.length ? summarize(inner).median : undefined },
    { op: 'sqlite3 .import of the same file into a bare table', s, cpu: summarize(bareCpu).median, rssMb: bareRss / 1024, note: '' },
    {
      op: 'ratio import / sqlite3 .import', s: null, cpu: null, rssMb: null,
      note: `wall: ${(a.median / s.median).toFixed(1)}× the process${inner.length ? `, ${(summarize(inner).median / s.median).toFixed(1)}× for the import alone` : ''}; CPU: ${(summarize(appCpu).median / Math.max(summarize(bareCpu).median, 1)).toFixed(1)}× the process`,
    },
  ];
}
