/**
 * The admission waiting list (轮候) of a home: an application added from the tab (the applicant
 * registered there), ordered behind a 特困 applicant; admitted from the list through the
 * admission flow, after which it leaves the list as 已入住 with its stay.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import { validIdNumber } from './pages/admission';
import { typeDate } from './pages/antd';
import { FacilitiesPage } from './pages/facilities';
import { WaitingListTab } from './pages/waiting';
import { expect, screenshot, test, todayIso } from './support/fixtures';

const SHOTS = path.resolve(__dirname, '../../.tmp/shots');

test('an application added, ordered, admitted from the list, and gone from it', async ({ app, db }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const list = new FacilitiesPage(app);
  await list.open();
  await list.create({ county: '碧江区', name: '碧江区中心敬老院', kind: '特困人员供养服务机构（敬老院）', ownership: '公办', statusDate: '2024-03-01', beds: { count: 6, nursing: 2 } });
  const waiting = new WaitingListTab(app);
  await waiting.open();
  await expect(app.getByTestId('waiting-empty')).toContainText('点“添加申请”登记');

  // a bad date is named, nothing saved; then the application is added
  await waiting.addNewPerson({ name: '李秀英', idNumber: validIdNumber('520602', '19450312', 22), appliedOn: '2099-01-01' });
  await expect(app.getByText(/申请日期：2099-01-01 晚于今天/).first()).toBeVisible();
  expect(db.sqlite.prepare('SELECT count(*) FROM waiting_applications').pluck().get()).toBe(0);
  await app.screenshot({ path: path.join(SHOTS, 'waiting-add.png'), fullPage: true });
  await typeDate(app, 'waiting-applied-on', '2026-09-15');
  await app.getByTestId('waiting-save').click();
  await expect(waiting.row('李秀英')).toBeVisible();

  // a 特困 applicant who applied later comes first
  const api = createCaller(db);
  const facilityId = db.sqlite.prepare("SELECT id FROM facilities WHERE name = '碧江区中心敬老院'").pluck().get() as number;
  const zhang = await api.resident.create({ name: '张国华', idNumber: validIdNumber('520602', '19400101', 11), tekun: true, tekunSelfCare: 'partial' });
  await api.waiting.add({ facilityId, residentId: zhang.id, appliedOn: '2026-11-20' });
  await app.reload();
  await waiting.open();
  await expect(waiting.row('张国华')).toBeVisible();
  const rows = await waiting.rows();
  expect(rows.map((r) => r.slice(0, 5))).toEqual([
    ['1', '张国华', '特困', '未评估', '2026-11-20'],
    ['2', '李秀英', '其他', '未评估', '2026-09-15'],
  ]);
  await screenshot(app, 'waiting-list');
  await app.screenshot({ path: path.join(SHOTS, 'waiting-tab.png'), fullPage: true });

  // 办理入住 from the list: the person and the home are chosen already
  await waiting.row('李秀英').getByTestId('waiting-admit').click();
  await app.getByTestId('page-admission').waitFor();
  await expect(app.getByTestId('admission-from-waiting')).toContainText('从轮候名单办理入住');
  await expect(app.getByTestId('admission-from-waiting')).toContainText('轮候第 2 位');
  await expect(app.getByTestId('admission-resident')).toContainText('李秀英');
  await app.screenshot({ path: path.join(SHOTS, 'waiting-admission-from-list.png'), fullPage: true });
  await app.getByTestId('admission-next').click();
  await app.getByTestId('admission-skip-assessment').click();
  await app.getByTestId('admission-next').click();
  await app.getByTestId('admission-beds').waitFor();
  await app.getByTestId('admission-beds').locator('[data-testid^="admission-bed-"]').first().click();
  await app.getByTestId('admission-next').click();
  await app.getByTestId('admission-step-confirm').waitFor();
  await app.screenshot({ path: path.join(SHOTS, 'waiting-admission-confirm.png'), fullPage: true });
  await app.getByTestId('admission-confirm').click();
  await app.getByTestId('admission-done').waitFor();

  const closed = db.sqlite
    .prepare("SELECT w.status, w.closed_on AS closedOn, s.admitted_on AS admittedOn FROM waiting_applications w JOIN residents r ON r.id = w.resident_id LEFT JOIN stays s ON s.id = w.stay_id WHERE r.name = '李秀英'")
    .get();
  expect(closed).toEqual({ status: 'admitted', closedOn: todayIso(), admittedOn: todayIso() });

  // back on the home's list: only 张国华 waits, now first
  await app.getByTestId('admission-to-facility').click();
  await waiting.open();
  await expect(waiting.row('李秀英')).toHaveCount(0);
  expect((await waiting.rows()).map((r) => r.slice(0, 2))).toEqual([['1', '张国华']]);
  // the closed applications on request
  await app.getByTestId('waiting-show-closed').click();
  await expect(waiting.row('李秀英')).toContainText(`已入住（${todayIso()}）`);
});
