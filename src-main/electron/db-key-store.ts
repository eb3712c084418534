/**
 * The desktop app's database key: 32 random bytes (db-key.ts) kept in `<userData>/db-key.enc`,
 * wrapped by the operating system with Electron's safeStorage (DPAPI on Windows, the Keychain
 * on macOS, the desktop's secret store on Linux). The file holds safeStorage's encryption of
 * the key's 64 hex digits.
 *
 *   - First run (no database file and no key yet): a new key is made, wrapped and written
 *     owner-only and atomically; `created` tells the app to show the recovery key once.
 *   - Later runs: the file is unwrapped.
 *   - No OS protection (Linux without a keyring, where safeStorage would only obfuscate with a
 *     fixed password): the plain owner-only key file of db-key.ts (`<userData>/db.key`) is used
 *     instead, and `protection: 'file'` says so.
 *   - A database but no key (another PC, a lost profile), or a key file this user cannot
 *     unwrap (another Windows account, a reinstalled system): `needs-recovery`. Nothing is
 *     ever deleted or overwritten here; a key that cannot be read stays where it is until a
 *     recovery key has been accepted, and is then moved aside, not removed.
 *
 * Everything that touches Electron comes in as `deps`, so this runs under plain Node in tests.
 * The asynchronous safeStorage API is used: the synchronous one (encryptString/decryptString)
 * is deprecated in Electron 45 and removed in 46; files written by either decrypt with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { isPlainSqlite } from '../db/connection';
import { DbKeyError, KEY_FILE_NAME, keyFromHex, keyFromRecovery, newKey, resolveKey, writeKeyFile, type DbKey } from '../db/db-key';

export const WRAPPED_KEY_FILE_NAME = 'db-key.enc';

/** Where the key is kept: wrapped by the operating system, or in a plain owner-only file. */
export type KeyProtection = 'os' | 'file';

/** The part of Electron's safeStorage this uses. */
export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export interface KeyStoreDeps {
  safeStorage: SafeStorageLike;
  /** Electron's userData folder: db-key.enc (and db.key without OS protection) live here. */
  dir: string;
  /** The database the key is for: whether it exists decides between first run and recovery. */
  databaseFile: string;
  /** For the Linux check (safeStorage without a secret store); defaults to process.platform. */
  platform?: NodeJS.Platform;
}

export interface ReadyKey {
  state: 'ready';
  key: DbKey;
  protection: KeyProtection;
  /** The file the key is kept in. */
  file: string;
  /** Made on this run: show the recovery key once. */
  created: boolean;
  /** Entered as a recovery key on this run. */
  recovered: boolean;
}

export type RecoveryReason =
  /** A database file but no key for it on this computer (another PC, a lost profile). */
  | 'no-key'
  /** A key file this user and computer cannot unwrap (another account, a reinstalled system). */
  | 'undecryptable'
  /** A wrapped key, but the operating system's protection is not available now. */
  | 'os-unavailable';

export interface NeedsRecovery {
  state: 'needs-recovery';
  reason: RecoveryReason;
  /** Where a recovered key will be kept. */
  protection: KeyProtection;
  /** The file that could not be used, if any (kept as it is). */
  file?: string;
  /** What went wrong, for the log or a detail line. */
  detail?: string;
}

export type KeyState = ReadyKey | NeedsRecovery;

export const wrappedKeyFile = (dir: string) => path.join(dir, WRAPPED_KEY_FILE_NAME);
export const plainKeyFile = (dir: string) => path.join(dir, KEY_FILE_NAME);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const exists = (file: string) => fs.existsSync(file);

async function encryptionAvailable(safeStorage: SafeStorageLike): Promise<boolean> {
  try {
    return await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    return false;
  }
}

/**
 * Whether the operating system really protects what safeStorage encrypts. On Linux without a
 * secret store safeStorage falls back to a hard-coded password ('basic_text'): that is no
 * better than a plain owner-only file, so a new key goes to the plain file and the settings
 * page can say so.
 */
