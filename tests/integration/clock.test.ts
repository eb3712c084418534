/**
 * Issue 14, part 2: "today" comes from one clock the server can be given. A server started
 * with ELDERCARE_TODAY=2026-12-01 reports that day (account.status.today, what the renderer's
 * default dates follow) and refuses what lies after it; a bad value stops the server and the
 * CLI with a clear message. The real server and CLI entry points, in child processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setToday, todayIso } from '../../src-main/domain/dates';
import { ClockSettingError, clockFromEnv, clockNotice } from '../../src-main/services/clock';
import { freshDb, rejection, tempDir } from '../support/temp-db';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'src-main/server/main.ts');
const CLI = path.join(ROOT, 'src-main/cli/main.ts');

afterEach(() => setToday(null));

describe('clockFromEnv', () => {
  it('sets today from ELDERCARE_TODAY, clears it when unset, and refuses a bad value', async () => {
    expect(clockFromEnv({ ELDERCARE_TODAY: '2026-12-01' })).toBe('2026-12-01');
    expect(todayIso()).toBe('2026-12-01');
    expect(clockNotice('2026-12-01')).toBe('今天按 ELDERCARE_TODAY 取 2026-12-01 / today is 2026-12-01 (ELDERCARE_TODAY)\n');
    // the api's today follows it
    const { api } = freshDb();
    expect((await api.account.status()).today).toBe('2026-12-01');
    // and so do the rules that ask for today: November has ended on 2026-12-01, not on 2026-11-15
    expect((await rejection(api.month.close({ month: '2026-11' }))).code).toBe('NO_DATA_FOR_MONTH');
    clockFromEnv({ ELDERCARE_TODAY: '2026-11-15' });
    expect((await rejection(api.month.close({ month: '2026-11' }))).code).toBe('MONTH_NOT_ENDED');
    for (const bad of ['2026-02-30', '2026-12-1', '20261201', 'tomorrow']) expect(() => clockFromEnv({ ELDERCARE_TODAY: bad })).toThrow(ClockSettingError);
    expect(clockFromEnv({})).toBeNull();
    expect(todayIso()).toBe(todayIso(new Date()));
  });
});

describe('a server started with ELDERCARE_TODAY', () => {
  it('reports that date to the renderer (account.status.today)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>养老</title>');
    const server = spawn(process.execPath, ['--import', 'tsx', SERVER, '--db', path.join(dir, 'clock.db'), '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, ELDERCARE_TODAY: '2026-12-01', ELDERCARE_RENDERER_DIR: dir },
    });
    let out = '';
    server.stdout.on('data', (c: Buffer) => (out += c.toString()));
    server.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const loginUrl = await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
        server.on('exit', () => reject(new Error(`server exited: ${out}`)));
        server.stdout.on('data', () => {
          const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
          if (m) {
            clearTimeout(t);
            resolve(m[0]);
          }
        });
      });
      expect(out).toContain('今天按 ELDERCARE_TODAY 取 2026-12-01');
      const entered = await fetch(loginUrl, { redirect: 'manual' });
      const cookie = (entered.headers.get('set-cookie') ?? '').split(';')[0]!;
      const res = await fetch(`${new URL(loginUrl).origin}/api/account.status`, { headers: { 'x-eldercare-client': '1', cookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { result: { data: { today: string } } };
      expect(body.result.data.today).toBe('2026-12-01');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.on('exit', r));
    }
  }, 120_000);

  it('does not start with a bad ELDERCARE_TODAY, and says why; nor does the CLI', () => {
    const dir = tempDir();
    const env = { ...process.env, ELDERCARE_TODAY: '2026-13-01', ELDERCARE_RENDERER_DIR: dir };
    const s = spawnSync(process.execPath, ['--import', 'tsx', SERVER, '--db', path.join(dir, 'x.db'), '--port', '0'], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
    expect(s.status).toBe(1);
    expect(s.stderr).toContain('环境变量 ELDERCARE_TODAY 不是有效日期（应为 YYYY-MM-DD，如 2026-12-01）：2026-13-01');
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
    const c = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'init', '--db', path.join(dir, 'y.db')], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain('ELDERCARE_TODAY is not a valid date (YYYY-MM-DD, e.g. 2026-12-01): 2026-13-01');
    expect(fs.existsSync(path.join(dir, 'y.db'))).toBe(false);
  }, 120_000);

  it('the CLI takes its default --date from ELDERCARE_TODAY', () => {
    const dir = tempDir();
    const file = path.join(dir, 'z.db');
    const env = { ...process.env, ELDERCARE_TODAY: '2026-12-01' };
    expect(spawnSync(process.execPath, ['--import', 'tsx', CLI, 'init', '--db', file], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 }).status).toBe(0);
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'check', '--db', file], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
    expect(`${r.stdout}${r.stderr}`).toContain('2026-12-01');
  }, 120_000);
});
