/**
 * Enrolment and package exchange by file (docs/exchange.md "Enrolment"):
 *
 * 1. The section makes an **enrolment file** for a place (a facility, or a county at the
 *    city): the place, the registry rows of the offices above it, the city secret, a one-time
 *    secret, and the register the new install starts with. Signed by the section.
 * 2. `join` makes the new install from it: its own keys, the city secret, the registry, the
 *    register. It prints its key fingerprint; the section's import prints the same one, so a
 *    clerk confirms it by phone.
 * 3. The new install's first packages carry who it is (uid, keys, place) with an HMAC under the
 *    one-time secret. The section's import checks it against its enrolment files, registers
 *    the install and applies the package. An enrolment file works once: a second install
 *    claiming it is refused.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { citySecret } from '../../db/city-secret';
import { installIdentity, keyFingerprint, signAsInstall, verifyInstallSignature } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import type { Batch, ReceiveReport } from '../../db/exchange/types';
import { APP_VERSION } from '../../domain/app-version';
import { clockNowIso } from '../../domain/dates';
import { fail } from '../../domain/errors';
import type { InstallPlace } from '../../domain/install-place';
import { INSTALL } from '../../domain/ownership';
import { audit, write } from '../context';
import { localActor } from '../local-actor';
import { makeBatch, startingBatch } from './batch';
import { checkPlace, ownRegistryRow, registerInstall, replacedAt, revokedAt, rowsAbove, startInstall, type RegistryRow } from './enrol';
import { PackageRefused, writePackage, type EnrolmentClaim, type PackageHeader } from './package-file';
import { receiveBatch } from './receive';

const MAGIC = Buffer.from('ELDE', 'ascii');
/** Install-local: this install's enrolment, until its section has answered. */
export const PENDING_KEY = '_enrolment';

interface EnrolmentFile {
  format: 1;
  app: string;
  section: string;
  place: InstallPlace;
  registry: RegistryRow[];
  /** A re-enrolment: the revoked install the new one takes over from. */
  replaces?: string | null;
  citySecret: string;
  oneTime: string;
  batch: Batch;
  createdAt: string;
}

/** The section's enrolment file for a place. */
export function makeEnrolment(sectionDb: AppDb, place: InstallPlace): { file: Buffer; fingerprint: string } {
  const section = installIdentity(sectionDb.sqlite);
  checkPlace(section, sectionDb, place);
  const oneTime = crypto.randomBytes(32).toString('hex');
  const actor = localActor(sectionDb);
  write({ db: sectionDb, actor }, INSTALL, (tx) => {
    sectionDb.sqlite
      .prepare('INSERT INTO enrolments (level, region_code, facility_uid, secret, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(place.level, place.regionCode, place.facilityUid ?? null, oneTime, clockNowIso());
    audit(tx, actor, 'exchange.enrolFile', 'install', null, null, { level: place.level, regionCode: place.regionCode, facilityUid: place.facilityUid ?? null });
  });
  const content: EnrolmentFile = {
    format: 1,
    app: APP_VERSION,
    section: section.uid,
    place,
    registry: [...rowsAbove(sectionDb.sqlite, section.uid), ...revokedAt(sectionDb, place)],
    replaces: replacedAt(sectionDb, place) ?? null,
    citySecret: citySecret(sectionDb.sqlite),
    oneTime,
    batch: startingBatch(sectionDb, place),
    createdAt: new Date().toISOString(),
  };
  const body = Buffer.concat([MAGIC, zlib.gzipSync(Buffer.from(JSON.stringify(content), 'utf8'))]);
  return { file: Buffer.concat([body, signAsInstall(sectionDb.sqlite, sectionDb.key, body)]), fingerprint: keyFingerprint(section.publicKey) };
}

/** The place an enrolment file is for (to open the new store with), checked whole. */
export function readEnrolment(bytes: Buffer): EnrolmentFile {
  const bad = () => fail.validation('NOT_AN_ENROLMENT', 'from', '不是登记文件，或文件已损坏', 'Not an enrolment file, or the file is damaged');
  if (bytes.length < 4 + 64 || !bytes.subarray(0, 4).equals(MAGIC)) return bad();
  const body = bytes.subarray(0, bytes.length - 64);
  let content: EnrolmentFile;
  try {
    content = JSON.parse(zlib.gunzipSync(body.subarray(4)).toString('utf8')) as EnrolmentFile;
  } catch {
    return bad();
  }
  const section = content.registry.find((r) => r.uid === content.section);
  if (!section || !verifyInstallSignature(section.public_key, body, bytes.subarray(bytes.length - 64))) return bad();
  return content;
}

/** Make the new install (a store opened with the file's place) from the enrolment file. */
export function joinFromEnrolment(db: AppDb, content: EnrolmentFile): { report: ReceiveReport; fingerprint: string; sectionFingerprint: string } {
  const me = installIdentity(db.sqlite);
  const has = db.sqlite.prepare('SELECT count(*) FROM installs').pluck().get() as number;
  if (has > 0) fail.conflict('ALREADY_JOINED', 'db', '该数据库已加入数据交换', 'This database has joined an exchange already');
  if (me.level !== content.place.level || me.regionCode !== content.place.regionCode || (me.facilityUid ?? null) !== (content.place.facilityUid ?? null))
    fail.validation('ENROL_PLACE', 'from', '数据库的层级与登记文件不符', "The database's place is not the enrolment file's");
  // itself too, as its section will register it: it may write what it holds from now on
  startInstall(db, content.citySecret, [...content.registry, ownRegistryRow(me, content.section, content.replaces)]);
  rememberEnrolment(db, content.section, content.oneTime);
  const report = receiveBatch(db, { ...content.batch, to: me.uid });
  const section = content.registry.find((r) => r.uid === content.section)!;
  return { report, fingerprint: keyFingerprint(me.publicKey), sectionFingerprint: keyFingerprint(section.public_key) };
}

/** Until its section answers, this install's packages carry its claim, authenticated by the one-time secret. */
export function rememberEnrolment(db: AppDb, section: string, oneTime: string): void {
  db.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(PENDING_KEY, JSON.stringify({ section, oneTime }));
}

function claimMac(secret: string, c: Omit<EnrolmentClaim, 'mac'>): string {
  const text = [c.uid, c.level, c.regionCode, c.facilityUid ?? '', c.publicKey, c.boxPublicKey].join('\n');
  return crypto.createHmac('sha256', Buffer.from(secret, 'hex')).update(text).digest('hex');
}

/** The upward office (the section that enrolled this install). */
export function upstreamOf(db: AppDb): string {
  const me = installIdentity(db.sqlite);
  const pending = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PENDING_KEY) as string | undefined;
  if (pending) return (JSON.parse(pending) as { section: string }).section;
  const up = db.sqlite.prepare('SELECT enrolled_by FROM installs WHERE uid = ?').pluck().get(me.uid) as string | null | undefined;
  if (!up) return fail.validation('NO_UPSTREAM', 'for', '本机没有上级单位（市级端请用 --for 指定下级）', 'This install has no section above it (at the city, name the office with --for)');
  return up;
}

