/**
 * Runs the command line or the browser-mode server from their built bundles (out/main/cli.js,
 * out/main/server.js) with plain node, so a start costs no TypeScript compile:
 *   node scripts/built.mjs cli <command> [options]      (npm run --silent cli -- …)
 *   node scripts/built.mjs server [options]             (npm run serve -- …)
 *   node scripts/built.mjs hub [options]                (npm run hub -- …)
 *   node scripts/built.mjs --status                     prints whether out/ is current
 * When a source is newer than the bundle (or the bundle is missing), it first runs
 * `electron-vite build` once (under a lock, so two starts never build at the same time),
 * with its output on stderr so a command's stdout (e.g. --json) stays clean.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = { cli: 'cli.js', server: 'server.js', hub: 'hub.js' };
/** What a build reads: every file under these folders, and these files. */
const SOURCE_DIRS = ['src-main', 'src-renderer', 'drizzle', 'resources'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'electron.vite.config.ts', 'tsconfig.json'];
const LOCK = path.join(ROOT, 'out', '.build-lock');

/** The newest source file: { file, mtimeMs }. */
function newestSource() {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file) => {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st && st.mtimeMs > newest.mtimeMs) newest = { file, mtimeMs: st.mtimeMs };
  };
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else consider(full);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d));
  for (const f of SOURCE_FILES) consider(path.join(ROOT, f));
  return newest;
}

/** Why the bundle must be rebuilt, or null when it is current. */
function staleness(entry) {
  const bundle = path.join(ROOT, 'out', 'main', ENTRIES[entry]);
  const st = fs.statSync(bundle, { throwIfNoEntry: false });
  if (!st) return `${path.relative(ROOT, bundle)} 不存在 / is missing`;
  // the renderer is served by the server: it must be there too
  if (entry === 'server' && !fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) return 'out/renderer 不存在 / is missing';
  const newest = newestSource();
  if (newest.mtimeMs > st.mtimeMs) return `${path.relative(ROOT, newest.file)} 比编译结果新 / is newer than the build`;
  return null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Build under out/.build-lock; a start that finds the lock waits for the other build, then checks again. */
function buildIfStale(entry) {
  for (;;) {
    const why = staleness(entry);
    if (!why) return;
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    try {
      fs.mkdirSync(LOCK);
    } catch {
      // another start is building; a lock older than 5 minutes is a killed build's
      const st = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 5 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      sleep(250);
      continue;
    }
    try {
      process.stderr.write(`正在编译（${why}）… / building (${why})…\n`);
      const bin = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
      const r = spawnSync(process.execPath, [bin, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
      if (r.status !== 0) {
        process.stderr.write('编译失败，见上方信息 / the build failed, see above\n');
        process.exit(r.status ?? 1);
      }
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}

const [entry, ...args] = process.argv.slice(2);
if (entry === '--status') {
  const why = { cli: staleness('cli'), server: staleness('server') };
  process.stdout.write(why.cli || why.server ? `stale: ${why.cli ?? why.server}\n` : 'current\n');
} else if (entry && Object.hasOwn(ENTRIES, entry)) {
  buildIfStale(entry);
  // the bundle reads its arguments from process.argv as if started directly
  process.argv = [process.argv[0], path.join(ROOT, 'out', 'main', ENTRIES[entry]), ...args];
  createRequire(import.meta.url)(process.argv[1]);
} else {
  process.stderr.write('用法 / usage: node scripts/built.mjs cli|server|hub [args…] | --status\n');
  process.exit(2);
}
