import type { AppDb } from '../db/open';
import { openPg, pgProblem, runOnPg } from '../db/pg/connection';
import { fail } from '../domain/errors';
import { statisticsProgram } from '../services/statistics';
import { BED_CATEGORY, TARGET_METRIC } from '../domain/enums';
import { formatCount, formatGap, formatPercent, formatPerThousand } from '../domain/format';
import { cliApi, type ApiOutputs } from './cli-api';
import { renderTable } from './table';

type StatisticsResult = ApiOutputs['report']['statistics'];
type StatisticsRow = StatisticsResult['total'];

const HEADERS = [
  '代码', '区县', '60岁及以上人口', '人口年份', '机构床位', '社区床位', '互助床位', '计入床位',
  '护理型床位', '护理型占比', '每千人床位', '目标', '差距', '在住床位', '入住率', '特困集中供养率',
];

function cells(r: StatisticsRow): string[] {
  return [
    r.code === 'selected' ? '' : r.code,
    r.name,
    formatCount(r.population60),
    r.populationYear === null ? '—' : String(r.populationYear),
    formatCount(r.beds.institution),
    formatCount(r.beds.community),
    formatCount(r.beds.mutual_aid),
    formatCount(r.countedBeds),
    formatCount(r.nursingBeds),
    formatPercent(r.nursingShare),
    formatPerThousand(r.bedsPerThousand),
    formatPerThousand(r.targets.bedsPerThousand),
    formatGap(r.gaps.bedsPerThousand, 'per_thousand'),
    formatCount(r.occupiedBeds),
    formatPercent(r.occupancyRate),
    formatPercent(r.tekunRate),
  ];
}

export function renderStatistics(s: StatisticsResult): string {
  const main = renderTable(HEADERS, [...s.rows.map(cells), cells(s.total)]);
  const plan = renderTable(
    ['指标', '实际', '目标', '差距'],
    s.planProgress.map((p) => [TARGET_METRIC[p.metric].zh, formatCount(p.actual), formatCount(p.target), formatGap(p.gap, 'count')]),
    1,
  );
  return `养老床位统计（截至 ${s.date}）\n计入床位类别：${s.countedCategories.map((c) => BED_CATEGORY[c].zh).join('、')}；“—”表示无数据（如缺少人口数）\n\n${main}\n\n规划建设进度（全市）\n${plan}\n`;
}

export async function statsCommand(db: AppDb, date: string, json: boolean): Promise<string> {
  const result = await cliApi(db).report.statistics({ date });
  return json ? JSON.stringify(result, null, 2) : renderStatistics(result);
}


/**
 * The same figures from the hub's PostgreSQL: the statistics' one SQL program (services/statistics.ts)
 * run on the pool, for the whole register as the hub's administrator sees it — the same JSON
 * `stats --db` prints for the same data.
 */
export async function statsPgCommand(url: string, date: string, json: boolean): Promise<string> {
  const pg = await openPg(url, { max: 2, migrate: false });
  try {
    const result = await runOnPg(pg, statisticsProgram({ userId: null, username: 'cli', role: 'admin' }, { date }, 'pg'));
    return json ? JSON.stringify(result, null, 2) : renderStatistics(result);
  } catch (e) {
    const problem = pgProblem(e);
    if (problem) return fail.validation(problem.code, 'pg', problem.zh, problem.en);
    throw e;
  } finally {
    await pg.close();
  }
}
