/**
 * 与中心服务器同步 in browser mode, against a real hub on a real PostgreSQL server: the city
 * install (the demo data set) is the hub's root. The administrator enters the hub's address
 * on 设置 and syncs on 数据交换: the first sync shows the hub's fingerprint to compare by
 * phone and says how many changes reached the hub, whose PostgreSQL then holds the city's
 * facilities; a second sync has nothing new to send (0 changes). With the hub stopped, 同步
 * says the hub could not be reached and nothing changes here or there. Screenshots of the
 * card go to artifacts/hub-sync-*.png.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedDemo } from '../../src-main/cli/demo-data';
import { keyFingerprint as dbKeyFingerprint } from '../../src-main/db/db-key';
import { installIdentity, keyFingerprint } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { openPg, type PgDb } from '../../src-main/db/pg/connection';
import { startHubServer, type RunningHubServer } from '../../src-main/server/hub-server';
import { startServer, type RunningServer } from '../../src-main/server/http-server';
import { Hub } from '../../src-main/services/hub/engine';
import { RECOVERY_KEY_SHOWN_FOR } from '../../src-main/services/recovery-key';
import { freshDatabase } from '../support/pg-server';
import { ARTIFACTS } from './support/fixtures';

const STATIC = path.resolve(__dirname, '../../out/renderer');
const groups = (fp: string) => fp.replace(/[^0-9a-zA-Z]/g, '').replace(/(.{4})(?=.)/g, '$1 ');

test.describe.configure({ mode: 'serial' });

let dir: string;
let city: AppDb;
let server: RunningServer;
let pg: PgDb;
let hub: Hub;
let hubServer: RunningHubServer | undefined;
let page: Page;

async function shot(name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.getByTestId('exchange-hub').screenshot({ path: path.join(ARTIFACTS, `hub-sync-${name}.png`) });
}

async function pgCount(table: string): Promise<number> {
  return (await pg.pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
}

function cityCount(table: string): number {
  return city.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/** What a sync may change at the city and at the hub. */
async function state() {
  const setting = (key: string) => city.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) ?? null;
  return {
    changeLog: city.sqlite.prepare('SELECT count(*) AS n, max(id) AS last FROM change_log').get(),
    audit: cityCount('audit_log'),
    acks: city.sqlite.prepare('SELECT peer, origin, seq FROM peer_acks ORDER BY peer, origin').all(),
    pinned: setting('_hub'),
    pulled: setting('_hubPulled'),
    facilities: cityCount('facilities'),
    hubPackages: await pgCount('hub_packages'),
    hubFacilities: await pgCount('facilities'),
  };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-e2e-hub-'));
  city = openDatabase(path.join(dir, 'city.db'));
  // the recovery-key reminder is another screen's business: marked as shown
  if (city.key) city.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(dbKeyFingerprint(city.key)));
  await seedDemo(city);
  server = await startServer({ db: city, staticDir: STATIC, port: 0 });
  pg = await openPg(await freshDatabase('hub_sync_e2e'));
  hub = await Hub.open({ pg, dataDir: path.join(dir, 'hub'), hubKey: randomBytes(32), rootFingerprint: keyFingerprint(installIdentity(city.sqlite).publicKey) });
  hubServer = await startHubServer({ hub });
  page = await browser.newPage();
  await page.goto(server.loginUrl);
  await page.getByTestId('nav-home').waitFor();
});

