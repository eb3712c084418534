/**
 * Each test gets its own database file and its own server on a free port, started in
 * process, and a page already logged in through the per-run token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { keyFingerprint } from '../../../src-main/db/db-key';
import { openDatabase, type AppDb } from '../../../src-main/db/open';
import { setToday } from '../../../src-main/domain/dates';
import { RECOVERY_KEY_SHOWN_FOR } from '../../../src-main/services/recovery-key';
import { startServer, type RunningServer } from '../../../src-main/server/http-server';

export const ARTIFACTS = path.resolve(__dirname, '../../artifacts');

interface AppFixture {
  db: AppDb;
  server: RunningServer;
  app: Page;
}

interface AppOptions {
  /**
   * The recovery key counts as printed already (default), so the dashboard does not open with
   * it; tests/e2e/recovery-key.spec.ts sets this false. Written straight into the settings row
   * (no audit entry, which tests of the audit log would see).
   */
  recoveryKeyShown: boolean;
  /**
   * "Today" on the server's one clock for this test (as ELDERCARE_TODAY sets it), or null for
   * the machine's date. The renderer takes the day from the server.
   */
  today: string | null;
}

export const test = base.extend<AppFixture & AppOptions>({
  recoveryKeyShown: [true, { option: true }],
  today: [null, { option: true }],
  db: async ({ recoveryKeyShown }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-e2e-'));
    const db = openDatabase(path.join(dir, 'e2e.db'));
    if (recoveryKeyShown && db.key)
      db.sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(RECOVERY_KEY_SHOWN_FOR, JSON.stringify(keyFingerprint(db.key)));
    await use(db);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
  server: async ({ db, today }, use) => {
    setToday(today);
    const server = await startServer({ db, staticDir: path.resolve(__dirname, '../../../out/renderer'), port: 0 });
    await use(server);
    await server.close();
    setToday(null);
  },
  app: async ({ page, server }, use) => {
    await page.goto(server.loginUrl);
    await page.getByTestId('nav-home').waitFor();
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Today in the app's format; browser and server share this machine's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
