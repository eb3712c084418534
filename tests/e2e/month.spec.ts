/**
 * 月报 in browser mode: review last month, close it after confirming, export the workbook
 * and check its figures against the statistics query, see a later correction reported as a
 * difference, reopen only with a reason, and print the report on the print page (PDF kept as an artifact).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { monthEnd } from '../../src-main/domain/dates';
import { formatPerThousand } from '../../src-main/domain/format';
import { previousMonth } from '../../src-main/domain/month';
import { ARTIFACTS, expect, screenshot, test, todayIso } from './support/fixtures';

test('close last month, export its workbook, see a later correction, reopen with a reason', async ({ app, db }) => {
  await seedDemo(db);
  const api = createCaller(db);
  const month = previousMonth(todayIso());
  const end = monthEnd(month);
  const stats = await api.report.statistics({ date: end });

  await app.getByTestId('nav-month').click();
  await expect(app.getByTestId('month-state')).toHaveText('未关账');
  await expect(app.getByTestId('month-source')).toContainText('未关账');
  // The county table shows the month-end figures of the statistics query.
  const county = stats.rows.find((r) => r.bedsPerThousand !== null)!;
  await expect(app.getByTestId(`month-bpt-${county.code}`)).toHaveText(formatPerThousand(county.bedsPerThousand));

  // Close, after a confirmation that says what is frozen.
  await app.getByTestId('month-close').click();
  await expect(app.getByTestId('month-close-confirm')).toContainText(end);
  await app.getByTestId('month-close-ok').click();
  await expect(app.getByTestId('month-state')).toHaveText('已关账');
  await expect(app.getByTestId('month-source')).toContainText('关账时冻结');
  await expect(app.getByTestId('month-history')).toContainText('关账');
  await screenshot(app, 'month-closed');

  // The dashboard draws the closed month's figures as trend lines.
  await app.getByTestId('nav-home').click();
  await expect(app.getByTestId('dashboard-trend-bpt').locator('svg')).toBeVisible();
  await expect(app.getByTestId('dashboard-trend-bpt')).toContainText(month);
  await screenshot(app, 'dashboard-trends');
  await app.getByTestId('nav-month').click();
  await expect(app.getByTestId('month-state')).toHaveText('已关账');

  // Export the workbook and read it back.
  const download = app.waitForEvent('download');
  await app.getByTestId('month-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`养老床位月报_520600_${month}.xlsx`);
  const saved = path.join(ARTIFACTS, file.suggestedFilename());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await file.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const ws = wb.getWorksheet('分区县汇总')!;
  // The summary page's top rows (title, unit, period, units, state) say it is closed; the data rows follow the frozen header.
  const first = Number((ws.views[0] as { ySplit?: number }).ySplit) + 1;
  const top: string[] = [];
  for (let r = 1; r < first; r++) ws.getRow(r).eachCell((c) => top.push(String(c.value)));
  expect(top.join('\n')).toContain('已关账');
  const cityRow = ws.getRow(stats.rows.length + first);
  expect(cityRow.getCell(1).value).toBe(stats.total.code);
  expect(cityRow.getCell(8).value).toBe(stats.total.countedBeds);
  expect(cityRow.getCell(16).value).toBe(stats.total.occupiedBeds);

  // A later correction: the register changes, the closed month does not, the difference shows.
  await api.region.upsertPopulation({ regionCode: county.code, year: county.populationYear!, population60: county.population60! + 1000, confirmClosedMonth: true });
  await app.reload();
  await expect(app.getByTestId('month-differences')).toContainText('实时数据与关账数据不一致');
  await expect(app.getByTestId(`month-bpt-${county.code}`)).toHaveText(formatPerThousand(county.bedsPerThousand));

  // Reopen: a reason is required; with one, the month is reopened and the reason logged.
  await app.getByTestId('month-reopen').click();
  await app.getByTestId('month-reopen-ok').click();
  await expect(app.getByText('请填写重新开账的原因')).toBeVisible();
  await expect(app.getByTestId('month-state')).toHaveText('已关账');
  await app.getByTestId('month-reopen-reason').fill('补录人口数据');
  await app.getByTestId('month-reopen-ok').click();
  await expect(app.getByTestId('month-state')).toHaveText('已重新开账');
  await expect(app.getByTestId('month-history')).toContainText('补录人口数据');
  const status = await api.month.status({ month });
  expect(status.history.map((h) => h.action)).toEqual(['month.close', 'month.reopen']);

  // 打印 opens the print page (tests/e2e/print-month.spec.ts reads its PDF): navigation gone,
  // title and signature block shown; kept as a PDF.
  await app.getByTestId('month-print').click();
  await app.emulateMedia({ media: 'print' });
  await expect(app.locator('.ant-layout-sider')).toHaveCount(0);
  await expect(app.getByTestId('printed-signature')).toBeVisible();
  await expect(app.getByTestId('printed-form')).toContainText(`${Number(month.slice(5))}月`);
  await app.pdf({ path: path.join(ARTIFACTS, `month-report-${month}.pdf`), preferCSSPageSize: true });
  await screenshot(app, 'month-print');
});

test('a month before any data says so and offers nothing to close', async ({ app }) => {
  await app.getByTestId('nav-month').click();
  await expect(app.getByTestId('month-no-data')).toContainText('还没有任何机构数据');
  await expect(app.getByTestId('month-close')).toBeDisabled();
  await expect(app.getByTestId('month-export')).toBeDisabled();
});
