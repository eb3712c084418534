import { typeDate } from './pages/antd';
import { DashboardPage, PopulationPage } from './pages/population';
import { expect, screenshot, test, todayIso } from './support/fixtures';

test('population entered in the grid is saved, bad values are refused, and the dashboard shows no figure without it', async ({ app, db }) => {
  const pop = new PopulationPage(app);
  await pop.open();
  await pop.set('520602', 'population60', '4000');
  const year = Number(todayIso().slice(0, 4));
  const row = db.sqlite.prepare('SELECT population60 AS p FROM populations WHERE region_code = ? AND year = ?').get('520602', year) as { p: number };
  expect(row.p).toBe(4000);

  await pop.set('520603', 'population60', '-5');
  await expect(app.getByText('60岁及以上人口：不能小于 0')).toBeVisible();
  const refused = db.sqlite.prepare("SELECT count(*) AS n FROM populations WHERE region_code = '520603'").get() as { n: number };
  expect(refused.n).toBe(0);
  await screenshot(app, 'population');

  const dash = new DashboardPage(app);
  await dash.open();
  await typeDate(app, 'dashboard-date', todayIso());
  // 碧江区 has population but no beds: a real 0.0; 万山区 has none: no figure.
  await expect(dash.bedsPerThousand('520602')).toHaveText(/^0\.0/);
  await expect(dash.bedsPerThousand('520603')).toHaveText(/^—/);
  await screenshot(app, 'dashboard-empty');
});

test('the population grid moves down on Enter like a spreadsheet and takes full-width digits and thousands separators', async ({ app, db }) => {
  const pop = new PopulationPage(app);
  await pop.open();
  const year = Number(todayIso().slice(0, 4));
  const figure = (code: string) => (db.sqlite.prepare('SELECT population60 AS p FROM populations WHERE region_code = ? AND year = ?').get(code, year) as { p: number } | undefined)?.p;

  // Enter on the selected cell opens it, full-width digits as a Chinese input method gives
  // them, Enter: saved, and the focus is on the county below
  const first = pop.cell('520602', 'population60');
  await first.click();
  await app.keyboard.press('Enter');
  let saved = app.waitForResponse((r) => r.url().includes('region.upsertPopulation'));
  await first.locator('input').fill('４１０００');
  await app.keyboard.press('Enter');
  await saved;
  expect(figure('520602')).toBe(41000);
  await expect(first).not.toHaveClass(/ag-cell-focus/);
  const below = app.locator('[data-testid="grid-population"] .ag-cell-focus[col-id="population60"]');
  await expect(below).toHaveCount(1);
  const belowRow = await below.evaluate((el) => el.closest('[row-id]')?.getAttribute('row-id'));
  expect(belowRow).not.toBe('520602');

  // typing there starts editing; the next figure goes into that county, not over 碧江区
  saved = app.waitForResponse((r) => r.url().includes('region.upsertPopulation'));
  await app.keyboard.type('39,000');
  await app.keyboard.press('Enter');
  await saved;
  expect(figure('520602')).toBe(41000);
  expect(figure(belowRow!)).toBe(39000);
  await expect(pop.cell(belowRow!, 'population60')).toHaveText('39,000');
  await expect(pop.cell('520602', 'population60')).toHaveText('41,000');
  await screenshot(app, 'population-enter-moves-down');
});
