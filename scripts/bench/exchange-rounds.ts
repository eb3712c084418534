/**
 * The exchange convergence harness of issue 16 at scale: 1,000 seeded rounds (or the number
 * given) through tests/support/exchange-sim.ts, every round run to the end (a divergence is
 * counted and the first ones printed, not a stop), then the same line the test prints.
 *
 *   npm run --silent bench:exchange [-- rounds [seed]]   (npx tsx scripts/bench/exchange-rounds.ts)
 */
import { emptyTotals, runRounds, totalsLine } from '../../tests/support/exchange-sim';

const rounds = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 16);
const started = performance.now();
const totals = runRounds(rounds, seed, emptyTotals());
const seconds = (performance.now() - started) / 1000;
console.log(totalsLine(totals, seed));
console.log(`divergences by kind: ${JSON.stringify(totals.kinds)}`);
console.log(`rejected writes by code: ${JSON.stringify(totals.rejected)}`);
console.log(`${seconds.toFixed(1)} s, ${((seconds * 1000) / Math.max(1, totals.rounds)).toFixed(0)} ms per round`);
for (const f of totals.findings) console.log(f);
process.exitCode = totals.divergences === 0 ? 0 : 1;
