/**
 * One benchmark operation in its own process: open the database (not timed), run the
 * operation `runs` times, print one JSON line with the times and the process's peak RSS.
 *   tsx scripts/bench/worker.ts OP DB_FILE RUNS SCRATCH_DIR
 */
import { openDatabase } from '../../src-main/db/open';
import { makeEnv, OPS } from './ops';

async function main() {
  const [opName, file, runsArg, scratch] = process.argv.slice(2);
  const op = opName ? OPS[opName] : undefined;
  if (!op || !file || !scratch) throw new Error(`usage: worker OP DB RUNS SCRATCH (ops: ${Object.keys(OPS).join(', ')})`);
  const runs = Number(runsArg ?? 5);
  const db = openDatabase(file);
  const env = makeEnv(db, scratch);
  const rssBefore = process.resourceUsage().maxRSS;
  await op.setup?.(env);
  const ms: number[] = [];
  const cpu: number[] = [];
  let rows: number | null = null;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await op.run(env);
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) rows = result.rows.length;
    if (i < runs - 1) await op.between?.(env);
  }
  db.close();
  process.stdout.write(`${JSON.stringify({ op: opName, ms, cpu, rows, rssBeforeKb: rssBefore, peakRssKb: process.resourceUsage().maxRSS })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
