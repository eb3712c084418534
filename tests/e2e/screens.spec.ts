/**
 * Full-page screenshots of every main screen with the demo data, at 1366×768 (a common
 * office screen), kept in tests/artifacts/screen-*.png to be looked at. Each screen is also
 * checked for what must hold at that size: Chinese labels, nothing wider than the window.
 */
import type { Page } from '@playwright/test';
import { seedDemo } from '../../src-main/cli/demo-data';
import { expect, screenshot, test } from './support/fixtures';

test.describe.configure({ timeout: 300_000 });

/** Wait until the page has loaded its data and drawn it. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await expect(page.locator('.ag-overlay-loading-wrapper:visible')).toHaveCount(0);
  // ECharts animates its first drawing.
  await page.waitForTimeout(700);
}

/** Nothing may need a horizontal page scroll at 1366 px: wide tables scroll inside themselves. */
async function expectNoPageOverflow(page: Page, name: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${name}: the page is wider than the window`).toBeLessThanOrEqual(client);
}

/** Latin words a Chinese screen may show: the language switch, standards, file types. */
const ALLOWED_LATIN = new Set(['English', 'CSV', 'Excel', 'GB', 'PDF']);

/** Chinese an English screen may show: the switch back (中文, antd spaces it), terms kept as glossed. */
const CHINESE_IN_ENGLISH = new Set(['中文', '中', '文', '特困']);

/** The Chinese screen shows no English left untranslated. */
async function expectChinese(page: Page, name: string): Promise<void> {
  // File paths (the backup folder) are what they are.
  const text = (await page.evaluate(() => document.body.innerText)).replace(/\S*[/\\]\S*/g, ' ');
  const words = [...new Set(text.match(/[A-Za-z]{3,}/g) ?? [])].filter((w) => !ALLOWED_LATIN.has(w));
  expect(words, `${name}: English words on a Chinese screen`).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await settled(page);
  await expectChinese(page, name);
  // From the top, so sticky bars sit where a user first sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoPageOverflow(page, name);
  await screenshot(page, `screen-${name}`);
}

async function nav(page: Page, key: string, testId: string): Promise<void> {
  await page.getByTestId(`nav-${key}`).click();
  await page.getByTestId(testId).waitFor();
}

test('every main screen with the demo data at 1366×768', async ({ app, db, server }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await seedDemo(db);
  await app.reload();
  await app.getByTestId('nav-home').waitFor();
  const go = async (hash: string, testId: string) => {
    await app.goto(`${server.url}/#${hash}`);
    await app.getByTestId(testId).waitFor();
  };

  await nav(app, 'home', 'page-dashboard');
  await expect(app.getByTestId('dashboard-bpt-520602')).not.toHaveText('');
  await shoot(app, '01-home');

  await nav(app, 'facilities', 'page-facilities');
  await expect(app.getByRole('row').filter({ has: app.getByRole('gridcell') }).first()).toBeVisible();
  await shoot(app, '02-facilities');

  // The facility with the most residents: its detail and its bed board.
  const busiest = db.sqlite
    .prepare("SELECT f.id FROM facilities f JOIN stays st ON st.facility_id = f.id AND st.discharged_on IS NULL GROUP BY f.id ORDER BY count(*) DESC, f.id LIMIT 1")
    .get() as { id: number };
  await go(`/facilities/${busiest.id}`, 'page-facility-detail');
  await app.getByTestId('bed-board').waitFor();
  await shoot(app, '03-bed-board');
  await app.getByRole('tab', { name: /在住老人|老人/ }).first().click();
  await shoot(app, '04-facility-detail-residents');
  // A 公建民营 facility: its contract and status history.
  const ppp = db.sqlite.prepare("SELECT id FROM facilities WHERE ownership = 'public_private' ORDER BY id LIMIT 1").get() as { id: number };
  await go(`/facilities/${ppp.id}`, 'page-facility-detail');
  await app.getByRole('tab', { name: /合同/ }).first().click();
  await shoot(app, '05-facility-detail-contract');

  await nav(app, 'residents', 'page-residents');
  await expect(app.getByRole('row').filter({ has: app.getByRole('gridcell') }).first()).toBeVisible();
  await shoot(app, '06-residents');

  // A resident with the most history: stays and assessments.
  const storied = db.sqlite
    .prepare(
      `SELECT r.id FROM residents r ORDER BY (SELECT count(*) FROM stays s WHERE s.resident_id = r.id) + (SELECT count(*) FROM assessments a WHERE a.resident_id = r.id) DESC, r.id LIMIT 1`,
    )
    .get() as { id: number };
  await go(`/residents/${storied.id}`, 'page-resident');
  await shoot(app, '07-resident-record');

  // 入住: the first step, then the assessment form (能力评估) and the bed step for a resident not in care.
  await nav(app, 'admission', 'page-admission');
  await shoot(app, '08-admission');
  const free = db.sqlite
    .prepare('SELECT r.id FROM residents r WHERE NOT EXISTS (SELECT 1 FROM stays s WHERE s.resident_id = r.id AND s.discharged_on IS NULL) ORDER BY r.id LIMIT 1')
    .get() as { id: number } | undefined;
  expect(free, 'the demo has someone not in care').toBeDefined();
  await go(`/admission?residentId=${free!.id}`, 'admission-resident');
  await app.getByTestId('admission-next').click();
  await app.getByTestId('admission-step-assessment').waitFor();
  await app.getByTestId('assessment-fill-max').click();
  await app.getByTestId('assessment-item-walking').getByText('1', { exact: true }).click();
  await app.getByTestId('assessment-item-memory').getByText('0', { exact: true }).click();
  await shoot(app, '09-assessment');
  await app.getByTestId('assessment-assessor1').fill('龙建华');
  await app.getByTestId('assessment-assessor2').fill('田秀梅');
  await app.getByTestId('admission-next').click();
  await app.getByTestId('admission-step-bed').waitFor();
  await app.getByTestId('admission-facility').click();
  await app.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await app.getByTestId('admission-beds').or(app.getByTestId('admission-no-free-beds')).waitFor();
  await shoot(app, '10-admission-bed');

  await nav(app, 'contracts', 'page-contracts');
  await expect(app.getByRole('row').filter({ has: app.getByRole('gridcell') }).first()).toBeVisible();
  await shoot(app, '11-contracts');
  await app.getByRole('row').filter({ has: app.getByRole('gridcell') }).first().getByRole('gridcell').first().click();
  await app.getByTestId('contract-detail').waitFor();
  await shoot(app, '12-contract-detail');
  await app.keyboard.press('Escape');
  await app.getByTestId('tab-operators').click();
  await shoot(app, '13-operators');

  await nav(app, 'population', 'page-population');
  await shoot(app, '14-population');

  await nav(app, 'data-quality', 'page-data-quality');
  await shoot(app, '15-data-quality');

  await nav(app, 'settings', 'page-settings');
  await shoot(app, '16-settings');

  // 月报, where the build has it.
  if ((await app.getByTestId('nav-month').count()) > 0) {
    await nav(app, 'month', 'page-month');
    await shoot(app, '17-month');
  }
});

