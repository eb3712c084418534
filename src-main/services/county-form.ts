/**
 * A county's one-page summary for a leader (domain/printed-form.ts): the figures with their
 * targets and gaps, beds per thousand of the counties beside it as bars, and the plan's build
 * progress — on one A4 page, portrait. It names no resident.
 *
 * The figures come from the month report as reported (month-close.ts reportedMonth): the
 * frozen snapshot once the month is closed, the live figures while it is open — so they are
 * the figures of the signed month report, and a correction after the close does not move them.
 *
 * Who may have it: accounts with the report permission whose scope holds the county
 * (scope.ts); a county outside the scope is refused before anything is read. The bars show
 * the counties the account may see: every county for city-wide accounts, the account's own
 * counties for county-limited ones (report.statistics shows them no other county either).
 */
import { targetValues } from '../db/queries/targets';
import { yearOf } from '../domain/dates';
import { BED_CATEGORIES, TARGET_METRIC, type FacilityKind, type TargetMetric } from '../domain/enums';
import { fail } from '../domain/errors';
import { gap, targetForYear, type Figure } from '../domain/metrics';
import { roleHas } from '../domain/permissions';
import { periodOfMonth, type FormCell, type PrintedForm } from '../domain/printed-form';
import type { ServiceContext } from './context';
import { fileNamePart } from './facility-forms';
import { reportedMonth } from './month-close';
import type { MonthReport } from './month-report';
import { homeCounties } from './regions';
import { assertScope, scopeOf } from './scope';
import { getSettings } from './settings';
import type { StatisticsRow } from './statistics';

export const COUNTY_UNITS = '计量单位：人口 人，床位 张，每千名老年人床位 张/千人，比率 %，比率的差距 个百分点';

export const COUNTY_DEFINITIONS =
  '说明：数据取自本月月报（已关账的月份为关账时冻结的数据）。每千名老年人拥有养老床位数 = 计入床位 ÷ 60岁及以上人口 × 1000；' +
  '护理型床位占比 = 养老机构护理型床位 ÷ 养老机构床位；入住率 = 在住床位 ÷ 计入床位；特困集中供养率 = 在机构集中供养的生活不能自理特困人员 ÷ 生活不能自理特困人员总数；' +
  '比率的差距以个百分点计；目标为本县目标，未设本县目标时取全市目标；规划建设进度只列本县的目标，未设的记“—”；“—”表示无数据。';

/** 碧江区养老服务床位情况（2026年11月） */
export function countyTitle(countyName: string, month: string): string {
  return `${countyName}养老服务床位情况（${periodOfMonth(month)}）`;
}

function v(value: Figure, kind: 'count' | 'perThousand' | 'percent' | 'points' | 'gapPerThousand'): FormCell {
  return { value, kind };
}

function figuresRows(x: StatisticsRow): FormCell[][] {
  return [
    ['60岁及以上人口', v(x.population60, 'count'), null, null, '人'],
    ['养老机构床位', v(x.beds.institution, 'count'), null, null, '张'],
    ['社区养老服务机构和设施床位', v(x.beds.community, 'count'), null, null, '张'],
    ['互助型养老设施床位', v(x.beds.mutual_aid, 'count'), null, null, '张'],
    ['计入床位合计', v(x.countedBeds, 'count'), null, null, '张'],
    ['每千名老年人拥有养老床位', v(x.bedsPerThousand, 'perThousand'), v(x.targets.bedsPerThousand, 'perThousand'), v(x.gaps.bedsPerThousand, 'gapPerThousand'), '张/千人'],
    ['养老机构护理型床位', v(x.nursingBeds, 'count'), null, null, '张'],
    ['养老机构护理型床位占比', v(x.nursingShare, 'percent'), v(x.targets.nursingShare, 'percent'), v(x.gaps.nursingShare, 'points'), '%（差距：个百分点）'],
    ['在住床位', v(x.occupiedBeds, 'count'), null, null, '张'],
    ['入住率', v(x.occupancyRate, 'percent'), null, null, '%'],
    ['生活不能自理特困人员集中供养率', v(x.tekunRate, 'percent'), v(x.targets.tekunRate, 'percent'), v(x.gaps.tekunRate, 'points'), '%（差距：个百分点）'],
  ];
}

/**
 * The plan's build metrics for one county, as statistics.ts planProgress computes them for the
 * city (operating facilities by kind, 敬老院 beds, 医养结合 facilities, care workers, all
 * beds), here from the month report's facility rows of that county, so they are frozen with
 * the report. The report keeps no 医养结合 flag per facility, so that one is counted from the
 * facilities' current flag over the report's operating facilities of the county.
 *
 * Against the county's own targets only: planProgress falls back to nothing but the city's
 * own targets, and a city-wide count (the city's 5,000 beds) is no target for one county, so
 * where the county has none the target and gap are null (—).
 */
