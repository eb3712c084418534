/**
 * The desktop app's database key (src-main/electron/db-key-store.ts) on real temp folders,
 * with a fake safeStorage: a reversible transform tied to a "user profile", so a file wrapped
 * under one profile does not unwrap under another, and availability that can be switched off.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEY_FILE_NAME, keyFromHex, recoveryKeyOf, newKey, type DbKey } from '../../src-main/db/db-key';
import {
  desktopDatabaseKey,
  keyCreatedThisRun,
  keyProtection,
  keyRecoveredThisRun,
  loadDatabaseKey,
  resetKeyStatus,
  tryRecoveryKey,
  WRAPPED_KEY_FILE_NAME,
  type AskForRecoveryKey,
  type KeyStoreDeps,
  type NeedsRecovery,
  type ReadyKey,
} from '../../src-main/electron/db-key-store';

const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** safeStorage stand-in: "v10" + the text XORed with the profile's byte; another profile cannot unwrap it. */
function fakeSafeStorage() {
  const s = {
    available: true,
    backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
    profile: 0x5a,
    shouldReEncrypt: false,
    isAsyncEncryptionAvailable: vi.fn(async () => s.available),
    encryptStringAsync: vi.fn(async (text: string) => {
      if (!s.available) throw new Error('Encryption is not available.');
      return Buffer.concat([Buffer.from('v10'), Buffer.from([s.profile]), Buffer.from(text, 'utf8').map((b) => b ^ s.profile)]);
    }),
    decryptStringAsync: vi.fn(async (bytes: Buffer) => {
      if (!s.available) throw new Error('Decryption is not available.');
      if (bytes.subarray(0, 3).toString() !== 'v10' || bytes[3] !== s.profile) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(bytes.subarray(4).map((b) => b ^ s.profile)).toString('utf8'), shouldReEncrypt: s.shouldReEncrypt };
    }),
    getSelectedStorageBackend: vi.fn(() => s.backend),
  };
  return s;
}

let dir = '';
let safe = fakeSafeStorage();
let deps: KeyStoreDeps;
const wrapped = () => path.join(dir, WRAPPED_KEY_FILE_NAME);
const plain = () => path.join(dir, KEY_FILE_NAME);
const dbFile = () => path.join(dir, 'eldercare.db');
/** Every file in the folder with its bytes, to show that nothing changed. */
const snapshot = () => Object.fromEntries(fs.readdirSync(dir).sort().map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('base64')]));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-dbkey-'));
  safe = fakeSafeStorage();
  deps = { safeStorage: safe, dir, databaseFile: dbFile(), platform: 'linux' };
  resetKeyStatus();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function ready(state: Awaited<ReturnType<typeof loadDatabaseKey>>): ReadyKey {
  expect(state.state).toBe('ready');
  return state as ReadyKey;
}
function recovery(state: Awaited<ReturnType<typeof loadDatabaseKey>>): NeedsRecovery {
  expect(state.state).toBe('needs-recovery');
  return state as NeedsRecovery;
}
/** An encrypted database file (random pages: what SQLCipher's look like without the key). */
const someDatabase = () => fs.writeFileSync(dbFile(), crypto.randomBytes(8192));

