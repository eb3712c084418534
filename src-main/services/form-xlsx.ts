/**
 * A printed form (domain/printed-form.ts) as an xlsx workbook (exceljs): one worksheet per page,
 * each starting with the title, 填报单位 · 统计期 · the page's name, the units and the data's
 * state; grouped column headers; A4 with the top rows and the first table's header repeated on
 * every printed page and 第 N 页，共 M 页 at the foot; numbers as numbers in their number formats
 * (never text), dates as date cells; one font family on every cell written; columns as wide as
 * their widest value so no county's or facility's full name is cut. The signature block ends the
 * pages that carry it; a form with personal data is marked 内部资料 on every sheet and page.
 *
 * Written by exceljs's streaming writer: every column width is settled before the first row is
 * written (the widest value of every block on the page), and the rows of a table are committed
 * as they are written, so a sheet of 20,000 facilities never sits in memory as cell objects —
 * only the zipped bytes do.
 */
import type ExcelJS from 'exceljs';
import { NO_FIGURE } from '../domain/format';
import {
  cellKind,
  cellValue,
  formatFormValue,
  INTERNAL_KEEPING,
  INTERNAL_MARK,
  SEAL_LABEL,
  SIGNATURE_LABELS,
  textWidth,
  type CellKind,
  type FormBars,
  type FormCell,
  type FormColumn,
  type FormNote,
  type FormPage,
  type FormTable,
  type PrintedForm,
} from '../domain/printed-form';
import { centredOnPage, streamedXlsx } from './xlsx-stream';

/** The one font family of every cell: a Chinese office font (LibreOffice on Debian substitutes WenQuanYi Micro Hei). */
export const FORM_FONT = '宋体';
const SIZE = 10;
const MAX_WIDTH = 60;
const PADDING = 2;
/** Points per printed line of text at SIZE. */
const LINE = 14;
/** The bar column's width, in characters. */
const BAR_WIDTH = 60;
/** A number format that shows nothing: the data bar is the cell's only mark. */
const HIDDEN = ';;;';

const MINUS = '"\u2212"';
export const NUM_FMT: Record<Exclude<CellKind, 'text'>, string> = {
  count: '#,##0',
  perThousand: '0.0',
  percent: '0.0%',
  points: `+0.0;${MINUS}0.0;0.0`,
  gapPerThousand: `+0.0;${MINUS}0.0;0.0`,
  gapCount: `+#,##0;${MINUS}#,##0;0`,
  yuan: '#,##0.00',
  date: 'yyyy-mm-dd',
};

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FORM_FONT, size: SIZE, ...extra });

const numeric = (kind: CellKind) => kind !== 'text';

/** The value a cell holds: numbers scaled as their kind says (points ×100, fen → yuan), dates as dates. */
export function xlsxValue(v: string | number | null, kind: CellKind): ExcelJS.CellValue {
  if (v === null) return NO_FIGURE;
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (typeof v === 'string') return v;
  if (kind === 'points') return Math.round(v * 100 * 1e9) / 1e9;
  if (kind === 'yuan') return Math.round(v) / 100;
  return v;
}

/** The widest line of a text, in characters (CJK counts 2). */
function widest(s: string): number {
  return Math.max(0, ...s.split('\n').map(textWidth));
}

/** The parts a header may wrap between: 60岁及以上人口（人） → 60岁及以上人口 / （人）; a word itself never wraps. */
function headerParts(title: string): string[] {
  return title.split(/(?=（)/);
}

/** A header as written in a cell `width` wide: broken between its parts when it does not fit on one line. */
function headerText(title: string, width: number): string {
  return textWidth(title) + PADDING > width ? headerParts(title).join('\n') : title;
}

function printed(c: FormCell, column: FormColumn): string {
  return formatFormValue(cellValue(c), cellKind(c, column));
}

/** Each column's width: its widest value or header part, plus padding, at least minWidth, at most MAX_WIDTH. */
function tableWidths(t: FormTable): number[] {
  return t.columns.map((col, j) => {
    let w = Math.max(...headerParts(col.title).map(textWidth), col.minWidth ?? 0);
    for (const row of t.rows) w = Math.max(w, widest(printed(row[j] ?? null, col)));
    return Math.min(MAX_WIDTH, w + PADDING);
  });
}

