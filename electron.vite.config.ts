import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// The floors the renderer and main may import by name; the same two as tsconfig.json's
// `paths` and vitest.config.mts.
const alias = {
  '@domain': resolve(__dirname, 'src-main/domain'),
  '@contract': resolve(__dirname, 'src-main/contract'),
};

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          // Imports run in a worker thread (src-main/import/worker-host.ts finds it beside index.js).
          'import-worker': resolve(__dirname, 'src-main/import/import-worker.ts'),
          // The command line and the browser-mode server, run by plain node (scripts/built.mjs):
          // no TypeScript compile on every start.
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          server: resolve(__dirname, 'src-main/server/main.ts'),
          // The hub: the central server on PostgreSQL that installs sync with (npm run hub).
          hub: resolve(__dirname, 'src-main/server/hub-main.ts'),
        },
        // Shared chunks beside the entries: code that finds files by __dirname (drizzle/, the
        // worker) must see out/main whichever bundle it lands in.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    resolve: { alias },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
      chunkSizeWarningLimit: 4000,
    },
  },
});
