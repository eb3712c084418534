/**
 * Importing package files (docs/exchange.md "Package files"): a new install's enrolment claim
 * first, then every check, then apply. A file from a newer version is **held**: kept whole in
 * `held_packages` and imported by itself once this install can read it (after an upgrade),
 * never refused. Any other refusal is audited and applies nothing.
 */
import crypto from 'node:crypto';
import { keyFingerprint, verifyInstallSignature } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import type { ReceiveReport } from '../../db/exchange/types';
import { INSTALL } from '../../domain/ownership';
import { audit, write, type Actor } from '../context';
import { localActor } from '../local-actor';
import { registryRow } from './enrol';
import { acceptClaim, PENDING_KEY } from './enrolment';
import { openPackage, PACKAGE_FORMAT, PackageRefused, readPackageHeader, type PackageHeader } from './package-file';
import { receiveBatch } from './receive';

export interface ImportOutcome {
  from: string;
  /** What the sender is, in words (市级 铜仁市 / 机构 …). */
  sender: string;
  /** The new install's fingerprint, when this package enrolled it. */
  enrolled?: string;
  report?: ReceiveReport;
  refused?: { code: string; zh: string; en: string };
  /** Kept to import after an upgrade (a newer version made it). */
  held?: { app: string; zh: string; en: string };
  /** When the sender made it: every change it had made by then is in (报送至). */
  madeAt?: string;
  /** The rows it carried, by table (a row changed twice counts once). */
  byTable?: Record<string, number>;
}

/**
 * Import one package file. `readable` is the newest package format this install reads
 * (PACKAGE_FORMAT; a test stands in for an upgraded version with a larger one).
 */
export function importPackage(db: AppDb, bytes: Buffer, readable = PACKAGE_FORMAT, actor: Actor = localActor(db)): ImportOutcome {
  let from = '';
  try {
    const { header } = readPackageHeader(bytes);
    from = header.from;
    if (header.reader > readable) return hold(db, bytes, header);
    let enrolled: string | undefined;
    const known = !!registryRow(db.sqlite, header.from);
    if (!known && header.enrolment) {
      // the signature is checked against the claimed key before anything is registered
      const body = bytes.subarray(0, bytes.length - 64);
      if (!verifyInstallSignature(header.enrolment.publicKey, body, bytes.subarray(bytes.length - 64)))
        throw new PackageRefused('BAD_SIGNATURE', '交换包已损坏或被改动（签名不符），未导入任何内容', 'The package is damaged or was altered (the signature does not match); nothing was imported');
      // the whole file opens (decrypts, is this office's) before anyone is registered
      openPackage(db, bytes, readable, header.enrolment.publicKey);
      acceptClaim(db, header);
      enrolled = keyFingerprint(header.enrolment.publicKey);
    }
    const { batch } = openPackage(db, bytes, readable);
    const report = receiveBatch(db, batch, actor);
    // rows by kind: a record changed twice (a person registered, then admitted) is one row
    const rows = new Map<string, Set<string>>();
    for (const c of batch.changes) rows.set(c.tbl, (rows.get(c.tbl) ?? new Set()).add(c.rowUid));
    const byTable = Object.fromEntries([...rows].map(([t, uids]) => [t, uids.size]));
    const madeAt = batch.reports?.find((r) => r.origin === batch.from)?.madeAt ?? header.createdAt;
    // the section answered: this install's enrolment is done
    const pending = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PENDING_KEY) as string | undefined;
    if (pending && (JSON.parse(pending) as { section: string }).section === batch.from) db.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(PENDING_KEY);
    return { from, sender: senderText(db, from), enrolled, report, madeAt, byTable };
  } catch (e) {
    if (!(e instanceof PackageRefused)) throw e;
    write({ db, actor }, INSTALL, (tx) => audit(tx, actor, 'exchange.refusePackage', 'install', from || null, null, { code: e.code, reason: e.zh }));
    return { from, sender: from ? senderText(db, from) : '', refused: { code: e.code, zh: e.zh, en: e.en } };
  }
}

function upgradeText(app: string): { zh: string; en: string } {
  return {
    zh: `该交换包由较新版本（${app}）生成，请升级到 ${app} 后导入；文件已保留，升级后自动导入`,
    en: `The package was made by a newer version (${app}); upgrade to ${app} to import it; the file is kept and imported after the upgrade`,
  };
}

/** Keep a file this version cannot read yet (once, however often it is imported). */
function hold(db: AppDb, bytes: Buffer, header: PackageHeader): ImportOutcome {
  const hash = crypto.createHash('sha256').update(bytes).digest('hex');
  const actor = localActor(db);
  write({ db, actor }, INSTALL, (tx) => {
    const r = db.sqlite.prepare('INSERT OR IGNORE INTO held_packages (sender, app, reader, hash, bytes) VALUES (?, ?, ?, ?, ?)').run(header.from, header.app, header.reader, hash, bytes);
    if (r.changes > 0) audit(tx, actor, 'exchange.holdPackage', 'install', header.from, null, { app: header.app, reader: header.reader, hash });
  });
  return { from: header.from, sender: senderText(db, header.from), held: { app: header.app, ...upgradeText(header.app) } };
}

export interface HeldPackage {
  id: number;
  sender: string;
  app: string;
  heldAt: string;
}

/** The files kept for an upgrade, oldest first. */
export function heldPackages(db: AppDb): HeldPackage[] {
  const rows = db.sqlite.prepare('SELECT id, sender, app, held_at AS heldAt FROM held_packages ORDER BY id').all() as HeldPackage[];
  return rows.map((r) => ({ ...r, sender: senderText(db, r.sender) }));
}

/** Import the held files this version can read now (after an upgrade); each leaves the list once imported or refused. */
export function importHeld(db: AppDb, readable = PACKAGE_FORMAT): ImportOutcome[] {
  const rows = db.sqlite.prepare('SELECT id, bytes FROM held_packages WHERE reader <= ? ORDER BY id').all(readable) as Array<{ id: number; bytes: Buffer }>;
  return rows.map((r) => {
    const outcome = importPackage(db, r.bytes, readable);
    if (!outcome.held) db.sqlite.prepare('DELETE FROM held_packages WHERE id = ?').run(r.id);
    return outcome;
  });
}

function senderText(db: AppDb, uid: string): string {
  const r = db.sqlite
    .prepare('SELECT i.level, coalesce(f.name, g.name, i.region_code) AS name FROM installs i LEFT JOIN facilities f ON f.uid = i.facility_uid LEFT JOIN regions g ON g.code = i.region_code WHERE i.uid = ?')
    .get(uid) as { level: string; name: string } | undefined;
  if (!r) return uid;
  return `${{ province: '省级', city: '市级', county: '区县', facility: '机构' }[r.level] ?? r.level} ${r.name}`;
}
