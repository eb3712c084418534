/**
 * `npm run --silent cli` runs the bundle electron-vite built (out/main/cli.js) with plain
 * node, through scripts/built.mjs: it answers as the sources do (stats byte for byte against
 * tsx running src-main), and a bundle older than the sources is rebuilt before it runs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { freshDb } from '../support/temp-db';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'out', 'main', 'cli.js');
const env = { ...process.env, ELDERCARE_DB: '', ELDERCARE_TODAY: '2026-11-30' };

function built(args: string[]) {
  return spawnSync(process.execPath, ['scripts/built.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env });
}

describe('the built command line', () => {
  it('builds when stale, then answers stats exactly as the sources under tsx do', { timeout: 240_000 }, async () => {
    const { db } = freshDb();
    await seedDemo(db);
    db.close();

    // A bundle older than every source is stale, and the next run rebuilds it.
    if (fs.existsSync(BUNDLE)) fs.utimesSync(BUNDLE, new Date('2000-01-01'), new Date('2000-01-01'));
    expect(built(['--status']).stdout).toMatch(/^stale: /);

    const first = built(['cli', 'stats', '--db', db.file, '--date', '2026-10-31', '--json']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('正在编译');
    expect(fs.statSync(BUNDLE).mtimeMs).toBeGreaterThan(Date.parse('2001-01-01'));

    // Current now: the next run starts the bundle without building.
    const second = built(['cli', 'stats', '--db', db.file, '--date', '2026-10-31', '--json']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('正在编译');
    expect(built(['--status']).stdout).toBe('current\n');

    const viaTsx = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', 'stats', '--db', db.file, '--date', '2026-10-31', '--json'], { cwd: ROOT, encoding: 'utf8', env });
    expect(viaTsx.status, viaTsx.stderr).toBe(0);
    expect(second.stdout).toBe(viaTsx.stdout);
    expect(first.stdout).toBe(viaTsx.stdout);
    const figures = JSON.parse(second.stdout) as { rows: Array<{ beds: Record<string, number> }> };
    expect(figures.rows.length).toBeGreaterThan(0);
    expect(figures.rows.some((r) => Object.values(r.beds).some((n) => n > 0))).toBe(true);
  });

  it('an unknown entry is refused with the usage line, and nothing runs', () => {
    const r = built(['nonsense']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法 / usage');
    expect(built([]).status).toBe(2);
  });
});
