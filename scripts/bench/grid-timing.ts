/**
 * Browser timing of the residents grid (a script, not a CI test): browser mode on the
 * generated data set, Debian's Chromium driven by Playwright. Prints the time from
 * navigation to the first rendered rows, and from pressing Enter in the search box to the
 * filtered rows, over a few runs, with the renderer's JS heap and the browser's RSS.
 *
 *   npm run build   (renderer bundle in out/renderer; under the e2e lock when others build)
 *   npx tsx scripts/bench/grid-timing.ts [--scale city|province] [--runs N]
 *
 * Needs the cached data set of `npm run bench` (.tmp/bench/<scale>-<seed>.db).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { openDatabase } from '../../src-main/db/open';
import { DEFAULT_SEED } from '../../src-main/generate/generate';
import { startServer } from '../../src-main/server/http-server';
import { fmtMs, summarize } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const ROW = '[role="row"]:has([role="gridcell"])';

/** RSS of the Chromium processes using this profile folder: all of them (shared pages counted once per process), and the renderers. */
function browserRssMb(profile: string): { total: number; renderer: number } {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  let total = 0;
  let renderer = 0;
  for (const line of out.split('\n')) {
    if (!line.includes('chromium')) continue;
    const kb = Number(line.trim().split(/\s+/)[0]);
    if (line.includes(profile)) total += kb;
    if (line.includes('--type=renderer') && !line.includes('--extension-process')) renderer = Math.max(renderer, kb);
  }
  return { total: total / 1024, renderer: renderer / 1024 };
}

async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'city' }, runs: { type: 'string', default: '3' } }, strict: true });
  const cached = path.join(ROOT, '.tmp/bench', `${values.scale}-${DEFAULT_SEED}.db`);
  if (!fs.existsSync(cached)) throw new Error(`${cached} is missing: run npm run bench -- --scale ${values.scale} first`);
  const staticDir = path.join(ROOT, 'out/renderer');
  const file = path.join(ROOT, '.tmp/bench', `grid-${values.scale}.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(cached, file);
  const db = openDatabase(file);
  const residents = (db.sqlite.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
  const probe = db.sqlite.prepare('SELECT name FROM residents WHERE id = (SELECT max(id) / 2 FROM residents)').get() as { name: string };
  const server = await startServer({ db, staticDir, port: 0 });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-timing-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1400, height: 900 },
  });
  const first: number[] = [];
  const filtered: number[] = [];
  const api: number[] = [];
  const sent: number[] = [];
  let heap = 0;
  let rss = { total: 0, renderer: 0 };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    if (process.env.GRID_TIMING_DEBUG) page.on('request', (r) => console.log('request', r.method(), r.url().slice(0, 160)));
    await page.goto(server.loginUrl);
    await page.getByTestId('nav-home').waitFor({ timeout: 60_000 });
    for (let i = 0; i < Number(values.runs); i++) {
      // A new document each run (a hash change alone would keep the app and its query cache).
      await page.goto(`${server.url}/?run=${i}#/`);
      await page.getByTestId('nav-home').waitFor();
      // The dashboard's own queries finish first: the server answers one request at a time.
      await page.waitForLoadState('networkidle');
      const listed = page.waitForResponse((r) => r.url().includes('resident.list'), { timeout: 60_000 });
      const asked = page.waitForRequest((r) => r.url().includes('resident.list'), { timeout: 60_000 }).then(() => performance.now());
      const t0 = performance.now();
      await page.getByTestId('nav-residents').click();
      const response = await listed;
      api.push(performance.now() - t0);
      sent.push((await asked) - t0);
      await response.finished();
      await page.locator(ROW).first().waitFor({ timeout: 120_000 });
      first.push(performance.now() - t0);

      const search = page.getByTestId('resident-search').locator('input').or(page.locator('input[data-testid="resident-search"]')).first();
      await search.fill(probe.name);
      const t1 = performance.now();
      await search.press('Enter');
      await page.waitForFunction(
        (name) => {
          const cells = [...document.querySelectorAll('[role="row"] [role="gridcell"][col-id="name"]')];
          return cells.length > 0 && cells.every((c) => (c.textContent ?? '').startsWith(name));
        },
        probe.name,
        { timeout: 120_000 },
      );
      filtered.push(performance.now() - t1);
      heap = Math.max(heap, await jsHeapMb(page));
      const now = browserRssMb(profile);
      rss = { total: Math.max(rss.total, now.total), renderer: Math.max(rss.renderer, now.renderer) };
    }
  } finally {
    await context.close();
    await server.close();
    db.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const f = summarize(first);
  const s = summarize(filtered);
  const a = summarize(api);
  const asks = summarize(sent);
  const lines = [
    `residents grid in Chromium, ${values.scale} data set (${residents} residents), ${first.length} runs:`,
    `| residents grid: first rendered rows (click → rows) | ${fmtMs(f.median)} | ${fmtMs(f.min)}–${fmtMs(f.max)} | of which the api answer ${fmtMs(a.median)} (asked for after ${fmtMs(asks.median)}) |`,
    `| residents grid: search "${probe.name}" (Enter → filtered rows) | ${fmtMs(s.median)} | ${fmtMs(s.min)}–${fmtMs(s.max)} | |`,
    `| browser memory | | | renderer JS heap ${heap.toFixed(0)} MB; renderer process ${rss.renderer.toFixed(0)} MB RSS; all Chromium processes ${rss.total.toFixed(0)} MB (shared pages counted in each) |`,
  ];
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
