/**
 * The 民政事业统计季报 (养老) from closed months (issue 20 part 4): a two-year fixture built
 * through the api, September 2025 and September 2026 closed, the workbook exported and every
 * cell of every sheet compared with figures worked out by hand from the fixture below; an open
 * quarter shows 未关账; a version-2 snapshot shows 快照无此项; LibreOffice converts the file and
 * pdftotext finds every indicator; a page is rendered to .tmp/quarter/ to look at.
 *
 * Fixture (home city 520600 铜仁市; populations aged 60+: 碧江 2025 → 10000, 2026 → 12500;
 * 万山 2025 → 5000; no other county has one, so the city has no 每千名 figure):
 *   F1 碧江 nursing_home from 2020-01-01: 10 beds (4 nursing) from 2020; +6 nursing beds from
 *      2026-01-01; staff/care workers 10/4, changed to 12/6 after September 2025 was closed
 *   F2 碧江 support_home from 2019-06-01: 5 beds; 3/2
 *   F3 碧江 day_care from 2021-03-01: 2 全托 + 2 日托 beds; 2/1
 *   F4 万山 nursing_home from 2024-01-01: 20 beds (5 nursing); 5/2
 *   F5 碧江 mutual_aid from 2026-02-01: 6 beds; 1/0
 *   R1 特困 F1 2025-01-10 level 3 · R2 F1 2025-02-01 level 1 · R3 特困 F2 2025-03-01 level 0
 *   R4 F4 2025-04-01, assessed level 3 on 2026-05-01 · R5 特困 F1 2026-03-01 level 3
 *   R6 F4 2026-04-01 level 1 · R7 特困 F5 2026-03-01 level 0
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { setToday } from '../../src-main/domain/dates';
import { SEAL_LABEL, SIGNATURE_LABELS } from '../../src-main/domain/printed-form';
import { localActor } from '../../src-main/services/local-actor';
import { exportQuarterToFile } from '../../src-main/services/quarter-export';
import { quarterPeriod, yearPeriod } from '../../src-main/services/quarter-form';
import { exportQuarterCommand, exportYearCommand } from '../../src-main/cli/quarter-commands';
import { FULL_SCORES, freshDb, rejection } from '../support/temp-db';
import { idFor, type Api } from './helpers';

afterEach(() => setToday(null));

const SCORES = {
  0: FULL_SCORES,
  1: { ...FULL_SCORES, eating: 0, grooming: 0, bathing: 0, dressingUpper: 0 },
  3: { ...FULL_SCORES, eating: 0, grooming: 0, bathing: 0, dressingUpper: 0, dressingLower: 0, urinaryControl: 0, bowelControl: 0, toileting: 0, bedPosition: 0, bedChairTransfer: 0, walking: 1, stairs: 1 },
} as const;

const A = '520602';
const B = '520603';

async function buildFixture(api: Api) {
  await api.region.upsertPopulation({ regionCode: A, year: 2025, population60: 10000 });
  await api.region.upsertPopulation({ regionCode: A, year: 2026, population60: 12500 });
  await api.region.upsertPopulation({ regionCode: B, year: 2025, population60: 5000 });
  const f1 = await api.facility.create({ regionCode: A, name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', staffCount: 10, careWorkerCount: 4, status: 'operating', statusDate: '2020-01-01' });
  const f2 = await api.facility.create({ regionCode: A, name: '碧江区敬老院', kind: 'support_home', ownership: 'public', staffCount: 3, careWorkerCount: 2, status: 'operating', statusDate: '2019-06-01' });
  const f3 = await api.facility.create({ regionCode: A, name: '碧江区日间照料中心', kind: 'day_care', ownership: 'public', staffCount: 2, careWorkerCount: 1, status: 'operating', statusDate: '2021-03-01' });
  const f4 = await api.facility.create({ regionCode: B, name: '万山区养老院', kind: 'nursing_home', ownership: 'public', staffCount: 5, careWorkerCount: 2, status: 'operating', statusDate: '2024-01-01' });
  const b1 = await api.bed.add({ facilityId: f1.id, count: 10, nursingCount: 4, labelPattern: 'A-{nn}', inServiceFrom: '2020-01-01' });
  const b2 = await api.bed.add({ facilityId: f2.id, count: 5, nursingCount: 0, labelPattern: 'J-{n}', inServiceFrom: '2019-06-01' });
  await api.bed.add({ facilityId: f3.id, count: 2, nursingCount: 0, labelPattern: 'D-{n}', inServiceFrom: '2021-03-01' });
  await api.bed.add({ facilityId: f3.id, count: 2, nursingCount: 0, labelPattern: 'R-{n}', use: 'day_care', inServiceFrom: '2021-03-01' });
  const b4 = await api.bed.add({ facilityId: f4.id, count: 20, nursingCount: 5, labelPattern: 'W-{nn}', inServiceFrom: '2024-01-01' });

  let n = 0;
  const admit = async (bedId: number, admittedOn: string, tekun: boolean, level: 0 | 1 | 3 | null, assessedOn = admittedOn) => {
    n += 1;
    const r = await api.resident.create({ name: `季报${n}`, idNumber: idFor(n), householdRegionCode: A, ...(tekun ? { tekun: true, tekunSelfCare: 'partial' as const } : {}) });
    await api.stay.admit({ residentId: r.id, bedId, admittedOn });
    if (level !== null) await api.assessment.record({ residentId: r.id, assessedOn, reason: 'first', coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙', scores: SCORES[level] });
    return r;
  };
  await admit(b1[0]!.id, '2025-01-10', true, 3);
  await admit(b1[1]!.id, '2025-02-01', false, 1);
  await admit(b2[0]!.id, '2025-03-01', true, 0);
  const r4 = await admit(b4[0]!.id, '2025-04-01', false, null);
  await api.month.close({ month: '2025-09' });

  // After September 2025 went out: the year's changes.
  const more = await api.bed.add({ facilityId: f1.id, count: 6, nursingCount: 6, labelPattern: 'B-{nn}', inServiceFrom: '2026-01-01' });
  await api.facility.update({ id: f1.id, staffCount: 12, careWorkerCount: 6 });
  const f5 = await api.facility.create({ regionCode: A, name: '碧江区互助幸福院', kind: 'mutual_aid', ownership: 'private', staffCount: 1, careWorkerCount: 0, status: 'operating', statusDate: '2026-02-01' });
  const b5 = await api.bed.add({ facilityId: f5.id, count: 6, nursingCount: 0, labelPattern: 'H-{n}', inServiceFrom: '2026-02-01' });
  await api.assessment.record({ residentId: r4.id, assessedOn: '2026-05-01', reason: 'first', coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙', scores: SCORES[3] });
  await admit(more[0]!.id, '2026-03-01', true, 3);
  await admit(b4[1]!.id, '2026-04-01', false, 1);
  await admit(b5[0]!.id, '2026-03-01', true, 0);
  await api.month.close({ month: '2026-09' });
}

const INDICATORS: Array<[string, string]> = [
  ['养老服务机构和设施数', '个'],
  ['其中：养老院/老年养护院/社会福利院', '个'],
  ['　　　特困人员供养服务机构（敬老院）', '个'],
  ['　　　社区老年人日间照料中心', '个'],
  ['　　　老年人活动中心', '个'],
  ['　　　互助型养老设施数', '个'],
  ['养老床位数', '张'],
  ['其中：养老机构床位数', '张'],
  ['　　　其中：护理型床位数', '张'],
  ['　　　社区留宿和日间照料床位数', '张'],
  ['　　　其中：日托床位数', '张'],
  ['　　　互助型养老设施床位数', '张'],
  ['期末在院人数', '人'],
  ['其中：失能老年人', '人'],
  ['　　　半失能老年人', '人'],
  ['特困人员集中供养人数', '人'],
  ['职工数', '人'],
  ['其中：护理员数', '人'],
  ['每千名老年人拥有养老床位数', '张/千人'],
];

type V = number | string;
/** Per indicator (the order above): [本期, 上年同期, 同比 as written ×100 or in 张/千人, or —]. Worked out by hand. */
const BIJIANG: Array<[V, V, V]> = [
  [4, 3, 33.3], [1, 1, 0], [1, 1, 0], [1, 1, 0], [0, 0, '—'], [1, 0, '—'],
  [31, 19, 63.2], [21, 15, 40], [10, 4, 150], [4, 4, 0], [2, 2, 0], [6, 0, '—'],
  [5, 3, 66.7], [2, 1, 100], [1, 1, 0], [4, 2, 100],
  [18, 15, 20], [9, 7, 28.6],
  [2.48, 1.9, 0.6],
];
const WANSHAN: Array<[V, V, V]> = [
  [1, 1, 0], [1, 1, 0], [0, 0, '—'], [0, 0, '—'], [0, 0, '—'], [0, 0, '—'],
  [20, 20, 0], [20, 20, 0], [5, 5, 0], [0, 0, '—'], [0, 0, '—'], [0, 0, '—'],
  [2, 1, 100], [1, 0, '—'], [1, 0, '—'], [0, 0, '—'],
  [5, 5, 0], [2, 2, 0],
  [4, 4, 0],
];
const CITY: Array<[V, V, V]> = [
  [5, 4, 25], [2, 2, 0], [1, 1, 0], [1, 1, 0], [0, 0, '—'], [1, 0, '—'],
  [51, 39, 30.8], [41, 35, 17.1], [15, 9, 66.7], [4, 4, 0], [2, 2, 0], [6, 0, '—'],
  [7, 4, 75], [3, 1, 200], [2, 1, 100], [4, 2, 100],
  [23, 20, 15], [11, 9, 22.2],
  ['—', '—', '—'],
];
const EMPTY_COUNTY: Array<[V, V, V]> = INDICATORS.map((_, i) => (i === INDICATORS.length - 1 ? ['—', '—', '—'] : [0, 0, '—']));

