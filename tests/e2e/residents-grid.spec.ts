/**
 * The residents grid shows its first page at once and then the whole list: sorting and the
 * CSV export work on every resident, not only on the first page.
 */
import fs from 'node:fs';
import { createCaller } from '../../src-main/api/router';
import { expect, test } from './support/fixtures';
import { validIdNumber } from './pages/admission';

const COUNT = 250; // more than the grid's first page

test('more residents than the first page: the grid ends up with all of them', async ({ app, db }) => {
  const api = createCaller(db);
  for (let i = 1; i <= COUNT; i++) await api.resident.create({ name: `老人${String(i).padStart(3, '0')}`, idNumber: validIdNumber('520602', '19450101', i) });

  await app.getByTestId('nav-residents').click();
  await expect(app.getByTestId('resident-count')).toContainText(String(COUNT));

  // Sorted by name, descending: the last name exists only in the whole list.
  const nameHeader = app.locator('[data-testid="grid-residents"] .ag-header-cell[col-id="name"] .ag-header-cell-label');
  await nameHeader.click();
  await nameHeader.click();
  await expect(app.locator('[data-testid="grid-residents"] [row-index="0"] [col-id="name"]').first()).toHaveText(`老人${COUNT}`);

  const download = app.waitForEvent('download');
  await app.getByTestId('grid-residents-csv').click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  expect(lines.length).toBe(COUNT + 1);
});
