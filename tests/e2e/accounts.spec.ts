import { createCaller } from '../../src-main/api/router';
import { AccountsPages } from './pages/accounts';
import { expect, screenshot, test } from './support/fixtures';

const PASSWORD = 'Tongren2026!';

test('first administrator, a facility manager who sees only their home, a wrong password refused, login, logout', async ({ app, db }) => {
  const api = createCaller(db);
  const home = { kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' } as const;
  await api.facility.create({ ...home, regionCode: '520602', name: '碧江区甲养老院' });
  await api.facility.create({ ...home, regionCode: '520603', name: '万山区乙养老院' });

  // no login yet: the local user; the administrator sets up the first account
  await expect(app.getByTestId('user-local')).toBeVisible();
  const pages = new AccountsPages(app);
  await pages.openAccounts();
  await expect(app.getByTestId('setup-admin')).toBeVisible();
  await pages.setupAdmin('admin', PASSWORD);
  await expect(app.getByTestId('users-table')).toBeVisible();
  await expect(app.getByTestId('user-menu')).toContainText('admin');
  await expect(app.getByTestId('users-table')).toContainText('管理员');

  await pages.createFacilityManager('mgr-a', '甲院长', '碧江区 · 碧江区甲养老院', PASSWORD);
  await expect(app.getByTestId('users-table')).toContainText('mgr-a');
  await expect(app.getByTestId('users-table')).toContainText('碧江区甲养老院');
  await screenshot(app, 'accounts');

  // the audit log shows who did it
  await app.getByTestId('nav-audit').click();
  await expect(app.getByTestId('audit-table')).toContainText('创建账号 甲院长');
  await expect(app.getByTestId('audit-table')).toContainText('创建首个管理员账号');
  await screenshot(app, 'audit-log');

  await pages.logout();
  await screenshot(app, 'login');
  await pages.login('mgr-a', 'wrong-password1');
  await expect(app.getByTestId('page-login')).toContainText('用户名或密码错误');
  await pages.login('mgr-a', PASSWORD);
  await expect(app.getByTestId('user-menu')).toContainText('mgr-a');

  // a facility manager: only their home, and no administration
  await expect(app.getByTestId('nav-accounts')).toHaveCount(0);
  await expect(app.getByTestId('nav-month')).toHaveCount(0);
  await expect(app.getByTestId('page-scoped-home')).toContainText('碧江区甲养老院');
  await expect(app.getByTestId('page-scoped-home')).not.toContainText('万山区乙养老院');
  await app.getByTestId('nav-facilities').click();
  await expect(app.getByRole('gridcell', { name: '碧江区甲养老院' })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: '万山区乙养老院' })).toHaveCount(0);

  // the roster export: masked by default
  await app.getByTestId('nav-residents').click();
  await app.getByTestId('roster-export').hover();
  const download = app.waitForEvent('download');
  await app.getByTestId('roster-masked').click();
  expect((await download).suggestedFilename()).toMatch(/^老人名册_\d{4}-\d{2}-\d{2}\.xlsx$/);

  // a reload keeps the session; logout ends it
  await app.reload();
  await expect(app.getByTestId('user-menu')).toContainText('mgr-a');
  await pages.logout();
  await app.reload();
  await expect(app.getByTestId('page-login')).toBeVisible();
});
