/**
 * The database key: 32 random bytes, used as a raw SQLCipher key (no key derivation on
 * every open). Where it comes from:
 *   - the desktop app: a key wrapped by the operating system (Electron safeStorage), handed
 *     over with `useDatabaseKey` before the store is opened (src-main/electron/db-key-store.ts);
 *   - browser mode and the CLI: ELDERCARE_DB_KEY (64 hex digits), else the key file
 *     `db.key` in the user's config folder (0600), created on first use.
 * The recovery key is the same 32 bytes written for paper: 52 characters of Crockford base32
 * (no I, L, O, U) and 5 of checksum, in groups of 5 (the last of 2), so a mistyped character
 * is caught before it is tried against a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { userDataDir } from './paths';

export const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'db.key';
export type DbKey = Buffer;

export type KeySource = 'env' | 'file' | 'provided';

export interface ResolvedKey {
  key: DbKey;
  source: KeySource;
  /** The key file, when the key came from (or was just written to) one. */
  file?: string;
  /** The key file did not exist and was created now. */
  created: boolean;
}

export class DbKeyError extends Error {
  constructor(
    readonly code: 'KEY_MALFORMED' | 'KEY_FILE_UNREADABLE' | 'RECOVERY_KEY_MALFORMED',
    message: string,
  ) {
    super(message);
    this.name = 'DbKeyError';
  }
}

export function newKey(): DbKey {
  return crypto.randomBytes(KEY_BYTES);
}

export function keyFromHex(hex: string, what = 'ELDERCARE_DB_KEY'): DbKey {
  const t = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(t))
    throw new DbKeyError('KEY_MALFORMED', `${what} 必须是 64 位十六进制数字 / ${what} must be 64 hexadecimal digits`);
  return Buffer.from(t, 'hex');
}

/** The SQL literal SQLCipher takes as a raw key: x'<64 hex>'. */
export function rawKeyLiteral(key: DbKey): string {
  if (key.length !== KEY_BYTES) throw new DbKeyError('KEY_MALFORMED', `key must be ${KEY_BYTES} bytes`);
  return `"x'${key.toString('hex')}'"`;
}

/** A short, non-secret name of a key (to tell two keys apart in messages and logs). */
export function keyFingerprint(key: DbKey): string {
  return crypto.createHash('sha256').update('eldercare-db-key\0').update(key).digest('hex').slice(0, 16);
}

export function keyFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(userDataDir(platform, env), KEY_FILE_NAME);
}

/** Write a key file owner-only, atomically (a half-written key file would lock the owner out). */
export function writeKeyFile(file: string, key: DbKey): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, key.toString('hex') + '\n', { mode: 0o600, flag: 'w' });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

function readKeyFile(file: string): DbKey | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DbKeyError('KEY_FILE_UNREADABLE', `无法读取密钥文件：${file} / Cannot read the key file: ${file} (${e instanceof Error ? e.message : String(e)})`);
  }
  return keyFromHex(text, file);
}

let provided: DbKey | undefined;

/** The desktop shell hands over the key it unwrapped; everything opened afterwards uses it. */
export function useDatabaseKey(key: DbKey | undefined): void {
  if (key && key.length !== KEY_BYTES) throw new DbKeyError('KEY_MALFORMED', `key must be ${KEY_BYTES} bytes`);
  provided = key;
}

/**
 * The key to open (or create) databases with: the provided one, ELDERCARE_DB_KEY, or the
 * key file (created now if missing, unless `create` is false).
 */
export function resolveKey(options: { env?: NodeJS.ProcessEnv; keyFile?: string; create?: boolean } = {}): ResolvedKey {
  const env = options.env ?? process.env;
  if (provided && !options.keyFile) return { key: provided, source: 'provided', created: false };
  if (env.ELDERCARE_DB_KEY && !options.keyFile) return { key: keyFromHex(env.ELDERCARE_DB_KEY), source: 'env', created: false };
  const file = options.keyFile ?? keyFilePath(env);
  const existing = readKeyFile(file);
  if (existing) return { key: existing, source: 'file', file, created: false };
  if (options.create === false) throw new DbKeyError('KEY_FILE_UNREADABLE', `没有密钥文件：${file} / No key file: ${file}`);
  const key = newKey();
  writeKeyFile(file, key);
  return { key, source: 'file', file, created: true };
}

/** The key files are opened with when the caller has none at hand; never creates a key file. */
export function currentKey(): DbKey {
  return resolveKey({ create: false }).key;
}

// ---- the recovery key ------------------------------------------------------------------

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new DbKeyError('RECOVERY_KEY_MALFORMED', `恢复密钥中有无效字符“${ch}” / Invalid character “${ch}” in the recovery key`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function checksum(key: DbKey): string {
  return toBase32(crypto.createHash('sha256').update(key).digest().subarray(0, 3)).slice(0, 5);
}

/** The key as printed for the office safe: 52 characters of key and 5 of checksum, in groups of 5. */
export function recoveryKeyOf(key: DbKey): string {
  const body = toBase32(key) + checksum(key); // 52 + 5
  return body.match(/.{1,5}/g)!.join('-');
}

/** The key from its paper form; spaces, dashes, case and the look-alikes O/I/L are forgiven. */
export function keyFromRecovery(text: string): DbKey {
  const t = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (t.length !== 57)
    throw new DbKeyError('RECOVERY_KEY_MALFORMED', `恢复密钥应为 57 个字符（不含分隔符），现在是 ${t.length} 个 / The recovery key has 57 characters (without dashes); this one has ${t.length}`);
  const key = fromBase32(t.slice(0, 52)).subarray(0, KEY_BYTES);
  if (checksum(key) !== t.slice(52))
    throw new DbKeyError('RECOVERY_KEY_MALFORMED', '恢复密钥有误（校验不符），请逐字核对 / The recovery key is wrong (checksum mismatch); check it character by character');
  return Buffer.from(key);
}
