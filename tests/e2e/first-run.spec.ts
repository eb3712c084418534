/**
 * Issue 14, first run: an empty register on 1 December (the one clock set to 2026-12-01).
 * 首页 shows the first-run checklist with every step not done and no red data-quality badge;
 * 数据质量 has nothing alarming; 帮助 opens; a facility registered with the form's default
 * 开办日期 (the reporting date, 2026-11-30) counts on the dashboard for 2026-11-30; 数据质量
 * groups its findings and "录入人口 →" opens 人口 on the county concerned; the figure entered
 * there leaves the list at once.
 */
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { FacilitiesPage } from './pages/facilities';
import { fillNumber, pick } from './pages/antd';
import { PopulationPage } from './pages/population';
import { expect, screenshot, test } from './support/fixtures';

const TODAY = '2026-12-01';
const REPORTING = '2026-11-30';

test.describe.configure({ timeout: 180_000 });
// The server runs in this worker's process: the fixture sets its one clock, and the renderer follows it (account.status.today).
test.use({ today: TODAY });

test('first run: checklist, no red warnings, 帮助, a facility on the default opening date counts for last month', async ({ app }) => {
  // 1. 首页: the checklist, every step to do; the reporting date said; no error badge.
  const checklist = app.getByTestId('first-run-checklist');
  await expect(checklist).toBeVisible();
  for (const step of ['settings', 'population', 'facilities', 'residents', 'monthClosed']) await expect(app.getByTestId(`checklist-${step}`)).toHaveAttribute('data-done', 'no');
  await expect(app.getByTestId('dashboard-stat-date')).toContainText(`统计日期：${REPORTING}（上月末）`);
  await expect(app.getByTestId('dashboard-dq-count')).toHaveText('尚无数据');
  await expect(app.getByText(/错误 \d+/)).toHaveCount(0);
  await screenshot(app, 'first-run-checklist');

  // 2. 数据质量 on the empty register: today by default, nothing to fix, population is a checklist step.
  await app.getByTestId('nav-data-quality').click();
  await expect(app.getByTestId('dq-date-note')).toContainText(`数据截至 ${TODAY}（今天）`);
  await expect(app.getByTestId('dq-empty-register')).toBeVisible();
  await expect(app.getByTestId('dq-count-error')).toHaveText('0');

  // 3. 帮助: the last menu item, the figures' definitions and the templates.
  await app.getByTestId('nav-help').click();
  await expect(app.getByTestId('page-help')).toBeVisible();
  await expect(app.getByTestId('help-figures')).toContainText('每千名老年人拥有养老床位数');
  await expect(app.getByTestId('help-figures')).toContainText('只算“养老机构”类别');
  await expect(app.getByTestId('help-templates')).toContainText('区县代码, 年份, 60岁及以上人口');
  await expect(app.getByTestId('help-county-codes')).toContainText('520602');
  await screenshot(app, 'help');

  // 4. A facility with 12 beds (4 nursing-type), its 开办日期 left at the default: the reporting date.
  const facilities = new FacilitiesPage(app);
  await facilities.open();
  await app.getByTestId('facility-new').click();
  const opening = app.getByTestId('facility-status-date');
  await expect(opening).toHaveValue(REPORTING);
  await expect(app.getByText('机构开始运营的日期；登记已有机构时请填写实际开办日期')).toBeVisible();
  await expect(app.locator('label', { hasText: '开办日期' })).toBeVisible();
  await pick(app, 'facility-county', '碧江区');
  await app.getByTestId('facility-name').fill('碧江区颐养中心');
  await pick(app, 'facility-kind', '养老院/老年养护院/社会福利院');
  await pick(app, 'facility-ownership', '公办');
  await app.getByTestId('facility-with-beds').click();
  await fillNumber(app.getByTestId('facility-bed-count'), 12);
  await fillNumber(app.getByTestId('facility-nursing-count'), 4);
  await app.getByTestId('facility-save').click();
  await app.getByTestId('page-facility-detail').waitFor();

  // 5. 首页 for 2026-11-30: the facility and its 12 beds count; the checklist ticks 机构与床位.
  await app.getByTestId('nav-home').click();
  await expect(app.getByTestId('dashboard-card-facilities')).toHaveText('1');
  await expect(app.getByTestId('dashboard-card-beds')).toHaveText('12');
  await expect(app.getByTestId('checklist-facilities')).toHaveAttribute('data-done', 'yes');
  await expect(app.getByTestId('checklist-population')).toHaveAttribute('data-done', 'no');

  // 6. 数据质量 now lists the missing population, grouped by problem type and county with counts.
  await app.getByTestId('nav-data-quality').click();
  await expect(app.getByTestId('dq-groups')).toBeVisible();
  const noPopulation = app.getByTestId('dq-group-code-COUNTY_NO_POPULATION');
  await expect(noPopulation).toContainText('10');
  await expect(app.getByTestId('dq-group-county-520602')).toBeVisible();
  await screenshot(app, 'data-quality-grouped');

  // 7. Filter to 碧江区 and follow "录入人口 →": 人口 names the county and marks its row.
  await app.getByTestId('dq-group-county-520602').click();
  await expect(app.locator('.ag-row')).toHaveCount(1);
  await app.locator('.ag-row', { hasText: '碧江区' }).first().click();
  await expect(app.getByTestId('page-population')).toBeVisible();
  await expect(app.getByTestId('population-highlight')).toContainText('碧江区');
  await expect(app.locator('.ag-row.population-row-flash[row-id="520602"]').first()).toBeVisible();
  await screenshot(app, 'population-highlight');

  // 8. The fix leaves 数据质量 at once: 碧江区's figure typed in, the list (as of today) has 9 left.
  await new PopulationPage(app).set('520602', 'population60', '30000');
  await app.getByTestId('nav-data-quality').click();
  await expect(app.getByTestId('dq-count-total')).toHaveText('9');
  await expect(app.getByTestId('dq-group-county-520602')).toHaveCount(0);
  await expect(app.getByTestId('dq-group-code-COUNTY_NO_POPULATION')).toContainText('9');
});

test('set up: the checklist is gone, the trends pick the city and three counties, 护理型床位 says institutions only', async ({ app, db, server }) => {
  await seedDemo(db);
  const api = createCaller(db);
  for (const month of ['2026-09', '2026-10', '2026-11']) await api.month.close({ month });
  await app.reload();
  await app.getByTestId('page-dashboard').waitFor();
  await expect(app.getByTestId('dashboard-card-facilities')).not.toHaveText('0');
  await expect(app.getByTestId('first-run-checklist')).toHaveCount(0);
  await expect(app.getByRole('columnheader', { name: '护理型床位（仅养老机构）' })).toBeVisible();
  const picker = app.getByTestId('dashboard-trend-counties');
  await expect(picker).toContainText('铜仁市');
  await expect(picker).toContainText('碧江区');
  await expect(app.getByTestId('dashboard-trend-bpt')).toBeVisible();
  await screenshot(app, 'dashboard-details');

  // The browser asks for /favicon.ico on every page: it is served, not a 404.
  const icon = await app.request.get(`${server.url}/favicon.ico`);
  expect(icon.status()).toBe(200);
  // The icon's own bytes (an ICO header, 0 0 1 0), not index.html served for an unknown path.
  expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  // 帮助 in English.
  await app.getByTestId('lang-switch').click();
  await app.getByTestId('nav-help').click();
  await expect(app.getByTestId('help-figures')).toContainText('Beds per thousand elderly');
  await expect(app.getByTestId('help-figures')).toContainText('institution category only');
  await screenshot(app, 'help-en');
  await app.getByTestId('lang-switch').click();
});