function countyPlanProgress(ctx: ServiceContext, r: MonthReport, regionCode: string): FormCell[][] {
  const operating = r.facilities.filter((f) => f.regionCode === regionCode && f.status === 'operating');
  const kindCount = (k: FacilityKind) => operating.filter((f) => f.kind === k).length;
  const ids = operating.map((f) => f.facilityId);
  const medical = ids.length
    ? (ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM facilities WHERE medical_care = 1 AND id IN (${ids.map(() => '?').join(', ')})`).get(...ids) as { n: number }).n
    : 0;
  const row = r.statistics.rows.find((x) => x.code === regionCode);
  const actual: Partial<Record<TargetMetric, number>> = {
    total_beds: row ? BED_CATEGORIES.reduce((s, c) => s + row.beds[c], 0) : 0,
    nursing_home_count: kindCount('nursing_home'),
    support_home_count: kindCount('support_home'),
    support_home_beds: operating.filter((f) => f.kind === 'support_home').reduce((s, f) => s + f.beds, 0),
    day_care_count: kindCount('day_care'),
    mutual_aid_count: kindCount('mutual_aid'),
    activity_centre_count: kindCount('activity_centre'),
    medical_care_count: medical,
    care_workers: operating.reduce((s, f) => s + f.careWorkers, 0),
  };
  const cityCode = getSettings(ctx).homeRegion;
  const year = yearOf(r.date);
  return (Object.keys(actual) as TargetMetric[]).map((metric) => {
    const own = targetValues(ctx.db.sqlite, metric, regionCode, cityCode).filter((t) => t.code === regionCode);
    const target = targetForYear(own, year);
    const a = actual[metric]!;
    return [TARGET_METRIC[metric].zh, a, target, gap(a, target)];
  });
}

function stateLine(source: 'snapshot' | 'live', closedAt: string | null, date: string): string {
  return source === 'snapshot'
    ? `统计截至 ${date}；已关账（${(closedAt ?? '').slice(0, 10)}），为关账时冻结的月报数据`
    : `统计截至 ${date}；未关账：实时数据，关账前仍可能变化`;
}

/** The one-page summary of a county of the home city for a month. */
export function countySummaryForm(ctx: ServiceContext, regionCode: string, month: string): PrintedForm {
  if (!roleHas(ctx.actor.role, 'report')) fail.forbidden('您的账号没有“统计报表”权限', 'Your account lacks the "Reports" permission');
  assertScope.region(ctx, regionCode);
  const county = homeCounties(ctx).find((c) => c.code === regionCode);
  if (!county) return fail.validation('UNKNOWN_COUNTY', 'regionCode', `区县代码 ${regionCode} 不属于本市`, `County ${regionCode} is not in the home city`);
  const reported = reportedMonth(ctx, month);
  const r = reported.report;
  const row = r.statistics.rows.find((x) => x.code === regionCode);
  if (!row) return fail.validation('UNKNOWN_COUNTY', 'regionCode', `${month} 的月报中没有区县 ${county.name}`, `The report of ${month} holds no county ${county.name}`);
  const scope = scopeOf(ctx.actor);
  const visible = r.statistics.rows.filter((x) => scope.kind === 'all' || (scope.kind === 'counties' && scope.counties.includes(x.code)));
  return {
    kind: 'countySummary',
    title: countyTitle(county.name, month),
    unit: r.unitName,
    period: periodOfMonth(month),
    units: COUNTY_UNITS,
    state: stateLine(reported.source, reported.status.closedAt, r.date),
    internal: false,
    orientation: 'portrait',
    fileName: `${fileNamePart(county.name)}养老服务床位情况_${month}.xlsx`,
    generatedAt: new Date().toISOString(),
    pages: [
      {
        sheet: '县域床位情况',
        blocks: [
          {
            type: 'table',
            caption: `主要指标（${county.name}）`,
            columns: [
              { title: '指标', kind: 'text', minWidth: 30 },
              { title: '实际', kind: 'count' },
              { title: '目标', kind: 'count' },
              { title: '差距', kind: 'count' },
              { title: '计量单位', kind: 'text', minWidth: 18 },
            ],
            rows: figuresRows(row),
          },
          {
            type: 'bars',
            caption: '各区县每千名老年人拥有养老床位',
            unit: '张/千人',
            kind: 'perThousand',
            bars: visible.map((x) => ({ label: x.name, value: x.bedsPerThousand, ...(x.code === regionCode ? { highlight: true } : {}) })),
            target: row.targets.bedsPerThousand,
          },
          {
            type: 'table',
            caption: `规划建设进度（${county.name}）`,
            columns: [
              { title: '指标', kind: 'text', minWidth: 24 },
              { title: '实际', kind: 'count' },
              { title: '目标', kind: 'count' },
              { title: '差距', kind: 'gapCount' },
            ],
            rows: countyPlanProgress(ctx, r, regionCode),
          },
          { type: 'note', text: COUNTY_DEFINITIONS },
        ],
      },
    ],
  };
}
