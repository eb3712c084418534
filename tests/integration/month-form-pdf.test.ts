/**
 * The month workbook as printed: the demo month is closed, exported through the form writer,
 * converted to PDF by LibreOffice and read page by page with pdftotext. Every page carries the
 * title, the 填报单位, the period and the units; the summary page carries the signature block;
 * every county's and facility kind's full name prints uncut on one line; no resident is named;
 * a share gap prints in 个百分点 (−20.4), not as a percent. The pages are rendered to
 * tests/artifacts/month-form-N.png for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { FACILITY_KIND } from '../../src-main/domain/enums';
import { formatFormValue, SEAL_LABEL, SIGNATURE_LABELS } from '../../src-main/domain/printed-form';
import { localActor } from '../../src-main/services/local-actor';
import { reportedMonth } from '../../src-main/services/month-close';
import { exportMonthToFile } from '../../src-main/services/month-export';
import { HEAVY_PROCEDURES } from '../../src-main/server/heavy';
import { getSettings } from '../../src-main/services/settings';
import { ARTIFACTS, pdfFonts, pdfPages, pdfToPngs, toPdf } from '../support/pdf-pages';
import { freshDb, rejection } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

const MONTH = '2026-10';

describe('the month workbook printed through LibreOffice', () => {
  it('carries title, unit, period and units on every page, full names uncut, the signature block, and no resident', async () => {
    const { db, api, dir } = freshDb();
    await seedDemo(db);
    await api.month.close({ month: MONTH });
    const ctx = { db, actor: localActor(db) };
    const xlsx = path.join(dir, `养老床位月报_520600_${MONTH}.xlsx`);
    await exportMonthToFile(ctx, MONTH, xlsx);
    const pdf = toPdf(xlsx, dir);
    const pages = pdfPages(pdf);
    const pngs = pdfToPngs(pdf, 'month-form');
    fs.copyFileSync(pdf, path.join(ARTIFACTS, 'month-form.pdf'));
    console.log(`month-form: ${pages.length} pages, ${pngs.length} PNGs in tests/artifacts`);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pngs.length).toBe(pages.length);

    // One font family on every cell (宋体): LibreOffice on Debian prints its CJK in WenQuanYi Micro
    // Hei and its Latin letters and digits in DejaVu Sans; no cell falls back to a serif font.
    const fonts = pdfFonts(pdf);
    console.log(`month-form fonts: ${fonts.join(', ')}`);
    expect(fonts.filter((f) => /serif/i.test(f))).toEqual([]);
    expect(fonts).toContain('WenQuanYiMicroHei');

    const unitName = getSettings(ctx).unitName;
    expect(unitName.length).toBeGreaterThan(0);
    pages.forEach((text, i) => {
      const what = `page ${i + 1}`;
      expect(text, what).toContain('铜仁市养老服务机构床位统计月报');
      expect(text, what).toContain(`填报单位：${unitName}`);
      expect(text, what).toContain('2026年10月');
      expect(text, what).toContain('计量单位');
    });

    const summary = pages.filter((t) => t.includes('分区县汇总'));
    expect(summary.length).toBeGreaterThan(0);
    const summaryText = summary.join('\n');
    for (const label of [...SIGNATURE_LABELS, SEAL_LABEL]) expect(summaryText, label).toContain(label);

    const lines = pages.flatMap((t) => t.split('\n'));
    const counties = (db.sqlite.prepare("SELECT name FROM regions WHERE level = 'county' ORDER BY code").all() as Array<{ name: string }>).map((r) => r.name);
    expect(counties).toContain('印江土家族苗族自治县');
    for (const name of counties) expect(lines.some((l) => l.includes(name)), name).toBe(true);
    const report = reportedMonth(ctx, MONTH).report;
    const kinds = [...new Set(report.facilities.map((f) => FACILITY_KIND[f.kind].zh))];
    expect(kinds).toContain('特困人员供养服务机构（敬老院）');
    for (const kind of kinds) expect(lines.some((l) => l.includes(kind)), kind).toBe(true);
    for (const f of report.facilities) expect(lines.some((l) => l.includes(f.name)), f.name).toBe(true);

    // No resident named. A name that is also part of a facility's or region's name (a resident
    // called 江口 beside 江口县) would be found anyway; such names are skipped.
    const places = [
      ...(db.sqlite.prepare('SELECT name FROM facilities').all() as Array<{ name: string }>),
      ...(db.sqlite.prepare('SELECT name FROM regions').all() as Array<{ name: string }>),
    ].map((r) => r.name);
    const residents = (db.sqlite.prepare('SELECT DISTINCT name FROM residents').all() as Array<{ name: string }>).map((r) => r.name);
    const checked = residents.filter((n) => !places.some((p) => p.includes(n)));
    expect(checked.length).toBeGreaterThan(100);
    const all = pages.join('\n');
    expect(checked.filter((n) => all.includes(n))).toEqual([]);

    // A share gap in 个百分点: the county's 护理型床位 gap prints as −20.4, not −20.4%.
    const county = report.statistics.rows.find((r) => r.gaps.nursingShare !== null && r.gaps.nursingShare !== 0)!;
    expect(county).toBeDefined();
    const gap = formatFormValue(county.gaps.nursingShare, 'points');
    expect(gap).toMatch(/^[+−]\d+\.\d$/);
    const row = lines.find((l) => l.includes(county.name) && l.includes(county.code))!;
    expect(row, county.name).toBeDefined();
    expect(row).toContain(gap);
    expect(row).not.toContain(`${gap}%`);
  }, 240_000);

  it('form.monthXlsx serves the same workbook for a download, and is one of the heavy procedures', async () => {
    const { db, api } = freshDb();
    await seedDemo(db);
    const out = await api.form.monthXlsx({ month: MONTH });
    expect(out.fileName).toBe(`养老床位月报_520600_${MONTH}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分区县汇总', '机构明细', '公建民营', '能力等级分布', '数据质量']);
    expect(wb.getWorksheet('分区县汇总')!.getCell(1, 1).value).toBe('铜仁市养老服务机构床位统计月报');
    expect(HEAVY_PROCEDURES.has('form.monthXlsx')).toBe(true);
  });

  it('form.monthXlsx is refused to a facility manager, as month.workbook is', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const err = await rejection(w.as.managerA.form.monthXlsx({ month: '2026-06' }));
    expect(err.kind).toBe('forbidden');
  });
});
