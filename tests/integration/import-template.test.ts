/**
 * The downloadable templates explain themselves (issue 14, finding 27): after the register
 * sheet, a 说明 sheet (each column: required or not, format, values, sample; what the sample
 * row is) and a 区县代码 sheet (the county codes with their names, from the reference
 * regions). The import still reads the register sheet only: the template unchanged imports
 * nobody.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import regionsFile from '../../resources/regions.json';
import { COUNTY_CODES_SHEET, INSTRUCTIONS_SHEET } from '../../src-main/import/template-workbook';
import { TEMPLATES } from '../../src-main/import/templates';
import { TEMPLATE_IDS } from '../../src-main/import/template';
import { freshDb } from '../support/temp-db';
import { importFile } from './import-helpers';

async function load(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

const texts = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));

describe('template workbooks', () => {
  it('every template has the register sheet first, then 说明 and 区县代码', async () => {
    const { api } = freshDb();
    for (const id of TEMPLATE_IDS) {
      const wb = await load((await api.import.template({ template: id })).base64);
      expect(wb.worksheets.map((w) => w.name), id).toEqual([TEMPLATES[id].title.zh, INSTRUCTIONS_SHEET, COUNTY_CODES_SHEET]);
      const help = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
      expect(texts(help.getRow(1))).toEqual(['列名', '是否必填', '格式', '可选值', '示例']);
      // one row per column, in the register's order
      TEMPLATES[id].columns.forEach((c, i) => {
        const row = texts(help.getRow(i + 2));
        expect(row[0], `${id} ${c.header}`).toBe(c.header);
        expect(row[1]).toBe(c.required ? '必填' : '选填');
        expect(row[2]).not.toBe('');
      });
      const all = help.getSheetValues().flat().map(String).join('\n');
      expect(all).toContain('示例行');
      const codes = wb.getWorksheet(COUNTY_CODES_SHEET)!;
      expect(codes.rowCount).toBe(regionsFile.counties.length + 1);
    }
  });

  it('the residents template says what each column takes and lists 碧江区 as 520602', async () => {
    const { api } = freshDb();
    const t = await api.import.template({ template: 'residents' });
    const wb = await load(t.base64);
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
    const byHeader = new Map<string, string[]>();
    help.eachRow((row) => {
      const r = texts(row);
      byHeader.set(r[0]!, r);
    });
    expect(byHeader.get('姓名')!.slice(0, 2)).toEqual(['姓名', '必填']);
    expect(byHeader.get('身份证号')![2]).toContain('18 位');
    expect(byHeader.get('特困')![3]).toBe('是、否');
    expect(byHeader.get('特困自理能力')![3]).toBe('具备、部分丧失、完全丧失');
    expect(byHeader.get('户籍区县代码')![3]).toContain(COUNTY_CODES_SHEET);
    const codes = wb.getWorksheet(COUNTY_CODES_SHEET)!;
    const rows: string[][] = [];
    codes.eachRow((row, n) => {
      if (n > 1) rows.push(texts(row));
    });
    expect(rows).toContainEqual(['520602', '碧江区', '铜仁市']);
    expect(rows.map((r) => r[0])).toEqual(regionsFile.counties.map((c) => c.code));
    // the template unchanged still imports nobody: only the register sheet is read, its sample row refused
    const r = await importFile(api, 'residents', t.fileName, Buffer.from(t.base64, 'base64'), false);
    expect(r).toMatchObject({ rows: 1, added: 0, rejected: 1 });
  });
});
