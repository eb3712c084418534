/**
 * The monthly workbook a section chief signs (exceljs): cover, figures by county with targets
 * and gaps, facility detail, 公建民营 contracts, residents by ability level and category, and
 * the data-quality counts. Chinese headers, frozen header rows, number formats, A4 landscape
 * with repeated header rows. No sheet carries personal data: residents appear only as counts.
 */
import ExcelJS from 'exceljs';
import { DATA_QUALITY_TITLES } from './data-quality';
import { FACILITY_KIND, FACILITY_STATUS, OWNERSHIP, SELECTION_METHOD, TARGET_METRIC } from '../domain/enums';
import { NO_FIGURE } from '../domain/format';
import type { Figure } from '../domain/metrics';
import { ABILITY_COLUMNS, RESIDENT_CATEGORIES, type MonthReport, type ResidentCategory } from './month-report';
import type { MonthState } from './month-close';

const PER_THOUSAND = '0.0';
const PERCENT = '0.0%';
const GAP_PER_THOUSAND = '+0.0;-0.0;0.0';
const GAP_PERCENT = '+0.0%;-0.0%;0.0%';
const COUNT = '#,##0';

export const ABILITY_HEADERS: Record<(typeof ABILITY_COLUMNS)[number], string> = {
  l0: '能力完好', l1: '轻度失能', l2: '中度失能', l3: '重度失能', l4: '完全失能', legacy: '旧标准评估', none: '未评估',
};
export const CATEGORY_HEADERS: Record<ResidentCategory, string> = {
  tekun: '特困人员', dibao: '低保', lowIncome: '低收入/经济困难', shidu: '失独', youfu: '优抚对象/特殊贡献', gaoling: '高龄（80岁及以上）', other: '其他',
};

export interface WorkbookMeta {
  state: MonthState;
  source: 'snapshot' | 'live';
  closedAt: string | null;
  regionCode: string;
}

export function workbookFileName(regionCode: string, month: string): string {
  return `养老床位月报_${regionCode}_${month}.xlsx`;
}

const fig = (v: Figure): number | string => (v === null ? NO_FIGURE : v);

