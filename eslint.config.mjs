import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the desktop shell may import electron: it cannot even be required on these machines.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }] }],
    },
  },
  {
    // Every connection is keyed: files are opened through src-main/db/connection.ts, never by
    // the driver directly (a plain `new Database` would read nothing, or write a plain file).
    files: ['src-main/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src-main/db/connection.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'better-sqlite3', allowTypeImports: true, message: 'Open files with connect() from src-main/db/connection.ts (keyed).' },
        ],
      }],
    },
  },
  {
    // The domain is pure: no I/O, no database, no shell.
    files: ['src-main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'better-sqlite3', 'drizzle-orm', 'fs', 'node:fs', 'path', 'node:path'],
        patterns: ['drizzle-orm/*', '../db/*', '../api/*'],
      }],
    },
  },
);
