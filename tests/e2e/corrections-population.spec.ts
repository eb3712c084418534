/**
 * Issue 14, population figures in the grid: changing 2025's figure (a year that is over) asks
 * the reason first; changing 2026's, which closed November uses, asks 确认保存 — then both are
 * saved and closed November shows the difference.
 */
import { createCaller } from '../../src-main/api/router';
import { PopulationPage } from './pages/population';
import { expect, screenshot, test } from './support/fixtures';

test('correct population figures: a reason for a past year, the closed-month dialog for November', async ({ app, db, server }) => {
  const api = createCaller(db);
  await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01', initialBeds: { count: 100, nursingCount: 40 } });
  await api.region.upsertPopulation({ regionCode: '520602', year: 2025, population60: 40000 });
  await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 50000 });
  await api.month.close({ month: '2026-11' });

  await app.goto(`${server.url}/#/population?year=2025`);
  const grid = new PopulationPage(app);
  await app.getByTestId('page-population').waitFor();

  // 2025 is over: the reason is asked before anything is sent.
  let cell = grid.cell('520602', 'population60');
  await cell.dblclick();
  await cell.locator('input').fill('41000');
  await cell.locator('input').press('Enter');
  await expect(app.getByTestId('population-reason')).toBeVisible();
  await app.getByTestId('population-reason').fill('统计年鉴数据更正');
  await screenshot(app, 'population-correct-reason');
  const saved = app.waitForResponse((r) => r.url().includes('region.upsertPopulation'));
  await app.getByTestId('population-correct-save').click();
  await saved;
  await expect(cell).toContainText('41,000');

  // 2026's figure is used by closed November: 确认保存 first.
  await app.getByTestId('population-year').fill('2026');
  await app.getByTestId('population-year').press('Tab');
  cell = grid.cell('520602', 'population60');
  await expect(cell).toContainText('50,000');
  await cell.dblclick();
  await cell.locator('input').fill('52000');
  await cell.locator('input').press('Enter');
  await expect(app.getByTestId('closed-month-warning')).toContainText('2026-11');
  await screenshot(app, 'population-closed-month');
  await app.getByTestId('closed-month-confirm').click();
  await expect(cell).toContainText('52,000');

  const m = await api.month.report({ month: '2026-11' });
  expect(m.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'population60', closed: 50000, live: 52000 });
});
