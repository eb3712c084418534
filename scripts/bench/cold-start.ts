/**
 * Cold start as the app does it, in a fresh process: load the code, open the file (pragmas,
 * migration check, reference data), first statistics. Prints one JSON line; times are from
 * the process's start (performance.timeOrigin), so module loading counts.
 */
import { createCaller } from '../../src-main/api/router';
import { openDatabase } from '../../src-main/db/open';
import { BENCH_DATE } from './ops';

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cold-start DB_FILE');
  const loaded = performance.now();
  const db = openDatabase(file);
  const opened = performance.now();
  await createCaller(db).report.statistics({ date: BENCH_DATE });
  const done = performance.now();
  db.close();
  process.stdout.write(`${JSON.stringify({ loadedMs: loaded, openMs: opened - loaded, firstStatsMs: done - opened, totalMs: done, peakRssKb: process.resourceUsage().maxRSS })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
