/**
 * Issue 20 part 2: what a regulator checks shows on the dashboard (监管提醒) and in data quality,
 * and the administrator keeps the holiday calendar the 备案 deadline counts with.
 */
import { createCaller } from '../../src-main/api/router';
import { addDays } from '../../src-main/domain/dates';
import { expect, screenshot, test, todayIso } from './support/fixtures';
import { idFor } from '../integration/helpers';

test('the dashboard counts the regulator checks; the holiday calendar is entered on 设置', async ({ app, db }) => {
  const api = createCaller(db);
  const today = todayIso();
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区监管测试养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-09-01', initialBeds: { count: 2, nursingCount: 0 } });
  const [bed] = await api.bed.board({ facilityId: f.id, date: today });
  const r = await api.resident.create({ name: '张大爷', idNumber: idFor(7) });
  await api.stay.admit({ residentId: r.id, bedId: bed!.id, admittedOn: '2026-09-24' });
  await api.facility.addLicence({ facilityId: f.id, kind: 'food', issuedOn: '2024-01-01', expiresOn: addDays(today, 10) });
  await api.facility.update({ id: f.id, registration: 'unregistered' });
  const jly = await api.facility.create({ regionCode: '520602', name: '碧江区某镇敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01', initialBeds: { count: 5, nursingCount: 0 } });
  await api.facility.update({ id: jly.id, registration: 'unregistered' });

  await app.reload();
  await app.getByTestId('nav-home').click();
  const card = app.getByTestId('dashboard-regulator');
  await expect(card).toContainText('逾期未备案的养老机构：1 家');
  await expect(card).toContainText('即将到期的证照：1 项');
  await expect(app.getByTestId('dashboard-uncounted')).toContainText('另有 1 家未登记法人的乡镇敬老院');
  await screenshot(app, 'regulator-dashboard');

  await card.getByRole('link').click();
  await expect(app.getByText('应于 2026-10-15 前备案，至今未备案').first()).toBeVisible();

  await app.getByTestId('nav-settings').click();
  await expect(app.getByText('国务院办公厅关于2026年部分节假日安排的通知').first()).toBeVisible();
  await app.getByTestId('calendar-add').click();
  await app.getByTestId('calendar-year').fill('2027');
  await app.getByTestId('calendar-holidays').fill('2027-01-01\n2027-13-01');
  await app.getByTestId('calendar-source').fill('国务院办公厅关于2027年部分节假日安排的通知');
  await app.getByRole('button', { name: /保\s*存/ }).last().click();
  await expect(app.getByText('无法识别的日期：2027-13-01')).toBeVisible();
  await app.getByTestId('calendar-holidays').fill('2027-01-01 至 2027-01-03');
  await app.getByRole('button', { name: /保\s*存/ }).last().click();
  await expect(app.getByText('放假 3 天，调休上班 0 天')).toBeVisible();
  expect((await api.settings.get()).workCalendar['2027']).toEqual({ holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知' });
  await screenshot(app, 'regulator-settings');
});
