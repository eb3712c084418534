/**
 * The import fences of eslint.config.mjs hold: the contract imports only zod and the domain,
 * and what sits below the api (services, import, generator, database) never imports it.
 * Each fixture is linted as text under a path inside the fenced folder (no violating file
 * sits in the tree), and the real folders are linted to have no such import.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

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
    "import { toAppError } from '../api/errors';\nexport const x = [toAppError];\n"],
];

describe('lint fences', () => {
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