/** A package for `to` (default: the section above), with the enrolment claim while the section has not answered yet. */
export function exportPackage(db: AppDb, to: string = upstreamOf(db)): { file: Buffer; changes: number; to: string; ownRange?: { after: number; through: number } } {
  const me = installIdentity(db.sqlite);
  const pending = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PENDING_KEY) as string | undefined;
  const batch = makeBatch(db, to);
  let claim: EnrolmentClaim | undefined;
  if (pending) {
    const { oneTime } = JSON.parse(pending) as { oneTime: string };
    const who = { uid: me.uid, level: me.level, regionCode: me.regionCode, facilityUid: me.facilityUid, publicKey: me.publicKey, boxPublicKey: me.boxPublicKey };
    claim = { ...who, mac: claimMac(oneTime, who) };
  }
  return { file: writePackage(db, batch, [], new Date(), claim), changes: batch.changes.length, to, ownRange: batch.ranges[me.uid] };
}

/** A section meets a new install's claim: registered when it matches an unused enrolment file. */
export function acceptClaim(db: AppDb, header: PackageHeader): void {
  const c = header.enrolment!;
  if (c.uid !== header.from) throw new PackageRefused('BAD_SIGNATURE', '登记信息与发送方不符', 'The enrolment claim is not the sender’s');
  const candidates = db.sqlite
    .prepare('SELECT id, secret, used_by AS usedBy, created_at AS createdAt FROM enrolments WHERE level = ? AND region_code = ? AND facility_uid IS ?')
    .all(c.level, c.regionCode, c.facilityUid) as Array<{ id: number; secret: string; usedBy: string | null; createdAt: string }>;
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(c.mac) ? c.mac : '0'.repeat(64), 'hex');
  const match = candidates.find((e) => crypto.timingSafeEqual(Buffer.from(claimMac(e.secret, c), 'hex'), given));
  if (!match) throw new PackageRefused('UNKNOWN_SENDER', '发送方未在本机登记，且登记信息不符合本单位生成的任何登记文件', 'The sender is not enrolled here and its claim matches no enrolment file made here');
  if (match.usedBy && match.usedBy !== c.uid)
    throw new PackageRefused('ENROLMENT_USED', '该登记文件已被另一台电脑使用过，不能再次使用；请重新生成登记文件', 'The enrolment file was used by another PC already; make a new one');
  if (match.usedBy === c.uid) return;
  const section = installIdentity(db.sqlite);
  checkPlace(section, db, c as InstallPlace);
  registerInstall(
    db,
    { uid: c.uid, level: c.level as InstallPlace['level'], regionCode: c.regionCode, facilityUid: c.facilityUid, publicKey: c.publicKey, boxPublicKey: c.boxPublicKey },
    match.createdAt,
  );
  db.sqlite.prepare("UPDATE enrolments SET used_by = ?, used_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(c.uid, match.id);
}
