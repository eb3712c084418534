/**
 * Bad input: every problem reported by row and column (not only the first), and a file with
 * any refused row leaves the database exactly as it was — tables and file bytes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src-main/import/runner';
import type { AppDb } from '../../src-main/db/open';
import { freshDb, snapshot } from '../support/temp-db';
import { fixture, importFile, importRegisters } from './import-helpers';

/** The database file's bytes after folding the WAL back in. */
function fileHash(db: AppDb): string {
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return crypto.createHash('sha256').update(fs.readFileSync(db.file)).digest('hex');
}

const RESIDENT_HEADER = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';

describe('the row-by-row report and all-or-nothing', () => {
  it('reports twenty-one different problems of a stays file, each on its row and column, and writes nothing', async () => {
    const { api, db } = freshDb();
    await importRegisters(api);
    await importFile(api, 'stays', 'stays.csv', fixture('stays.csv'));
    const tables = snapshot(db);
    const bytes = fileHash(db);

    const r = await importFile(api, 'stays', 'stays-twenty-errors.csv', fixture('stays-twenty-errors.csv'));
    expect(r.problems.map((p) => formatProblem(p))).toEqual([
      '第 2 行 身份证号：被表格软件转成了数字（如 1.10105E+17），请把该列设为“文本”格式后重新填写',
      '第 3 行 身份证号：校验位错误',
      '第 4 行 身份证号：应为 18 位',
      '第 5 行 身份证号：该老人未登记：请先导入老人',
      '第 6 行 区县代码：520699 不是已登记的行政区划代码',
      '第 7 行 机构名称：机构“碧江区不存在养老院”（区县 520602）未登记：请先导入机构',
      '第 8 行 床位号：该机构没有这个床位（楼栋、房间号、床位号）：请先导入床位',
      '第 9 行 床位号：床位 1 已有老人入住（王建国，2022-06-30 入住）',
      '第 10 行 离院日期：不能早于入住日期 2023-03-01',
      '第 11 行 离院原因：填写离院日期时须填写离院原因',
      '第 12 行 离院日期：填写离院原因时须填写离院日期',
      '第 13 行 入住日期：不是有效日期（可写 2023-01-05、2023/1/5、2023.01.05 或 2023年1月5日）',
      '第 14 行 入住日期：不能为空',
      '第 15 行 入住日期：2099-01-01 晚于今天，不能登记尚未发生的事',
      '第 16 行 入住日期：早于出生日期',
      '第 17 行 机构名称：机构“江口县日间照料中心”在 2017-01-01 不在运营状态',
      '第 18 行 床位号：床位 2 将于 2023-12-31 停用，不能再安排入住',
      '第 19 行 身份证号：该老人已在“碧江区福寿养老院”入住，请先办理离院或转床',
      '第 20 行 身份证号 + 入住日期：与第 19 行重复（身份证号 + 入住日期 相同）',
      '第 21 行 离院原因：“出院”不是可选值（死亡 / 回家 / 转院 / 其他）',
      '第 22 行 床位号：填写了楼栋或房间号时须填写床位号',
    ]);
    // Row 23 is good and would be added, but one transaction means none of it is written.
    expect(r).toMatchObject({ rows: 22, added: 1, rejected: 21, problemCount: 21, committed: false });
    expect(snapshot(db)).toEqual(tables);
    expect(fileHash(db)).toBe(bytes);
  });

  it('reports every problem of a row, in column order, with English alongside', async () => {
    const { api } = freshDb();
    const csv = `${RESIDENT_HEADER}\n,12345,5206,也许,半丧失,,,,,,,\n`;
    const r = await importFile(api, 'residents', 'r.csv', Buffer.from(csv), false);
    expect(r.problems.map((p) => formatProblem(p))).toEqual([
      '第 2 行 姓名：不能为空',
      '第 2 行 身份证号：应为 18 位',
      '第 2 行 特困：应填“是”或“否”（也可填 Y/N、1/0），不能是“也许”',
      '第 2 行 特困自理能力：“半丧失”不是可选值（具备 / 部分丧失 / 完全丧失）',
    ]);
    expect(formatProblem(r.problems[0]!, 'en')).toBe('Row 2 姓名: is required');
  });

  it('the services decide what the schemas cannot: 特困 needs its self-care status, a facility needs a county', async () => {
    const { api } = freshDb();
    const r = await importFile(api, 'residents', 'r.csv', Buffer.from(`${RESIDENT_HEADER}\n张三,11010519491231002X,,是,,,,,,,,\n`), false);
    expect(r.problems.map((p) => formatProblem(p))).toEqual(['第 2 行 特困自理能力：特困人员须填写特困自理能力']);
    const f = await importFile(
      api,
      'facilities',
      'f.csv',
      Buffer.from(
        [
          '区县代码,机构名称,机构类型,运营方式,乡镇街道,地址,状态,状态日期,医养结合,等级,职工数,护理员数,联系电话',
          '520600,市福利院,养老院,公办,,,运营,2020-01-01,否,,,,',
          '520602,某养老院,养老院,公办,,,运营,2020-01-01,否,6,-1,,',
          '520602,另一养老院,养老院,公办,,,运营,2020-01-01,否,,,3.5,',
        ].join('\n'),
      ),
      false,
    );
    expect(f.problems.map((p) => formatProblem(p))).toEqual([
      '第 2 行 区县代码：520600 不是区县一级的代码',
      '第 3 行 等级：不能大于 5',
      '第 3 行 职工数：不能小于 0',
      '第 4 行 护理员数：应为整数，不能是“3.5”',
    ]);
  });

  it('an ID number that Excel turned into a number cell is refused with advice to format the column as text', async () => {
    const { api, db } = freshDb();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('老人');
    ws.addRow(RESIDENT_HEADER.split(','));
    ws.addRow(['张三', 110105194912310000, '520602', '否']);
    ws.addRow(['李四', '440524188001010014', '520602', '否']);
    const r = await importFile(api, 'residents', 'r.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.problems.map((p) => formatProblem(p))).toEqual(['第 2 行 身份证号：被表格软件转成了数字（如 1.10105E+17），请把该列设为“文本”格式后重新填写']);
    expect(r.committed).toBe(false);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 0 });
  });

  it('file-level problems: empty, not a spreadsheet, old .xls, wrong header, header only, a 10 MB cell', async () => {
    const { api, db } = freshDb();
    const before = snapshot(db);
    const only = async (template: 'residents' | 'population', name: string, bytes: Buffer) => {
      const r = await importFile(api, template, name, bytes);
      expect(r.committed).toBe(false);
      return r.problems.map((p) => formatProblem(p));
    };
    expect(await only('residents', 'empty.csv', Buffer.alloc(0))).toEqual(['文件：文件是空的']);
    expect(await only('residents', 'blank.csv', Buffer.from('\r\n\r\n'))).toEqual(['文件：文件是空的：第 1 行应为表头']);
    expect(await only('residents', 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual(['文件：文件不是电子表格：请上传 .xlsx 或 .csv 文件']);
    expect(await only('residents', 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual(['文件：文件不是电子表格：请上传 .xlsx 或 .csv 文件']);
    expect(await only('residents', 'fake.xlsx', Buffer.from('姓名,身份证号\n'))).toEqual(['文件：文件不是电子表格：请上传 .xlsx 或 .csv 文件']);
    expect(await only('residents', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual(['文件：不支持旧版 .xls 格式：请在 Excel 中另存为 .xlsx 后再导入']);
    expect(await only('residents', 'pop.csv', fixture('population.csv'))).toEqual([
      '第 1 行 表头：缺少列：姓名、身份证号、户籍区县代码、特困、特困自理能力、低保、低收入、失独、优抚对象、联系电话、紧急联系人、紧急联系电话。老人模板的表头为：姓名、身份证号、户籍区县代码、特困、特困自理能力、低保、低收入、失独、优抚对象、联系电话、紧急联系人、紧急联系电话',
    ]);
    expect(await only('population', 'p.csv', Buffer.from('区县代码,年份,60岁及以上人口,80岁及以上人口\n520602,2023,1,1\n'))).toEqual([
      '第 1 行 表头：缺少列：生活不能自理特困人员数。人口模板的表头为：区县代码、年份、60岁及以上人口、80岁及以上人口、生活不能自理特困人员数',
    ]);
    expect(await only('population', 'p.csv', Buffer.from('区县代码,年份,60岁及以上人口,80岁及以上人口,生活不能自理特困人员数\n,,,,\n'))).toEqual(['文件：文件没有数据行（表头下面是空的）']);
    const huge = `${RESIDENT_HEADER}\n张三,11010519491231002X,,否,,,,,,,"${'长'.repeat(10 * 1024 * 1024 / 3)}",\n`;
    expect(await only('residents', 'huge.csv', Buffer.from(huge))).toEqual([`第 2 行 紧急联系人：内容过长（${Math.floor((10 * 1024 * 1024) / 3)} 个字符，最多 1000）`]);
    expect(snapshot(db)).toEqual(before);
  });

  it('two rows with the same key in one file: the second is refused, naming the first', async () => {
    const { api } = freshDb();
    const csv = '区县代码,年份,60岁及以上人口,80岁及以上人口,生活不能自理特困人员数\n520602,2023,100,10,1\n５２０６０２, 2023 ,200,20,2\n';
    const r = await importFile(api, 'population', 'p.csv', Buffer.from(csv));
    expect(r.problems.map((p) => formatProblem(p))).toEqual(['第 3 行 区县代码 + 年份：与第 2 行重复（区县代码 + 年份 相同）']);
    expect(r.committed).toBe(false);
  });

  it('a bed row for a facility in neither the database nor the file', async () => {
    const { api } = freshDb();
    const r = await importFile(api, 'beds', 'b.csv', Buffer.from('区县代码,机构名称,楼栋,房间号,床位号,床位类型,启用日期,停用日期\n520602,无此机构,,,1,普通,2020-01-01,\n'));
    expect(r.problems.map((p) => formatProblem(p))).toEqual(['第 2 行 机构名称：机构“无此机构”（区县 520602）未登记：请先导入机构']);
  });

  it('the downloadable template: header row, a marked sample row, dropdowns, the ID column as text', async () => {
    const { api } = freshDb();
    const t = await api.import.template({ template: 'residents' });
    expect(t.fileName).toBe('导入模板_老人.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(RESIDENT_HEADER.split(','));
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getCell('D5').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell('E9').dataValidation).toMatchObject({ type: 'list', formulae: ['"具备,部分丧失,完全丧失"'] });
    // The sample row is marked 示例 and refused, so that it never lands as a person (issue 14, finding 27).
    const r = await importFile(api, 'residents', t.fileName, Buffer.from(t.base64, 'base64'), false);
    expect(r).toMatchObject({ rows: 1, added: 0, rejected: 1 });
    for (const template of ['facilities', 'beds', 'stays', 'population'] as const) {
      const x = await api.import.template({ template });
      const w = new ExcelJS.Workbook();
      await w.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
      expect(w.worksheets[0]!.rowCount).toBe(2);
    }
  });
});
