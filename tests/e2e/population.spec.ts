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
