/** Running the `sqlite3` command-line program under /usr/bin/time: wall time, query time, peak RSS. */
import { spawnSync } from 'node:child_process';

export interface CliRun {
  wallMs: number;
  /** Sum of the "Run Time: real" lines of `.timer on`: the statements alone. */
  queryMs: number;
  /** user + sys CPU of the statements (from `.timer on`). */
  queryCpuMs: number;
  /** user + sys CPU of the whole process (from /usr/bin/time). */
  cpuMs: number;
  peakRssKb: number;
  stdout: string;
}

export function sqliteAvailable(): boolean {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

export function runSqlite(dbFile: string, args: string[], input?: string): CliRun {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M CPU_S=%U+%S', 'sqlite3', '-bail', ...args, dbFile], { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  let queryMs = 0;
  let queryCpuMs = 0;
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^Run Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)/.exec(line);
    if (m) {
      queryMs += Number(m[1]) * 1000;
      queryCpuMs += (Number(m[2]) + Number(m[3])) * 1000;
    } else out.push(line);
  }
  const rss = /RSS_KB=(\d+)/.exec(r.stderr);
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  return { wallMs, queryMs, queryCpuMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : 0, peakRssKb: rss ? Number(rss[1]) : 0, stdout: out.join('\n') };
}
