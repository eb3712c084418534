/**
 * The performance goals (issue 19) and whether a benchmark run met them: one line per goal,
 * `measured … goal … met` or `missed` (by how much), or `not measured` with the reason.
 * The goals are stated for the province; the city run is held to the same figures.
 */
import { fmtMs } from './stats';

export interface GoalInputs {
  /** import alone (read, validate, write) / sqlite3 .import of the same file, wall medians */
  importRatio: number | null;
  importMs: number | null;
  bareImportMs: number | null;
  /** statistics of one county: the service's CPU / the hand-written query's CPU */
  statsOneCpuRatio: number | null;
  /** `cli stats` whole process, wall median */
  cliStatsMs: number | null;
  /** generating the data set, wall seconds (null: the cached set was used) */
  generateSeconds: number | null;
  /** the residents grid's first page (the rows the grid shows first), wall median and peak RSS */
  gridFirstRowsMs: number | null;
  gridFirstRowsRssMb: number | null;
  gridFirstRowsOp: string | null;
  /** month workbook export: CPU median and peak RSS */
  exportCpuMs: number | null;
  exportRssMb: number | null;
  /** month close: CPU median */
  closeCpuMs: number | null;
}

interface GoalLine {
  goal: string;
  measured: string;
  target: string;
  verdict: string;
}

function judge(value: number | null, limit: number, show: (v: number) => string, why = 'not measured in this run'): { measured: string; verdict: string } {
  if (value === null) return { measured: '—', verdict: `not measured (${why})` };
  if (value <= limit) return { measured: show(value), verdict: 'met' };
  return { measured: show(value), verdict: `missed by ${show(value - limit)} (${(value / limit).toFixed(1)}× the goal)` };
}

export function goalLines(g: GoalInputs): GoalLine[] {
  const x = (v: number) => `${v.toFixed(2)}×`;
  const mb = (v: number) => `${v.toFixed(0)} MB`;
  const s = (v: number) => `${v.toFixed(0)} s`;
  const lines: GoalLine[] = [];
  const imp = judge(g.importRatio, 10, (v) => `${v.toFixed(1)}×`);
  lines.push({
    goal: 'import 50,000 residents (validation included) vs `sqlite3 .import` into a bare table, the import alone',
    measured: g.importMs !== null && g.bareImportMs !== null ? `${imp.measured} (${fmtMs(g.importMs)} vs ${fmtMs(g.bareImportMs)})` : imp.measured,
    target: '≤ 10×',
    verdict: imp.verdict,
  });
  lines.push({ goal: 'statistics, one county, vs the hand-written query (CPU)', target: '≤ 1.3×', ...judge(g.statsOneCpuRatio, 1.3, x, 'sqlite3 not installed') });
  lines.push({ goal: '`cli stats` on this database, whole process', target: '< 0.5 s', ...judge(g.cliStatsMs, 500, fmtMs) });
  lines.push({ goal: 'generate the data set (every rule applied)', target: '< 5 min', ...judge(g.generateSeconds, 300, s, 'the cached data set was used; delete .tmp/bench/<scale>-<seed>.db to time it') });
  const grid = judge(g.gridFirstRowsMs, 300, fmtMs);
  lines.push({
    goal: `residents grid, first rows${g.gridFirstRowsOp ? ` (${g.gridFirstRowsOp})` : ''}`,
    measured: g.gridFirstRowsRssMb !== null ? `${grid.measured}, ${mb(g.gridFirstRowsRssMb)} peak RSS` : grid.measured,
    target: '< 300 ms, memory flat in the data size',
    verdict: grid.verdict,
  });
  const cpu = judge(g.exportCpuMs, 2000, fmtMs);
  const rss = judge(g.exportRssMb, 300, mb);
  lines.push({
    goal: 'month workbook export',
    measured: `${cpu.measured} CPU, ${rss.measured}`,
    target: '< 2 s CPU, < 300 MB',
    verdict: cpu.verdict === 'met' && rss.verdict === 'met' ? 'met' : [cpu.verdict !== 'met' ? `CPU ${cpu.verdict}` : '', rss.verdict !== 'met' ? `memory ${rss.verdict}` : ''].filter(Boolean).join('; '),
  });
  lines.push({ goal: 'month close (CPU)', target: '< 1.5 s', ...judge(g.closeCpuMs, 1500, fmtMs) });
  return lines;
}

export function goalsTable(g: GoalInputs): string {
  return [
    '| goal | measured | goal | met? |',
    '| --- | --- | --- | --- |',
    ...goalLines(g).map((l) => `| ${l.goal} | ${l.measured} | ${l.target} | ${l.verdict} |`),
  ].join('\n');
}
