/**
 * Personal fields as the hub stores them: AES-256-GCM (node:crypto), a fresh 12-byte IV per
 * value, the table and column as associated data (a value cannot be moved to another field),
 * under a 32-byte key kept outside the database (a key file, or ELDERCARE_HUB_KEY). A dump or
 * a replica of the hub's PostgreSQL shows no ID number or phone; a person is looked up by the
 * resident uid, the keyed hash of the ID number every install shares (docs/security.md).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/** The fields sealed, by table (SQL names). */
export const PERSONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  residents: ['id_number', 'phone', 'emergency_phone'],
  facilities: ['legal_rep_phone'],
  operators: ['phone'],
};

const PREFIX = 'gcm1:';

export interface PersonalCipher {
  seal(table: string, column: string, value: string): string;
  open(table: string, column: string, sealed: string): string;
}

export function personalCipher(key: Buffer): PersonalCipher {
  if (key.length !== 32) throw new Error('个人信息加密密钥应为 32 字节 / the personal-data key is 32 bytes');
  return {
    seal(table, column, value) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(`${table}.${column}`));
      const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    open(table, column, sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error(`${table}.${column}: not a sealed value`);
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(`${table}.${column}`));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

/** The key: 64 hex digits in ELDERCARE_HUB_KEY, else in the file named (made, owner-only, when missing and `create`). */
export function hubKey(file: string | undefined, options: { create?: boolean } = {}): Buffer {
  const fromEnv = process.env.ELDERCARE_HUB_KEY;
  if (fromEnv) return parseKey(fromEnv, 'ELDERCARE_HUB_KEY');
  if (!file) throw new Error('需要个人信息加密密钥：--key-file 文件或环境变量 ELDERCARE_HUB_KEY / the personal-data key is needed: --key-file or ELDERCARE_HUB_KEY');
  if (!fs.existsSync(file) && options.create) fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return parseKey(fs.readFileSync(file, 'utf8'), file);
}

function parseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${where}：密钥应为 64 位十六进制数字 / the key is 64 hex digits`);
  return Buffer.from(hex, 'hex');
}
