/**
 * What the 数据交换 screen and `exchange identity` / `exchange status` show: this install (uid,
 * place, key fingerprint), the installs it knows and how far each origin is processed here.
 */
import { installIdentity, keyFingerprint } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { PENDING_KEY } from './enrolment';
import { heldPackages } from './import-package';

export interface IdentityReport {
  uid: string;
  level: string;
  regionCode: string;
  regionName: string | null;
  facilityUid: string | null;
  facilityName: string | null;
  fingerprint: string;
  /** Its first packages still carry its enrolment claim: the section above has not answered yet. */
  enrolmentPending: boolean;
  /** Installs this one knows (itself included). */
  knownInstalls: number;
  /** Changes made here / received from other installs. */
  changes: { own: number; received: number; pending: number; refused: number };
}

export function identityReport(db: AppDb): IdentityReport {
  const me = installIdentity(db.sqlite);
  const q = (sql: string, ...p: unknown[]) => db.sqlite.prepare(sql).pluck().get(...p);
  return {
    uid: me.uid,
    level: me.level,
    regionCode: me.regionCode,
    regionName: (q('SELECT name FROM regions WHERE code = ?', me.regionCode) as string | undefined) ?? null,
    facilityUid: me.facilityUid,
    facilityName: me.facilityUid ? ((q('SELECT name FROM facilities WHERE uid = ?', me.facilityUid) as string | undefined) ?? null) : null,
    fingerprint: keyFingerprint(me.publicKey),
    enrolmentPending: q('SELECT 1 FROM settings WHERE key = ?', PENDING_KEY) !== undefined,
    knownInstalls: q('SELECT count(*) FROM installs') as number,
    changes: {
      own: q('SELECT count(*) FROM change_log WHERE origin = ?', me.uid) as number,
      received: q('SELECT count(*) FROM change_log WHERE origin <> ?', me.uid) as number,
      pending: q("SELECT count(*) FROM change_log WHERE state = 'pending'") as number,
      refused: q("SELECT count(*) FROM change_log WHERE state = 'refused'") as number,
    },
  };
}

export interface StatusReport {
  install: { uid: string; level: string };
  /** Every install known here, with what this install holds of its changes. */
  origins: Array<{
    uid: string;
    level: string;
    holds: string;
    enrolledBy: string | null;
    /** When its section revoked it (a PC that died), and through which of its changes it stands. */
    revokedAt: string | null;
    revokedThrough: number | null;
    /** Own changes: the last seq made; others: through which seq they are processed here. */
    through: number;
    pending: number;
    refused: number;
  }>;
  /** What each peer has acknowledged, per origin. */
  acks: Array<{ peer: string; origin: string; seq: number; at: string }>;
  /** Package files from a newer version, kept until an upgrade. */
  held: Array<{ sender: string; app: string; heldAt: string }>;
}

/** `exchange status --db DB [--json]`: who is known, how far each origin's changes are processed, what waits and what was refused. */
export function statusReport(db: AppDb): StatusReport {
  const me = installIdentity(db.sqlite);
  const s = db.sqlite;
  const installs = s
    .prepare(
      `SELECT i.uid, i.level, i.region_code AS region, i.facility_uid AS facility, i.enrolled_by AS enrolledBy,
         i.revoked_at AS revokedAt, i.revoked_through AS revokedThrough, coalesce(r.name, i.region_code) AS regionName, f.name AS facilityName
       FROM installs i LEFT JOIN regions r ON r.code = i.region_code LEFT JOIN facilities f ON f.uid = i.facility_uid ORDER BY i.id`,
    )
    .all() as Array<{ uid: string; level: string; region: string; facility: string | null; enrolledBy: string | null; revokedAt: string | null; revokedThrough: number | null; regionName: string; facilityName: string | null }>;
  const through = s.prepare('SELECT through FROM exchange_progress WHERE origin = ?').pluck();
  const own = s.prepare('SELECT coalesce(max(seq), 0) FROM change_log WHERE origin = ?').pluck();
  const inState = s.prepare('SELECT count(*) FROM change_log WHERE origin = ? AND state = ?').pluck();
  return {
    install: { uid: me.uid, level: me.level },
    origins: installs.map((i) => ({
      uid: i.uid,
      level: i.level,
      holds: i.facility ? (i.facilityName ?? i.facility) : i.regionName,
      enrolledBy: i.enrolledBy,
      revokedAt: i.revokedAt,
      revokedThrough: i.revokedThrough,
      through: (i.uid === me.uid ? own.get(i.uid) : through.get(i.uid)) as number | undefined ?? 0,
      pending: inState.get(i.uid, 'pending') as number,
      refused: inState.get(i.uid, 'refused') as number,
    })),
    acks: s.prepare('SELECT peer, origin, seq, updated_at AS at FROM peer_acks ORDER BY peer, origin').all() as StatusReport['acks'],
    held: heldPackages(db).map(({ sender, app, heldAt }) => ({ sender, app, heldAt })),
  };
}

