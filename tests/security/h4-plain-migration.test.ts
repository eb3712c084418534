/**
 * H4, the way there and the way back in: a plain database as today's main leaves it (with data,
 * its -wal, and plain backups) is encrypted on first open by the CLI on a machine with no key
 * set — the key file is created 0600 — with figures identical before and after and no plain
 * copy left; on a "new PC" (a fresh config folder) the database does not open, is not moved,
 * and the recovery key printed on the first PC opens it. Browser mode starts with zero set-up.
 * Everything through real processes (the CLI and the server as users run them).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../src-main/db/backup';
import { connect, SQLITE_HEADER } from '../../src-main/db/connection';
import { KEY_FILE_NAME } from '../../src-main/db/db-key';
import { openDatabase } from '../../src-main/db/open';
import { seedDemo } from '../../src-main/cli/demo-data';
import { plainCopyOf } from '../support/raw-db';
import { tempDir } from '../support/temp-db';

const CLI = path.resolve(__dirname, '../../src-main/cli/main.ts');
const DATE = '2026-11-30';

/** The environment of a PC with no key set: its own config folder, no ELDERCARE_DB_KEY. */
function pc(configHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: configHome };
  delete env.ELDERCARE_DB_KEY;
  return env;
}

function cli(env: NodeJS.ProcessEnv, args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const header = (file: string) => fs.readFileSync(file).subarray(0, 16).toString('latin1');
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

/** A plain copy with its contents, in WAL mode, as main before this change left its databases. */
function plainCopy(from: string, key: Buffer, dest: string): void {
  plainCopyOf(from, key, dest);
  const plain = connect(dest, null);
  try {
    plain.pragma('journal_mode = WAL');
    plain.prepare("UPDATE settings SET value = value WHERE key = 'unitName'").run();
  } finally {
    plain.close();
  }
}

describe('H4: a plain database migrated, the recovery key, zero set-up', () => {
  it('plain database → encrypted on first open, figures identical, plain copies gone, recovery key opens it on a new PC', async () => {
    const work = tempDir();
    // today's main: a database with the demo data (made here, then written out plain)
    const source = path.join(work, 'source.db');
    const db = openDatabase(source);
    await seedDemo(db);
    const key = db.key!;
    db.close();
    const before = cli(process.env, ['stats', '--db', source, '--date', DATE, '--json']);
    expect(before.code).toBe(0);

    const office = path.join(work, 'office');
    fs.mkdirSync(path.join(office, 'backups'), { recursive: true });
    const file = path.join(office, 'eldercare.db');
    plainCopy(source, key, file);
    plainCopy(source, key, path.join(office, 'backups', 'eldercare-20261101-090000-auto.db'));
    plainCopy(source, key, path.join(office, 'backups', 'eldercare-20261020-090000-manual.db'));
    for (const f of fs.readdirSync(path.join(office, 'backups'))) fs.rmSync(path.join(office, 'backups', f.replace(/\.db$/, '.db-wal')), { force: true });
    expect(header(file)).toBe(SQLITE_HEADER);

    // first open on the office PC, no key anywhere yet
    const configA = path.join(work, 'config-a');
    const after = cli(pc(configA), ['stats', '--db', file, '--date', DATE, '--json']);
    expect(after.err).toBe('');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.out)).toEqual(JSON.parse(before.out));
    const keyFile = path.join(configA, 'eldercare-register', KEY_FILE_NAME);
    expect(mode(keyFile)).toBe('600');
    expect(header(file)).not.toBe(SQLITE_HEADER);
    expect(mode(file)).toBe('600');
    const leftovers = fs.readdirSync(office).filter((n) => n.includes('.plain-') || n.includes('.encrypting-'));
    expect(leftovers).toEqual([]);
    const backups = listBackups(file);
    expect(backups.map((b) => b.kind).sort()).toEqual(['auto', 'manual', 'pre-encrypt']);
    for (const b of backups) expect(header(b.file)).not.toBe(SQLITE_HEADER);

    // the recovery key, as printed at set-up
    const shown = cli(pc(configA), ['key', 'show']);
    expect(shown.code).toBe(0);
    const recovery = /([0-9A-Z]{5}(?:-[0-9A-Z]{1,5}){11})/.exec(shown.out)![1]!;

    // a new PC: the database is not opened, not moved, not changed
    const configB = path.join(work, 'config-b');
    const bytes = fs.readFileSync(file);
    const refused = cli(pc(configB), ['stats', '--db', file, '--date', DATE, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('恢复密钥');
    expect(refused.err).not.toContain('损坏');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(office).filter((n) => n.includes('.damaged-'))).toEqual([]);
    expect(fs.existsSync(path.join(configB, 'eldercare-register', KEY_FILE_NAME))).toBe(false);

    // a mistyped recovery key is caught before it is tried
    const typo = cli(pc(configB), ['key', 'recover', '--db', file], `${recovery.slice(0, -1)}${recovery.endsWith('0') ? '1' : '0'}\n`);
    expect(typo.code).toBe(1);
    expect(typo.err).toContain('恢复密钥有误');

    const recovered = cli(pc(configB), ['key', 'recover', '--db', file], `${recovery.toLowerCase()}\n`);
    expect(recovered.err).toBe('');
    expect(recovered.code).toBe(0);
    expect(mode(path.join(configB, 'eldercare-register', KEY_FILE_NAME))).toBe('600');
    const onNewPc = cli(pc(configB), ['stats', '--db', file, '--date', DATE, '--json']);
    expect(onNewPc.code).toBe(0);
    expect(JSON.parse(onNewPc.out)).toEqual(JSON.parse(before.out));
    const t = (JSON.parse(onNewPc.out) as { rows: unknown[]; total: Record<string, unknown> }).total;
    process.stdout.write(`H4 migration: ${JSON.parse(onNewPc.out).rows.length} counties + city identical before, after and on the new PC; city total ${JSON.stringify(t)}; backups ${backups.map((b) => b.kind).join(', ')}\n`);
  }, 180_000);

  it('the CLI and browser mode on a new machine with no key set: working, key file created 0600', async () => {
    const work = tempDir();
    const config = path.join(work, 'config');
    const file = path.join(work, 'data', 'eldercare.db');
    const init = cli(pc(config), ['init', '--db', file]);
    expect(init.code).toBe(0);
    const keyFile = path.join(config, 'eldercare-register', KEY_FILE_NAME);
    expect(mode(keyFile)).toBe('600');
    expect(mode(file)).toBe('600');
    expect(header(file)).not.toBe(SQLITE_HEADER);

    // browser mode on the same machine, another database, zero set-up
    const config2 = path.join(work, 'config2');
    const file2 = path.join(work, 'data2', 'eldercare.db');
    // the tests run before the renderer is built: a stand-in page (the key handling is the server's)
    const renderer = path.join(work, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>养老</title>');
    const server = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../src-main/server/main.ts'), '--db', file2, '--port', '0'], {
      env: { ...pc(config2), ELDERCARE_RENDERER_DIR: renderer },
    });
    let out = '';
    server.stdout.on('data', (c: Buffer) => (out += c.toString()));
    server.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
      server.on('exit', () => reject(new Error(`server exited: ${out}`)));
      server.stdout.on('data', () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[0]);
        }
      });
    });
    try {
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(mode(path.join(config2, 'eldercare-register', KEY_FILE_NAME))).toBe('600');
      expect(mode(file2)).toBe('600');
      expect(header(file2)).not.toBe(SQLITE_HEADER);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.on('exit', r));
    }
  }, 120_000);
});
