/**
 * Issue 14's 1 December scenario: on an empty database, with the server's clock on
 * 2026-12-01, a clerk enters the county's population and an existing home (opened in 2019,
 * 12 beds) to report November. The home is first registered with the wrong opening date (the
 * day of entry) and all beds 普通; both are corrected on the facility page; then November is
 * closed and shows the 12 beds.
 */
import { createCaller } from '../../src-main/api/router';
import { FacilitiesPage } from './pages/facilities';
import { typeDate } from './pages/antd';
import { PopulationPage } from './pages/population';
import { expect, screenshot, test } from './support/fixtures';

const TODAY = '2026-12-01';
test.use({ today: TODAY, viewport: { width: 1366, height: 768 } });

test('1 December: population, a 2019 home with 12 beds entered and corrected, November closed with the 12 beds', async ({ app, db }) => {
  const api = createCaller(db);
  expect((await api.account.status()).today).toBe(TODAY);

  // 首页 on an empty register: the checklist, every step still to do.
  await expect(app.getByTestId('first-run-checklist')).toBeVisible();
  for (const step of ['population', 'facilities', 'residents', 'monthClosed']) await expect(app.getByTestId(`checklist-${step}`)).toHaveAttribute('data-done', 'no');

  // 人口: the county's elderly population for 2026.
  const pop = new PopulationPage(app);
  await pop.open();
  await pop.set('520602', 'population60', '4000');

  // 机构: registered on the day of entry with its opening date left wrong and no 护理型 beds.
  const list = new FacilitiesPage(app);
  await list.open();
  await list.create({ county: '碧江区', name: '碧江区灯塔街道养老院', kind: '养老院/老年养护院/社会福利院', ownership: '公办', statusDate: TODAY, beds: { count: 12, nursing: 0 } });

  // The opening date corrected to 2019-03-01; the 12 beds move with it.
  await app.getByRole('tab', { name: '状态历史' }).click();
  await app.getByTestId(`status-correct-${TODAY}`).click();
  await typeDate(app, 'status-correct-date', '2019-03-01');
  await expect(app.getByTestId('status-move-beds')).toBeChecked();
  await app.getByTestId('correction-reason').fill('开办日期误录为录入日');
  await app.getByTestId('status-correct-ok').click();
  await expect(app.getByTestId('status-history')).toContainText('2019-03-01');

  // Bed 01 is a 护理型 bed.
  await app.getByRole('tab', { name: /床位/ }).click();
  await app.getByTestId('beds-view-list').click();
  await app.getByTestId('bed-correct-01').click();
  await app.getByTestId('bed-care-nursing').click();
  // The bed is in service since 2019: changing its type changes past figures, so a reason is asked.
  await app.getByTestId('correction-reason').fill('床位类型录错');
  await app.getByTestId('bed-correct-ok').click();
  const row = app.getByTestId('bed-list').locator('tr', { has: app.getByTestId('bed-correct-01') });
  await expect(row).toContainText('护理型');
  await expect(row).toContainText('2019-03-01');

  // 月报: November is the month to close on 1 December; closed, it counts the 12 beds.
  await app.getByTestId('nav-month').click();
  await expect(app.getByTestId('page-month')).toContainText('2026-11');
  await expect(app.getByTestId('month-state')).toHaveText('未关账');
  await app.getByTestId('month-close').click();
  await expect(app.getByTestId('month-close-confirm')).toContainText('2026-11-30');
  await app.getByTestId('month-close-ok').click();
  await expect(app.getByTestId('month-state')).toHaveText('已关账');
  await expect(app.getByTestId('month-bpt-520602')).toHaveText(/^3\.0/);
  await expect(app.getByTestId('month-county-row-520602')).toContainText('12');
  await screenshot(app, 'december-first-month-closed');

  // Back on 首页: the checklist has ticked 机构与床位 and 关账.
  await app.getByTestId('nav-home').click();
  await expect(app.getByTestId('checklist-facilities')).toHaveAttribute('data-done', 'yes');
  await expect(app.getByTestId('checklist-monthClosed')).toHaveAttribute('data-done', 'yes');
  await screenshot(app, 'december-first-checklist');

  const report = await api.month.report({ month: '2026-11' });
  const county = report.report.statistics.rows.find((r) => r.code === '520602')!;
  expect({ beds: county.countedBeds, nursing: county.nursingBeds, bpt: county.bedsPerThousand }).toEqual({ beds: 12, nursing: 1, bpt: 3 });
  expect(report.differences).toEqual([]);
});
