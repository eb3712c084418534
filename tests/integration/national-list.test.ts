/**
 * The national system's facility list (issue 20 part 5): exported from a seeded store, imported
 * into an empty one (regions only) and exported again, the two files equal cell by cell; fees
 * kept to the fen; an existing facility updated (by credit code, or by county and name), never
 * duplicated, the preview saying which; each bad cell refused with its row and column, nothing
 * written; the CSV in UTF-8 with BOM and the same header; limited to the account's scope.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { NATIONAL_LIST_COLUMNS, NATIONAL_LIST_SHEET, nationalListTitle } from '../../src-main/contract/national-list';
import { csvText } from '../../src-main/domain/csv-cell';
import { addDays, todayIso } from '../../src-main/domain/dates';
import { formatProblem } from '../../src-main/import/runner';
import { COVER_SHEET } from '../../src-main/services/export-cover';
import { freshDb, snapshot } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';
import type { Api } from './helpers';
import { importFile } from './import-helpers';

const HEADER = NATIONAL_LIST_COLUMNS.map((c) => c.zh);
const col = (zh: string) => {
  const i = HEADER.indexOf(zh);
  if (i < 0) throw new Error(`no column ${zh}`);
  return i;
};

async function sheets(base64: string): Promise<Array<{ name: string; rows: unknown[][] }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push(HEADER.map((_, i) => row.getCell(i + 1).value ?? null)));
    return { name: ws.name, rows };
  });
}

async function listSheet(base64: string): Promise<unknown[][]> {
  return (await sheets(base64)).find((s) => s.name === NATIONAL_LIST_SHEET)!.rows;
}

const csvOf = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');
/** Every table but the audit log (a preview and a refused import are audited, as they should be). */
const register = (db: ReturnType<typeof freshDb>['db']) => {
  const { audit_log: _audit, ...rest } = snapshot(db);
  return rest;
};
const count = (db: ReturnType<typeof freshDb>['db'], table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The demo, with the national record of three of its facilities filled in, licences, and a status history. */
async function seeded() {
  const source = freshDb();
  await seedDemo(source.db, 7);
  const today = todayIso();
  const opened = (id: number) => source.db.sqlite.prepare("SELECT min(effective_on) FROM facility_status_changes WHERE facility_id = ? AND status = 'operating'").pluck().get(id) as string;
  const homes = source.db.sqlite.prepare("SELECT id, name FROM facilities WHERE kind = 'nursing_home' ORDER BY id LIMIT 3").all() as Array<{ id: number; name: string }>;
  const [a, b, c] = homes as [(typeof homes)[0], (typeof homes)[0], (typeof homes)[0]];
  await source.api.facility.update({
    id: a.id, creditCode: '91110108551385082Q', legalRep: '王明', legalRepPhone: '0856-5221234', registration: 'registered', registrationAuthority: '铜仁市碧江区民政局',
    registeredOn: opened(a.id), filedOn: opened(a.id), founder: 'government', buildingArea: 3250.5, landArea: 5000, admissionTargets: '60 周岁以上老年人，含失能',
    bedFeeMin: 1234.56, bedFeeMax: 1500, careFeeMin: 0.29, careFeeMax: 2500.01, mealFeeMin: 450, mealFeeMax: 450, residentDeposit: 9999.99,
    tekunInstitution: true, regionalCentre: true, offersDayCare: true, grade: 3, latitude: 27.7183, longitude: 109.1895,
  });
  await source.api.facility.update({ id: b.id, creditCode: '91110000600037341L', registration: 'unregistered', founder: 'village_collective', gloryHome: true, medicalCare: true, careFeeMin: 100, careFeeMax: 100 });
  await source.api.facility.addLicence({ facilityId: a.id, kind: 'fire_safety', number: '铜消验字〔2019〕12号', issuedOn: opened(a.id) });
  await source.api.facility.addLicence({ facilityId: a.id, kind: 'food', number: 'JY35206020001234', issuedOn: addDays(today, -400), expiresOn: addDays(today, 1400) });
  await source.api.facility.addLicence({ facilityId: a.id, kind: 'liability_insurance', number: 'PICC-2026-001', issuedOn: addDays(today, -30), expiresOn: addDays(today, 334) });
  await source.api.facility.addLicence({ facilityId: b.id, kind: 'medical_contract', issuedOn: addDays(today, -100), expiresOn: addDays(today, 265) });
  await source.api.facility.setStatus({ facilityId: c.id, status: 'suspended', effectiveOn: addDays(today, -10) });
  return { source, a, b, c, today };
}

describe('the national facility list', () => {
  it('round-trips into an empty database: exported again, the files are equal cell by cell, fees to the fen', { timeout: 240_000 }, async () => {
    const { source, a, b, c, today } = await seeded();
    const xlsx1 = await source.api.facility.nationalList({ date: today });
    const csv1 = await source.api.facility.nationalList({ date: today, format: 'csv' });
    const facilities = count(source.db, 'facilities');
    expect(xlsx1.rows).toBe(facilities);

    // the workbook: a cover, then the list with its title row and header row
    const first = await sheets(xlsx1.base64);
    expect(first.map((s) => s.name)).toEqual([COVER_SHEET, NATIONAL_LIST_SHEET]);
    const list1 = first[1]!.rows;
    expect(list1[0]![0]).toBe(nationalListTitle(today));
    expect(list1[1]).toEqual(HEADER);
    expect(list1.length).toBe(facilities + 2);
    const rowA = list1.find((r) => r[col('机构名称')] === a.name)!;
    expect(rowA[col('统一社会信用代码')]).toBe('91110108551385082Q');
    expect(rowA[col('床位费最低（元/月）')]).toBe(1234.56);
    expect(rowA[col('护理费最低（元/月）')]).toBe(0.29);
    expect(rowA[col('押金（元）')]).toBe(9999.99);
    expect(rowA[col('登记状态')]).toBe('已登记');
    expect(rowA[col('兴办主体')]).toBe('政府');
    expect(rowA[col('机构等级')]).toBe('三级');
    expect(rowA[col('特困人员供养服务机构')]).toBe('是');
    expect(rowA[col('光荣院')]).toBe('否');
    expect(rowA[col('是否备案')]).toBe('是');
    expect(rowA[col('食品经营许可有效期至')]).toBe(addDays(today, 1400));
    expect(rowA[col('单位类型')]).toBe('养老院/老年养护院/社会福利院');
    const beds = source.db.sqlite.prepare('SELECT count(*) FROM beds WHERE facility_id = ? AND retired_on IS NULL').pluck().get(a.id);
    expect(rowA[col('床位总数')]).toBe(beds);
    const inCare = source.db.sqlite.prepare('SELECT count(*) FROM stays WHERE facility_id = ? AND admitted_on <= ? AND (discharged_on IS NULL OR discharged_on > ?)').pluck().get(a.id, today, today);
    expect(rowA[col('月末收住老年人数')]).toBe(inCare);
    expect(inCare).toBeGreaterThan(0);
    const rowC = list1.find((r) => r[col('机构名称')] === c.name)!;
    expect([rowC[col('运营状态')], rowC[col('状态日期')]]).toEqual(['停业', addDays(today, -10)]);
    expect(rowC[col('开业日期')]).not.toBe(rowC[col('状态日期')]);

    // into an empty database (regions only): the list creates the facilities with their record and licences
    const target = freshDb();
    expect(count(target.db, 'facilities')).toBe(0);
    expect(count(target.db, 'regions')).toBeGreaterThan(0);
    const r = await importFile(target.api, 'national-list', xlsx1.fileName, Buffer.from(xlsx1.base64, 'base64'));
    expect({ problems: r.problems.slice(0, 3), committed: r.committed, added: r.added }).toEqual({ problems: [], committed: true, added: facilities });
    expect(r.notes[0]!.zh).toContain('导入时不读取');
    const fen = target.db.sqlite.prepare('SELECT bed_fee_min_fen AS bed, care_fee_min_fen AS care, care_fee_max_fen AS careMax, resident_deposit_fen AS deposit FROM facilities WHERE name = ?').get(a.name);
    expect(fen).toEqual({ bed: 123_456, care: 29, careMax: 250_001, deposit: 999_999 });
    expect(count(target.db, 'facility_licences')).toBe(4);
    expect(count(target.db, 'beds')).toBe(0);

    // beds and stays come through their own templates; then the list is the same, cell by cell
    for (const t of ['beds', 'residents', 'stays'] as const) {
      const f = await source.api.import.exportRegister({ template: t });
      const done = await importFile(target.api, t, f.fileName, Buffer.from(f.base64, 'base64'));
      expect({ t, problems: done.problems.slice(0, 3), committed: done.committed }).toEqual({ t, problems: [], committed: true });
    }
    const xlsx2 = await target.api.facility.nationalList({ date: today });
    expect(await listSheet(xlsx2.base64)).toEqual(list1);
    const csv2 = await target.api.facility.nationalList({ date: today, format: 'csv' });
    expect(csvOf(csv2.base64)).toBe(csvOf(csv1.base64));
    expect(csvOf(csv1.base64)).toContain(',1234.56,');
    expect(csvOf(csv1.base64)).toContain(',0.29,');

    // imported again, nothing changes
    const again = await importFile(target.api, 'national-list', xlsx2.fileName, Buffer.from(xlsx2.base64, 'base64'));
    expect({ added: again.added, updated: again.updated, unchanged: again.unchanged }).toEqual({ added: 0, updated: 0, unchanged: facilities });
    // and the CSV imports the same way
    const fromCsv = await importFile(target.api, 'national-list', csv2.fileName, Buffer.from(csv2.base64, 'base64'), false);
    expect({ problems: fromCsv.problems, unchanged: fromCsv.unchanged }).toEqual({ problems: [], unchanged: facilities });
    expect(b.name).not.toBe(a.name);
  });

  it('writes the CSV in UTF-8 with BOM, the same header first, text cells formula-safe', async () => {
    const { api } = freshDb();
    await api.facility.create({ regionCode: '520602', name: '碧江区测试养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01', legalRep: '=1+2', bedFeeMin: 1234.56 });
    const f = await api.facility.nationalList({ format: 'csv' });
    const bytes = Buffer.from(f.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(f.fileName).toMatch(/^全国养老服务信息系统机构名单_\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(HEADER.join(','));
    expect(lines[1]).toContain(`"'=1+2"`);
    expect(lines[1]).toContain(',1234.56,');
    expect(lines.length).toBe(3); // header, one row, the final line break
  });

  it('updates an existing facility (by credit code, or by county and name) rather than duplicating it, and the preview says which', async () => {
    const { db, api } = freshDb();
    await api.facility.create({ regionCode: '520602', name: '碧江区甲养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01', creditCode: '91110108551385082Q', bedFeeMin: 800 });
    await api.facility.create({ regionCode: '520603', name: '万山区乙敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2019-05-01' });
    const csv = parse(csvOf((await api.facility.nationalList({ format: 'csv' })).base64).slice(1)) as string[][];
    const rowOf = (name: string) => csv.find((r) => r[col('机构名称')] === name)!;
    // the first renamed in the file, its fee changed: found by its credit code
    rowOf('碧江区甲养老院')[col('床位费最低（元/月）')] = '900.10';
    rowOf('碧江区甲养老院')[col('机构名称')] = '碧江区甲养老院（新名）';
    rowOf('万山区乙敬老院')[col('法定代表人（负责人）')] = '李华';
    const file = Buffer.from(csvText(csv), 'utf8');
    const before = register(db);
    const preview = await importFile(api, 'national-list', 'list.csv', file, false);
    expect(register(db)).toEqual(before);
    expect({ added: preview.added, updated: preview.updated, problems: preview.problems }).toEqual({ added: 0, updated: 2, problems: [] });
    const notes = preview.notes.map((n) => `${n.row ?? '-'} ${n.zh}`);
    expect(notes).toContain('2 按统一社会信用代码对应到已登记的机构“碧江区甲养老院”（520602），名称或区县与文件不同，未改动（改名请在机构页）');
    expect(notes).toContain('2 更新已登记机构“碧江区甲养老院”（按统一社会信用代码对应）：床位费最低（元/月）');
    expect(notes).toContain('3 更新已登记机构“万山区乙敬老院”（按行政区划代码和机构名称对应）：法定代表人（负责人）');
    const done = await importFile(api, 'national-list', 'list.csv', file);
    expect(done.committed).toBe(true);
    expect(db.sqlite.prepare('SELECT name, bed_fee_min_fen AS fen, legal_rep AS rep FROM facilities ORDER BY id').all()).toEqual([
      { name: '碧江区甲养老院', fen: 90_010, rep: '' },
      { name: '万山区乙敬老院', fen: null, rep: '李华' },
    ]);
    // a credit code of one facility on the row of another is refused
    rowOf('万山区乙敬老院')[col('统一社会信用代码')] = '91110108551385082Q';
    const clash = await importFile(api, 'national-list', 'clash.csv', Buffer.from(csvText(csv), 'utf8'));
    expect(clash.committed).toBe(false);
    expect(clash.problems.map((p) => formatProblem(p))).toContain('第 3 行 统一社会信用代码：与本文件中另一机构的统一社会信用代码相同（91110108551385082Q）');
  });

  it('refuses each bad cell naming its row and column, and writes nothing of the file', async () => {
    const source = freshDb();
    await source.api.facility.create({ regionCode: '520602', name: '碧江区甲养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01', bedFeeMin: 800, bedFeeMax: 1000 });
    await source.api.facility.create({ regionCode: '520603', name: '万山区乙敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2019-05-01' });
    const good = parse(csvOf((await source.api.facility.nationalList({ format: 'csv' })).base64).slice(1)) as string[][];
    const target = freshDb();
    // a number stays a number in the CSV (csvText quotes text that starts like a formula, as the export does)
    const cases: Array<[string, string | number, RegExp]> = [
      ['统一社会信用代码', '91110108551385082A', /^第 3 行 统一社会信用代码：“91110108551385082A”校验位错误$/],
      ['统一社会信用代码', '9111010855138508', /^第 3 行 统一社会信用代码：.*应为 18 位$/],
      ['建筑面积（平方米）', -5, /^第 3 行 建筑面积（平方米）：不能小于 0$/],
      ['单位类型', '养老公寓', /^第 3 行 单位类型：“养老公寓”不是可选值/],
      ['登记状态', '已备案', /^第 3 行 登记状态：“已备案”不是可选值/],
      ['床位费最低（元/月）', '2000', /^第 3 行 床位费最高（元\/月）：不能低于最低收费$/],
      ['床位费最低（元/月）', '12.345', /^第 3 行 床位费最低（元\/月）：/],
      ['押金（元）', '一千', /^第 3 行 押金（元）：应为数字/],
      ['食品经营许可发证日期', '2024-01-01', /^第 3 行 食品经营许可有效期至：有效期至 2023-12-31 早于 2024-01-01$/],
    ];
    for (const [column, value, expected] of cases) {
      const rows: Array<Array<string | number>> = good.map((r) => [...r]);
      // the second data row (file row 3) is the bad one; the first stays good
      rows[2]![col(column)] = value;
      if (column === '食品经营许可发证日期') rows[2]![col('食品经营许可有效期至')] = '2023-12-31';
      if (value === '2000') rows[2]![col('床位费最高（元/月）')] = '1000';
      const before = register(target.db);
      const r = await importFile(target.api, 'national-list', 'bad.csv', Buffer.from(csvText(rows), 'utf8'));
      const said = r.problems.map((p) => formatProblem(p));
      expect({ column, committed: r.committed, rejected: r.rejected }).toEqual({ column, committed: false, rejected: 1 });
      expect(said.some((s) => expected.test(s)), `${column}=${value}: ${said.join(' | ')}`).toBe(true);
      expect(register(target.db)).toEqual(before);
      expect(count(target.db, 'facilities')).toBe(0);
    }
    // the good file imports
    const ok = await importFile(target.api, 'national-list', 'good.csv', Buffer.from(csvText(good), 'utf8'));
    expect({ committed: ok.committed, added: ok.added }).toEqual({ committed: true, added: 2 });
  });

  it("lists only the facilities of the account's scope", async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const names = async (api: Api) => (await listSheet((await api.facility.nationalList({})).base64)).slice(2).map((r) => r[col('机构名称')]);
    expect(await names(w.as.admin)).toEqual(['碧江区甲养老院', '万山区乙养老院']);
    expect(await names(w.as.sectionBijiang)).toEqual(['碧江区甲养老院']);
    expect(await names(w.as.managerA)).toEqual(['碧江区甲养老院']);
  });
});
