/**
 * 报送情况 at a county install (issue 18 part 3), in browser mode: two of the county's homes
 * are enrolled and joined in November; the city sets the deadline to the 1st (reportDeadlineDay).
 * First neither has sent anything made after 30 November: both 未报送. Then one home exports
 * on 3 December and the county imports it: that home shows 迟报, the other stays 未报送, on
 * 报送情况, in 月报's warning before closing, on 首页's share and in the printed list.
 * Last, a facility install (nobody below it): no 报送情况 in its menu, and the page by address says to enrol on 数据交换.
 * Screenshots of the page, the warning, 首页 and the printout go to artifacts/reporting-*.png (1366×768).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createCaller } from '../../src-main/api/router';
import { keyFingerprint } from '../../src-main/db/db-key';
import { installIdentity } from '../../src-main/db/install-identity';
import { openDatabase } from '../../src-main/db/open';
import { setToday } from '../../src-main/domain/dates';
import { startServer } from '../../src-main/server/http-server';
import { joinFromEnrolment, makeEnrolment, readEnrolment } from '../../src-main/services/exchange/enrolment';
import { RECOVERY_KEY_SHOWN_FOR } from '../../src-main/services/recovery-key';
import { getSettings } from '../../src-main/services/settings';
import { BIJIANG, facilityChain, send } from '../support/facility-chain';
import { ARTIFACTS } from './support/fixtures';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(ARTIFACTS, `reporting-${name}.png`) });
}

test('报送情况: a late home, a home not reported, the month warning, the share and the printed list', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-e2e-reporting-'));
  // Enrolled and joined in November: the packages of then say nothing about the month's end.
  setToday('2026-11-20');
  const { city, county, fac, home, other } = await facilityChain(dir);
  const otherEnrol = readEnrolment(makeEnrolment(county, { level: 'facility', regionCode: BIJIANG, facilityUid: other.uid }).file);
  const fac2 = openDatabase(path.join(dir, 'home2.db'), { install: otherEnrol.place });
  joinFromEnrolment(fac2, otherEnrol);
  send(fac2, county);
  // The registry stamps an enrolment with the machine's clock, not the app's (see the report):
  // date both homes' enrolment in November, when the test's clock says they joined.
  const backdated = county.sqlite.prepare("UPDATE installs SET created_at = '2026-11-20T02:00:00.000Z' WHERE level = 'facility'").run();
  expect(backdated.changes).toBe(2);
  if (county.key) county.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(keyFingerprint(county.key)));
  // The deadline is a city setting: set at the city, it reaches the county with the city's package.
  await createCaller(city).settings.update({ reportDeadlineDay: 1 });
  send(city, county, installIdentity(county.sqlite).uid);
  expect(getSettings({ db: county }).reportDeadlineDay).toBe(1);

  setToday('2026-12-03');
  const server = await startServer({ db: county, staticDir: path.resolve(__dirname, '../../out/renderer'), port: 0 });
  try {
    await page.goto(server.loginUrl);
    await page.getByTestId('nav-home').waitFor();
    // nothing for November yet: both homes owe it, 0 of 2 on 首页
    await expect(page.getByTestId('dashboard-reporting')).toContainText('上月报送：已报送 0/2（0.0%）');
    await page.getByTestId('nav-reporting').click();
    await expect(page.getByTestId('reporting-deadline')).toHaveText('截止 2026-12-01 · 已过');
    await expect(page.getByTestId('reporting-count-missing')).toContainText('2');

    // the home exports on 3 December, after the deadline; the county imports it
    send(fac, county);
    await page.reload();
    await page.getByTestId('page-reporting').waitFor();
    const grid = page.getByTestId('grid-reporting');
    await expect(grid.getByRole('row', { name: new RegExp(home.name) })).toContainText('迟报');
    await expect(grid.getByRole('row', { name: new RegExp(other.name) })).toContainText('未报送');
    await expect(page.getByTestId('reporting-count-late')).toContainText('1');
    await expect(page.getByTestId('reporting-count-missing')).toContainText('1');
    await expect(page.getByTestId('reporting-share')).toContainText('50.0%');
    // the filter keeps one state
    await page.getByTestId('reporting-filter-missing').click();
    await expect(grid.getByRole('row', { name: new RegExp(home.name) })).toHaveCount(0);
    await expect(grid.getByRole('row', { name: new RegExp(other.name) })).toBeVisible();
    await page.getByTestId('reporting-filter-all').click();
    await page.mouse.move(0, 760);
    await shot(page, 'page');

    // 月报 warns before closing; closing stays offered
    await page.getByTestId('nav-month').click();
    const warning = page.getByTestId('month-reporting-warning');
    await expect(warning).toContainText('1 个机构尚未报送 11 月底前的数据');
    await expect(page.getByTestId('month-reporting-missing')).toHaveText(other.name);
    await expect(page.getByTestId('month-close')).toBeEnabled();
    await shot(page, 'month-warning');

    // 首页: one of two reported
    await page.getByTestId('nav-home').click();
    await expect(page.getByTestId('dashboard-reporting')).toContainText('上月报送：已报送 1/2（50.0%）');
    await shot(page, 'dashboard');

    // the printed list, from the month warning: both owing homes, blank phone columns
    await page.getByTestId('nav-month').click();
    await page.getByTestId('month-reporting-print').click();
    const form = page.getByTestId('printed-form');
    await expect(form).toContainText('2026年11月数据未报送机构名单');
    await expect(form).toContainText('报送截止：2026-12-01（已过）');
    await expect(form).toContainText('打印日期：2026-12-03');
    // the list's rows (not the sheet's frame around them): 未报送 first, then 迟报
    const rows = form.locator('.pf-sheet-body tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(`1碧江区${other.name}机构未报送2026-11-20`);
    await expect(rows.nth(1)).toContainText(`2碧江区${home.name}机构迟报2026-12-03`);
    await expect(form.getByRole('columnheader', { name: '联系结果' })).toBeVisible();
    await shot(page, 'print');
  } finally {
    await server.close();
  }
  // A facility install has nobody below it: no 报送情况 in its menu; opened by address, the page says whom to enrol.
  if (fac2.key) fac2.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(keyFingerprint(fac2.key)));
  const server2 = await startServer({ db: fac2, staticDir: path.resolve(__dirname, '../../out/renderer'), port: 0 });
  try {
    await page.goto(server2.loginUrl);
    await page.getByTestId('nav-home').waitFor();
    await expect(page.getByTestId('nav-month')).toBeVisible();
    await expect(page.getByTestId('nav-reporting')).toHaveCount(0);
    await expect(page.getByTestId('dashboard-reporting')).toHaveCount(0);
    await page.goto(`${new URL(server2.loginUrl).origin}/#/reporting`);
    await expect(page.getByTestId('reporting-empty')).toContainText('数据交换');
  } finally {
    await server2.close();
    setToday(null);
    for (const db of [fac2, fac, county, city]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
