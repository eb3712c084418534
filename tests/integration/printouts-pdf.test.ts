/**
 * The printouts as printed through LibreOffice: a facility's 床位一览表 and 在住老人名单 and a
 * county's one-page summary, each written by the form writer (form.*Xlsx), converted to PDF and
 * read page by page with pdftotext. The named lists say 内部资料 on every page, with the title,
 * the facility and the date; the county summary is one page with the county's full name, its
 * figures, the bar chart's caption and plan progress, and names no resident. PNGs are kept in
 * tests/artifacts (printout-*.png) for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { INTERNAL_MARK } from '../../src-main/domain/printed-form';
import { BEDS_TITLE, RESIDENTS_TITLE } from '../../src-main/services/facility-forms';
import { ARTIFACTS, pdfPageCount, pdfPages, pdfToPngs, toPdf } from '../support/pdf-pages';
import { freshDb } from '../support/temp-db';

const DATE = '2026-10-31';
const MONTH = '2026-10';

function writeXlsx(dir: string, out: { fileName: string; base64: string }): string {
  const file = path.join(dir, out.fileName);
  fs.writeFileSync(file, Buffer.from(out.base64, 'base64'));
  return file;
}

describe('the printouts printed through LibreOffice', () => {
  it('prints the bed list, the resident list and the county summary with title, unit and period on every page', async () => {
    const { db, api, dir } = freshDb();
    await seedDemo(db);
    await api.month.close({ month: MONTH });
    const occ = (await api.facility.occupancy({ date: DATE })).find((f) => f.occupiedBeds > 0)!;
    const facility = (await api.facility.detail({ id: occ.facilityId, date: DATE })).facility;

    const beds = await api.form.facilityBeds({ facilityId: occ.facilityId, date: DATE });
    const residents = await api.form.facilityResidents({ facilityId: occ.facilityId, date: DATE });
    const lists = [
      { name: 'beds', title: BEDS_TITLE, xlsx: await api.form.facilityBedsXlsx({ facilityId: occ.facilityId, date: DATE }), form: beds },
      { name: 'residents', title: RESIDENTS_TITLE, xlsx: await api.form.facilityResidentsXlsx({ facilityId: occ.facilityId, date: DATE }), form: residents },
    ];
    for (const l of lists) {
      const pdf = toPdf(writeXlsx(dir, l.xlsx), dir);
      const pages = pdfPages(pdf);
      const pngs = pdfToPngs(pdf, `printout-${l.name}`);
      fs.copyFileSync(pdf, path.join(ARTIFACTS, `printout-${l.name}.pdf`));
      console.log(`printout-${l.name}: ${pages.length} page(s), ${pngs.length} PNG(s)`);
      pages.forEach((text, i) => {
        const what = `${l.name} page ${i + 1}`;
        expect(text, what).toContain(l.title);
        expect(text, what).toContain(facility.name);
        expect(text, what).toContain(`截至 ${DATE}`);
        expect(text, what).toContain(INTERNAL_MARK);
      });
      const all = pages.join('\n');
      // Every row of the form prints: each occupant (bed list) or resident (resident list) by name.
      const nameColumn = l.form.pages[0]!.blocks.find((b) => b.type === 'table')!;
      const names = nameColumn.type === 'table' ? nameColumn.rows.map((r) => r[l.name === 'beds' ? 4 : 1]).filter((v): v is string => typeof v === 'string' && v !== '空') : [];
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(all, n).toContain(n);
    }

    // The county summary: one page, the county's full name uncut, the figures and the chart.
    const regions = await api.region.list();
    const yinjiang = regions.find((r) => r.name === '印江土家族苗族自治县')!;
    expect(yinjiang).toBeDefined();
    const summary = await api.form.county({ regionCode: yinjiang.code, month: MONTH });
    const pdf = toPdf(writeXlsx(dir, await api.form.countyXlsx({ regionCode: yinjiang.code, month: MONTH })), dir);
    fs.copyFileSync(pdf, path.join(ARTIFACTS, 'printout-county.pdf'));
    pdfToPngs(pdf, 'printout-county');
    expect(pdfPageCount(pdf)).toBe(1);
    const [page] = pdfPages(pdf);
    expect(page).toContain(summary.title);
    expect(page).toContain('印江土家族苗族自治县');
    expect(page).toContain('2026年10月');
    expect(page).toContain('计量单位');
    expect(page).not.toContain(INTERNAL_MARK);
    for (const b of summary.pages[0]!.blocks) if (b.type === 'bars' || (b.type === 'table' && b.caption)) expect(page).toContain(b.type === 'bars' ? b.caption : b.caption!);
    const named = db.sqlite.prepare('SELECT name FROM residents WHERE length(name) >= 2').all() as Array<{ name: string }>;
    const countyNames = regions.map((r) => r.name).join('|');
    for (const { name } of named) if (!countyNames.includes(name)) expect(page, name).not.toContain(name);
  }, 240_000);
});
