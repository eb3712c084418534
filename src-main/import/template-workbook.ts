/**
 * The downloadable template of each register: the header row (the contract), one sample row,
 * dropdown lists for the closed vocabularies and 是/否 columns, and the ID and code columns
 * formatted as text so Excel cannot turn an ID number into 1.10105E+17.
 */
import type ExcelJS from 'exceljs';
import regionsFile from '../../resources/regions.json';
import { choiceNames, SAMPLE_MARK, type CellValue, type Column, type TemplateId } from './template';
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

/**
 * The template: header row and one sample row, its first cell marked 示例 so that it cannot be
 * imported; then a 说明 sheet (each column: required or not, its format, the values it takes,
 * what the sample row is) and a 区县代码 sheet (the county codes with their names, from the
 * reference regions). The import reads the first sheet only, so the two are never imported.
 */
export function templateWorkbook(id: TemplateId): Promise<Buffer> {
  return registerWorkbook(id, [TEMPLATES[id].columns.map((c, i) => (i === 0 ? `${SAMPLE_MARK}：${c.sample}` : c.sample))], undefined, (wb) => {
    instructionsSheet(wb, id);
    countyCodesSheet(wb);
  });
}

export const INSTRUCTIONS_SHEET = '说明';
export const COUNTY_CODES_SHEET = '区县代码';

const FORMATS: Record<Column['type'], string> = {
  text: '文字',
  code: '代码或号码，按文字填写（如 520602、13800000000）',
  int: '整数，如 12',
  decimal: '数字，可带小数，如 1234.56（金额单位元，最多两位小数；面积单位平方米）',
  date: '日期，格式 2026-12-01',
  bool: '是 / 否',
  id: '18 位居民身份证号，末位可为 X；全角数字、空格、小写 x 均可',
  choice: '从下拉列表中选择',
};

function instructionsSheet(wb: ExcelJS.Workbook, id: TemplateId): void {
  const t = TEMPLATES[id];
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = [
    { header: '列名', width: 16 },
    { header: '是否必填', width: 10 },
    { header: '格式', width: 44 },
    { header: '可选值', width: 30 },
    { header: '示例', width: 22 },
  ];
  for (const c of t.columns) {
    const values = c.type === 'choice' ? choiceNames(c).join('、') : c.type === 'bool' ? '是、否' : c.type === 'code' && /区县/.test(c.header) ? `见“${COUNTY_CODES_SHEET}”表` : '';
    ws.addRow([c.header, c.required ? '必填' : '选填', FORMATS[c.type], values, String(c.sample)]);
  }
  ws.getRow(1).font = { bold: true };
  ws.addRow([]);
  const notes = [
    `填写“${t.title.zh}”表：第 1 行是列名，请勿改动；从第 2 行起每行一条。`,
    `第 2 行是示例行，首格以“${SAMPLE_MARK}：”开头，导入时会被拒绝——请删除或改写为真实数据后再导入。`,
    `区县代码填 6 位数字（如 520602），不填区县名称；代码与名称见“${COUNTY_CODES_SHEET}”表。`,
    '本表（说明）和区县代码表不会被导入，只导入第一张表。',
  ];
  for (const n of notes) ws.addRow([n]);
}

function countyCodesSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(COUNTY_CODES_SHEET);
  ws.columns = [
    { header: '区县代码', width: 12, style: { numFmt: '@' } },
    { header: '区县名称', width: 16 },
    { header: '所属', width: 16 },
  ];
  for (const c of regionsFile.counties) ws.addRow([c.code, c.name, regionsFile.city.name]);
  ws.getRow(1).font = { bold: true };
}

/**
 * Rows in a template's format (the template itself, or an export of a register). An export
 * passes `cover`, which adds its first sheet (services/export-cover.ts); the register sheet
 * follows it, and an import skips the cover.
 */
export async function registerWorkbook(
  id: TemplateId,
  rows: ReadonlyArray<ReadonlyArray<CellValue>>,
  cover?: (wb: ExcelJS.Workbook) => void,
  after?: (wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const t = TEMPLATES[id];
  // loaded when a workbook is made: a start (the CLI, the server) never pays for exceljs
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
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
  after?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
