/**
 * A printed form: the month report and the printouts (a facility's bed list and resident list,
 * a county's one-page summary) described once, before they become a workbook
 * (services/form-xlsx.ts) or a printed page (the renderer's PrintedFormView). One description,
 * two renderings, so what 打印 prints is what the workbook prints.
 *
 * The form follows Chinese statistical reports: every page carries the title, the 填报单位,
 * the period and the units; the summary page ends with the signature block. Values stay raw
 * (numbers as numbers, dates as ISO dates); each rendering formats them by their kind.
 */
import { formatCount, formatGap, formatPercent, formatPerThousand, formatYuan, NO_FIGURE } from './format';

/**
 * How a value is written:
 * - count 1,234 · perThousand 26.1 · percent 0.346 → 34.6%
 * - points: a difference of two ratios, −0.023 → −2.3 (个百分点, said in the column or row)
 * - gapPerThousand / gapCount: signed, +1.2 / −3
 * - date: 'YYYY-MM-DD' → a date cell · yuan: integer fen → 12,345.60
 */
export type CellKind = 'text' | 'count' | 'perThousand' | 'percent' | 'points' | 'gapPerThousand' | 'gapCount' | 'date' | 'yuan';

/** A cell: a bare value (in its column's kind), or a value with its own kind (rows of mixed units). */
export type FormValue = string | number | null;
export type FormCell = FormValue | { value: FormValue; kind: CellKind };

export interface FormColumn {
  title: string;
  /** The group header above it (merged over neighbours with the same group), e.g. 每千名老年人床位（张/千人）. */
  group?: string;
  kind: CellKind;
  /** Least width in characters (a CJK character counts 2); the renderers widen to fit every value. */
  minWidth?: number;
}

export interface FormTable {
  type: 'table';
  /** A caption above the table when a page has more than one block (e.g. 规划建设进度). */
  caption?: string;
  columns: FormColumn[];
  rows: FormCell[][];
  /** Indexes of rows printed bold (totals). */
  emphasis?: number[];
  /** Said in place of rows when there are none, e.g. 本机构暂无床位。 */
  empty?: string;
}

/** A bar chart: one bar per label, an optional target line, one highlighted bar (the county). */
export interface FormBars {
  type: 'bars';
  caption: string;
  /** The unit of the values, e.g. 张/千人. */
  unit: string;
  kind: CellKind;
  bars: Array<{ label: string; value: number | null; highlight?: boolean }>;
  target?: number | null;
}

export interface FormNote {
  type: 'note';
  text: string;
}

export type FormBlock = FormTable | FormBars | FormNote;

/** One sheet of the workbook; in print, it starts a new page and its header repeats on every page it takes. */
export interface FormPage {
  /** The sheet's name (≤ 31 characters) and the page's sub-title, e.g. 分区县汇总. */
  sheet: string;
  blocks: FormBlock[];
  /** Ends with the signature block (单位负责人 … 单位（盖章）). */
  signature?: boolean;
}

export type PrintedFormKind = 'month' | 'facilityBeds' | 'facilityResidents' | 'countySummary' | 'quarter';

export interface PrintedForm {
  kind: PrintedFormKind;
  /** 铜仁市养老服务机构床位统计月报 */
  title: string;
  /** 填报单位 */
  unit: string;
  /** 2026年11月, or 截至 2026-12-01 */
  period: string;
  /** 计量单位：张、‰、% */
  units: string;
  /** A line of the data's state, e.g. 已关账（2026-12-01），为关账时冻结的数据. */
  state?: string;
  /** Holds personal data: every page is marked 内部资料 and says how to keep it. */
  internal: boolean;
  orientation: 'landscape' | 'portrait';
  /** The workbook's file name, e.g. 养老床位月报_520600_2026-11.xlsx. */
  fileName: string;
  generatedAt: string;
  pages: FormPage[];
}

/** The signature block of the summary page, in the order of Chinese statistical reports. */
export const SIGNATURE_LABELS = ['单位负责人', '统计负责人', '填表人', '联系电话', '报出日期'] as const;
export const SEAL_LABEL = '单位（盖章）';
export const INTERNAL_MARK = '内部资料';
export const INTERNAL_KEEPING = '内部资料：含个人信息，仅供本单位工作使用，不得外传、上报或公开，用后及时销毁。';

export function cellValue(c: FormCell): FormValue {
  return c !== null && typeof c === 'object' ? c.value : c;
}

export function cellKind(c: FormCell, column: FormColumn): CellKind {
  return c !== null && typeof c === 'object' ? c.kind : column.kind;
}

/** Display width in characters: a CJK (full-width) character counts 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** 2026-11 → 2026年11月 */
export function periodOfMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** A value as the printed page writes it (the workbook keeps numbers and sets number formats instead). */
export function formatFormValue(v: FormValue, kind: CellKind): string {
  if (v === null) return NO_FIGURE;
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'count':
    case 'text':
      return formatCount(v);
    case 'perThousand':
      return formatPerThousand(v);
    case 'percent':
      return formatPercent(v);
    case 'points':
      return formatGap(v, 'ratio').replace(' 个百分点', '');
    case 'gapPerThousand':
      return formatGap(v, 'per_thousand');
    case 'gapCount':
      return formatGap(v, 'count');
    case 'yuan':
      return formatYuan(v);
    case 'date':
      return String(v);
  }
}
