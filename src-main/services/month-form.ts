/**
 * The month report as a form a section chief signs (domain/printed-form.ts): 分区县汇总 with
 * plan progress and the signature block, 机构明细, 公建民营, 能力等级分布 and 数据质量, each
 * page under the title, unit, period and units. The workbook (form-xlsx.ts) and 打印 (the
 * renderer's print page) both render this. No page names a resident: residents appear only as
 * counts; the named list is 数据质量明细（内部资料）, a separate document (data-quality-list.ts).
 */
import { DATA_QUALITY_TITLES } from './data-quality';
import { FACILITY_KIND, FACILITY_STATUS, OWNERSHIP, SELECTION_METHOD, TARGET_METRIC } from '../domain/enums';
import { NO_FIGURE } from '../domain/format';
import { periodOfMonth, type FormColumn, type FormPage, type PrintedForm } from '../domain/printed-form';
import type { ServiceContext } from './context';
import { reportedMonth } from './month-close';
import { ABILITY_COLUMNS, RESIDENT_CATEGORIES, type AbilityColumn, type MonthReport, type ResidentCategory } from './month-report';
import { getSettings } from './settings';

export const ABILITY_HEADERS: Record<AbilityColumn, string> = {
  l0: '能力完好', l1: '轻度失能', l2: '中度失能', l3: '重度失能', l4: '完全失能', legacy: '旧标准评估', none: '未评估',
};
export const CATEGORY_HEADERS: Record<ResidentCategory, string> = {
  tekun: '特困人员', dibao: '低保', lowIncome: '低收入/经济困难', shidu: '失独', youfu: '优抚对象/特殊贡献', gaoling: '高龄（80岁及以上）', other: '其他',
};

export const MONTH_UNITS = '计量单位：床位 张，人口 人，每千名老年人床位 ‰（张/千人），比率 %，差距 个百分点';

/** Said under 分区县汇总: how the figures are defined. */
export const MONTH_DEFINITIONS =
  '说明：每千名老年人拥有养老床位数 = 计入床位 ÷ 60岁及以上人口 × 1000；护理型床位占比按养老机构床位计；比率的差距以个百分点计；“—”表示无数据（如未录入人口数）。';

/** Said under 数据质量: where the named list is, and that this page has none. */
export const DATA_QUALITY_NOTE =
  '注：本表只列各区县每类问题的数量，不含老人姓名等个人信息。需要逐条处理的明细见本系统“数据质量”页，或由有权限的人员导出“数据质量明细（内部资料）”。';

export interface MonthFormMeta {
  source: 'snapshot' | 'live';
  closedAt: string | null;
  regionCode: string;
  /** The home region's name, e.g. 铜仁市: the title begins with it. */
  regionName: string;
}

export function monthFileName(regionCode: string, month: string): string {
  return `养老床位月报_${regionCode}_${month}.xlsx`;
}

/** 铜仁市养老服务机构床位统计月报 */
export function monthTitle(regionName: string): string {
  return `${regionName}养老服务机构床位统计月报`;
}

function stateLine(meta: MonthFormMeta, date: string): string {
  return meta.source === 'snapshot'
    ? `统计截至 ${date}；已关账（${(meta.closedAt ?? '').slice(0, 10)}），为关账时冻结的数据`
    : `统计截至 ${date}；未关账：导出时的实时数据，关账前仍可能变化`;
}