describe('loadDatabaseKey', () => {
  it('on first run makes a key, wraps it with safeStorage into an owner-only db-key.enc and says it was created', async () => {
    const first = ready(await loadDatabaseKey(deps));
    expect(first).toMatchObject({ protection: 'os', created: true, recovered: false, file: wrapped() });
    expect(first.key).toHaveLength(32);
    expect(safe.encryptStringAsync).toHaveBeenCalledExactlyOnceWith(first.key.toString('hex'));
    expect(fs.readdirSync(dir)).toEqual([WRAPPED_KEY_FILE_NAME]); // no plain key file, no temporary file
    if (posix) expect(mode(wrapped())).toBe(0o600);
    const bytes = fs.readFileSync(wrapped());
    expect(bytes.toString('latin1')).not.toContain(first.key.toString('hex'));
    // the file is safeStorage's wrapping of the key's hex digits
    expect(keyFromHex((await safe.decryptStringAsync(bytes)).result)).toEqual(first.key);
  });

  it('a plain database from before encryption and no key yet (an upgrade): a new key, created, for the open to encrypt it with', async () => {
    fs.writeFileSync(dbFile(), Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]));
    const state = ready(await loadDatabaseKey(deps));
    expect(state).toMatchObject({ protection: 'os', created: true, recovered: false });
    expect(fs.existsSync(dbFile())).toBe(true);
  });

  it('on the next run unwraps the same key and makes nothing new', async () => {
    const first = ready(await loadDatabaseKey(deps));
    someDatabase();
    const before = snapshot();
    const second = ready(await loadDatabaseKey(deps));
    expect(second).toMatchObject({ protection: 'os', created: false, recovered: false });
    expect(second.key).toEqual(first.key);
    expect(snapshot()).toEqual(before);
  });

  it('a database without a key on this computer needs the recovery key, and nothing is made or deleted', async () => {
    someDatabase();
    const before = snapshot();
    expect(recovery(await loadDatabaseKey(deps))).toMatchObject({ reason: 'no-key', protection: 'os' });
    expect(snapshot()).toEqual(before);
    expect(safe.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('a wrapped key this profile cannot unwrap needs the recovery key, and the file is kept as it is', async () => {
    ready(await loadDatabaseKey(deps));
    someDatabase();
    safe.profile = 0x33; // another Windows account, a reinstalled system
    const before = snapshot();
    const state = recovery(await loadDatabaseKey(deps));
    expect(state).toMatchObject({ reason: 'undecryptable', protection: 'os', file: wrapped() });
    expect(state.detail).toContain('decrypting');
    expect(snapshot()).toEqual(before);
    // also without a database file: a key that exists is never replaced by a new one
    fs.rmSync(dbFile());
    expect(recovery(await loadDatabaseKey(deps)).reason).toBe('undecryptable');
    expect(fs.readdirSync(dir)).toEqual([WRAPPED_KEY_FILE_NAME]);
  });

  it('a wrapped file that unwraps to something that is not a key needs recovery too, and is kept', async () => {
    fs.writeFileSync(wrapped(), await safe.encryptStringAsync('not a key'));
    const before = snapshot();
    expect(recovery(await loadDatabaseKey(deps))).toMatchObject({ reason: 'undecryptable', file: wrapped() });
    expect(snapshot()).toEqual(before);
  });

  it('without OS protection falls back to the plain owner-only key file and says protection: file', async () => {
    safe.available = false;
    const first = ready(await loadDatabaseKey(deps));
    expect(first).toMatchObject({ protection: 'file', created: true, file: plain() });
    expect(fs.readdirSync(dir)).toEqual([KEY_FILE_NAME]);
    if (posix) expect(mode(plain())).toBe(0o600);
    expect(keyFromHex(fs.readFileSync(plain(), 'utf8'))).toEqual(first.key);
    someDatabase();
    const second = ready(await loadDatabaseKey(deps));
    expect(second).toMatchObject({ protection: 'file', created: false });
    expect(second.key).toEqual(first.key);
    // the key file stays in use when a keyring appears later (no silent move)
    safe.available = true;
    expect(ready(await loadDatabaseKey(deps))).toMatchObject({ protection: 'file', key: first.key });
  });

  it('on Linux, safeStorage without a secret store (basic_text) counts as no OS protection', async () => {
    safe.backend = 'basic_text';
    expect(ready(await loadDatabaseKey(deps))).toMatchObject({ protection: 'file', created: true });
    expect(fs.existsSync(wrapped())).toBe(false);
    // elsewhere the backend question does not arise
    fs.rmSync(plain());
    expect(ready(await loadDatabaseKey({ ...deps, platform: 'win32' }))).toMatchObject({ protection: 'os', created: true });
  });

  it('a wrapped key while the OS protection is unavailable needs recovery (os-unavailable), and is kept', async () => {
    ready(await loadDatabaseKey(deps));
    someDatabase();
    safe.available = false;
    const before = snapshot();
    expect(recovery(await loadDatabaseKey(deps))).toMatchObject({ reason: 'os-unavailable', protection: 'file', file: wrapped() });
    expect(snapshot()).toEqual(before);
  });

  it('a malformed plain key file needs recovery, and is kept', async () => {
    fs.writeFileSync(plain(), 'abc\n');
    someDatabase();
    const before = snapshot();
    const state = recovery(await loadDatabaseKey({ ...deps, safeStorage: { ...safe, isAsyncEncryptionAvailable: async () => false } }));
    expect(state).toMatchObject({ reason: 'undecryptable', protection: 'file', file: plain() });
    expect(state.detail).toContain('64');
    expect(snapshot()).toEqual(before);
  });

  it('wraps again when safeStorage says its key was rotated', async () => {
    const first = ready(await loadDatabaseKey(deps));
    const old = fs.readFileSync(wrapped());
    safe.shouldReEncrypt = true;
    // the fake wraps the same way again, so the call shows the re-wrap
    safe.encryptStringAsync.mockClear();
    expect(ready(await loadDatabaseKey(deps)).key).toEqual(first.key);
    expect(safe.encryptStringAsync).toHaveBeenCalledOnce();
    expect(fs.readFileSync(wrapped())).toEqual(old);
    expect(fs.readdirSync(dir)).toEqual([WRAPPED_KEY_FILE_NAME]);
  });

  it('when safeStorage says yes but cannot wrap, the first key goes to the plain file rather than nowhere', async () => {
    safe.encryptStringAsync.mockRejectedValueOnce(new Error('keychain locked'));
    expect(ready(await loadDatabaseKey(deps))).toMatchObject({ protection: 'file', created: true, file: plain() });
    expect(fs.readdirSync(dir)).toEqual([KEY_FILE_NAME]);
  });
});

describe('tryRecoveryKey', () => {
  const accept = () => true;

  it('re-wraps a good recovery key with safeStorage; the next run unwraps it without asking', async () => {
    const key = newKey();
    someDatabase();
    const verify = vi.fn((k: DbKey) => k.equals(key));
    const result = await tryRecoveryKey(deps, recoveryKeyOf(key).toLowerCase(), verify);
    expect(result).toMatchObject({ ok: true, ready: { protection: 'os', recovered: true, created: false, file: wrapped() } });
    expect(verify).toHaveBeenCalledOnce();
    if (posix) expect(mode(wrapped())).toBe(0o600);
    const next = ready(await loadDatabaseKey(deps));
    expect(next.key).toEqual(key);
    expect(next.recovered).toBe(false);
  });

  it('after an undecryptable key file: the recovered key replaces it, and the old file is moved aside, not deleted', async () => {
    ready(await loadDatabaseKey(deps));
    someDatabase();
    const old = fs.readFileSync(wrapped());
    safe.profile = 0x33;
    recovery(await loadDatabaseKey(deps));
    const key = newKey();
    expect((await tryRecoveryKey(deps, recoveryKeyOf(key), accept)).ok).toBe(true);
    const aside = fs.readdirSync(dir).filter((n) => n.startsWith(`${WRAPPED_KEY_FILE_NAME}.unusable-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!))).toEqual(old);
    expect(ready(await loadDatabaseKey(deps)).key).toEqual(key);
  });

  it('without OS protection keeps the recovered key in the plain 0600 key file', async () => {
    safe.available = false;
    someDatabase();
    const key = newKey();
    expect(await tryRecoveryKey(deps, recoveryKeyOf(key), accept)).toMatchObject({ ok: true, ready: { protection: 'file', file: plain() } });
    if (posix) expect(mode(plain())).toBe(0o600);
    expect(ready(await loadDatabaseKey(deps))).toMatchObject({ key, protection: 'file' });
  });

  it('names what is wrong with a mistyped recovery key, and keeps nothing', async () => {
    someDatabase();
    const good = recoveryKeyOf(newKey());
    const before = snapshot();
    const error = async (text: string) => {
      const r = await tryRecoveryKey(deps, text, accept);
      expect(r.ok).toBe(false);
      return (r as { error: string }).error;
    };
    // one character changed: the checksum catches it
    const i = good.search(/[0-9A-Z]/);
    const typo = good.slice(0, i) + (good[i] === '7' ? '8' : '7') + good.slice(i + 1);
    expect(await error(typo)).toMatch(/校验不符.*checksum mismatch/);
    // one character missing
    expect(await error(good.slice(0, -1))).toMatch(/57 个字符.*56 个.*57 characters/);
    // a letter base32 does not use
    expect(await error(good.replace(/[0-9A-Z]/, 'U'))).toMatch(/无效字符“U”.*Invalid character “U”/);
    expect(await error('   ')).toMatch(/请输入恢复密钥.*enter the recovery key/);
    expect(snapshot()).toEqual(before);
  });

  it('says so when a well-formed recovery key does not open this database, or cannot be checked', async () => {
    someDatabase();
    const text = recoveryKeyOf(newKey());
    expect(await tryRecoveryKey(deps, text, () => false)).toMatchObject({ ok: false, error: expect.stringMatching(/打不开本数据库.*does not open this database/) });
    expect(
      await tryRecoveryKey(deps, text, () => {
        throw new Error('database is locked');
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('database is locked') });
    expect(fs.readdirSync(dir)).toEqual(['eldercare.db']);
  });

  it('with no database file there is nothing to check against: a well-formed key is kept', async () => {
    const verify = vi.fn(() => false);
    expect((await tryRecoveryKey(deps, recoveryKeyOf(newKey()), verify)).ok).toBe(true);
    expect(verify).not.toHaveBeenCalled();
  });
});

describe('desktopDatabaseKey and what it tells the rest of the app', () => {
  const never: AskForRecoveryKey = () => Promise.reject(new Error('must not ask'));

  it('first run: created this run; the next run: not', async () => {
    const first = await desktopDatabaseKey({ ...deps, verify: () => true, ask: never });
    expect(first?.created).toBe(true);
    expect(keyCreatedThisRun()).toBe(true);
    expect(keyProtection()).toBe('os');
    someDatabase();
    const second = await desktopDatabaseKey({ ...deps, verify: () => true, ask: never });
    expect(second?.key).toEqual(first?.key);
    expect(keyCreatedThisRun()).toBe(false);
    expect(keyRecoveredThisRun()).toBe(false);
  });

  it('asks until a recovery key is accepted, showing each error, then keeps it', async () => {
    someDatabase();
    const key = newKey();
    const errors: Array<string | null> = [];
    const ask = vi.fn<AskForRecoveryKey>(async (state, attempt) => {
      expect(state.reason).toBe('no-key');
      errors.push(await attempt('12345'));
      errors.push(await attempt(recoveryKeyOf(key)));
      return true;
    });
    const got = await desktopDatabaseKey({ ...deps, verify: (k) => k.equals(key), ask });
    expect(got).toMatchObject({ key, recovered: true, protection: 'os' });
    expect(errors[0]).toMatch(/恢复密钥应为 57 个字符/);
    expect(errors[1]).toBeNull();
    expect(keyRecoveredThisRun()).toBe(true);
    expect(keyCreatedThisRun()).toBe(false);
    expect(ready(await loadDatabaseKey(deps)).key).toEqual(key);
  });

  it('a cancelled recovery gives no key and changes nothing', async () => {
    someDatabase();
    const before = snapshot();
    expect(await desktopDatabaseKey({ ...deps, verify: () => true, ask: async () => false })).toBeNull();
    expect(snapshot()).toEqual(before);
    expect(keyProtection()).toBeUndefined();
  });
});
