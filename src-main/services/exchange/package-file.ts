/**
 * A package file: one batch (types.ts) as it travels on a USB stick or any channel
 * (docs/exchange.md "Package files"). Compressed, encrypted for each of its recipients, signed
 * by the install that made it — node:crypto throughout:
 *
 *   "ELDX" | format u16 | header length u32 | header (JSON) | payload length u32 | payload | tag (16) | signature (64)
 *
 * - payload: gzip(JSON of the batch), AES-256-GCM under a random content key, the bytes before
 *   it as associated data (so the header cannot be swapped);
 * - header: format, the oldest reader format that can read it (`reader`), the app version, the
 *   sender's uid, the time, and per recipient the content key wrapped with AES-256-GCM under
 *   HKDF-SHA256 of an X25519 agreement between a fresh key and the recipient's box key;
 * - signature: Ed25519 by the sender over every byte before it.
 * A lost stick reveals only uids and a time; nothing of the register.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { agreeAsInstall, installIdentity, signAsInstall, verifyInstallSignature } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import type { Batch } from '../../db/exchange/types';
import { APP_VERSION } from '../../domain/app-version';

const MAGIC = Buffer.from('ELDX', 'ascii');
/** What this version writes and reads. */
export const PACKAGE_FORMAT = 1;
const SIGNATURE_BYTES = 64;
const TAG_BYTES = 16;

interface RecipientKey {
  to: string;
  /** The fresh X25519 public key (SPKI, base64). */
  epk: string;
  iv: string;
  tag: string;
  key: string;
}

export interface PackageHeader {
  format: number;
  /** The oldest reader format that reads this file (a newer writer keeps it at 1 while an old reader can hold what it carries). */
  reader: number;
  app: string;
  from: string;
  createdAt: string;
  iv: string;
  recipients: RecipientKey[];
  /** A new install's first packages: who it is, authenticated by its enrolment file's one-time secret (enrolment.ts). */
  enrolment?: EnrolmentClaim;
}

export interface EnrolmentClaim {
  uid: string;
  level: string;
  regionCode: string;
  facilityUid: string | null;
  publicKey: string;
  boxPublicKey: string;
  /** HMAC-SHA256 with the one-time secret over the fields above (hex). */
  mac: string;
}

export type PackageRefusalCode = 'NOT_A_PACKAGE' | 'NEEDS_UPGRADE' | 'UNKNOWN_SENDER' | 'REVOKED_KEY' | 'BAD_SIGNATURE' | 'NOT_FOR_THIS_INSTALL' | 'ENROLMENT_USED';