function table(ws: ExcelJS.Worksheet, headers: Array<{ title: string; width: number; fmt?: string }>, rows: Array<Array<number | string | null>>): void {
  ws.columns = headers.map((h) => ({ header: h.title, width: h.width, style: h.fmt ? { numFmt: h.fmt } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 32;
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function cover(wb: ExcelJS.Workbook, r: MonthReport, meta: WorkbookMeta): void {
  const ws = wb.addWorksheet('封面');
  ws.columns = [{ width: 18 }, { width: 46 }];
  const [y, m] = r.month.split('-');
  ws.mergeCells('A1:B1');
  ws.getCell('A1').value = '养老服务床位统计月报';
  ws.getCell('A1').font = { bold: true, size: 18 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getRow(1).height = 36;
  const state =
    meta.source === 'snapshot'
      ? `已关账（${(meta.closedAt ?? '').slice(0, 10)}），以下为关账时冻结的数据`
      : `未关账：以下为导出时的实时数据，关账前仍可能变化`;
  const lines: Array<[string, string]> = [
    ['填报单位', r.unitName],
    ['区划代码', meta.regionCode],
    ['统计期', `${y}年${Number(m)}月（截至 ${r.date}）`],
    ['数据状态', state],
    ['生成时间', r.generatedAt.replace('T', ' ').slice(0, 19)],
    ['制表人', ''],
    ['审核人', ''],
    ['负责人（签字）', ''],
    ['日期', ''],
  ];
  lines.forEach(([k, v], i) => {
    const row = ws.getRow(i + 3);
    row.getCell(1).value = k;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = v;
    row.height = 26;
    if (i >= 5) row.getCell(2).border = { bottom: { style: 'thin' } };
  });
  ws.getCell('A14').value = '说明：每千名老年人拥有养老床位数 = 计入床位 ÷ 60岁及以上人口 × 1000；护理型床位占比按养老机构床位计；“—”表示无数据（如未录入人口数）。';
  ws.mergeCells('A14:B15');
  ws.getCell('A14').alignment = { wrapText: true, vertical: 'top' };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 };
}

function byCounty(wb: ExcelJS.Workbook, r: MonthReport): void {
  const ws = wb.addWorksheet('分区县汇总');
  const rows = [...r.statistics.rows, r.statistics.total];
  table(
    ws,
    [
      { title: '区划代码', width: 10 }, { title: '区县', width: 20 }, { title: '60岁及以上人口', width: 12, fmt: COUNT }, { title: '人口年份', width: 8 },
      { title: '机构床位', width: 9, fmt: COUNT }, { title: '社区床位', width: 9, fmt: COUNT }, { title: '互助床位', width: 9, fmt: COUNT }, { title: '计入床位', width: 9, fmt: COUNT },
      { title: '每千名老年人床位', width: 10, fmt: PER_THOUSAND }, { title: '目标', width: 7, fmt: PER_THOUSAND }, { title: '差距', width: 7, fmt: GAP_PER_THOUSAND },
      { title: '护理型床位', width: 9, fmt: COUNT }, { title: '护理型占比', width: 9, fmt: PERCENT }, { title: '目标', width: 7, fmt: PERCENT }, { title: '差距', width: 8, fmt: GAP_PERCENT },
      { title: '在住床位', width: 9, fmt: COUNT }, { title: '入住率', width: 8, fmt: PERCENT },
      { title: '特困集中供养率', width: 10, fmt: PERCENT }, { title: '目标', width: 7, fmt: PERCENT }, { title: '差距', width: 8, fmt: GAP_PERCENT },
    ],
    rows.map((x) => [
      x.code === 'selected' ? '' : x.code, x.name, fig(x.population60), x.populationYear ?? NO_FIGURE,
      x.beds.institution, x.beds.community, x.beds.mutual_aid, x.countedBeds,
      fig(x.bedsPerThousand), fig(x.targets.bedsPerThousand), fig(x.gaps.bedsPerThousand),
      x.nursingBeds, fig(x.nursingShare), fig(x.targets.nursingShare), fig(x.gaps.nursingShare),
      x.occupiedBeds, fig(x.occupancyRate),
      fig(x.tekunRate), fig(x.targets.tekunRate), fig(x.gaps.tekunRate),
    ]),
  );
  ws.getRow(rows.length + 1).font = { bold: true };
  const start = rows.length + 3;
  ws.getCell(`A${start}`).value = '规划建设进度（全市）';
  ws.getCell(`A${start}`).font = { bold: true };
  const head = ws.getRow(start + 1);
  ['指标', '', '实际', '目标', '差距'].forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  r.statistics.planProgress.forEach((p, i) => {
    const row = ws.getRow(start + 2 + i);
    row.getCell(1).value = TARGET_METRIC[p.metric].zh;
    row.getCell(3).value = p.actual;
    row.getCell(4).value = fig(p.target);
    row.getCell(5).value = fig(p.gap);
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = COUNT;
  });
}

function facilities(wb: ExcelJS.Workbook, r: MonthReport, regionName: Map<string, string>): void {
  const ws = wb.addWorksheet('机构明细');
  table(
    ws,
    [
      { title: '区县', width: 14 }, { title: '机构名称', width: 30 }, { title: '类型', width: 22 }, { title: '运营方式', width: 10 }, { title: '状态', width: 7 },
      { title: '床位', width: 7, fmt: COUNT }, { title: '护理型床位', width: 9, fmt: COUNT }, { title: '在住床位', width: 8, fmt: COUNT }, { title: '在住老人', width: 8, fmt: COUNT },
      ...ABILITY_COLUMNS.map((c) => ({ title: ABILITY_HEADERS[c], width: 8, fmt: COUNT })),
      { title: '职工数', width: 7, fmt: COUNT }, { title: '护理员数', width: 8, fmt: COUNT },
    ],
    r.facilities.map((f) => [
      regionName.get(f.regionCode) ?? f.regionCode, f.name, FACILITY_KIND[f.kind].zh, OWNERSHIP[f.ownership].zh, f.status ? FACILITY_STATUS[f.status].zh : NO_FIGURE,
      f.beds, f.nursingBeds, f.occupiedBeds, f.residents, ...ABILITY_COLUMNS.map((c) => f.ability[c]), f.staff, f.careWorkers,
    ]),
  );
}

function contracts(wb: ExcelJS.Workbook, r: MonthReport, regionName: Map<string, string>): void {
  const ws = wb.addWorksheet('公建民营');
  table(
    ws,
    [
      { title: '机构', width: 28 }, { title: '区县', width: 14 }, { title: '运营方', width: 28 }, { title: '统一社会信用代码', width: 21 }, { title: '遴选方式', width: 11 },
      { title: '开始日期', width: 11 }, { title: '结束日期', width: 11 }, { title: '距到期天数', width: 9, fmt: COUNT }, { title: '保障床位', width: 8, fmt: COUNT },
      { title: '年度费用（元）', width: 13, fmt: '#,##0.00' }, { title: '状态', width: 10 },
    ],
    r.contracts.map((c) => [
      c.facilityName, regionName.get(c.regionCode) ?? c.regionCode, c.operatorName, c.operatorCreditCode, SELECTION_METHOD[c.selectionMethod].zh,
      c.startOn, c.endOn, c.daysToEnd, c.reservedBeds, c.annualFeeFen / 100, c.terminatedOn ? `已于 ${c.terminatedOn} 终止` : c.inForce ? '有效' : '已到期',
    ]),
  );
}

function ability(wb: ExcelJS.Workbook, r: MonthReport): void {
  const ws = wb.addWorksheet('能力等级分布');
  const total = (a: Record<string, number>) => Object.values(a).reduce((s, n) => s + n, 0);
  table(
    ws,
    [{ title: '类别', width: 20 }, ...ABILITY_COLUMNS.map((c) => ({ title: ABILITY_HEADERS[c], width: 10, fmt: COUNT })), { title: '合计', width: 8, fmt: COUNT }],
    [
      ...RESIDENT_CATEGORIES.map((c) => [CATEGORY_HEADERS[c], ...ABILITY_COLUMNS.map((k) => r.ability.byCategory[c][k]), total(r.ability.byCategory[c])]),
      ['在住老人合计（不重复）', ...ABILITY_COLUMNS.map((k) => r.ability.total[k]), total(r.ability.total)],
    ],
  );
  ws.getRow(RESIDENT_CATEGORIES.length + 2).font = { bold: true };
  ws.getCell(`A${RESIDENT_CATEGORIES.length + 4}`).value = '注：一位老人可同时属于多个类别；能力等级取统计日及以前最近一次评估（GB/T 42195-2022）。';
}

/**
 * 数据质量: how many findings of each check per county. No resident is named (the workbook
 * goes to the province); facilities, contracts and counties are, in 涉及机构/说明.
 */
function quality(wb: ExcelJS.Workbook, r: MonthReport, regionName: Map<string, string>): void {
  const ws = wb.addWorksheet('数据质量');
  table(
    ws,
    [{ title: '级别', width: 7 }, { title: '问题', width: 26 }, { title: '区县', width: 14 }, { title: '数量', width: 8, fmt: COUNT }, { title: '说明', width: 70 }],
    r.dataQuality.map((d) => [
      d.severity === 'error' ? '错误' : '提醒',
      DATA_QUALITY_TITLES[d.code].zh,
      d.regionCode ? (regionName.get(d.regionCode) ?? d.regionCode) : '',
      d.count,
      [d.zh, ...d.details.map((x) => x.zh)].join('\n'),
    ]),
  );
  ws.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  if (r.dataQuality.length === 0) ws.addRow(['', '无', '', 0, '没有需要处理的问题']);
  const note = ws.addRow([]);
  note.getCell(1).value = DATA_QUALITY_NOTE;
  ws.mergeCells(note.number, 1, note.number, 5);
  note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  note.height = 32;
}

/** Said under the 数据质量 table: where the named list is, and that this sheet has none. */
export const DATA_QUALITY_NOTE =
  '注：本表只列各区县每类问题的数量，不含老人姓名等个人信息。需要逐条处理的明细见本系统“数据质量”页，或由有权限的人员导出“数据质量明细（内部资料）”。';

export function buildWorkbook(report: MonthReport, meta: WorkbookMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = report.unitName;
  wb.created = new Date(report.generatedAt);
  const regionName = new Map(report.statistics.rows.map((r) => [r.code, r.name]));
  cover(wb, report, meta);
  byCounty(wb, report);
  facilities(wb, report, regionName);
  contracts(wb, report, regionName);
  ability(wb, report);
  quality(wb, report, regionName);
  return wb;
}

export async function workbookBuffer(report: MonthReport, meta: WorkbookMeta): Promise<Buffer> {
  const data = await buildWorkbook(report, meta).xlsx.writeBuffer();
  return Buffer.from(data);
}
