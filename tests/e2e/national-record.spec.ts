import { FacilitiesPage } from './pages/facilities';
import { fillNumber, pick, typeDate } from './pages/antd';
import { expect, screenshot, test } from './support/fixtures';

test('the national record of a home: a bad credit code named, the record saved, a licence added, corrected and deleted', async ({ app, db }) => {
  const list = new FacilitiesPage(app);
  await list.open();
  await list.create({ county: '碧江区', name: '碧江区中心敬老院', kind: '特困人员供养服务机构（敬老院）', ownership: '公办', statusDate: '2024-03-01', beds: { count: 20, nursing: 8 } });
  await app.getByRole('tab', { name: '国家系统信息' }).click();
  await expect(app.getByTestId('national-record')).toContainText('未填写');
  await expect(app.getByTestId('licence-table')).toContainText('还没有证照记录');

  await app.getByTestId('record-edit').click();
  await app.getByTestId('record-creditCode').fill('91350100M000100Y44');
  await pick(app, 'record-registration', '已登记');
  await app.getByTestId('record-legalRep').fill('王明');
  await typeDate(app, 'record-filedOn', '2024-03-08');
  await pick(app, 'record-founder', '政府');
  await fillNumber(app.getByTestId('record-buildingArea'), 3250.5);
  await fillNumber(app.getByTestId('record-bedFeeMin'), 600);
  await fillNumber(app.getByTestId('record-bedFeeMax'), 1200);
  await app.getByTestId('record-tekunInstitution').click();
  await app.getByTestId('record-offersDayCare').click();
  await app.getByTestId('record-save').click();
  // the field is named, nothing saved
  await expect(app.getByText('统一社会信用代码：校验位错误').first()).toBeVisible();
  expect(db.sqlite.prepare("SELECT legal_rep FROM facilities WHERE name = '碧江区中心敬老院'").pluck().get()).toBe('');
  await app.getByTestId('record-creditCode').fill('91350100M000100Y43');
  await app.getByTestId('record-save').click();
  await expect(app.getByText('已保存').first()).toBeVisible();
  const view = app.getByTestId('record-view');
  await expect(view).toContainText('91350100M000100Y43');
  await expect(view).toContainText('2024-03-08');
  await expect(view).toContainText('3,250.5 平方米');
  await expect(view).toContainText('600.00 – 1,200.00');
  await expect(view).toContainText('特困人员供养服务机构');
  expect(db.sqlite.prepare("SELECT bed_fee_max_fen FROM facilities WHERE name = '碧江区中心敬老院'").pluck().get()).toBe(120_000);

  await app.getByTestId('licence-add').click();
  await pick(app, 'licence-kind', '养老机构责任险');
  await app.getByTestId('licence-number').fill('PICC-2026-001');
  await typeDate(app, 'licence-issued', '2026-01-01');
  await typeDate(app, 'licence-expires', '2025-12-31');
  await app.getByTestId('licence-save').click();
  await expect(app.getByText('有效期至 2025-12-31 早于发证日期 2026-01-01').first()).toBeVisible();
  await typeDate(app, 'licence-expires', '2026-12-31');
  await app.getByTestId('licence-save').click();
  await expect(app.getByTestId('licence-table')).toContainText('PICC-2026-001');
  await expect(app.getByTestId('licence-table')).toContainText('2026-12-31');
  await screenshot(app, 'national-record');

  // with day care offered, the home adds 日托 beds; they show as such on the bed board
  await app.getByRole('tab', { name: /床位/ }).click();
  await app.getByTestId('beds-add').click();
  await fillNumber(app.getByTestId('beds-count'), 2);
  await app.getByTestId('beds-pattern').fill('R{n}');
  await app.getByTestId('beds-use-day_care').click();
  await typeDate(app, 'beds-from', '2026-01-01');
  await app.getByTestId('beds-add-ok').click();
  await expect(app.getByTestId('bed-day-care-R1')).toHaveText('日托');
  expect(db.sqlite.prepare("SELECT count(*) FROM beds WHERE use = 'day_care'").pluck().get()).toBe(2);
  await app.getByRole('tab', { name: '国家系统信息' }).click();

  await app.getByTestId('licence-remove').click();
  await app.getByTestId('licence-remove-ok').click();
  await expect(app.getByTestId('licence-table')).toContainText('还没有证照记录');
  expect(db.sqlite.prepare('SELECT count(*) FROM facility_licences').pluck().get()).toBe(0);
});