test.afterAll(async () => {
  await page?.close();
  await hubServer?.close();
  await hub?.close();
  await pg?.close();
  await server?.close();
  city?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('设置 → 中心服务器地址, then 同步 on 数据交换: the changes reach the hub, a second sync sends nothing new', async () => {
  test.setTimeout(180_000);
  const url = hubServer!.url;
  const card = page.getByTestId('exchange-hub');

  // no address yet: the card says so, offers 设置, and 同步 is disabled
  await page.getByTestId('nav-exchange').click();
  await expect(card).toContainText('与中心服务器同步');
  await expect(page.getByTestId('exchange-hub-empty')).toContainText('尚未设置中心服务器地址');
  await expect(page.getByTestId('exchange-hub-sync')).toBeDisabled();
  await shot('empty');

  // 设置: the address, saved with the other settings (an address that is not one is refused under the field)
  await page.getByTestId('exchange-hub-to-settings').click();
  const field = page.getByTestId('settings-hub-address');
  await expect(field).toHaveAttribute('placeholder', 'https://hub.example.gov.cn:5218');
  await expect(page.getByText('留空表示不使用中心服务器，只用U盘交换')).toBeVisible();
  await field.fill('hub.example.gov.cn');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('中心服务器地址：应为 https://主机[:端口] 形式的地址').first()).toBeVisible();
  await field.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-card ")][1]').screenshot({ path: path.join(ARTIFACTS, 'hub-sync-settings.png') });
  await field.fill(url);
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('设置已保存')).toBeVisible();

  // 数据交换: the address, no fingerprint before the first sync
  await page.getByTestId('nav-exchange').click();
  await expect(page.getByTestId('exchange-hub-address')).toHaveText(url);
  await expect(card).toContainText('首次同步后显示');
  await expect(page.getByTestId('exchange-hub-sync')).toBeEnabled();
  await shot('before');

  // the first sync (held back a moment, to see the spinner a long sync shows)
  const me = installIdentity(city.sqlite).uid;
  const changes = city.sqlite.prepare('SELECT count(*) FROM change_log WHERE origin = ?').pluck().get(me) as number;
  expect(changes).toBeGreaterThan(100);
  await page.route('**/api/exchange.sync*', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.getByTestId('exchange-hub-sync').click();
  await expect(page.getByTestId('exchange-hub-running')).toBeVisible();
  await expect(page.getByTestId('exchange-hub-sync')).toHaveClass(/ant-btn-loading/);
  await page.unrouteAll({ behavior: 'wait' });
  const result = page.getByTestId('exchange-hub-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  const fingerprint = groups(hub.identity().fingerprint);
  await expect(page.getByTestId('exchange-hub-first')).toContainText('请与市局电话核对此指纹');
  await expect(page.getByTestId('exchange-hub-first-fingerprint')).toHaveText(fingerprint);
  await expect(page.getByTestId('exchange-hub-fingerprint')).toHaveText(fingerprint);
  await expect(page.getByTestId('exchange-hub-sent')).toHaveText(`本机 ${changes.toLocaleString('zh-CN')} 条变更已送达中心服务器`);
  await expect(page.getByTestId('exchange-hub-pulled')).toHaveText('中心服务器没有给本机的新交换包');
  await expect(card.locator('.ant-typography-danger')).toHaveCount(0);
  await shot('first');

  // the hub's PostgreSQL holds the city's register
  const facilities = cityCount('facilities');
  expect(facilities).toBeGreaterThan(0);
  expect(await pgCount('facilities')).toBe(facilities);
  expect(await pgCount('beds')).toBe(cityCount('beds'));

  // again: nothing new to send, and no fingerprint to check again
  await page.getByTestId('exchange-hub-sync').click();
  await expect(page.getByTestId('exchange-hub-sent')).toHaveText('没有需要送达中心服务器的新变更（0 条）', { timeout: 120_000 });
  await expect(page.getByTestId('exchange-hub-first')).toHaveCount(0);
  await expect(page.getByTestId('exchange-hub-fingerprint')).toHaveText(fingerprint);
  await shot('second');
  expect(await pgCount('facilities')).toBe(facilities);
});

test('the hub stopped: 同步 says it could not be reached, and nothing changes', async () => {
  test.setTimeout(120_000);
  await hubServer!.close();
  hubServer = undefined;
  const before = await state();

  await page.getByTestId('nav-home').click();
  await page.getByTestId('nav-exchange').click();
  await page.getByTestId('exchange-hub-sync').click();
  const error = page.getByTestId('exchange-hub-error');
  await expect(error).toBeVisible({ timeout: 60_000 });
  await expect(error).toContainText('同步未完成');
  await expect(page.getByTestId('exchange-hub-error-text')).toContainText('连接不上中心服务器');
  await expect(page.getByTestId('exchange-hub-error-text')).toContainText('本机数据没有任何改动，网络恢复后再同步即可');
  await expect(page.getByTestId('exchange-hub-result')).toHaveCount(0);
  // the hub synced with before is still the one shown
  await expect(page.getByTestId('exchange-hub-fingerprint')).toHaveText(groups(hub.identity().fingerprint));
  await shot('error');

  expect(await state()).toEqual(before);
});
