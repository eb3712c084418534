/**
 * Issue 18's two-server exchange in browser mode: a county section install and a facility
 * install, each with its own in-process server and its own browser context. The county
 * enrols the home THROUGH its 数据交换 page (the enrolment file is the page's download); the
 * home joins with it as `exchange join` does, admits someone, makes its package on its own
 * 数据交换 page; the county imports it by drag and drop (已导入), then again (已有（重复）),
 * and its dashboard and exchange.reporting show the home's report. Screenshots of both
 * 数据交换 pages go to artifacts/exchange-*.png (1366×768).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { keyFingerprint as dbKeyFingerprint } from '../../src-main/db/db-key';
import { installIdentity, keyFingerprint } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { setToday } from '../../src-main/domain/dates';
import { startServer } from '../../src-main/server/http-server';
import { joinFromEnrolment, makeEnrolment, readEnrolment } from '../../src-main/services/exchange/enrolment';
import { RECOVERY_KEY_SHOWN_FOR } from '../../src-main/services/recovery-key';
import { idFor } from '../integration/helpers';
import { BIJIANG, send } from '../support/facility-chain';
import { ARTIFACTS } from './support/fixtures';

const STATIC = path.resolve(__dirname, '../../out/renderer');
const groups = (fp: string) => fp.replace(/[^0-9a-zA-Z]/g, '').replace(/(.{4})(?=.)/g, '$1 ');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(ARTIFACTS, `exchange-${name}.png`), fullPage: false });
}

/** The recovery-key reminder is another screen's business: marked as shown. */
function keyShown(db: AppDb): void {
  if (db.key) db.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(dbKeyFingerprint(db.key)));
}

/** Drops files on the page's Dragger as a user would: a drop event whose DataTransfer holds the files. */
async function dropFile(page: Page, testId: string, ...files: string[]): Promise<void> {
  const sent = files.map((file) => ({ b64: fs.readFileSync(file).toString('base64'), name: path.basename(file) }));
  const dataTransfer = await page.evaluateHandle((sent) => {
    const dt = new DataTransfer();
    for (const { b64, name } of sent) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
    }
    return dt;
  }, sent);
  const target = page.getByTestId(testId).locator('.ant-upload-drag');
  const zone = (await target.count()) > 0 ? target : page.getByTestId(testId);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

async function residentsCard(page: Page): Promise<number> {
  await page.getByTestId('nav-home').click();
  const card = page.getByTestId('dashboard-card-residents');
  await expect(card).not.toHaveText('…');
  return Number((await card.innerText()).replace(/[^0-9]/g, ''));
}

