import js from '@eslint/js';
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The floors of the code, lowest first. A file may import its own floor and every floor below
 * it, never one above: domain (pure) <- contract (zod inputs, labels, messages) <- db <-
 * services (with import/ and generate/) <- api (routers, tRPC, dispatch, uploads, sessions) <-
 * the transports (server, electron, cli) <- renderer. Within a floor, the services do not import
 * the import or the generator (these two sit beside them and use them), and no transport
 * imports another. The renderer reaches the main process only over the api: at run time it may
 * import the domain and the contract, and from the api only `import type { AppRouter }`.
 * `resources/` (reference data files) is read by the database layer and above.
 * tests/, scripts/ and the config files are outside the floors.
 */
const FLOORS = [
  ['domain'],
  ['contract'],
  ['db'],
  ['services', 'import', 'generate'],
  ['api'],
  ['server', 'electron', 'cli'],
  ['renderer'],
];
const FOLDERS = {
  domain: 'src-main/domain',
  contract: 'src-main/contract',
  db: 'src-main/db',
  services: 'src-main/services',
  import: 'src-main/import',
  generate: 'src-main/generate',
  api: 'src-main/api',
  server: 'src-main/server',
  electron: 'src-main/electron',
  cli: 'src-main/cli',
  renderer: 'src-renderer',
  resources: 'resources',
};
/** What each element may import besides its own folder and the floors below it. */
const SAME_FLOOR = { import: ['services', 'generate'], generate: ['services', 'import'] };
const FLOOR_OF = Object.fromEntries(FLOORS.flatMap((types, i) => types.map((t) => [t, i])));
const below = (type) => FLOORS.slice(0, FLOOR_OF[type]).flat();
const FLOORS_MESSAGE =
  '{{from.type}} may not import {{#if to.type}}{{to.type}}{{else}}a file outside the floors{{/if}} ({{dependency.source}}). ' +
  'Floors, lowest first: domain <- contract <- db <- services, import, generate <- api <- server, electron, cli <- renderer; ' +
  'a file imports its own floor and those below; no transport imports another, and the renderer takes from the api only ' +
  '`import type { AppRouter }` (eslint.config.mjs).';
/** The rules that hold the floors; an eslint-disable comment may not switch them off. */
const FENCE_RULES = ['boundaries/*', 'no-restricted-imports', '@typescript-eslint/no-restricted-imports'];

const floorPolicies = [
  ...Object.keys(FLOOR_OF)
    .filter((type) => type !== 'renderer')
    .map((type) => ({
      from: { element: { type } },
      allow: {
        to: {
          element: {
            types: [type, ...(SAME_FLOOR[type] ?? []), ...below(type), ...(FLOOR_OF[type] >= FLOOR_OF.db ? ['resources'] : [])],
          },
        },
      },
    })),
  { from: { element: { type: 'renderer' } }, allow: { to: { element: { types: ['renderer', 'contract', 'domain'] } } } },
  {
    from: { element: { type: 'renderer' } },
    allow: {
      to: { element: { type: 'api', fileInternalPath: 'router.ts' } },
      dependency: { kind: 'type', specifiers: 'AppRouter' },
    },
  },
];

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
          { name: 'pg', allowTypeImports: true, message: 'Reach PostgreSQL through src-main/db/pg/connection.ts (its number types and migrations).' },
        ],
      }],
    },
  },
  {
    // The hub's one door to PostgreSQL (and the tests' throw-away servers).
    files: ['src-main/db/pg/connection.ts', 'tests/support/pg-server.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'better-sqlite3', allowTypeImports: true, message: 'Open files with connect() from src-main/db/connection.ts (keyed).' }],
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
    // The contract sits below the services: services, the import, the generator and the
    // database layer never import the api (routers, transport); they use src-main/contract/
    // (and services/errors.ts to say a failure as an AppError). This block
    // replaces the electron one for these files, so it repeats its restriction.
    files: ['src-main/services/**/*.ts', 'src-main/generate/**/*.ts', 'src-main/import/**/*.ts', 'src-main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }],
        patterns: [{ group: ['**/api', '**/api/*'], message: 'Below the api: import the contract (src-main/contract/), not src-main/api/.' }],
      }],
    },
  },
  {
    // The floors (FLOORS above), for every file of src-main and src-renderer. Imports are
    // resolved as TypeScript does (tsconfig.json, its paths aliases included), so
    // `@contract/schemas` counts as the contract. A file that belongs to no floor is reported.
    files: ['src-main/**/*.{ts,tsx}', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.entries(FOLDERS).map(([type, pattern]) => ({ type, pattern, partialMatch: false })),
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'import/resolver': { typescript: { project: 'tsconfig.json', alwaysTryTypes: true } },
      'boundaries/legacy-templates': false,
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkUnknownLocals: true, message: FLOORS_MESSAGE, policies: floorPolicies }],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // A fence cannot be switched off where it bites: no eslint-disable comment for the fence
    // rules, no bare eslint-disable (it would switch off every rule), and no inline rule
    // configuration (`/* eslint rule: off */`). Other rules may still be disabled with a
    // comment that names them (as api/uploads.ts does for no-control-regex).
    plugins: { '@eslint-community/eslint-comments': eslintComments },
    rules: {
      '@eslint-community/eslint-comments/no-restricted-disable': ['error', ...FENCE_RULES],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      '@eslint-community/eslint-comments/no-use': ['error', { allow: ['eslint-disable', 'eslint-disable-line', 'eslint-disable-next-line', 'eslint-enable'] }],
    },
  },
);