function barsWidths(b: FormBars): number[] {
  const label = Math.max(textWidth('名称'), ...b.bars.map((x) => textWidth(x.label)));
  const value = Math.max(textWidth(b.unit), ...b.bars.map((x) => textWidth(formatFormValue(x.value, b.kind))));
  return [label + PADDING, value + PADDING, BAR_WIDTH];
}

/** Lines a text takes in a cell of `width` characters (wrapped). */
function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/**
 * Spans of sheet columns for a table of `need` widths placed under the page's first block:
 * each column takes sheet columns until it is wide enough; columns are added at the right
 * when the sheet has too few, and the last column taken is widened when still too narrow
 * (so `widths` may change).
 */
function placeSpans(widths: number[], need: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let c = 1;
  need.forEach((w, j) => {
    const left = need.length - j - 1;
    if (c > widths.length) widths.push(w);
    const from = c;
    let have = widths[c - 1]!;
    while (have < w && c + 1 <= widths.length - left) {
      c++;
      have += widths[c - 1]!;
    }
    if (have < w) widths[c - 1]! += w - have;
    out.push([from, c]);
    c++;
  });
  return out;
}

class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  /** The sheet's column widths, final before the first row is written (streaming needs them first). */
  readonly widths: number[];
  row = 1;
  /** The last row of the frozen header (the top lines and the first table's header rows), known before the sheet starts. */
  private readonly headerEnd: number;
  /** Rows are committed (written out) only after the frozen header: a table's rows one by one as they are finished. */
  private frozen = false;

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, widths: number[], headerEnd: number, settings: Partial<ExcelJS.AddWorksheetOptions>) {
    // the streaming writer writes the sheet's properties and views when the sheet is added
    this.ws = wb.addWorksheet(name, { ...settings, views: [{ state: 'frozen', ySplit: headerEnd, xSplit: 0 }] });
    this.ws.pageSetup.printTitlesRow = `1:${headerEnd}`;
    if (settings.pageSetup?.horizontalCentered) centredOnPage(this.ws);
    this.headerEnd = headerEnd;
    this.widths = widths;
    this.ws.columns = widths.map((w) => ({ width: w }));
  }

  /** Called when the first table's header is written: from here finished rows are written out. */
  freeze(headerEnd: number): void {
    if (headerEnd !== this.headerEnd) throw new Error(`form layout: the header ends at row ${headerEnd}, not ${this.headerEnd} as planned`);
    this.frozen = true;
  }

  /** Writes out every finished row (those above the current one). */
  flush(): void {
    if (this.frozen && this.row > 1) this.ws.getRow(this.row - 1).commit();
  }

  get width(): number {
    return this.widths.length;
  }

  sumWidth(from: number, to: number): number {
    let s = 0;
    for (let c = from; c <= to; c++) s += this.widths[c - 1] ?? 0;
    return s;
  }

  /** Writes a value into [row, from..to] (merged when wider than one column) with the form's font on every cell. */
  put(
    row: number,
    from: number,
    to: number,
    value: ExcelJS.CellValue,
    style: { bold?: boolean; size?: number; align?: ExcelJS.Alignment['horizontal']; wrap?: boolean; border?: boolean; fill?: boolean; numFmt?: string; underline?: boolean } = {},
  ): ExcelJS.Cell {
    if (to > from) this.ws.mergeCells(row, from, row, to);
    for (let c = from; c <= to; c++) {
      const cell = this.ws.getCell(row, c);
      cell.font = font({ bold: style.bold ?? false, ...(style.size ? { size: style.size } : {}), ...(style.underline ? { underline: true } : {}) });
      if (style.border) cell.border = THIN;
      if (style.fill) cell.fill = HEADER_FILL;
    }
    const cell = this.ws.getCell(row, from);
    cell.value = value;
    const horizontal = style.align ?? 'left';
    cell.alignment = { vertical: 'middle', horizontal, wrapText: style.wrap ?? false, ...(style.border && horizontal !== 'center' ? { indent: 1 } : {}) };
    if (style.numFmt) cell.numFmt = style.numFmt;
    return cell;
  }

  /** A line of text over the sheet's width, its row as high as the wrapped text needs. */
  line(text: string, style: { bold?: boolean; size?: number; align?: ExcelJS.Alignment['horizontal'] } = {}): void {
    const lines = linesIn(text, this.sumWidth(1, this.width) * (SIZE / (style.size ?? SIZE)));
    this.put(this.row, 1, this.width, text, { ...style, wrap: true });
    this.ws.getRow(this.row).height = Math.max(style.size ? style.size * 1.8 : LINE + 4, lines * LINE * ((style.size ?? SIZE) / SIZE) + 4);
    this.row++;
  }

  /** The table's header rows, then `onHeader(last header row)`, then its rows; returns the last header row. */
  table(t: FormTable, spans: Array<[number, number]>, onHeader: (end: number) => void = () => {}): number {
    const grouped = t.columns.some((c) => c.group);
    const top = this.row;
    const titleRow = grouped ? top + 1 : top;
    const head = { bold: true, align: 'center' as const, wrap: true, border: true, fill: true };
    let groupLines = 1;
    let j = 0;
    while (j < t.columns.length) {
      const col = t.columns[j]!;
      if (!grouped || !col.group) {
        const [from, to] = spans[j]!;
        if (grouped) {
          this.ws.mergeCells(top, from, titleRow, to);
          for (let c = from; c <= to; c++) for (const r of [top, titleRow]) Object.assign(this.ws.getCell(r, c), { font: font({ bold: true }), border: THIN, fill: HEADER_FILL });
          const cell = this.ws.getCell(top, from);
          cell.value = headerText(col.title, this.sumWidth(from, to));
          cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
        } else this.put(top, from, to, headerText(col.title, this.sumWidth(from, to)), head);
        j++;
        continue;
      }
      let k = j;
      while (k + 1 < t.columns.length && t.columns[k + 1]!.group === col.group) k++;
      const from = spans[j]![0];
      const to = spans[k]![1];
      this.put(top, from, to, headerText(col.group, this.sumWidth(from, to)), head);
      groupLines = Math.max(groupLines, linesIn(headerText(col.group, this.sumWidth(from, to)), this.sumWidth(from, to)));
      for (let i = j; i <= k; i++) this.put(titleRow, spans[i]![0], spans[i]![1], headerText(t.columns[i]!.title, this.sumWidth(...spans[i]!)), head);
      j = k + 1;
    }
    const titleLines = Math.max(1, ...t.columns.map((c, i) => linesIn(headerText(c.title, this.sumWidth(...spans[i]!)), this.sumWidth(...spans[i]!))));
    if (grouped) {
      this.ws.getRow(top).height = groupLines * LINE + 6;
      this.ws.getRow(titleRow).height = titleLines * LINE + 6;
    } else this.ws.getRow(top).height = titleLines * LINE + 6;
    this.row = titleRow + 1;
    onHeader(titleRow);

    if (t.rows.length === 0) {
      const first = spans[0]![0];
      const last = spans[spans.length - 1]![1];
      this.put(this.row, first, last, t.empty ?? NO_FIGURE, { align: 'center', border: true });
      this.ws.getRow(this.row).height = LINE + 6;
      this.row++;
      return titleRow;
    }
    const emphasis = new Set(t.emphasis ?? []);
    t.rows.forEach((cells, i) => {
      let lines = 1;
      t.columns.forEach((col, c) => {
        const cell = cells[c] ?? null;
        const kind = cellKind(cell, col);
        const v = cellValue(cell);
        const [from, to] = spans[c]!;
        const value = xlsxValue(v, kind);
        const isNumber = typeof value === 'number' || value instanceof Date;
        this.put(this.row, from, to, value, {
          bold: emphasis.has(i),
          align: isNumber || (numeric(kind) && v === null) ? 'right' : 'left',
          wrap: !isNumber,
          border: true,
          ...(isNumber ? { numFmt: kind === 'text' ? 'General' : NUM_FMT[kind] } : {}),
        });
        if (typeof v === 'string') lines = Math.max(lines, linesIn(v, this.sumWidth(from, to)));
      });
      this.ws.getRow(this.row).height = lines * LINE + 4;
      this.row++;
      this.flush();
    });
    return titleRow;
  }

  bars(b: FormBars, spans: Array<[number, number]>): void {
    const max = Math.max(0, ...b.bars.map((x) => x.value ?? 0), b.target ?? 0);
    const head = { bold: true, align: 'center' as const, wrap: true, border: true, fill: true };
    this.put(this.row, spans[0]![0], spans[0]![1], '名称', head);
    this.put(this.row, spans[1]![0], spans[1]![1], b.unit, head);
    this.put(this.row, spans[2]![0], spans[2]![1], '', head);
    this.ws.getRow(this.row).height = LINE + 6;
    this.row++;
    const first = this.row;
    for (const x of b.bars) {
      const bold = x.highlight ?? false;
      this.put(this.row, spans[0]![0], spans[0]![1], x.label, { bold, border: true });
      const value = xlsxValue(x.value, b.kind);
      this.put(this.row, spans[1]![0], spans[1]![1], value, {
        bold,
        align: 'right',
        border: true,
        ...(typeof value === 'number' && b.kind !== 'text' ? { numFmt: NUM_FMT[b.kind] } : {}),
      });
      // The bar: LibreOffice and Excel draw a data bar over the value, which the format ;;; hides.
      this.put(this.row, spans[2]![0], spans[2]![1], typeof value === 'number' ? value : '', { border: true, numFmt: HIDDEN });
      this.ws.getRow(this.row).height = LINE + 4;
      this.row++;
      this.flush();
    }
    if (b.bars.length > 0) {
      const col = this.ws.getColumn(spans[2]![0]).letter;
      this.ws.addConditionalFormatting({
        ref: `${col}${first}:${col}${this.row - 1}`,
        rules: [
          {
            type: 'dataBar',
            priority: 1,
            minLength: 0,
            maxLength: 100,
            cfvo: [
              { type: 'num', value: 0 },
              { type: 'num', value: max },
            ],
            color: { argb: 'FF5B8BD0' },
            gradient: false,
            showValue: false,
          } as unknown as ExcelJS.ConditionalFormattingRule,
        ],
      });
    }
    if (b.target !== undefined && b.target !== null) {
      this.put(this.row, spans[0]![0], spans[spans.length - 1]![1], `目标：${formatFormValue(b.target, b.kind)} ${b.unit}`, {});
      this.ws.getRow(this.row).height = LINE + 4;
      this.row++;
    }
  }

  /** Two rows: 单位负责人 · 统计负责人 · 填表人, then 联系电话 · 报出日期 · 单位（盖章） at the right. */
  signature(): void {
    const n = Math.max(1, Math.min(3, this.width));
    const seg = (i: number): [number, number] => {
      const size = Math.floor(this.width / n);
      const from = i * size + 1;
      return [from, i === n - 1 ? this.width : from + size - 1];
    };
    const blank = (label: string): ExcelJS.CellRichTextValue => ({
      richText:
        label === '报出日期'
          ? [
              { text: `${label}：`, font: font() },
              { text: '\u3000\u3000\u3000', font: font({ underline: true }) },
              { text: '年', font: font() },
              { text: '\u3000\u3000', font: font({ underline: true }) },
              { text: '月', font: font() },
              { text: '\u3000\u3000', font: font({ underline: true }) },
              { text: '日', font: font() },
            ]
          : [
              { text: `${label}：`, font: font() },
              { text: '\u3000'.repeat(8), font: font({ underline: true }) },
            ],
    });
    const items: Array<ExcelJS.CellValue> = [...SIGNATURE_LABELS.map(blank), SEAL_LABEL];
    this.row++;
    for (let i = 0; i < items.length; i += n) {
      const chunk = items.slice(i, i + n);
      chunk.forEach((v, k) => {
        const seal = v === SEAL_LABEL;
        const [from, to] = seal ? seg(n - 1) : seg(k);
        this.put(this.row, from, to, v, { align: seal ? 'right' : 'left' });
      });
      this.ws.getRow(this.row).height = LINE * 2;
      this.row++;
    }
  }
}

