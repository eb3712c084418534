/**
 * Issue 14, part 5: the api accepts an ID number as the import does (full-width characters,
 * inner spaces, lower-case x) and stores it normalised; it refuses a birth date after today,
 * a number without a province-level code, and an old 15-digit number (offering its 18-digit
 * form), each with the reason; credit codes likewise. The import refuses the template's sample
 * row. Real encrypted SQLite files through createCaller.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { setToday } from '../../src-main/domain/dates';
import { formatProblem } from '../../src-main/import/runner';
import { TEMPLATE_IDS } from '../../src-main/contract/template-ids';
import { freshDb, rejection } from '../support/temp-db';
import { importFile } from './import-helpers';

afterEach(() => setToday(null));

function storedIdNumbers(db: ReturnType<typeof freshDb>['db']): string[] {
  return (db.sqlite.prepare('SELECT id_number AS n FROM residents ORDER BY id').all() as Array<{ n: string }>).map((r) => r.n);
}

describe('resident.create reads an ID number as typed', () => {
  it('accepts full-width digits, inner spaces and a lower-case x, and stores the normalised number', async () => {
    const { db, api } = freshDb();
    await api.resident.create({ name: '全角', idNumber: '１１０１０５１９４９１２３１００２ｘ' });
    await api.resident.create({ name: '空格', idNumber: ' 520602 19800101 1232 ' });
    await api.resident.create({ name: '小写', idNumber: '52062219550315004x' });
    expect(storedIdNumbers(db)).toEqual(['11010519491231002X', '520602198001011232', '52062219550315004X']);
    // The same number typed another way is the same person.
    const dup = await rejection(api.resident.create({ name: '重复', idNumber: '11010519491231002x' }));
    expect(dup.kind).toBe('conflict');
  });

  it('refuses a birth date after today, with the reason', async () => {
    const { db, api } = freshDb();
    setToday('2026-12-01');
    const e = await rejection(api.resident.create({ name: '未来', idNumber: '520602202612020014' }));
    expect({ code: e.code, field: e.field, zh: e.zh }).toEqual({ code: 'ID_FUTURE', field: 'idNumber', zh: '身份证号：出生日期（第 7–14 位）晚于今天' });
    expect(e.en).toBe('ID number has a birth date (characters 7–14) after today');
    // born on today is accepted
    await api.resident.create({ name: '今天', idNumber: '520602202612010019' });
    expect(storedIdNumbers(db)).toEqual(['520602202612010019']);
  });

  it('refuses a number whose first two digits are no province-level code; accepts an unknown county', async () => {
    const { db, api } = freshDb();
    const e = await rejection(api.resident.create({ name: '无省', idNumber: '990105194912310023' }));
    expect({ code: e.code, field: e.field, zh: e.zh }).toEqual({ code: 'ID_PROVINCE', field: 'idNumber', zh: '身份证号：前两位不是省级行政区划代码（如 11 北京、52 贵州）' });
    // 529999: a county code in no list, in province 52
    await api.resident.create({ name: '旧县', idNumber: '529999194001010016' });
    expect(storedIdNumbers(db)).toEqual(['529999194001010016']);
  });

  it('refuses an old 15-digit number, giving its 18-digit form', async () => {
    const { db, api } = freshDb();
    const e = await rejection(api.resident.create({ name: '旧号', idNumber: '110105491231002' }));
    expect({ code: e.code, field: e.field, zh: e.zh, en: e.en }).toEqual({
      code: 'ID_OLD15',
      field: 'idNumber',
      zh: '身份证号：是旧的 15 位号码，请改用 18 位号码 11010519491231002X',
      en: 'ID number is an old 15-digit number; use the 18-digit number 11010519491231002X',
    });
    expect(storedIdNumbers(db)).toEqual([]);
    await api.resident.create({ name: '旧号', idNumber: '11010519491231002X' });
    expect(storedIdNumbers(db)).toEqual(['11010519491231002X']);
  });

  it('operator.create: a credit code as typed is accepted; letters in characters 3–8 are refused', async () => {
    const { api } = freshDb();
    const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '９１１１ ０１０８ ５５１３ ８５０８ ２ｑ' });
    expect(op.creditCode).toBe('91110108551385082Q');
    // 91AB0108551385082 with its right check character
    const { creditCheckCharacter } = await import('../../src-main/domain/credit-code');
    const e = await rejection(api.operator.create({ name: '某公司', creditCode: `91AB0108551385082${creditCheckCharacter('91AB0108551385082')}` }));
    expect({ code: e.code, field: e.field, zh: e.zh }).toEqual({ code: 'CREDIT_REGION', field: 'creditCode', zh: '统一社会信用代码：第 3–8 位（登记管理机关行政区划码）应为数字' });
  });
});

describe('the import reads ID numbers as the api does', () => {
  it('a 15-digit number and a future birth date are refused in the report with the same words', async () => {
    const { api } = freshDb();
    setToday('2026-12-01');
    const header = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';
    const csv = `${header}\n旧号,110105491231002\n未来,520602202612020014\n全角,１１０１０５ １９４９１２３１ ００２ｘ\n`;
    const r = await importFile(api, 'residents', 'r.csv', Buffer.from(csv), false);
    expect(r.problems.map((p) => formatProblem(p))).toEqual([
      '第 2 行 身份证号：是旧的 15 位号码，请改用 18 位号码 11010519491231002X',
      '第 3 行 身份证号：出生日期（第 7–14 位）晚于今天',
    ]);
  });
});

describe("the template's sample row", () => {
  it.each(TEMPLATE_IDS)('%s: the sample row is marked 示例 and refused, naming the row', async (template) => {
    const { api } = freshDb();
    const t = await api.import.template({ template });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getCell('A2').value)).toMatch(/^示例：/);
    const r = await importFile(api, template, t.fileName, Buffer.from(t.base64, 'base64'));
    expect(r).toMatchObject({ rows: 1, added: 0, rejected: 1, committed: false });
    expect(r.problems.map((p) => formatProblem(p))).toEqual(['第 2 行：这是模板的示例行（第一格以“示例”开头），不会导入：请删除该行后再导入']);
  });
});
