import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests open encrypted databases with a key of their own (one per run, inherited by the test
// processes and the CLI and servers they start), never the key file of the user running them.
process.env.ELDERCARE_DB_KEY ??= randomBytes(32).toString('hex');

export default defineConfig({
  // The same two aliases as tsconfig.json's `paths` and electron.vite.config.ts.
  resolve: {
    alias: {
      '@domain': fileURLToPath(new URL('./src-main/domain', import.meta.url)),
      '@contract': fileURLToPath(new URL('./src-main/contract', import.meta.url)),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
