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
  {
    // The contract is data: the zod inputs, field labels and messages that the api, the
    // services, the import and the renderer share. It imports only zod, its own modules and
    // the pure domain — never the database, the services, the api or node.
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!zod$|\\./[\\w.-]+$|\\.\\./domain/[\\w.-]+$)',
          message: 'src-main/contract/ may import only zod, ./ (the contract) and ../domain/.',
        }],
      }],
    },
  },
  {
    // The contract sits below the services: services, the generator and the database layer
    // never import the api (routers, transport); they use src-main/contract/. This block
    // replaces the electron one for these files, so it repeats its restriction.
    files: ['src-main/services/**/*.ts', 'src-main/generate/**/*.ts', 'src-main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }],
        patterns: [{ group: ['**/api', '**/api/*'], message: 'Below the api: import the contract (src-main/contract/), not src-main/api/.' }],
      }],
    },
  },
  {
    // The import, likewise; it may still use one api module that is not contract: toAppError
    // (errors.ts: turns a SQLite, storage or tRPC error into an AppError).
    files: ['src-main/import/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }],
        patterns: [{
          group: ['**/api/*', '!**/api/errors'],
          message: 'Below the api: import the contract (src-main/contract/), not src-main/api/.',
        }],
      }],
    },
  },
);
