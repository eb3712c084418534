/**
 * The 季报 / 年报 workbook (quarter-form.ts as a printed form, written by form-xlsx.ts): one
 * sheet for the city and one per county, A4 portrait, each under the title, 表号, 填报单位 and
 * period and ending with the signature block. Figures come only from closed snapshots.
 */
import type { FormCell, FormPage, PrintedForm } from '../domain/printed-form';
import { NO_FIGURE } from '../domain/format';
import type { ServiceContext } from './context';
import { writeFileAtomic } from './file-output';
import { formXlsxBuffer } from './form-xlsx';
import { homeRegionName } from './month-form';
import type { MonthReport } from './month-report';
import { periodText, QUARTER_FORM, quarterPeriod, quarterRows, yearPeriod, type QuarterRow, type ReportPeriod } from './quarter-form';
import { fail } from '../domain/errors';
import { homeCounties } from './regions';
import { getSettings } from './settings';

/** The frozen report of a closed month; null while the month is open or reopened (never live figures). */
export function closedSnapshot(ctx: ServiceContext, month: string): { report: MonthReport; closedAt: string | null } | null {
  const row = ctx.db.sqlite
    .prepare("SELECT c.closed_at AS closedAt, s.data FROM month_closes c JOIN month_snapshots s ON s.id = c.snapshot_id WHERE c.month = ? AND c.state = 'closed'")
    .get(month) as { closedAt: string | null; data: string } | undefined;
  return row ? { report: JSON.parse(row.data) as MonthReport, closedAt: row.closedAt } : null;
}

export const QUARTER_COLUMNS = ['指标名称', '计量单位', '代码', '本期', '上年同期', '同比增减(%)'] as const;

function valueCell(v: QuarterRow['current'], ratio: boolean): FormCell {
  if (typeof v === 'number') return { value: v, kind: ratio ? 'perThousand' : 'count' };
  return v;
}

function rowCells(r: QuarterRow): FormCell[] {
  const change: FormCell = r.change === NO_FIGURE ? null : { value: r.change, kind: r.changeInUnit ? 'gapPerThousand' : 'points' };
  return [r.name, r.unit, r.code, valueCell(r.current, r.changeInUnit), valueCell(r.prior, r.changeInUnit), change];
}

function stateText(p: ReportPeriod, month: string, s: { closedAt: string | null } | null): string {
  return s ? `${month} 已关账（${(s.closedAt ?? '').slice(0, 10)}）` : `${month} 未关账`;
}

export function quarterFileName(regionCode: string, p: ReportPeriod): string {
  return p.kind === 'quarter' ? `民政事业统计季报_养老_${regionCode}_${p.label}.xlsx` : `民政事业统计年报_养老_${regionCode}_${p.label}.xlsx`;
}

export function quarterTitle(regionName: string, p: ReportPeriod): string {
  return `${regionName}民政事业统计${p.kind === 'quarter' ? '季报' : '年报'}（养老服务）`;
}

export function buildQuarterForm(ctx: ServiceContext, p: ReportPeriod): PrintedForm {
  const settings = getSettings(ctx);
  const regionCode = settings.homeRegion;
  const cityName = homeRegionName(ctx, regionCode);
  const current = closedSnapshot(ctx, p.month);
  const prior = closedSnapshot(ctx, p.priorMonth);
  const regions: Array<{ code: string | null; name: string }> = [{ code: null, name: cityName }, ...homeCounties(ctx).map((c) => ({ code: c.code, name: c.name }))];
  const pages: FormPage[] = regions.map((r) => ({
    sheet: r.name.slice(0, 31),
    signature: true,
    blocks: [
      { type: 'note', text: `表号：${QUARTER_FORM.formNo}\u3000\u3000区划：${r.name}${r.code ? `（${r.code}）` : `（${regionCode}，全市合计）`}` },
      {
        type: 'table',
        columns: [
          { title: QUARTER_COLUMNS[0], kind: 'text', minWidth: 30 },
          { title: QUARTER_COLUMNS[1], kind: 'text' },
          { title: QUARTER_COLUMNS[2], kind: 'text', minWidth: 6 },
          { title: QUARTER_COLUMNS[3], kind: 'count', minWidth: 10 },
          { title: QUARTER_COLUMNS[4], kind: 'count', minWidth: 10 },
          { title: QUARTER_COLUMNS[5], kind: 'points', minWidth: 10 },
        ],
        rows: quarterRows(current?.report ?? null, prior?.report ?? null, r.code).map(rowCells),
      },
      {
        type: 'note',
        text:
          '说明：数据取自关账时冻结的月报快照（本期为期末月，上年同期为上年同月），不取实时数据；“未关账”表示该月尚未关账，“快照无此项”表示该月快照生成时尚无此指标，“—”表示无数据或上年同期为 0。' +
          '同比增减(%) = (本期 − 上年同期) ÷ 上年同期 × 100；每千名老年人拥有养老床位数一行为本期与上年同期之差（张/千人）。失能 = 能力等级 3–4 级，半失能 = 1–2 级（GB/T 42195-2022）。代码、表号暂无公开来源，留空待按省厅统计制度填写。',
      },
    ],
  }));
  return {
    kind: 'quarter',
    title: quarterTitle(cityName, p),
    unit: settings.unitName,
    period: periodText(p),
    units: '计量单位：见“计量单位”栏；同比增减 %',
    state: `本期：${stateText(p, p.month, current)}；上年同期：${stateText(p, p.priorMonth, prior)}`,
    internal: false,
    orientation: 'portrait',
    fileName: quarterFileName(regionCode, p),
    generatedAt: new Date().toISOString(),
    pages,
  };
}

export async function quarterWorkbook(ctx: ServiceContext, p: ReportPeriod): Promise<{ fileName: string; data: Buffer; currentClosed: boolean; priorClosed: boolean }> {
  const form = buildQuarterForm(ctx, p);
  return { fileName: form.fileName, data: await formXlsxBuffer(form), currentClosed: closedSnapshot(ctx, p.month) !== null, priorClosed: closedSnapshot(ctx, p.priorMonth) !== null };
}

export async function exportQuarterToFile(ctx: ServiceContext, p: ReportPeriod, out: string) {
  const wb = await quarterWorkbook(ctx, p);
  writeFileAtomic(out, wb.data);
  return { file: out, bytes: wb.data.length };
}

/** '2026Q3' (a quarter) or '2026' (a year) as a period; refused with the field named otherwise. */
export function parseStatPeriod(period: string): ReportPeriod {
  const p = /Q/i.test(period) ? quarterPeriod(period) : yearPeriod(period);
  if (!p) return fail.validation('PERIOD_INVALID', 'period', `统计期应为 YYYYQn（如 2026Q3）或 YYYY（如 2026）：${period}`, `The period must be YYYYQn (e.g. 2026Q3) or YYYY (e.g. 2026): ${period}`);
  return p;
}
