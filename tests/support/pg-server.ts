/**
 * A real, throw-away PostgreSQL server for the tests.
 *
 * `.ci/run` starts one cluster for the whole run and exports its URL as ELDERCARE_TEST_PG.
 * Without that variable (a developer's `npx vitest run ...`), the first call in a test process
 * starts a cluster of its own the same way: a temp folder owned by postgres (initdb refuses
 * root), trust auth, 127.0.0.1 only, fsync off, on a free port. It is stopped
 * (`pg_ctl -m immediate stop`) and removed when the process exits (at 'exit', and by a watchdog
 * when the process is killed, as vitest ends its workers), and its URL is then put in
 * ELDERCARE_TEST_PG so that later calls, and the processes the test starts, use the same one.
 *
 * The server is Debian's (/usr/lib/postgresql/<version>/bin, the newest version there).
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

let started: Promise<string> | undefined;
let counter = 0;

/** The server's URL (its `postgres` database): ELDERCARE_TEST_PG, or a cluster started here. */
export async function testPgUrl(): Promise<string> {
  const fromEnv = process.env.ELDERCARE_TEST_PG;
  if (fromEnv) return fromEnv;
  started ??= startCluster();
  return started;
}

/**
 * A new, empty database (from template0, UTF8) on the test server, and its URL. Its name is
 * unique, `t_<pid>_<counter>_<random>`; `label`, when given, is put in it after `t_` (lower
 * case, letters, digits and _ only) to tell the databases apart in the server's log.
 */
export async function freshDatabase(label?: string): Promise<string> {
  const server = await testPgUrl();
  const tag = label ? `${label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 30)}_` : '';
  const name = `t_${tag}${process.pid}_${++counter}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The bin folder of the newest PostgreSQL installed the Debian way. */
function pgBin(): string {
  const versions = fs.existsSync(PG_ROOT)
    ? fs
        .readdirSync(PG_ROOT)
        .filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(`No PostgreSQL server in ${PG_ROOT}/*/bin (apt-get install postgresql), and ELDERCARE_TEST_PG is not set`);
  }
  return path.join(PG_ROOT, newest, 'bin');
}

/** A port nobody listens on now: the one the system gives a server bound to port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port from the system'));
      });
    });
  });
}

/** Whether `locale -a` lists C.UTF-8 (C.utf8), the locale initdb is given when it is there. */
function hasCUtf8(): boolean {
  const out = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  return out.status === 0 && /^c\.utf-?8$/im.test(out.stdout);
}

async function startCluster(): Promise<string> {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-test-pg-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  const log = path.join(dir, 'postgres.log');
  fs.mkdirSync(sock);
  // initdb and postgres refuse to run as root: as root, the folder goes to postgres and the
  // server commands run as postgres; as anyone else they run as that user
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = pgUser();
    for (const p of [dir, sock]) fs.chownSync(p, uid, gid);
  }
  const command = (file: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, file), ...args]] : [path.join(bin, file), args];
  // from the folder itself: postgres may not be allowed into the test's working directory
  const options = { cwd: dir, encoding: 'utf8' as const };

  const stopCommand = command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
  const stop = (): void => {
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) spawnSync(...stopCommand, { ...options, stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  watchdog(dir, stopCommand);

  try {
    const locale = hasCUtf8() ? '--locale=C.UTF-8' : '--no-locale';
    await run(...command('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--encoding=UTF8', locale]), options);
    const port = await freePort();
    const serverOptions = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off`;
    try {
      await run(...command('pg_ctl', ['-D', data, '-o', serverOptions, '-l', log, '-w', 'start']), options);
    } catch (e) {
      const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '(no log)';
      throw new Error(`PostgreSQL did not start in ${dir}: ${String(e)}\n${tail}`, { cause: e });
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    process.env.ELDERCARE_TEST_PG = url;
    return url;
  } catch (e) {
    process.off('exit', stop);
    stop();
    throw e;
  }
}

/**
 * Vitest ends its test processes with SIGTERM (then SIGKILL), which skips 'exit' handlers. So a
 * detached shell holds the read end of a pipe from this process and, when the pipe closes (this
 * process is gone, however it ended), stops the cluster and removes its folder. The pipe is
 * close-on-exec, so neither postgres nor any other child keeps it open.
 */
function watchdog(dir: string, [file, args]: [string, string[]]): void {
  const script = 'dir=$1; shift; cat >/dev/null; [ -f "$dir/data/postmaster.pid" ] && "$@" >/dev/null 2>&1; rm -rf "$dir"';
  const child = spawn('sh', ['-c', script, 'eldercare-test-pg-watchdog', dir, file, ...args], {
    cwd: '/',
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  (child.stdin as net.Socket | null)?.unref();
}

function pgUser(): { uid: number; gid: number } {
  const id = (flag: string): number | undefined => {
    const out = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    return out.status === 0 && /^\d+$/.test(out.stdout.trim()) ? Number(out.stdout.trim()) : undefined;
  };
  const uid = id('-u');
  const gid = id('-g');
  if (uid === undefined || gid === undefined) {
    throw new Error('Running as root, but there is no user postgres to run the test server as');
  }
  return { uid, gid };
}
