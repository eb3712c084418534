/** Running the `sqlite3` command-line program under /usr/bin/time: wall time, query time, peak RSS. */
import { spawnSync } from 'node:child_process';

export interface CliRun {
  wallMs: number;
  /** Sum of the "Run Time: real" lines of `.timer on`: the statements alone. */
  queryMs: number;
  peakRssKb: number;
  stdout: string;
}

export function sqliteAvailable(): boolean {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

export function runSqlite(dbFile: string, args: string[], input?: string): CliRun {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M', 'sqlite3', '-bail', ...args, dbFile], { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  let queryMs = 0;
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^Run Time: real ([\d.]+)/.exec(line);
    if (m) queryMs += Number(m[1]) * 1000;
    else out.push(line);
  }
  const rss = /RSS_KB=(\d+)/.exec(r.stderr);
  return { wallMs, queryMs, peakRssKb: rss ? Number(rss[1]) : 0, stdout: out.join('\n') };
}
