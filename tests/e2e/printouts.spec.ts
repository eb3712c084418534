/**
 * The printouts people ask for (finding 13), printed through Chromium's print path (page.pdf
 * with the page's @page size, as Electron's printToPDF) and read page by page with pdftotext:
 * - a facility's 床位一览表 and 在住老人名单 from its page: A4 portrait, 内部资料, the title, the
 *   facility and the date on every page, every occupant / resident named;
 * - a county's one-page summary from 首页: one A4 page with the county's full name, the month,
 *   the figures, the chart and plan progress, and no resident named.
 * Screens at 1366×768 and the PDFs' pages as PNG are kept in tests/artifacts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { INTERNAL_MARK, periodOfMonth } from '../../src-main/domain/printed-form';
import { pdfPages, pdfToPngs } from '../support/pdf-pages';
import { ARTIFACTS, expect, test, todayIso } from './support/fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('a facility’s bed list and resident list, and a county’s one-page summary, printed as A4 forms', async ({ app, db }) => {
  await seedDemo(db);
  const api = createCaller(db);
  const today = todayIso();
  const busy = (await api.facility.occupancy({ date: today })).filter((f) => f.occupiedBeds > 0).sort((a, b) => b.occupiedBeds - a.occupiedBeds)[0]!;
  const facility = (await api.facility.detail({ id: busy.facilityId, date: today })).facility;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const base = app.url().split('#')[0];

  for (const list of ['beds', 'residents'] as const) {
    await app.goto(`${base}#/facilities/${facility.id}`);
    await expect(app.getByTestId('facility-title')).toContainText(facility.name);
    await app.getByTestId(`facility-print-${list}`).click();
    await expect(app).toHaveURL(new RegExp(`#/print/facility/${facility.id}/${list}\\?date=${today}$`));
    await expect(app.getByTestId('printed-form')).toBeVisible();
    await expect(app.locator('.ant-layout-sider')).toHaveCount(0);
    await app.screenshot({ path: path.join(ARTIFACTS, `printout-${list}-screen.png`) });
    const form = list === 'beds' ? await api.form.facilityBeds({ facilityId: facility.id, date: today }) : await api.form.facilityResidents({ facilityId: facility.id, date: today });
    expect(form.orientation).toBe('portrait');
    const pdf = path.join(ARTIFACTS, `printout-${list}.chromium.pdf`);
    await app.pdf({ path: pdf, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    expect(pdfToPngs(pdf, `printout-${list}-chromium`)).toHaveLength(pages.length);
    pages.forEach((text, i) => {
      const where = `${list} page ${i + 1}`;
      expect(text, where).toContain(form.title);
      expect(text, where).toContain(facility.name);
      expect(text, where).toContain(`截至 ${today}`);
      expect(text, where).toContain(INTERNAL_MARK);
    });
    const table = form.pages[0]!.blocks.find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('the list is a table');
    const names = table.rows.map((r) => r[list === 'beds' ? 4 : 1]).filter((v): v is string => typeof v === 'string' && v !== '空');
    expect(names.length).toBe(busy.occupiedBeds);
    const all = pages.join('\n');
    for (const n of names) expect(all, n).toContain(n);
  }

  // 首页 → 打印区县摘要 for 印江土家族苗族自治县: one page.
  await app.goto(`${base}#/`);
  await expect(app.getByTestId('page-dashboard')).toBeVisible();
  await app.getByTestId('county-summary-select').click();
  await app.locator('.ant-select-dropdown:visible .ant-select-item-option[title="印江土家族苗族自治县"]').click();
  await app.getByTestId('county-summary-print').click();
  await expect(app).toHaveURL(/#\/print\/county\/\d{6}\/\d{4}-\d{2}$/);
  const [, code, month] = /#\/print\/county\/(\d{6})\/(\d{4}-\d{2})$/.exec(app.url())!;
  await expect(app.getByTestId('printed-form')).toBeVisible();
  await app.screenshot({ path: path.join(ARTIFACTS, 'printout-county-screen.png') });
  const form = await api.form.county({ regionCode: code!, month: month! });
  const pdf = path.join(ARTIFACTS, 'printout-county.chromium.pdf');
  await app.pdf({ path: pdf, preferCSSPageSize: true });
  const pages = pdfPages(pdf);
  pdfToPngs(pdf, 'printout-county-chromium');
  expect(pages).toHaveLength(1);
  const page = pages[0]!;
  expect(page).toContain(form.title);
  expect(page).toContain('印江土家族苗族自治县');
  expect(page).toContain(periodOfMonth(month!));
  expect(page).toContain('计量单位');
  expect(page).not.toContain(INTERNAL_MARK);
  for (const b of form.pages[0]!.blocks) if (b.type === 'bars') expect(page).toContain(b.caption);
  const regions = (await api.region.list()).map((r) => r.name).join('|');
  const residents = (await api.resident.list({ limit: 100_000 })).rows.map((r) => r.name).filter((n) => n.length >= 2 && !regions.includes(n));
  for (const n of residents) expect(page.includes(n), `names the resident ${n}`).toBe(false);
});
