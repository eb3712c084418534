/**
 * The residents grid on the city data set (the generator's ten Tongren counties, about 21,000
 * residents): the first rows come as one page from the server, the count is the server's,
 * sorting by name and filtering by county are requests the server answers in SQL, and the
 * grid never holds the whole register.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { createCaller } from '../../src-main/api/router';
import { keyFingerprint } from '../../src-main/db/db-key';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { generateDataSet } from '../../src-main/generate/generate';
import { RECOVERY_KEY_SHOWN_FOR } from '../../src-main/services/recovery-key';
import { startServer, type RunningServer } from '../../src-main/server/http-server';
import { screenshot } from './support/fixtures';
import { pick } from './pages/antd';

const ROOT = path.resolve(__dirname, '../..');
const COUNTY = { code: '520603', name: '万山区' };

test.describe.configure({ mode: 'serial' });

let dir: string;
let db: AppDb;
let server: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-e2e-city-'));
  const file = path.join(dir, 'city.db');
  // E2E_CITY_DB: a city data set made before with the same ELDERCARE_DB_KEY, to iterate on
  // this test without generating again (CI always generates: about a minute of CPU)
  const made = process.env.E2E_CITY_DB;
  if (made) fs.copyFileSync(made, file);
  db = openDatabase(file);
  if (!made) generateDataSet(db, 'city');
  if (db.key) db.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(keyFingerprint(db.key)));
  server = await startServer({ db, staticDir: path.join(ROOT, 'out/renderer'), port: 0 });
});

test.afterAll(async () => {
  await server?.close();
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cell = (page: Page, row: number, col: string) => page.locator(`[data-testid="grid-residents"] [row-index="${row}"] [col-id="${col}"]`).first();

test('city data set: first rows, sort by name and filter by county, each through the server', async ({ page }) => {
  const api = createCaller(db);
  const everyone = await api.resident.list({ limit: 1 });
  expect(everyone.total).toBeGreaterThan(15_000);
  const lastByName = (await api.resident.list({ sort: { by: 'name', dir: 'desc' }, limit: 1 })).rows[0]!;
  const inCounty = await api.resident.list({ counties: [COUNTY.code], limit: 1 });
  const lists: Array<Record<string, unknown>> = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!u.pathname.includes('resident.list')) return;
    const input = JSON.parse(u.searchParams.get('input') ?? '{}') as Record<string, Record<string, unknown>>;
    lists.push(...Object.values(input));
  });

  await page.goto(server.loginUrl);
  await page.getByTestId('nav-home').waitFor();
  await page.getByTestId('nav-residents').click();
  await expect(page.getByTestId('resident-count')).toContainText(everyone.total.toLocaleString('zh-CN'));
  await expect(cell(page, 0, 'name')).toHaveText(everyone.rows[0]!.name);
  // one page asked for, never the whole register
  expect(lists.length).toBeGreaterThan(0);
  expect(lists.every((i) => typeof i.limit === 'number' && i.limit <= 200)).toBe(true);
  await screenshot(page, 'residents-city');

  // name, descending (the first click sorts ascending, as the list already is)
  const nameHeader = page.locator('[data-testid="grid-residents"] .ag-header-cell[col-id="name"] .ag-header-cell-label');
  await nameHeader.click();
  await nameHeader.click();
  await expect(cell(page, 0, 'name')).toHaveText(lastByName.name);
  expect(lists.some((i) => JSON.stringify(i.sort) === JSON.stringify({ by: 'name', dir: 'desc' }))).toBe(true);

  // one county: the server's count and its rows, still sorted by name descending
  await pick(page, 'resident-filter-county', COUNTY.name);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('resident-count')).toContainText(inCounty.total.toLocaleString('zh-CN'));
  const firstInCounty = (await api.resident.list({ counties: [COUNTY.code], sort: { by: 'name', dir: 'desc' }, limit: 1 })).rows[0]!;
  await expect(cell(page, 0, 'name')).toHaveText(firstInCounty.name);
  expect(lists.some((i) => JSON.stringify(i.counties) === JSON.stringify([COUNTY.code]) && (i.offset ?? 0) === 0)).toBe(true);

  // scrolling far down asks for a later page; the grid holds a bounded number of rows
  await cell(page, 3, 'age').hover();
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 3000);
  await expect.poll(() => lists.some((i) => typeof i.offset === 'number' && i.offset >= 200)).toBe(true);
  await expect(page.getByTestId('grid-residents').locator('[row-index="0"]')).toHaveCount(0);
  expect(await page.getByTestId('grid-residents').locator('.ag-row').count()).toBeLessThan(300);
  await screenshot(page, 'residents-city-county');
});
