/**
 * The CLI reaches the database through the api, except for the commands named in
 * src-main/cli/around-api.ts: only their modules import src-main/db/ or src-main/services/
 * beyond opening the database, the local actor and the atomic file writer. README lists the
 * same commands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AROUND_API } from '../../src-main/cli/around-api';

const CLI = path.resolve(__dirname, '../../src-main/cli');
const README = path.resolve(__dirname, '../../README.md');

/** What a module on the api path may still import from db/ and services/. */
const ALLOWED = new Set(['../db/open', '../services/local-actor', '../services/file-output']);

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

describe('the CLI around the api', () => {
  const aroundModules = new Set<string>(Object.values(AROUND_API).map((c) => c.module));
  const modules = fs.readdirSync(CLI).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

  it('names modules that exist', () => {
    for (const m of aroundModules) expect(modules).toContain(m);
  });

  it('only the modules of those commands import db/ or services/ beyond opening the database', () => {
    const reaching = modules
      .filter((m) => !aroundModules.has(m))
      .flatMap((m) => importsOf(path.join(CLI, `${m}.ts`)).filter((i) => /^\.\.\/(db|services)\//.test(i) && !ALLOWED.has(i)).map((i) => `${m}: ${i}`));
    expect(reaching).toEqual([]);
  });

  it('README’s command-line section lists each of them', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 1));
    for (const command of Object.keys(AROUND_API)) expect(section).toMatch(new RegExp(`^- \`${command}\``, 'm'));
  });
});
