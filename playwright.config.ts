import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

// The databases the tests make are encrypted with a key of this run (inherited by the
// workers), never with the key file of the user running them.
process.env.ELDERCARE_DB_KEY ??= randomBytes(32).toString('hex');

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download a browser here)
 * against browser mode. Each test starts its own server on its own port with its own
 * database (tests/e2e/support/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