export async function osProtectionAvailable(deps: Pick<KeyStoreDeps, 'safeStorage' | 'platform'>): Promise<boolean> {
  if (!(await encryptionAvailable(deps.safeStorage))) return false;
  if ((deps.platform ?? process.platform) === 'linux' && deps.safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

/** Write bytes owner-only under a temporary name, flush, then rename over the file. */
export function writeFileAtomic(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Move a key file that could not be used out of the way; never deletes it. */
function keepAside(file: string, now = new Date()): string | undefined {
  if (!exists(file)) return undefined;
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  let aside = `${file}.unusable-${stamp}`;
  for (let i = 2; exists(aside); i++) aside = `${file}.unusable-${stamp}-${i}`;
  fs.renameSync(file, aside);
  return aside;
}

async function unwrap(safeStorage: SafeStorageLike, bytes: Buffer): Promise<{ key: DbKey; shouldReEncrypt: boolean }> {
  const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(bytes);
  return { key: keyFromHex(result, WRAPPED_KEY_FILE_NAME), shouldReEncrypt };
}

/** Wrap a key and check that it unwraps to the same bytes before anything is written. */
async function wrap(safeStorage: SafeStorageLike, key: DbKey): Promise<Buffer> {
  const bytes = await safeStorage.encryptStringAsync(key.toString('hex'));
  const back = await unwrap(safeStorage, bytes);
  if (!back.key.equals(key)) throw new Error('safeStorage did not give back the key it wrapped');
  return bytes;
}

/** The key from the plain key file, or why it cannot be used. */
function readPlain(file: string): { key: DbKey } | { error: string } {
  try {
    return { key: resolveKey({ keyFile: file, create: false }).key };
  } catch (e) {
    return { error: message(e) };
  }
}

/**
 * The key for the database, or `needs-recovery`. Creates a key only when no key file exists
 * and the database is absent, empty or plain (made before encryption).
 */
export async function loadDatabaseKey(deps: KeyStoreDeps): Promise<KeyState> {
  const wrappedFile = wrappedKeyFile(deps.dir);
  const plainFile = plainKeyFile(deps.dir);
  const os = await osProtectionAvailable(deps);

  if (exists(wrappedFile)) {
    // Tried whenever safeStorage works at all: a file wrapped with a secret store may still
    // unwrap on a session where the store is not detected as such.
    let failure = 'safeStorage is not available';
    if (await encryptionAvailable(deps.safeStorage)) {
      try {
        const { key, shouldReEncrypt } = await unwrap(deps.safeStorage, fs.readFileSync(wrappedFile));
        if (shouldReEncrypt) {
          // The OS rotated its key: wrap again. The key in hand is good either way.
          try {
            writeFileAtomic(wrappedFile, await wrap(deps.safeStorage, key));
          } catch {
            // keep the old wrapping, which still works
          }
        }
        return { state: 'ready', key, protection: 'os', file: wrappedFile, created: false, recovered: false };
      } catch (e) {
        failure = message(e);
      }
    }
    // A plain key file beside it was written later, while the OS protection was unavailable.
    if (!exists(plainFile))
      return { state: 'needs-recovery', reason: os ? 'undecryptable' : 'os-unavailable', protection: os ? 'os' : 'file', file: wrappedFile, detail: failure };
  }

  // A plain key file: written while the OS protection was unavailable, and still in use.
  if (exists(plainFile)) {
    const plain = readPlain(plainFile);
    if ('key' in plain) return { state: 'ready', key: plain.key, protection: 'file', file: plainFile, created: false, recovered: false };
    return { state: 'needs-recovery', reason: 'undecryptable', protection: os ? 'os' : 'file', file: plainFile, detail: plain.error };
  }

  // An encrypted database with no key here needs its recovery key; a plain one (from a version
  // before encryption) gets a new key, and openDatabase encrypts it with that key.
  if (exists(deps.databaseFile) && fs.statSync(deps.databaseFile).size > 0 && !isPlainSqlite(deps.databaseFile))
    return { state: 'needs-recovery', reason: 'no-key', protection: os ? 'os' : 'file' };

  // First run: nothing to lose, so a new key.
  const key = newKey();
  if (os) {
    try {
      writeFileAtomic(wrappedFile, await wrap(deps.safeStorage, key));
      return { state: 'ready', key, protection: 'os', file: wrappedFile, created: true, recovered: false };
    } catch {
      // The OS said yes but could not wrap: keep the key in the plain file rather than not start.
    }
  }
  writeKeyFile(plainFile, key);
  return { state: 'ready', key, protection: 'file', file: plainFile, created: true, recovered: false };
}

/**
 * Keep a key entered as a recovery key: wrapped by the OS when it can, else in the plain key
 * file. A key file that could not be used is moved aside first, never deleted.
 */
export async function storeRecoveredKey(deps: KeyStoreDeps, key: DbKey): Promise<ReadyKey> {
  const wrappedFile = wrappedKeyFile(deps.dir);
  const plainFile = plainKeyFile(deps.dir);
  if (await osProtectionAvailable(deps)) {
    const bytes = await wrap(deps.safeStorage, key);
    keepAside(wrappedFile);
    // a plain key file would be read first next time (loadDatabaseKey): it cannot stay beside
    keepAside(plainFile);
    writeFileAtomic(wrappedFile, bytes);
    return { state: 'ready', key, protection: 'os', file: wrappedFile, created: false, recovered: true };
  }
  keepAside(plainFile);
  writeKeyFile(plainFile, key);
  return { state: 'ready', key, protection: 'file', file: plainFile, created: false, recovered: true };
}

export type RecoveryAttempt = { ok: true; ready: ReadyKey } | { ok: false; error: string };

/**
 * One try of a typed recovery key: its format and checksum (keyFromRecovery), then whether it
 * opens the database (`verify`, asked only when the database file exists), then it is kept.
 * A failure is a sentence for the window, in Chinese and English, naming what is wrong.
 */
export async function tryRecoveryKey(deps: KeyStoreDeps, text: string, verify: (key: DbKey) => boolean): Promise<RecoveryAttempt> {
  if (!text.trim()) return { ok: false, error: '请输入恢复密钥 / Please enter the recovery key' };
  let key: DbKey;
  try {
    key = keyFromRecovery(text);
  } catch (e) {
    return { ok: false, error: e instanceof DbKeyError ? e.message : `恢复密钥无效 / The recovery key is not valid (${message(e)})` };
  }
  if (exists(deps.databaseFile)) {
    let opens: boolean;
    try {
      opens = verify(key);
    } catch (e) {
      return { ok: false, error: `无法用这个恢复密钥检查数据库：${message(e)} / Could not check the database with this recovery key: ${message(e)}` };
    }
    if (!opens)
      return {
        ok: false,
        error: '这个恢复密钥格式正确，但打不开本数据库（可能是另一个数据库的恢复密钥） / This recovery key is well-formed but does not open this database (it may belong to another database)',
      };
  }
  try {
    return { ok: true, ready: await storeRecoveredKey(deps, key) };
  } catch (e) {
    return { ok: false, error: `恢复密钥正确，但无法保存到此电脑：${message(e)} / The recovery key is right, but it could not be saved on this computer: ${message(e)}` };
  }
}

/**
 * Asks the user for the recovery key until `attempt` accepts one (resolves true) or the user
 * cancels (resolves false). `attempt` answers null on success, else the error to show.
 */
export type AskForRecoveryKey = (reason: NeedsRecovery, attempt: (text: string) => Promise<string | null>) => Promise<boolean>;

/**
 * The key for the desktop app: loaded, created, or recovered by asking the user. Null when the
 * user cancelled the recovery (the app should quit; nothing has been changed).
 */
export async function desktopDatabaseKey(deps: KeyStoreDeps & { verify: (key: DbKey) => boolean; ask: AskForRecoveryKey }): Promise<ReadyKey | null> {
  const state = await loadDatabaseKey(deps);
  if (state.state === 'ready') return remember(state);
  let ready: ReadyKey | undefined;
  const accepted = await deps.ask(state, async (text) => {
    const result = await tryRecoveryKey(deps, text, deps.verify);
    if (!result.ok) return result.error;
    ready = result.ready;
    return null;
  });
  return accepted && ready ? remember(ready) : null;
}

// ---- what the rest of the app may know about the key (never the key itself) -------------

let status: { created: boolean; recovered: boolean; protection: KeyProtection } | undefined;

function remember(ready: ReadyKey): ReadyKey {
  status = { created: ready.created, recovered: ready.recovered, protection: ready.protection };
  return ready;
}

/** The database key was made on this run: the recovery key has never been shown yet. */
export function keyCreatedThisRun(): boolean {
  return status?.created ?? false;
}

/** How this run's key is kept ('os': wrapped by the operating system; 'file': a plain 0600 file), once known. */
export function keyProtection(): KeyProtection | undefined {
  return status?.protection;
}

/** The key was entered as a recovery key on this run. */
export function keyRecoveredThisRun(): boolean {
  return status?.recovered ?? false;
}

/** For tests: forget this run's key status. */
export function resetKeyStatus(): void {
  status = undefined;
}