function byCounty(r: MonthReport): FormPage {
  const rows = [...r.statistics.rows, r.statistics.total];
  const BPT = '每千名老年人拥有养老床位（‰）';
  const NURSING = '护理型床位';
  const TEKUN = '特困人员集中供养率';
  const columns: FormColumn[] = [
    { title: '区划代码', kind: 'text' },
    { title: '区县', kind: 'text' },
    { title: '60岁及以上人口（人）', kind: 'count', minWidth: 10 },
    { title: '人口年份', kind: 'text' },
    { title: '机构', group: '养老床位（张）', kind: 'count' },
    { title: '社区', group: '养老床位（张）', kind: 'count' },
    { title: '互助', group: '养老床位（张）', kind: 'count' },
    { title: '计入合计', group: '养老床位（张）', kind: 'count' },
    { title: '实际', group: BPT, kind: 'perThousand' },
    { title: '目标', group: BPT, kind: 'perThousand' },
    { title: '差距', group: BPT, kind: 'gapPerThousand' },
    { title: '床位（张）', group: NURSING, kind: 'count' },
    { title: '占比（%）', group: NURSING, kind: 'percent' },
    { title: '目标（%）', group: NURSING, kind: 'percent' },
    { title: '差距（个百分点）', group: NURSING, kind: 'points' },
    { title: '在住床位（张）', group: '入住', kind: 'count' },
    { title: '入住率（%）', group: '入住', kind: 'percent' },
    { title: '实际（%）', group: TEKUN, kind: 'percent' },
    { title: '目标（%）', group: TEKUN, kind: 'percent' },
    { title: '差距（个百分点）', group: TEKUN, kind: 'points' },
  ];
  return {
    sheet: '分区县汇总',
    signature: true,
    blocks: [
      {
        type: 'table',
        columns,
        emphasis: [rows.length - 1],
        rows: rows.map((x) => [
          x.code === 'selected' ? '' : x.code, x.name, x.population60, x.populationYear === null ? NO_FIGURE : String(x.populationYear),
          x.beds.institution, x.beds.community, x.beds.mutual_aid, x.countedBeds,
          x.bedsPerThousand, x.targets.bedsPerThousand, x.gaps.bedsPerThousand,
          x.nursingBeds, x.nursingShare, x.targets.nursingShare, x.gaps.nursingShare,
          x.occupiedBeds, x.occupancyRate,
          x.tekunRate, x.targets.tekunRate, x.gaps.tekunRate,
        ]),
      },
      { type: 'note', text: MONTH_DEFINITIONS },
      {
        type: 'table',
        caption: `规划建设进度（${r.statistics.total.name}）`,
        columns: [
          { title: '指标', kind: 'text', minWidth: 24 },
          { title: '实际', kind: 'count' },
          { title: '目标', kind: 'count' },
          { title: '差距', kind: 'gapCount' },
        ],
        rows: r.statistics.planProgress.map((p) => [TARGET_METRIC[p.metric].zh, p.actual, p.target, p.gap]),
        empty: '尚未录入规划目标（设置 → 规划目标）。',
      },
    ],
  };
}

function facilities(r: MonthReport, regionName: Map<string, string>): FormPage {
  const BEDS = '床位（张）';
  const LEVELS = '在住老人能力等级（人）';
  const STAFF = '人员（人）';
  return {
    sheet: '机构明细',
    blocks: [
      {
        type: 'table',
        columns: [
          { title: '区县', kind: 'text' },
          { title: '机构名称', kind: 'text', minWidth: 20 },
          { title: '类型', kind: 'text' },
          { title: '运营方式', kind: 'text' },
          { title: '状态', kind: 'text' },
          { title: '床位', group: BEDS, kind: 'count' },
          { title: '护理型', group: BEDS, kind: 'count' },
          { title: '在住', group: BEDS, kind: 'count' },
          { title: '在住老人（人）', kind: 'count' },
          ...ABILITY_COLUMNS.map((c): FormColumn => ({ title: ABILITY_HEADERS[c], group: LEVELS, kind: 'count' })),
          { title: '职工', group: STAFF, kind: 'count' },
          { title: '护理员', group: STAFF, kind: 'count' },
        ],
        rows: r.facilities.map((f) => [
          regionName.get(f.regionCode) ?? f.regionCode, f.name, FACILITY_KIND[f.kind].zh, OWNERSHIP[f.ownership].zh, f.status ? FACILITY_STATUS[f.status].zh : NO_FIGURE,
          f.beds, f.nursingBeds, f.occupiedBeds, f.residents, ...ABILITY_COLUMNS.map((c) => f.ability[c]), f.staff, f.careWorkers,
        ]),
        empty: '本月没有在运营的机构。',
      },
    ],
  };
}

