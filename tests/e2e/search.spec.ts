/**
 * The header search (issue 14, finding 21): a part of a name finds the resident, the last
 * digits of an ID number find them for an account that may reveal personal data, and
 * facilities and operators come in their own groups; choosing a hit opens its page.
 */
import fs from 'node:fs';
import { createCaller } from '../../src-main/api/router';
import { creditCheckCharacter } from '../../src-main/domain/credit-code';
import { validIdNumber } from './pages/admission';
import { expect, screenshot, test, todayIso } from './support/fixtures';

test('the header search finds residents by a part of the name or the last ID digits, facilities and operators', async ({ app, db }) => {
  const api = createCaller(db);
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区国海养老院', kind: 'nursing_home', ownership: 'public_private', status: 'operating', statusDate: '2020-01-01' });
  const ding = await api.resident.create({ name: '丁国海', idNumber: validIdNumber('520602', '19400101', 7) });
  await api.resident.create({ name: '王德明', idNumber: validIdNumber('520602', '19410101', 8) });
  const first17 = '91520602MA6DQXYL2';
  const op = await api.operator.create({ name: '国海康养服务有限公司', creditCode: first17 + creditCheckCharacter(first17) });

  const box = app.getByTestId('header-search-input');
  await box.fill('国海');
  await expect(app.getByTestId(`header-search-resident-${ding.id}`)).toBeVisible();
  await expect(app.getByTestId(`header-search-facility-${home.id}`)).toBeVisible();
  await expect(app.getByTestId(`header-search-operator-${op.id}`)).toBeVisible();
  await screenshot(app, 'header-search');

  await app.getByTestId(`header-search-resident-${ding.id}`).click();
  await expect(app).toHaveURL(new RegExp(`/residents/${ding.id}$`));

  // the last 4 digits, typed full-width as a Chinese input method gives them
  const tail = validIdNumber('520602', '19400101', 7).slice(-4);
  await box.fill(tail.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  await expect(app.getByTestId(`header-search-resident-${ding.id}`)).toBeVisible();

  await box.fill('没有这个人');
  await expect(app.getByTestId('header-search-none')).toBeVisible();
});

test('the residents grid at 1366 px: 特困 self-care uncut, 年龄 a number with 高龄 its own column, also in the CSV', async ({ app, db }) => {
  const api = createCaller(db);
  await api.resident.create({ name: '丁国海', idNumber: validIdNumber('520602', '19380101', 7), tekun: true, tekunSelfCare: 'partial' });
  await api.resident.create({ name: '万德明', idNumber: validIdNumber('520602', '19600101', 8) });
  await app.getByTestId('nav-residents').click();
  const grid = app.locator('[data-testid="grid-residents"]');
  const cellOf = (col: string) => grid.locator(`[row-index="0"] [col-id="${col}"]`).first();
  await expect(cellOf('age')).toBeVisible();
  // the grid is wider than the screen: scroll right to the 特困 column, as a clerk does
  await grid.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 700));
  await expect(cellOf('tekun')).toHaveText('部分丧失');
  const cut = await cellOf('tekun').evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(cut).toBe(false);
  await screenshot(app, 'residents-grid-fit');
  await grid.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 0));
  await expect(cellOf('age')).toHaveText(/^\d+$/);
  await expect(cellOf('oldOld')).toHaveText('高龄');

  const download = app.waitForEvent('download');
  await app.getByTestId('grid-residents-csv').click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  const [header, first] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const cells = (l: string) => l.split(',').map((c) => c.replace(/^"|"$/g, ''));
  const h = cells(header!);
  const row = cells(first!);
  expect(row[h.indexOf('年龄')]).toMatch(/^\d+$/);
  expect(row[h.indexOf('高龄')]).toBe('高龄');
});

test('at 1366 px the 医养结合 header and a contract ending in 30 days are not cut', async ({ app, db }) => {
  const api = createCaller(db);
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区公建民营养老院', kind: 'nursing_home', ownership: 'public_private', medicalCare: true, status: 'operating', statusDate: '2020-01-01' });
  const first17 = '91520602MA6DQXYL3';
  const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: first17 + creditCheckCharacter(first17) });
  const end = new Date(`${todayIso()}T00:00:00`);
  end.setDate(end.getDate() + 30);
  const endOn = `${end.getFullYear()}-${String(end.getMonth() + 1).padStart(2, '0')}-${String(end.getDate()).padStart(2, '0')}`;
  await api.contract.create({ facilityId: home.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn });
  const cut = (l: ReturnType<typeof app.locator>) => l.evaluate((el) => el.scrollWidth > el.clientWidth);

  await app.getByTestId('nav-facilities').click();
  const header = app.locator('[data-testid="grid-facilities"] .ag-header-cell[col-id="medicalCare"] .ag-header-cell-text');
  await expect(header).toHaveText('医养结合');
  expect(await cut(header)).toBe(false);
  await screenshot(app, 'facilities-grid-fit');

  await app.getByTestId('nav-contracts').click();
  const status = app.locator('[data-testid="grid-contracts"] [row-index="0"] [col-id="status"]').first();
  await expect(status).toContainText('30');
  expect(await cut(status)).toBe(false);
  await screenshot(app, 'contracts-grid-fit');
});
