/**
 * Screens in the clerk's language and role: the 操作日志 as sentences with display names
 * (no action codes, no "browser"), the header with the display name, and a facility
 * manager's menu without the pages their role cannot use (a page opened by address says so,
 * with no action buttons).
 */
import { createCaller } from '../../src-main/api/router';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import type { AppDb } from '../../src-main/db/open';
import { AccountsPages } from './pages/accounts';
import { expect, screenshot, test } from './support/fixtures';

const PASSWORD = 'Tongren2026!';

function idOf(n: number, county: string): string {
  const body = `${county}19400101${String(n).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const as = (db: AppDb, id: number) => createCaller(db, actorOfUser(userById({ db }, id)!));

async function office(db: AppDb) {
  const api = createCaller(db);
  const home = { kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' } as const;
  const f = await api.facility.create({ ...home, regionCode: '520602', name: '碧江中心敬老院' });
  await api.facility.create({ ...home, regionCode: '520603', name: '万山区敬老院' });
  const beds = await api.bed.add({ facilityId: f.id, count: 4, nursingCount: 0, labelPattern: '{nn}床', inServiceFrom: '2020-01-01' });
  const r = await api.resident.create({ name: '张三', idNumber: idOf(1, '520602') });
  const stay = await api.stay.admit({ residentId: r.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
  const admin = await api.account.setupAdmin({ username: 'admin', displayName: '杨科长', password: PASSWORD });
  const section = await as(db, admin.id).user.create({ username: 'wangky', displayName: '王科员', role: 'section', password: PASSWORD });
  await as(db, admin.id).user.create({ username: 'bjjly', displayName: '吴院长', role: 'facility', facilityIds: [f.id], password: PASSWORD });
  await as(db, section.id).stay.discharge({ stayId: stay.id, dischargedOn: '2026-11-20', dischargeReason: 'home' });
}

test('the audit log in words and the header with the display name', async ({ app, db }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await office(db);
  await app.reload();
  const pages = new AccountsPages(app);
  await pages.login('admin', PASSWORD);
  await expect(app.getByTestId('user-menu')).toContainText('杨科长 · 管理员');

  await app.getByTestId('nav-audit').click();
  const sentences = app.getByTestId('audit-sentence');
  await expect(sentences.first()).toBeVisible();
  const texts = await sentences.allInnerTexts();
  console.log(`audit sentences (${texts.length}):\n${texts.join('\n')}`);
  expect(texts.some((s) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 王科员 为 张三 办理离院$/.test(s))).toBe(true);
  expect(texts.some((s) => /本机用户 为 张三 办理入住$/.test(s))).toBe(true);
  expect(texts.some((s) => /杨科长 创建账号 吴院长$/.test(s))).toBe(true);
  const table = app.getByTestId('audit-table');
  await expect(table).not.toContainText('stay.discharge');
  await expect(table).not.toContainText('browser');
  await expect(table).toContainText('碧江中心敬老院');

  // filtering by action (in words) still works
  await app.getByTestId('audit-action').click();
  await app.keyboard.type('办理离院');
  await app.keyboard.press('Enter');
  await app.getByTestId('audit-search').click();
  await expect(sentences).toHaveCount(1);
  await expect(sentences.first()).toContainText('王科员 为 张三 办理离院');
  await app.getByTestId('audit-action').locator('.ant-select-clear').click({ force: true }).catch(() => undefined);
  await app.getByTestId('audit-search').click();
  await expect(sentences.first()).toBeVisible();
  await screenshot(app, 'audit-log-words');
});

test("a facility manager's menu lacks what the role cannot use", async ({ app, db }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await office(db);
  await app.reload();
  await new AccountsPages(app).login('bjjly', PASSWORD);
  await expect(app.getByTestId('user-menu')).toContainText('吴院长 · 机构管理员');
  for (const key of ['population', 'settings', 'contracts', 'month', 'data-quality', 'accounts', 'audit']) await expect(app.getByTestId(`nav-${key}`)).toHaveCount(0);
  for (const key of ['home', 'facilities', 'residents', 'admission', 'import']) await expect(app.getByTestId(`nav-${key}`)).toHaveCount(1);
  await expect(app.getByTestId('page-scoped-home')).toContainText('吴院长');
  await screenshot(app, 'facility-manager-menu');

  // 导入: only the templates the role may use
  await app.getByTestId('nav-import').click();
  await app.getByTestId('import-template').click();
  await expect(app.getByTestId('import-template-beds')).toBeVisible();
  await expect(app.getByTestId('import-template-facilities')).toHaveCount(0);
  await expect(app.getByTestId('import-template-population')).toHaveCount(0);
  await app.keyboard.press('Escape');

  // a page opened by address: a notice and no action buttons
  for (const path of ['settings', 'population', 'month', 'contracts']) {
    await app.goto(`${new URL(app.url()).origin}/#/${path}`);
    await expect(app.getByTestId('page-not-for-account')).toContainText('您的账号不能使用此页面');
    await expect(app.locator('.ant-layout-content button')).toHaveCount(0);
  }
  await screenshot(app, 'facility-manager-not-for-account');
});
