/**
 * `reset-password`: the way back in for a locked-out or forgetful administrator. The password
 * comes on standard input, never on the command line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { ANONYMOUS } from '../../src-main/services/accounts';
import { openDatabase } from '../../src-main/db/open';
import { rejection, tempDir } from '../support/temp-db';
import { PASSWORD } from '../support/two-facilities';

const ROOT = path.resolve(__dirname, '../..');
const cli = (args: string[], input: string) =>
  spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, ELDERCARE_DB: '' } });

describe('cli reset-password', () => {
  it('sets a new password from stdin and unlocks the account; refuses weak passwords and unknown accounts', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cli.db');
    let db = openDatabase(file);
    await createCaller(db).account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
    const anon = createCaller(db, ANONYMOUS);
    for (let i = 0; i < 5; i++) await rejection(anon.account.login({ username: 'admin', password: 'wrong' }));
    expect((await rejection(anon.account.login({ username: 'admin', password: PASSWORD }))).zh).toContain('锁定');
    db.close();

    const weak = cli(['reset-password', '--db', file, '--user', 'admin'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('密码至少 8 位');
    const unknown = cli(['reset-password', '--db', file, '--user', 'nobody'], 'NewPass123\n');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('账号不存在');
    const ok = cli(['reset-password', '--db', file, '--user', 'admin'], 'NewPass123\n');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('已重设');

    db = openDatabase(file);
    try {
      const api = createCaller(db, ANONYMOUS);
      expect((await api.account.login({ username: 'admin', password: 'NewPass123' })).username).toBe('admin');
      const audit = await createCaller(db).audit.list({ action: 'user.resetPassword' });
      expect(audit[0]).toMatchObject({ username: 'cli' });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