/** Why a file is not applied; NEEDS_UPGRADE is held (kept to import after an upgrade), the others refused. */
export class PackageRefused extends Error {
  constructor(
    readonly code: PackageRefusalCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${code}: ${en}`);
  }
}

function kek(shared: Buffer, epk: Buffer, recipientBox: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([epk, recipientBox]), 'eldercare package v1', 32));
}

function gcm(key: Buffer, iv: Buffer, plain: Buffer, aad: Buffer): { ct: Buffer; tag: Buffer } {
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { ct, tag: c.getAuthTag() };
}

function ungcm(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ct), d.final()]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** The box key of each recipient, from this install's registry. */
function boxKeyOf(db: AppDb, uid: string): Buffer {
  const key = db.sqlite.prepare('SELECT box_public_key FROM installs WHERE uid = ?').pluck().get(uid) as string | undefined;
  if (!key) throw new PackageRefused('NOT_FOR_THIS_INSTALL', `收件单位未登记：${uid}`, `The recipient is not enrolled: ${uid}`);
  return Buffer.from(key, 'base64');
}

/** The file for a batch, readable by its receiver and any further recipients named (from the registry). */
export function writePackage(
  db: AppDb,
  batch: Batch,
  alsoFor: readonly string[] = [],
  now = new Date(),
  enrolment?: EnrolmentClaim,
  /** What the file says of its writer: this version, or (a test) a newer one. */
  writer: { format: number; reader: number; app: string } = { format: PACKAGE_FORMAT, reader: PACKAGE_FORMAT, app: APP_VERSION },
): Buffer {
  const recipients = [...new Set([batch.to, ...alsoFor])].map((to) => ({ uid: to, box: boxKeyOf(db, to) }));
  return sealPackage(db, batch, recipients, now, enrolment, writer);
}

/** The file for a batch to a recipient outside the registry, by its box key (the hub: services/hub/sync-client.ts). */
export function writePackageTo(db: AppDb, batch: Batch, recipient: { uid: string; boxPublicKey: string }, now = new Date()): Buffer {
  return sealPackage(db, batch, [{ uid: recipient.uid, box: Buffer.from(recipient.boxPublicKey, 'base64') }], now);
}

function sealPackage(
  db: AppDb,
  batch: Batch,
  to: ReadonlyArray<{ uid: string; box: Buffer }>,
  now: Date,
  enrolment?: EnrolmentClaim,
  writer: { format: number; reader: number; app: string } = { format: PACKAGE_FORMAT, reader: PACKAGE_FORMAT, app: APP_VERSION },
): Buffer {
  const me = installIdentity(db.sqlite);
  const contentKey = crypto.randomBytes(32);
  const recipients = to.map(({ uid: to, box }): RecipientKey => {
    const fresh = crypto.generateKeyPairSync('x25519');
    const epk = fresh.publicKey.export({ type: 'spki', format: 'der' });
    const shared = crypto.diffieHellman({ privateKey: fresh.privateKey, publicKey: crypto.createPublicKey({ key: box, format: 'der', type: 'spki' }) });
    const iv = crypto.randomBytes(12);
    const wrapped = gcm(kek(shared, epk, box), iv, contentKey, Buffer.from(to));
    return { to, epk: epk.toString('base64'), iv: iv.toString('base64'), tag: wrapped.tag.toString('base64'), key: wrapped.ct.toString('base64') };
  });
  const iv = crypto.randomBytes(12);
  const header: PackageHeader = { format: writer.format, reader: writer.reader, app: writer.app, from: me.uid, createdAt: now.toISOString(), iv: iv.toString('base64'), recipients, ...(enrolment ? { enrolment } : {}) };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const front = Buffer.concat([MAGIC, u16(writer.format), u32(headerBytes.length), headerBytes]);
  const payload = gcm(contentKey, iv, zlib.gzipSync(Buffer.from(JSON.stringify(batch), 'utf8')), front);
  const body = Buffer.concat([front, u32(payload.ct.length), payload.ct, payload.tag]);
  return Buffer.concat([body, signAsInstall(db.sqlite, db.key, body)]);
}

const notAPackage = () => new PackageRefused('NOT_A_PACKAGE', '不是数据交换包文件，或文件不完整', 'Not an exchange package file, or the file is incomplete');
const damaged = () => new PackageRefused('BAD_SIGNATURE', '交换包已损坏或被改动（签名不符），未导入任何内容', 'The package is damaged or was altered (the signature does not match); nothing was imported');

/** Only the header: who sent it, for whom, when (readable without keys, for the import screen). */
export function readPackageHeader(bytes: Buffer): { header: PackageHeader; headerEnd: number } {
  if (bytes.length < 10 + TAG_BYTES + SIGNATURE_BYTES || !bytes.subarray(0, 4).equals(MAGIC)) throw notAPackage();
  const headerLength = bytes.readUInt32BE(6);
  const headerEnd = 10 + headerLength;
  if (headerEnd + 4 > bytes.length) throw notAPackage();
  let header: PackageHeader;
  try {
    header = JSON.parse(bytes.subarray(10, headerEnd).toString('utf8')) as PackageHeader;
  } catch {
    throw notAPackage();
  }
  if (typeof header.reader !== 'number' || typeof header.from !== 'string' || !Array.isArray(header.recipients)) throw notAPackage();
  return { header, headerEnd };
}

/**
 * Every check of a package but the opening: it is one, this version reads it, and it is signed
 * by a sender this install knows (or, a new install's first file, by the key its claim names)
 * whose key is not revoked — what a hub checks of a file it only passes on. Throws PackageRefused.
 */
export function checkSender(db: AppDb, bytes: Buffer, readable = PACKAGE_FORMAT, claimedKey?: string): { header: PackageHeader; headerEnd: number } {
  const { header, headerEnd } = readPackageHeader(bytes);
  if (header.reader > readable)
    throw new PackageRefused('NEEDS_UPGRADE', `该交换包由较新版本（${header.app}）生成，请升级到 ${header.app} 后导入；文件已保留`, `The package was made by a newer version (${header.app}); upgrade to ${header.app} and import it again; the file is kept`);
  const row = db.sqlite.prepare('SELECT public_key AS key, revoked_at AS revokedAt FROM installs WHERE uid = ?').get(header.from) as { key: string; revokedAt: string | null } | undefined;
  // a new install's first package, before it is registered: the key its claim names
  const sender = row?.key ?? claimedKey;
  if (row?.revokedAt)
    throw new PackageRefused(
      'REVOKED_KEY',
      `发送方的密钥已于 ${row.revokedAt.slice(0, 10)} 吊销（该电脑已停用或已重新登记），未导入任何内容`,
      `The sender's key was revoked on ${row.revokedAt.slice(0, 10)} (the PC was retired or re-enrolled); nothing was imported`,
    );
  if (!sender) throw new PackageRefused('UNKNOWN_SENDER', `发送方未在本机登记（${header.from}），不能导入`, `The sender is not enrolled here (${header.from}); the package cannot be imported`);
  const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  if (!verifyInstallSignature(sender, body, bytes.subarray(bytes.length - SIGNATURE_BYTES))) throw damaged();
  return { header, headerEnd };
}

/** Open a package for this install: the batch it carries, after every check. Throws PackageRefused. */
export function openPackage(db: AppDb, bytes: Buffer, readable = PACKAGE_FORMAT, claimedKey?: string): { header: PackageHeader; batch: Batch } {
  const { header, headerEnd } = checkSender(db, bytes, readable, claimedKey);
  const me = installIdentity(db.sqlite);
  const mine = header.recipients.find((r) => r.to === me.uid);
  if (!mine) throw new PackageRefused('NOT_FOR_THIS_INSTALL', '该交换包不是发给本单位的，未导入任何内容', 'The package is meant for another office; nothing was imported');
  try {
    const epk = Buffer.from(mine.epk, 'base64');
    const shared = agreeAsInstall(db.sqlite, db.key, epk);
    const contentKey = ungcm(kek(shared, epk, Buffer.from(me.boxPublicKey, 'base64')), Buffer.from(mine.iv, 'base64'), Buffer.from(mine.key, 'base64'), Buffer.from(mine.tag, 'base64'), Buffer.from(me.uid));
    const payloadLength = bytes.readUInt32BE(headerEnd);
    const start = headerEnd + 4;
    const ct = bytes.subarray(start, start + payloadLength);
    const tag = bytes.subarray(start + payloadLength, start + payloadLength + TAG_BYTES);
    const plain = ungcm(contentKey, Buffer.from(header.iv, 'base64'), ct, tag, bytes.subarray(0, headerEnd));
    const batch = JSON.parse(zlib.gunzipSync(plain).toString('utf8')) as Batch;
    if (batch.from !== header.from) throw damaged();
    return { header, batch };
  } catch (e) {
    if (e instanceof PackageRefused) throw e;
    throw damaged();
  }
}
