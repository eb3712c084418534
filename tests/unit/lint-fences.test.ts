/**
 * The import fences of eslint.config.mjs hold: the contract imports only zod and the domain,
 * and what sits below the api (services, import, generator, database) never imports it.
 * Each fixture is linted as text under a path inside the fenced folder (no violating file
 * sits in the tree), and the real folders are linted to have no such import.
 *
 * The floors (eslint-plugin-boundaries): domain <- contract <- db <- services (import,
 * generate) <- api <- transports (server, electron, cli) <- renderer; one failing fixture per
 * floor, the allowed imports on each side, a path alias classified by its floor, and a fence
 * rule that an eslint-disable comment cannot switch off. The cycle check (madge, as
 * `npm run lint` runs it) finds a deliberate cycle and exits 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
const RULE = 'no-restricted-imports';

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

/** Each breaks one fence: [what, virtual file, code]. */
const FIXTURES: [string, string, string][] = [
  ['the contract imports the database', 'src-main/contract/lint-fixture.ts', "import { users } from '../db/schema';\nexport const t = users;\n"],
  ['the contract imports a service', 'src-main/contract/lint-fixture.ts', "import type { Actor } from '../services/context';\nexport type A = Actor;\n"],
  ['the contract imports the api', 'src-main/contract/lint-fixture.ts', "import { appRouter } from '../api/router';\nexport const r = appRouter;\n"],
  ['the contract imports node:fs', 'src-main/contract/lint-fixture.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
  ['a service imports the api', 'src-main/services/lint-fixture.ts', "import { appRouter } from '../api/router';\nexport const r = appRouter;\n"],
  ['a service imports electron', 'src-main/services/lint-fixture.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['the generator imports the api', 'src-main/generate/lint-fixture.ts', "import { createCaller } from '../api/router';\nexport const c = createCaller;\n"],
  ['the database layer imports the api', 'src-main/db/lint-fixture.ts', "import { toAppError } from '../api/errors';\nexport const e = toAppError;\n"],
  ['an import template imports the api', 'src-main/import/templates/lint-fixture.ts', "import { appRouter } from '../../api/router';\nexport const r = appRouter;\n"],
  ['the import imports api sessions', 'src-main/import/lint-fixture.ts', "import { SessionStore } from '../api/sessions';\nexport const s = SessionStore;\n"],
];

/** Allowed on each side of the fences. */
const ALLOWED: [string, string, string][] = [
  ['the contract imports zod, itself and the domain', 'src-main/contract/lint-fixture.ts',
    "import { z } from 'zod';\nimport { isIsoDate } from '../domain/dates';\nimport { entityId } from './schemas';\nexport const s = z.object({ id: entityId }).refine(() => isIsoDate('2026-01-01'));\n"],
  ['a service imports the contract', 'src-main/services/lint-fixture.ts', "import type { facilityCreateInput } from '../contract/schemas';\nexport type F = typeof facilityCreateInput;\n"],
  ['the import uses toAppError', 'src-main/import/lint-fixture.ts',
    "import { toAppError } from '../services/errors';\nexport const x = [toAppError];\n"],
];

const FLOOR_RULE = 'boundaries/dependencies';

/** Each imports upward (or sideways across a fence): [what, virtual file, code]. */
const FLOOR_FIXTURES: [string, string, string][] = [
  ['the domain imports the contract', 'src-main/domain/lint-fixture.ts', "import { entityId } from '../contract/schemas';\nexport const e = entityId;\n"],
  ['the domain imports the database', 'src-main/domain/lint-fixture.ts', "import type { AppDb } from '../db/open';\nexport type D = AppDb;\n"],
  ['the domain imports the contract by its alias', 'src-main/domain/lint-fixture.ts', "import { entityId } from '@contract/schemas';\nexport const e = entityId;\n"],
  ['the contract imports the database', 'src-main/contract/lint-fixture.ts', "import { users } from '../db/schema';\nexport const t = users;\n"],
  ['the database layer imports a service', 'src-main/db/lint-fixture.ts', "import { getSettings } from '../services/settings';\nexport const g = getSettings;\n"],
  ['a service imports the api', 'src-main/services/lint-fixture.ts', "import { appRouter } from '../api/router';\nexport const r = appRouter;\n"],
  ['a service re-exports the api', 'src-main/services/lint-fixture.ts', "export { appRouter } from '../api/router';\n"],
  ['the domain loads the database by a dynamic import', 'src-main/domain/lint-fixture.ts', "export const load = () => import('../db/open');\n"],
  ['a service imports the import', 'src-main/services/lint-fixture.ts', "import { runImport } from '../import/runner';\nexport const r = runImport;\n"],
  ['a service imports the generator', 'src-main/services/lint-fixture.ts', "import { generateDataSet } from '../generate/generate';\nexport const g = generateDataSet;\n"],
  ['the import imports the api', 'src-main/import/lint-fixture.ts', "import { toAppError } from '../api/errors';\nexport const e = toAppError;\n"],
  ['the api imports the server', 'src-main/api/lint-fixture.ts', "import { startServer } from '../server/http-server';\nexport const s = startServer;\n"],
  ['the api imports the cli', 'src-main/api/lint-fixture.ts', "import { renderTable } from '../cli/table';\nexport const t = renderTable;\n"],
  ['the api imports the desktop shell', 'src-main/api/routers/lint-fixture.ts', "import { API_CHANNEL } from '../../electron/channel';\nexport const c = API_CHANNEL;\n"],
  ['the server imports the desktop shell', 'src-main/server/lint-fixture.ts', "import { API_CHANNEL } from '../electron/channel';\nexport const c = API_CHANNEL;\n"],
  ['the cli imports the server', 'src-main/cli/lint-fixture.ts', "import { startServer } from '../server/http-server';\nexport const s = startServer;\n"],
  ['the desktop shell imports the cli', 'src-main/electron/lint-fixture.ts', "import { renderTable } from '../cli/table';\nexport const t = renderTable;\n"],
  ['the renderer imports a service at run time', 'src-renderer/src/lint-fixture.tsx', "import { countText } from '../../src-main/services/data-quality-summary';\nexport const c = countText;\n"],
  ['the renderer imports a service type', 'src-renderer/src/pages/lint-fixture.tsx', "import type { BedTile } from '../../../src-main/services/beds';\nexport type B = BedTile;\n"],
  ['the renderer imports the api router as a value', 'src-renderer/src/api/lint-fixture.ts', "import { appRouter } from '../../../src-main/api/router';\nexport const r = appRouter;\n"],
  ['the renderer imports another name of the api router by type', 'src-renderer/src/api/lint-fixture.ts', "import type { createCaller } from '../../../src-main/api/router';\nexport type C = typeof createCaller;\n"],
  ['the renderer imports another api type', 'src-renderer/src/api/lint-fixture.ts', "import type { Context } from '../../../src-main/api/trpc';\nexport type C = Context;\n"],
  ['the renderer imports the database', 'src-renderer/src/lint-fixture.tsx', "import { users } from '../../src-main/db/schema';\nexport const u = users;\n"],
  ['the renderer imports the cli', 'src-renderer/src/lint-fixture.tsx', "import { renderTable } from '../../src-main/cli/table';\nexport const t = renderTable;\n"],
];

/** Allowed by the floors (and by every other rule). */
const FLOOR_ALLOWED: [string, string, string][] = [
  ['the domain imports itself', 'src-main/domain/lint-fixture.ts', "import { isIsoDate } from './dates';\nexport const d = isIsoDate;\n"],
  ['a service imports the database, the contract and the domain', 'src-main/services/lint-fixture.ts',
    "import type { AppDb } from '../db/open';\nimport { entityId } from '../contract/schemas';\nimport { isIsoDate } from '../domain/dates';\nexport type D = AppDb;\nexport const x = [entityId, isIsoDate];\n"],
  ['the import imports a service and the generator beside it', 'src-main/import/lint-fixture.ts',
    "import { getSettings } from '../services/settings';\nimport { generateDataSet } from '../generate/generate';\nexport const x = [getSettings, generateDataSet];\n"],
  ['the api imports the import', 'src-main/api/lint-fixture.ts', "import { runImport } from '../import/runner';\nexport const r = runImport;\n"],
  ['the cli imports the api', 'src-main/cli/lint-fixture.ts', "import { createCaller } from '../api/router';\nexport const c = createCaller;\n"],
  ['the server imports a service and the api', 'src-main/server/lint-fixture.ts',
    "import { loginRequired } from '../services/accounts';\nimport { SessionStore } from '../api/sessions';\nexport const x = [loginRequired, SessionStore];\n"],
  ['the desktop shell imports the api', 'src-main/electron/lint-fixture.ts', "import { dispatch } from '../api/dispatch';\nexport const d = dispatch;\n"],
  ['the renderer imports the AppRouter type', 'src-renderer/src/api/lint-fixture.ts',
    "import type { AppRouter } from '../../../src-main/api/router';\nexport type R = AppRouter;\n"],
  ['the renderer imports the contract by its alias and the domain', 'src-renderer/src/pages/lint-fixture.tsx',
    "import { entityId } from '@contract/schemas';\nimport { isIsoDate } from '../../../src-main/domain/dates';\nexport const x = [entityId, isIsoDate];\n"],
  ['the renderer imports itself', 'src-renderer/src/pages/lint-fixture.tsx', "import { api } from '../api/client';\nexport const a = api;\n"],
];

/** A fence rule switched off by a comment is itself reported: [what, comment rule reported, code]. */
const DISABLES: [string, string, string][] = [
  ['eslint-disable-next-line boundaries/dependencies', 'no-restricted-disable',
    "// eslint-disable-next-line boundaries/dependencies\nimport { getSettings } from '../services/settings';\nexport const g = getSettings;\n"],
  ['eslint-disable no-restricted-imports', 'no-restricted-disable',
    "/* eslint-disable no-restricted-imports */\nimport { users } from '../db/schema';\nexport const t = users;\n"],
  ['eslint-disable-line @typescript-eslint/no-restricted-imports', 'no-restricted-disable',
    "import Database from 'better-sqlite3'; // eslint-disable-line @typescript-eslint/no-restricted-imports\nexport const d = Database;\n"],
  ['a bare eslint-disable-next-line', 'no-unlimited-disable',
    "// eslint-disable-next-line\nimport { getSettings } from '../services/settings';\nexport const g = getSettings;\n"],
  ['an inline rule configuration', 'no-use',
    "/* eslint boundaries/dependencies: off */\nimport { getSettings } from '../services/settings';\nexport const g = getSettings;\n"],
];

const MADGE = path.join(root, 'node_modules/madge/bin/cli.js');

/** madge as `npm run lint` runs it: its exit status and the cycles it found. */
function madgeCircular(dirs: string[], tsConfig: string, cwd: string): { status: number | null; cycles: string[][] } {
  const run = spawnSync(process.execPath, [MADGE, '--circular', '--json', '--no-spinner', '--extensions', 'ts,tsx', '--ts-config', tsConfig, ...dirs], { cwd, encoding: 'utf8' });
  return { status: run.status, cycles: JSON.parse(run.stdout) as string[][] };
}

describe('lint fences', () => {
  it('reports a PostgreSQL pool made outside src-main/db/pg/connection.ts, and allows it there and as a type', async () => {
    const code = "import pg from 'pg';\nexport const p = new pg.Pool();\n";
    expect(await ruleIds(code, 'src-main/services/hub/lint-fixture.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await ruleIds(code, 'src-main/db/pg/connection.ts')).toEqual([]);
    expect(await ruleIds("import type { PoolClient } from 'pg';\nexport type C = PoolClient;\n", 'src-main/services/hub/lint-fixture.ts')).toEqual([]);
  });

  it.each(FIXTURES)('reports it when %s', async (_what, file, code) => {
    expect(await ruleIds(code, file)).toContain(RULE);
  });

  it.each(ALLOWED)('allows it when %s', async (_what, file, code) => {
    expect(await ruleIds(code, file)).toEqual([]);
  });

  it('finds no fenced import in the real tree', async () => {
    const results = await eslint.lintFiles(['src-main/contract', 'src-main/services', 'src-main/import', 'src-main/generate', 'src-main/db', 'src-main/domain']);
    const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(results.length).toBeGreaterThan(50);
    expect(hits).toEqual([]);
  }, 120_000);
});

describe('lint floors', () => {
  it.each(FLOOR_FIXTURES)('reports it when %s', async (_what, file, code) => {
    expect(await ruleIds(code, file)).toContain(FLOOR_RULE);
  });

  it.each(FLOOR_ALLOWED)('allows it when %s', async (_what, file, code) => {
    expect(await ruleIds(code, file)).toEqual([]);
  });

  it('reports a file that belongs to no floor', async () => {
    expect(await ruleIds('export const x = 1;\n', 'src-main/misc/lint-fixture.ts')).toContain('boundaries/no-unknown-files');
  });

  it.each(DISABLES)('refuses %s', async (_what, rule, code) => {
    expect(await ruleIds(code, 'src-main/db/lint-fixture.ts')).toContain(`@eslint-community/eslint-comments/${rule}`);
  });

  it('still allows an eslint-disable comment that names another rule', async () => {
    const code = "// eslint-disable-next-line no-control-regex\nexport const nul = /\\x00/;\n";
    expect(await ruleIds(code, 'src-main/domain/lint-fixture.ts')).toEqual([]);
  });

  // Passes once the other parts of issue 13 are merged: today the renderer imports services
  // (the renderer part takes its types from AppRouter instead) and src-main/electron imports
  // src-main/server (csp.ts, upload-route.ts).
  it('finds no import across a floor in the real tree [after the merge of issue 13]', async () => {
    const results = await eslint.lintFiles(['src-main', 'src-renderer']);
    const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(results.length).toBeGreaterThan(200);
    expect(hits).toEqual([]);
  }, 180_000);
});

describe('cycle check', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cycle-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds a deliberate cycle and exits 1', () => {
    fs.mkdirSync(path.join(dir, 'cycle'));
    fs.writeFileSync(path.join(dir, 'cycle/a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    fs.writeFileSync(path.join(dir, 'cycle/b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', paths: { '@fixture/*': ['./alias/*'] } } }));
    const run = madgeCircular(['cycle'], 'tsconfig.json', dir);
    expect(run.cycles).toEqual([['a.ts', 'b.ts']]); // paths relative to the folder searched
    expect(run.status).toBe(1);
  }, 60_000);

  it('follows a tsconfig path alias to find a cycle', () => {
    fs.mkdirSync(path.join(dir, 'alias'));
    fs.writeFileSync(path.join(dir, 'alias/c.ts'), "import { d } from '@fixture/d';\nexport const c = () => d;\n");
    fs.writeFileSync(path.join(dir, 'alias/d.ts'), "import { c } from './c';\nexport const d = () => c;\n");
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', paths: { '@fixture/*': ['./alias/*'] } } }));
    const run = madgeCircular(['alias'], 'tsconfig.json', dir);
    expect(run.cycles).toEqual([['c.ts', 'd.ts']]);
    expect(run.status).toBe(1);
  }, 60_000);

  it('exits 0 when there is no cycle', () => {
    fs.mkdirSync(path.join(dir, 'tree'));
    fs.writeFileSync(path.join(dir, 'tree/e.ts'), "import { f } from './f';\nexport const e = () => f;\n");
    fs.writeFileSync(path.join(dir, 'tree/f.ts'), 'export const f = 1;\n');
    const run = madgeCircular(['tree'], path.join(root, 'tsconfig.json'), dir);
    expect(run.cycles).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  // Passes once the read-model part of issue 13 is merged: today services/regions.ts <->
  // settings.ts and services/beds.ts <-> facilities.ts still import each other.
  it('finds no cycle in the real tree [after the merge of issue 13]', () => {
    const run = madgeCircular(['src-main', 'src-renderer/src'], 'tsconfig.json', root);
    expect(run.cycles).toEqual([]);
    expect(run.status).toBe(0);
  }, 120_000);
});