test('on a new database every list says what to do first', async ({ app, db }) => {
  const empty: Array<[key: string, testId: string, name: string]> = [
    ['home', 'page-dashboard', 'home'],
    ['facilities', 'page-facilities', 'facilities'],
    ['residents', 'page-residents', 'residents'],
    ['admission', 'page-admission', 'admission'],
    ['contracts', 'page-contracts', 'contracts'],
    ['data-quality', 'page-data-quality', 'data-quality'],
  ];
  for (const [key, testId, name] of empty) {
    await nav(app, key, testId);
    const grid = app.getByTestId('grid-empty');
    if ((await grid.count()) > 0) await expect(grid.first()).not.toHaveText('');
    await shoot(app, `empty-${name}`);
  }

  // In English no Chinese is left, apart from data: the region names.
  const regionNames = (db.sqlite.prepare('SELECT name FROM regions').all() as Array<{ name: string }>).map((r) => r.name);
  await app.getByTestId('lang-switch').click();
  for (const [key, testId, name] of empty) {
    await nav(app, key, testId);
    await settled(app);
    let text = await app.evaluate(() => document.body.innerText);
    for (const n of [...regionNames].sort((a, b) => b.length - a.length)) text = text.split(n).join(' ');
    const chinese = [...new Set(text.match(/[\u4e00-\u9fff]+/g) ?? [])].filter((w) => !CHINESE_IN_ENGLISH.has(w));
    expect(chinese, `${name}: Chinese left on the English screen`).toEqual([]);
    await screenshot(app, `screen-en-${name}`);
  }
});
