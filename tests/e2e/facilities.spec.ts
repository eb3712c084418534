import { FacilitiesPage, FacilityDetailPage } from './pages/facilities';
import { expect, screenshot, test } from './support/fixtures';

test('register a mutual-aid home with its 12 beds in one step, then add and retire beds', async ({ app, db }) => {
  const list = new FacilitiesPage(app);
  await list.open();
  await expect(app.getByTestId('grid-empty')).toBeVisible();
  await list.create({ county: '碧江区', name: '滑石乡互助幸福院', kind: '农村互助幸福院', ownership: '公办', statusDate: '2026-01-01', beds: { count: 12, nursing: 0 } });
  const detail = new FacilityDetailPage(app);
  await expect(app.getByTestId('facility-title')).toContainText('滑石乡互助幸福院');
  await expect(detail.tile('01')).toHaveAttribute('data-state', 'free');
  await expect(detail.tile('12')).toBeVisible();

  await detail.addBeds({ count: 4, nursing: 2, pattern: 'B-{nn}', from: '2026-02-01' });
  await expect(detail.tile('B-01')).toHaveAttribute('data-nursing', 'true');
  await expect(detail.tile('B-03')).toHaveAttribute('data-nursing', 'false');
  await expect(detail.summary()).toContainText('在用 16 张（护理型 2）');

  await detail.tile('B-04').click();
  await app.getByTestId('beds-retire').click();
  await app.getByTestId('beds-retire-ok').click();
  await expect(detail.tile('B-04')).toHaveAttribute('data-state', 'retired');
  await expect(detail.summary()).toContainText('在用 15 张');
  const rows = db.sqlite.prepare("SELECT count(*) AS n FROM beds WHERE retired_on IS NULL").get() as { n: number };
  expect(rows.n).toBe(15);
  await screenshot(app, 'facility-detail');
  await list.open();
  await expect(app.getByRole('gridcell', { name: '滑石乡互助幸福院' })).toBeVisible();
  await screenshot(app, 'facilities');
});