function firstWidths(page: FormPage): number[] {
  const first = page.blocks.find((b): b is FormTable | FormBars => b.type !== 'note');
  if (!first) return [MAX_WIDTH];
  return first.type === 'table' ? tableWidths(first) : barsWidths(first);
}

/** Widths (in characters) that fill about an A4 page at 100 %: a narrow table is widened evenly, so its top lines do not wrap. */
const PAGE_WIDTH = { portrait: 92, landscape: 140 } as const;

function fillPage(widths: number[], orientation: PrintedForm['orientation']): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const want = PAGE_WIDTH[orientation];
  return total >= want ? widths : widths.map((w) => Math.round((w * want * 10) / total) / 10);
}

/** The spans of each block on the page (null for notes), widening `widths` as later blocks need. */
function pageSpans(page: FormPage, widths: number[]): Array<Array<[number, number]> | null> {
  return page.blocks.map((block, i) => {
    if (block.type === 'note') return null;
    if (i === 0) return widths.map((_, c): [number, number] => [c + 1, c + 1]);
    return placeSpans(widths, block.type === 'table' ? tableWidths(block) : barsWidths(block));
  });
}

/** The rows above the first line of a page's tables: the top lines (internal mark, title, unit · period, units, state). */
function topLines(form: PrintedForm): number {
  return (form.internal ? 1 : 0) + 3 + (form.state ? 1 : 0);
}