test('two offices exchange: enrol on the county page, admit and report at the home, import by drag and drop', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-e2e-exchange-'));
  const f = (name: string) => path.join(dir, name);
  const city = openDatabase(f('city.db'));
  let county: AppDb | undefined;
  let fac: AppDb | undefined;
  const servers: Array<{ close(): Promise<void> }> = [];
  try {
    await seedDemo(city);
    const countyEnrol = readEnrolment(makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file);
    county = openDatabase(f('county.db'), { install: countyEnrol.place });
    joinFromEnrolment(county, countyEnrol);
    send(county, city);
    keyShown(county);
    // enrolled in November, so November is the home's to report; it reports on 12-07, after the deadline (the 5th)
    setToday('2026-11-25');
    const home = county.sqlite
      .prepare("SELECT id, uid, name FROM facilities WHERE region_code = ? AND kind IN ('support_home', 'nursing_home') ORDER BY id LIMIT 1")
      .get(BIJIANG) as { id: number; uid: string; name: string };

    // ——— the county: 数据交换, 登记下级 → the enrolment file and the fingerprint to read out ———
    const countyServer = await startServer({ db: county, staticDir: STATIC, port: 0 });
    servers.push(countyServer);
    const cp = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
    await cp.goto(countyServer.loginUrl);
    await cp.getByTestId('nav-home').waitFor();
    const residentsBefore = await residentsCard(cp);
    await cp.getByTestId('nav-exchange').click();
    await expect(cp.getByTestId('exchange-me-level')).toHaveText('区县');
    await expect(cp.getByTestId('exchange-me-fingerprint')).toHaveText(groups(keyFingerprint(installIdentity(county.sqlite).publicKey)));
    await cp.getByTestId('exchange-enrol-facility').click();
    await cp.keyboard.type(home.name);
    await cp.locator('.ant-select-item-option').filter({ hasText: home.name }).first().click();
    const enrolDownload = cp.waitForEvent('download');
    await cp.getByTestId('exchange-enrol-button').click();
    const enrolFile = f(await (await enrolDownload).suggestedFilename());
    await (await enrolDownload).saveAs(enrolFile);
    const modalFp = (await cp.getByTestId('exchange-enrol-fingerprint').innerText()).trim().replace(/\s+/g, ' ');
    await cp.getByRole('button', { name: '知道了' }).click();

    // ——— the home's PC: exchange join with the downloaded file (as the CLI does) ———
    const homeEnrol = readEnrolment(fs.readFileSync(enrolFile));
    expect(homeEnrol.place).toMatchObject({ level: 'facility', facilityUid: home.uid });
    fac = openDatabase(f('home.db'), { install: homeEnrol.place });
    const joined = joinFromEnrolment(fac, homeEnrol);
    expect(groups(joined.sectionFingerprint)).toBe(modalFp); // what was read out by phone is the county's key
    keyShown(fac);
    const facServer = await startServer({ db: fac, staticDir: STATIC, port: 0 });
    servers.push(facServer);

    // admit someone at the home (through the api: a new resident on a new bed)
    const api = createCaller(fac);
    const fid = fac.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(home.uid) as number;
    const [bed] = await api.bed.add({ facilityId: fid, count: 1, nursingCount: 0, labelPattern: 'E2E-{n}', inServiceFrom: '2026-11-01' });
    const person = await api.resident.create({ name: '交换测试', idNumber: idFor(901) });
    await api.stay.admit({ residentId: person.id, bedId: bed!.id, admittedOn: '2026-11-20' }); // within 首页's default date, the last month's end

    // ——— the home: 数据交换, first package still unanswered → 生成上报包 (on 12-07) ———
    setToday('2026-12-07');
    const fp = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
    await fp.goto(facServer.loginUrl);
    await fp.getByTestId('nav-exchange').click();
    await expect(fp.getByTestId('exchange-me-level')).toHaveText('机构');
    await expect(fp.getByTestId('exchange-first-pending')).toBeVisible();
    await expect(fp.getByTestId('exchange-enrol')).toHaveCount(0); // a facility enrols nobody
    const pkgDownload = fp.waitForEvent('download');
    await fp.getByTestId('exchange-export-button').click();
    const pkgFile = f(await (await pkgDownload).suggestedFilename());
    await (await pkgDownload).saveAs(pkgFile);
    expect(path.basename(pkgFile)).toMatch(/_上报包_2026-12-07_.*\.eldx$/);
    await expect(fp.getByTestId('exchange-exported')).toContainText(path.basename(pkgFile));
    await shot(fp, 'facility');
    await fp.getByTestId('lang-switch').click(); // the same page in English
    await expect(fp.getByTestId('exchange-export-button')).toHaveText('Make package');
    await expect(fp.getByTestId('exchange-me-level')).toHaveText('Facility');
    await shot(fp, 'facility-en');
    await fp.getByTestId('lang-switch').click();

    // ——— 报送情况 at the county before: the home, given its enrolment file, has not reported November ———
    const facUid = installIdentity(fac.sqlite).uid;
    await cp.reload(); // the page takes the server's day (now 12-07) when it loads: last month is November
    await cp.getByTestId('nav-reporting').click();
    await expect(cp.getByTestId('page-reporting')).toContainText(home.name);
    await expect(cp.getByTestId('reporting-count-missing')).toContainText('1');

    // ——— the county: drop the package on the Dragger → 已导入; again → 已有（重复） ———
    await cp.getByTestId('nav-exchange').click();
    await expect(cp.getByTestId('exchange-results')).toContainText('还没有导入文件');
    await dropFile(cp, 'exchange-drop', pkgFile);
    const imported = cp.getByTestId('exchange-result-imported');
    await expect(imported).toHaveCount(1);
    await expect(imported).toContainText(path.basename(pkgFile));
    await expect(imported).toContainText(home.name);
    await expect(imported).toContainText('2026-12-07');
    await expect(imported).toContainText('入住 1');
    await expect(imported.getByTestId('exchange-result-status')).toHaveText('已导入');
    await expect(cp.getByTestId('exchange-enrolled')).toContainText(groups(keyFingerprint(installIdentity(fac.sqlite).publicKey)));
    await dropFile(cp, 'exchange-drop', pkgFile);
    const again = cp.getByTestId('exchange-result-duplicate');
    await expect(again).toHaveCount(1);
    await expect(again.getByTestId('exchange-result-status')).toHaveText('已有（重复）');
    // several files in one drop are imported one after another (one upload at a time), a row each
    const copy = f('copy.eldx');
    fs.copyFileSync(pkgFile, copy);
    await dropFile(cp, 'exchange-drop', pkgFile, copy);
    await expect(cp.getByTestId('exchange-result-duplicate')).toHaveCount(3);
    await expect(cp.getByTestId('exchange-results')).toContainText('copy.eldx');
    await expect(cp.getByTestId('exchange-result-failed')).toHaveCount(0);
    await expect(cp.getByTestId('exchange-known')).toContainText(home.name);
    await cp.getByTestId('exchange-import').scrollIntoViewIfNeeded();
    await shot(cp, 'county');
    await cp.getByTestId('exchange-known').scrollIntoViewIfNeeded();
    await shot(cp, 'county-known');

    // the county's dashboard counts the admission; 报送情况 data says the home reported
    await cp.getByTestId('nav-home').click(); // the cached figure shows first, the refetched one follows
    await expect(cp.getByTestId('dashboard-card-residents')).toHaveText((residentsBefore + 1).toLocaleString('en-US'));
    const reporting = await createCaller(county).exchange.reporting({ month: '2026-11' });
    const row = reporting.rows.find((r) => r.uid === facUid);
    expect(row).toMatchObject({ level: 'facility', state: 'late' });
    expect(row!.lastReceivedAt).toBeTruthy();
    // and on 报送情况: the home now shows as late (its November package came after 12-05)
    await cp.getByTestId('nav-reporting').click();
    await expect(cp.getByTestId(`reporting-state-${facUid}`)).toHaveText('迟报');
    await expect(cp.getByTestId('reporting-deadline')).toContainText('2026-12-05');
    await shot(cp, 'county-reporting');

    // 重新登记 (the home's PC died): behind a confirmation that says what is lost; the old PC is revoked
    await cp.getByTestId('nav-exchange').click();
    await expect(cp.getByTestId('exchange-result-imported')).toHaveCount(1); // the results stay after a look at 首页
    await cp.getByTestId('exchange-enrol-facility').click();
    await cp.keyboard.type(home.name);
    await cp.locator('.ant-select-item-option').filter({ hasText: home.name }).first().click();
    await cp.getByTestId('exchange-reenrol-button').click();
    await expect(cp.locator('.ant-popconfirm')).toContainText('尚未报送的数据将丢失');
    const again2 = cp.waitForEvent('download');
    await cp.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    expect((await again2).suggestedFilename()).toMatch(/登记文件.*\.elde$/);
    await expect(cp.getByTestId('exchange-enrol-modal')).toContainText(`已吊销原电脑 …${installIdentity(fac.sqlite).uid.slice(-8)}`);
    await expect(cp.locator('.ant-popconfirm')).toBeHidden();
    await expect(cp.locator('.ant-modal.ant-zoom-appear')).toHaveCount(0); // the modal's opening animation is over
    await shot(cp, 'county-reenrol');
    await cp.getByRole('button', { name: '知道了' }).click();
    await expect(cp.getByTestId('exchange-known').locator('tr', { hasText: `…${installIdentity(fac.sqlite).uid.slice(-8)}` })).toContainText('已吊销');
  } finally {
    for (const s of servers) await s.close();
    setToday(null);
    for (const db of [fac, county, city]) db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