function contracts(r: MonthReport, regionName: Map<string, string>): FormPage {
  return {
    sheet: '公建民营',
    blocks: [
      {
        type: 'table',
        columns: [
          { title: '机构', kind: 'text', minWidth: 20 },
          { title: '区县', kind: 'text' },
          { title: '运营方', kind: 'text', minWidth: 20 },
          { title: '统一社会信用代码', kind: 'text' },
          { title: '遴选方式', kind: 'text' },
          { title: '开始日期', kind: 'date' },
          { title: '结束日期', kind: 'date' },
          { title: '距到期天数', kind: 'count' },
          { title: '保障床位（张）', kind: 'count' },
          { title: '年度费用（元）', kind: 'yuan' },
          { title: '状态', kind: 'text' },
        ],
        rows: r.contracts.map((c) => [
          c.facilityName, regionName.get(c.regionCode) ?? c.regionCode, c.operatorName, c.operatorCreditCode, SELECTION_METHOD[c.selectionMethod].zh,
          c.startOn, c.endOn, c.daysToEnd, c.reservedBeds, c.annualFeeFen, c.terminatedOn ? `已于 ${c.terminatedOn} 终止` : c.inForce ? '有效' : '已到期',
        ]),
        empty: '没有公建民营合同。',
      },
    ],
  };
}

function ability(r: MonthReport): FormPage {
  const total = (a: Record<string, number>) => Object.values(a).reduce((s, n) => s + n, 0);
  const LEVELS = '能力等级（人）';
  return {
    sheet: '能力等级分布',
    blocks: [
      {
        type: 'table',
        columns: [
          { title: '类别', kind: 'text' },
          ...ABILITY_COLUMNS.map((c): FormColumn => ({ title: ABILITY_HEADERS[c], group: LEVELS, kind: 'count' })),
          { title: '合计（人）', kind: 'count' },
        ],
        emphasis: [RESIDENT_CATEGORIES.length],
        rows: [
          ...RESIDENT_CATEGORIES.map((c) => [CATEGORY_HEADERS[c], ...ABILITY_COLUMNS.map((k) => r.ability.byCategory[c][k]), total(r.ability.byCategory[c])]),
          ['在住老人合计（不重复）', ...ABILITY_COLUMNS.map((k) => r.ability.total[k]), total(r.ability.total)],
        ],
      },
      { type: 'note', text: '注：一位老人可同时属于多个类别；能力等级取统计日及以前最近一次评估（GB/T 42195-2022）。' },
    ],
  };
}

function quality(r: MonthReport, regionName: Map<string, string>): FormPage {
  return {
    sheet: '数据质量',
    blocks: [
      {
        type: 'table',
        columns: [
          { title: '级别', kind: 'text' },
          { title: '问题', kind: 'text' },
          { title: '区县', kind: 'text' },
          { title: '数量', kind: 'count' },
          { title: '说明', kind: 'text', minWidth: 60 },
        ],
        rows: r.dataQuality.map((d) => [
          d.severity === 'error' ? '错误' : '警告',
          DATA_QUALITY_TITLES[d.code].zh,
          d.regionCode ? (regionName.get(d.regionCode) ?? d.regionCode) : '',
          d.count,
          [d.zh, ...d.details.map((x) => x.zh)].join('\n'),
        ]),
        empty: '没有需要处理的问题。',
      },
      { type: 'note', text: DATA_QUALITY_NOTE },
    ],
  };
}

/** The form of one month's report (frozen or live, as `meta` says). */
export function buildMonthForm(r: MonthReport, meta: MonthFormMeta): PrintedForm {
  const regionName = new Map(r.statistics.rows.map((x) => [x.code, x.name]));
  return {
    kind: 'month',
    title: monthTitle(meta.regionName),
    unit: r.unitName,
    period: periodOfMonth(r.month),
    units: MONTH_UNITS,
    state: stateLine(meta, r.date),
    internal: false,
    orientation: 'landscape',
    fileName: monthFileName(meta.regionCode, r.month),
    generatedAt: r.generatedAt,
    pages: [byCounty(r), facilities(r, regionName), contracts(r, regionName), ability(r), quality(r, regionName)],
  };
}

/** The home region's name (铜仁市), from the regions table; the code when it is not there. */
export function homeRegionName(ctx: ServiceContext, code: string): string {
  const row = ctx.db.sqlite.prepare('SELECT name FROM regions WHERE code = ?').get(code) as { name: string } | undefined;
  return row?.name ?? code;
}

/** The month's form as reported: the closed snapshot, or live figures while open. */
export function monthForm(ctx: ServiceContext, month: string): PrintedForm {
  const r = reportedMonth(ctx, month);
  const regionCode = getSettings(ctx).homeRegion;
  return buildMonthForm(r.report, { source: r.source, closedAt: r.status.closedAt, regionCode, regionName: homeRegionName(ctx, regionCode) });
}