/** The frozen header's last row: the top lines, and when the page starts with a table, its caption and header rows. */
function headerEndOf(form: PrintedForm, page: FormPage): number {
  const first = page.blocks[0];
  if (first?.type !== 'table') return topLines(form);
  return topLines(form) + (first.caption ? 1 : 0) + (first.columns.some((c) => c.group) ? 2 : 1);
}

function writePage(wb: ExcelJS.stream.xlsx.WorkbookWriter, form: PrintedForm, page: FormPage): void {
  const widths = fillPage(firstWidths(page), form.orientation);
  const spans = pageSpans(page, widths);
  const s = new SheetWriter(wb, page.sheet, widths, headerEndOf(form, page), {
    pageSetup: {
      paperSize: 9,
      orientation: form.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: '&C第 &P 页，共 &N 页',
      ...(form.internal ? { oddHeader: `&R${INTERNAL_MARK}` } : {}),
    },
  });
  if (form.internal) s.line(INTERNAL_KEEPING.startsWith(INTERNAL_MARK) ? INTERNAL_KEEPING : `${INTERNAL_MARK}\u3000${INTERNAL_KEEPING}`, { bold: true });
  s.line(form.title, { bold: true, size: 16, align: 'center' });
  s.line(`填报单位：${form.unit}\u3000\u3000统计期：${form.period}\u3000\u3000${page.sheet}`);
  s.line(form.units);
  if (form.state) s.line(form.state);

  page.blocks.forEach((block, i) => {
    if (i > 0 && block.type !== 'note') {
      s.row++;
      const caption = block.caption;
      if (caption) s.line(caption, { bold: true });
    } else if (i === 0 && block.type !== 'note' && block.caption) s.line(block.caption, { bold: true });
    if (block.type === 'note') {
      s.line((block as FormNote).text);
      return;
    }
    const at = spans[i]!;
    if (block.type === 'table') s.table(block, at, i === 0 ? (end) => s.freeze(end) : undefined);
    else s.bars(block, at);
  });
  if (page.signature) s.signature();
  s.ws.commit();
}

/** The form as xlsx bytes (services/xlsx-stream.ts: rows written out as they are finished). */
export async function formXlsxBuffer(form: PrintedForm): Promise<Buffer> {
  return streamedXlsx((wb) => {
    wb.creator = form.unit;
    wb.created = new Date(form.generatedAt);
    for (const page of form.pages) writePage(wb, form, page);
  });
}
