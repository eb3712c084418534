/**
 * The downloadable template of each register: the header row (the contract), one sample row,
 * dropdown lists for the closed vocabularies and 是/否 columns, and the ID and code columns
 * formatted as text so Excel cannot turn an ID number into 1.10105E+17.
 */
import ExcelJS from 'exceljs';
import { choiceNames, SAMPLE_MARK, type CellValue, type TemplateId } from './template';
import { TEMPLATES } from './templates';

const MIN_VALIDATED_ROWS = 60000;

/** exceljs writes range validations (one rule for a whole column) but its typings omit them. */
interface RangeValidations {
  dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function templateFileName(id: TemplateId): string {
  return `导入模板_${TEMPLATES[id].title.zh}.xlsx`;
}

/** The template: header row and one sample row, its first cell marked 示例 so that it cannot be imported. */
export function templateWorkbook(id: TemplateId): Promise<Buffer> {
  return registerWorkbook(id, [TEMPLATES[id].columns.map((c, i) => (i === 0 ? `${SAMPLE_MARK}：${c.sample}` : c.sample))]);
}

/**
 * Rows in a template's format (the template itself, or an export of a register). An export
 * passes `cover`, which adds its first sheet (services/export-cover.ts); the register sheet
 * follows it, and an import skips the cover.
 */
export async function registerWorkbook(id: TemplateId, rows: ReadonlyArray<ReadonlyArray<CellValue>>, cover?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const t = TEMPLATES[id];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'eldercare-register';
  cover?.(wb);
  const ws = wb.addWorksheet(t.title.zh);
  ws.columns = t.columns.map((c) => ({
    header: c.header,
    width: c.width ?? 12,
    style: c.type === 'id' || c.type === 'code' || c.type === 'text' || c.type === 'date' ? { numFmt: '@' } : {},
  }));
  for (const r of rows) ws.addRow([...r]);
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  const lastRow = Math.max(MIN_VALIDATED_ROWS, rows.length + 1000);
  t.columns.forEach((c, i) => {
    const list = c.type === 'choice' ? choiceNames(c) : c.type === 'bool' ? ['是', '否'] : null;
    if (!list) return;
    const col = columnLetter(i + 1);
    (ws as unknown as RangeValidations).dataValidations.add(`${col}2:${col}${lastRow}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从列表中选择：${list.join('、')}`,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
