/**
 * Issue 14: correcting a facility entered on the reporting day with the wrong opening date
 * and a bed with the wrong type and in-service date, through the facility page. Last month is
 * closed, so each correction warns (确认保存 / 取消) before it is saved, and the month then
 * shows the difference.
 */
import { createCaller } from '../../src-main/api/router';
import { previousMonth } from '../../src-main/domain/month';
import { FacilitiesPage } from './pages/facilities';
import { typeDate } from './pages/antd';
import { expect, screenshot, test, todayIso } from './support/fixtures';

test('correct a facility opening date and a bed type and in-service date into a closed month', async ({ app, db }) => {
  const api = createCaller(db);
  const month = previousMonth(todayIso());
  await api.facility.create({ regionCode: '520602', name: '碧江区中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01', initialBeds: { count: 2, nursingCount: 0 } });
  await api.month.close({ month });

  const list = new FacilitiesPage(app);
  await list.open();
  await list.create({ county: '碧江区', name: '坝黄镇高楼坪村互助幸福院', kind: '农村互助幸福院', ownership: '公办', statusDate: todayIso(), beds: { count: 3, nursing: 0 } });

  // The opening date: 更正 on the only status row; its 删除 is disabled while beds exist.
  await app.getByRole('tab', { name: '状态历史' }).click();
  await expect(app.getByTestId(`status-delete-${todayIso()}`)).toBeDisabled();
  await app.getByTestId(`status-correct-${todayIso()}`).click();
  await typeDate(app, 'status-correct-date', '2019-05-01');
  // The 3 beds registered with it on the wrong day move with the opening (checked by default).
  await expect(app.getByTestId('status-move-beds')).toBeChecked();
  await expect(app.getByText(`同时把 3 张自 ${todayIso()} 启用的床位改为自新开办日期启用`)).toBeVisible();
  await app.getByTestId('correction-reason').fill('开办日期录成了录入日');
  await app.getByTestId('status-correct-ok').click();
  await expect(app.getByTestId('closed-month-warning')).toContainText(month);
  await app.getByTestId('closed-month-confirm').click();
  await expect(app.getByTestId('status-history')).toContainText('2019-05-01');
  await expect(app.getByTestId(`status-correct-${todayIso()}`)).toHaveCount(0);
  await screenshot(app, 'facility-status-history-corrected');

  // A bed: type 普通 → 护理型, and its in-service date a month later than the opening.
  await app.getByRole('tab', { name: /床位/ }).click();
  await app.getByTestId('beds-view-list').click();
  await expect(app.getByTestId('bed-list').locator('tr', { has: app.getByTestId('bed-correct-02') })).toContainText('2019-05-01');
  await app.getByTestId('bed-correct-01').click();
  await app.getByTestId('bed-care-nursing').click();
  await typeDate(app, 'bed-correct-from', '2019-06-01');
  await app.getByTestId('correction-reason').fill('床位类型和启用日期录错');
  await screenshot(app, 'bed-correct-form');
  await app.getByTestId('bed-correct-ok').click();
  await expect(app.getByTestId('closed-month-warning')).toContainText(month);
  await app.getByTestId('closed-month-confirm').click();
  const row = app.getByTestId('bed-list').locator('tr', { has: app.getByTestId('bed-correct-01') });
  await expect(row).toContainText('护理型');
  await expect(row).toContainText('2019-06-01');
  await screenshot(app, 'bed-list-corrected');

  const bed = db.sqlite.prepare("SELECT care_type AS careType, in_service_from AS inServiceFrom FROM beds WHERE label = '01' AND facility_id = (SELECT id FROM facilities WHERE name = '坝黄镇高楼坪村互助幸福院')").get();
  expect(bed).toEqual({ careType: 'nursing', inServiceFrom: '2019-06-01' });
  const report = await api.month.report({ month });
  expect(report.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'countedBeds', closed: 2, live: 5 });
  const actions = db.sqlite.prepare("SELECT action FROM audit_log WHERE action IN ('facility.updateStatusChange', 'bed.correct') ORDER BY id").all();
  expect(actions.map((a) => (a as { action: string }).action)).toEqual(['facility.updateStatusChange', 'bed.correct', 'bed.correct', 'bed.correct', 'bed.correct']);
});
