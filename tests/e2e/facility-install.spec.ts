/**
 * A facility's own install (issue 17) in browser mode, as the home's PC shows it: first with no
 * accounts (the local account, as a village PC starts), then logged in as the home's manager.
 * Screenshots of the home screen and the residents screen go to artifacts/facility-*.png
 * (1366×768) for review; the checks are what the home must show: its own facility only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createCaller } from '../../src-main/api/router';
import { keyFingerprint } from '../../src-main/db/db-key';
import { setToday } from '../../src-main/domain/dates';
import { startServer } from '../../src-main/server/http-server';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { RECOVERY_KEY_SHOWN_FOR } from '../../src-main/services/recovery-key';
import { facilityChain } from '../support/facility-chain';
import { AccountsPages } from './pages/accounts';
import { ARTIFACTS } from './support/fixtures';

const SHOTS = ARTIFACTS;
const PASSWORD = 'Tongren2026!';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOTS, `facility-${name}.png`) });
}

test('a facility install: the home and residents screens, local account and manager', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-e2e-fac-'));
  const { city, county, fac, home, other } = await facilityChain(dir);
  if (fac.key) fac.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(keyFingerprint(fac.key)));
  setToday('2026-12-01');
  const server = await startServer({ db: fac, staticDir: path.resolve(__dirname, '../../out/renderer'), port: 0 });
  try {
    await page.goto(server.loginUrl);
    await page.getByTestId('nav-home').waitFor();
    // it keeps no population, contracts or city settings: neither the menu nor the checklist offers them
    await expect(page.getByTestId('nav-population')).toHaveCount(0);
    await expect(page.getByTestId('nav-contracts')).toHaveCount(0);
    await expect(page.getByTestId('checklist-population')).toHaveCount(0);
    await expect(page.getByTestId('checklist-settings')).toHaveCount(0);
    await shot(page, 'home');
    await page.getByTestId('nav-residents').click();
    await expect(page.getByText(home.name, { exact: true }).first()).toBeVisible(); // a resident's row shows where they stay
    await shot(page, 'residents');
    await page.getByTestId('nav-facilities').click();
    // the grid's own rows (AG Grid's aria-live region may still hold its "加载中..." announcement)
    await expect(page.getByTestId('grid-facilities').getByRole('gridcell', { name: home.name, exact: true })).toBeVisible();
    await expect(page.getByText(other.name)).toHaveCount(0); // only its own facility
    await expect(page.getByTestId('facility-new')).toHaveCount(0); // new facilities are the county's to register
    await shot(page, 'facilities');

    // the home's manager
    const fid = fac.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(home.uid) as number;
    const admin = await createCaller(fac).account.setupAdmin({ username: 'admin', displayName: '院办', password: PASSWORD });
    await createCaller(fac, actorOfUser(userById({ db: fac }, admin.id)!)).user.create({ username: 'wu', displayName: '吴院长', role: 'facility', facilityIds: [fid], password: PASSWORD });
    await page.reload();
    await page.getByTestId('page-login').waitFor();
    await new AccountsPages(page).login('wu', PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    await expect(page.getByTestId('page-scoped-home')).toContainText(home.name);
    await shot(page, 'manager-home');
    await page.getByTestId('nav-residents').click();
    await expect(page.getByText(home.name, { exact: true }).first()).toBeVisible();
    await shot(page, 'manager-residents');
    await page.getByTestId('nav-facilities').click();
    await expect(page.getByTestId('grid-facilities').getByRole('gridcell', { name: home.name, exact: true })).toBeVisible();
    await shot(page, 'manager-facilities');
  } finally {
    await server.close();
    setToday(null);
    for (const db of [fac, county, city]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