const COUNTIES = ['碧江区', '万山区', '江口县', '玉屏侗族自治县', '石阡县', '思南县', '印江土家族苗族自治县', '德江县', '沿河土家族自治县', '松桃苗族自治县'];

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/** The table of a sheet: the six header cells and each row's six values, as stored. */
function table(ws: ExcelJS.Worksheet) {
  let head = 0;
  ws.eachRow((row, i) => {
    if (!head && text(row.getCell(1).value) === '指标名称') head = i;
  });
  expect(head, `${ws.name}: header row`).toBeGreaterThan(0);
  const header = [1, 2, 3, 4, 5, 6].map((c) => text(ws.getCell(head, c).value));
  const rows = INDICATORS.map((_, i) => [1, 2, 3, 4, 5, 6].map((c) => ws.getCell(head + 1 + i, c)));
  return { head, header, rows };
}

function sheetLines(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(text(c.value))));
  return out;
}

function expectSheet(ws: ExcelJS.Worksheet, expected: Array<[V, V, V]>) {
  const t = table(ws);
  expect(t.header).toEqual(['指标名称', '计量单位', '代码', '本期', '上年同期', '同比增减(%)']);
  // The table ends with the last indicator: no row below carries a unit.
  for (let r = t.head + 1 + INDICATORS.length; r <= ws.rowCount; r++) expect(['个', '张', '人', '张/千人'], `${ws.name} row ${r}`).not.toContain(text(ws.getCell(r, 2).value));
  t.rows.forEach((cells, i) => {
    const [name, unit] = INDICATORS[i]!;
    const [cur, prior, change] = expected[i]!;
    const where = `${ws.name} / ${name}`;
    expect(text(cells[0]!.value), where).toBe(name);
    expect(text(cells[1]!.value), where).toBe(unit);
    expect(text(cells[2]!.value), `${where}: 代码 stays empty (no public source)`).toBe('');
    const num = (c: ExcelJS.Cell, v: V) => (typeof v === 'number' ? expect(c.value as number, where).toBeCloseTo(v, 9) : expect(c.value, where).toBe(v));
    num(cells[3]!, cur);
    num(cells[4]!, prior);
    num(cells[5]!, change);
    const ratio = i === INDICATORS.length - 1;
    if (typeof cur === 'number') expect(cells[3]!.numFmt, where).toBe(ratio ? '0.0' : '#,##0');
    if (typeof change === 'number') expect(cells[5]!.numFmt, where).toMatch(/^\+0\.0;/);
  });
}

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('民政事业统计季报 (养老) from closed months', () => {
  it('exports 本期 / 上年同期 / 同比 for the city and every county, every cell as worked out by hand, and prints through LibreOffice', async () => {
    setToday('2026-12-01');
    const { db, api, dir } = freshDb();
    await buildFixture(api);
    const out = path.join(dir, 'q.xlsx');
    const said = await exportQuarterCommand(db, '2026q3', out);
    expect(said).toContain('本期 已关账');
    expect(said).toContain('上年同期 已关账');
    const wb = await readBook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['铜仁市', ...COUNTIES]);
    for (const ws of wb.worksheets) {
      const lines = sheetLines(ws);
      expect(lines[0]).toBe('铜仁市民政事业统计季报（养老服务）');
      expect(lines).toContain('填报单位：铜仁市民政局养老服务科\u3000\u3000统计期：2026年第3季度\u3000\u3000' + ws.name);
      expect(lines.some((l) => l.startsWith('本期：2026-09 已关账（') && l.includes('上年同期：2025-09 已关账（'))).toBe(true);
      expect(lines.some((l) => l.startsWith('表号：'))).toBe(true);
      for (const label of SIGNATURE_LABELS) expect(lines.some((l) => l.startsWith(label)), `${ws.name}: ${label}`).toBe(true);
      expect(lines.some((l) => l.includes(SEAL_LABEL))).toBe(true);
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe('portrait');
    }
    expectSheet(wb.getWorksheet('铜仁市')!, CITY);
    expectSheet(wb.getWorksheet('碧江区')!, BIJIANG);
    expectSheet(wb.getWorksheet('万山区')!, WANSHAN);
    for (const c of COUNTIES.slice(2)) expectSheet(wb.getWorksheet(c)!, EMPTY_COUNTY);

    // LibreOffice converts it; every indicator prints.
    const target = path.resolve(__dirname, '../../.tmp/quarter');
    fs.mkdirSync(target, { recursive: true });
    let soffice = true;
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    } catch {
      soffice = false;
    }
    if (!soffice) {
      console.warn('skipped the PDF check: soffice (LibreOffice) is not installed');
      return;
    }
    const xlsx = path.join(target, 'quarter-2026Q3.xlsx');
    fs.copyFileSync(out, xlsx);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', target, xlsx], { stdio: 'ignore', timeout: 120_000 });
    const pdf = path.join(target, 'quarter-2026Q3.pdf');
    const printedText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const [name] of INDICATORS) expect(printedText, name).toContain(name.trim().replace(/^\u3000+/, ''));
    expect(printedText).toContain('铜仁市民政事业统计季报（养老服务）');
    expect(printedText).toContain('63.2');
    expect(printedText).toContain('单位负责人');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, path.join(target, 'quarter-page')]);
    expect(fs.readdirSync(target).some((f) => f.startsWith('quarter-page') && f.endsWith('.png'))).toBe(true);
  }, 180_000);

  it('shows 未关账 for months not closed and 快照无此项 for figures a version-2 snapshot lacks; never live figures', async () => {
    setToday('2026-12-01');
    const { db, api, dir } = freshDb();
    await buildFixture(api);
    const ctx = { db, actor: localActor(db) };

    // 2026Q2: neither June is closed (live figures exist, but the form never uses them).
    const q2 = path.join(dir, 'q2.xlsx');
    await exportQuarterToFile(ctx, quarterPeriod('2026Q2')!, q2);
    const open = await readBook(q2);
    for (const ws of open.worksheets) {
      const t = table(ws);
      for (const cells of t.rows) expect(cells.slice(3).map((c) => c.value)).toEqual(['未关账', '未关账', '—']);
      expect(sheetLines(ws).some((l) => l === '本期：2026-06 未关账；上年同期：2025-06 未关账')).toBe(true);
    }

    // The annual form: December 2026 has not ended, December 2025 was never closed.
    const y = path.join(dir, 'y.xlsx');
    expect(await exportYearCommand(db, '2026', y)).toContain('本期 未关账');
    const year = await readBook(y);
    expect(sheetLines(year.worksheets[0]!)[0]).toBe('铜仁市民政事业统计年报（养老服务）');
    expect(table(year.getWorksheet('碧江区')!).rows.map((r) => r[3]!.value)).toEqual(INDICATORS.map(() => '未关账'));

    // September 2025 as a version-2 snapshot wrote it: no 特困集中供养 or 日托 figure.
    const row = db.sqlite.prepare("SELECT s.id, s.data FROM month_closes c JOIN month_snapshots s ON s.id = c.snapshot_id WHERE c.month = '2025-09'").get() as { id: number; data: string };
    const old = JSON.parse(row.data) as { version: number; facilities: Array<Record<string, unknown>> };
    expect(old.version).toBe(3);
    old.version = 2;
    for (const f of old.facilities) {
      delete f.tekunResidents;
      delete f.dayCareBeds;
    }
    db.sqlite.prepare('UPDATE month_snapshots SET data = ? WHERE id = ?').run(JSON.stringify(old), row.id);
    const q3 = path.join(dir, 'q3-old.xlsx');
    await exportQuarterToFile(ctx, quarterPeriod('2026Q3')!, q3);
    const withOld = await readBook(q3);
    const lacks = (sheet: string) => table(withOld.getWorksheet(sheet)!).rows.filter((r) => r[4]!.value === '快照无此项').map((r) => [text(r[0]!.value), r[3]!.value, r[5]!.value]);
    expect(lacks('碧江区')).toEqual([
      ['　　　其中：日托床位数', 2, '—'],
      ['特困人员集中供养人数', 4, '—'],
    ]);
    expect(lacks('铜仁市')).toEqual([
      ['　　　其中：日托床位数', 2, '—'],
      ['特困人员集中供养人数', 4, '—'],
    ]);
    // Every other figure of the old snapshot still shows.
    expect(table(withOld.getWorksheet('碧江区')!).rows[6]!.map((c) => c.value).slice(3)).toEqual([31, 19, 63.2]);

    // Bad input is refused with the field named.
    expect(await rejection(api.month.statFormWorkbook({ period: '2026Q5' }))).toMatchObject({ code: 'PERIOD_INVALID', field: 'period' });
    await expect(exportQuarterCommand(db, '2026-09', path.join(dir, 'x.xlsx'))).rejects.toThrow(/--quarter YYYYQn/);
    expect(yearPeriod('26')).toBeNull();
  }, 120_000);
});
