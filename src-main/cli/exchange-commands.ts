/**
 * `exchange identity --db DB [--json]`: which install this database is — its uid, level, what
 * it holds, and the fingerprint of its public key, which a clerk reads out by phone to confirm
 * an enrolment. The other exchange commands (enrol, join, export, import, status) come with
 * the package files (docs/exchange.md).
 */
import type { AppDb } from '../db/open';
import { installIdentity, keyFingerprint } from '../db/install-identity';
import { INSTALL_LEVEL_LABELS } from '../domain/install-place';

export interface IdentityReport {
  uid: string;
  level: string;
  regionCode: string;
  regionName: string | null;
  facilityUid: string | null;
  facilityName: string | null;
  fingerprint: string;
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
    knownInstalls: q('SELECT count(*) FROM installs') as number,
    changes: {
      own: q('SELECT count(*) FROM change_log WHERE origin = ?', me.uid) as number,
      received: q('SELECT count(*) FROM change_log WHERE origin <> ?', me.uid) as number,
      pending: q("SELECT count(*) FROM change_log WHERE state = 'pending'") as number,
      refused: q("SELECT count(*) FROM change_log WHERE state = 'refused'") as number,
    },
  };
}

export function identityText(r: IdentityReport): string {
  const level = INSTALL_LEVEL_LABELS[r.level as keyof typeof INSTALL_LEVEL_LABELS] ?? { zh: r.level, en: r.level };
  const holds = r.facilityUid ? `${r.facilityName ?? r.facilityUid}（${r.regionName ?? r.regionCode}）` : `${r.regionName ?? ''}（${r.regionCode}）`;
  return [
    `安装编号 / install uid:   ${r.uid}`,
    `层级 / level:             ${level.zh} / ${level.en}`,
    `所辖 / holds:             ${holds}`,
    `公钥指纹 / key fingerprint: ${r.fingerprint}`,
    `已知安装 / installs known: ${r.knownInstalls}`,
    `变更 / changes:           本机 ${r.changes.own} · 收到 ${r.changes.received} · 待处理 ${r.changes.pending} · 拒绝 ${r.changes.refused} / own · received · pending · refused`,
  ].join('\n');
}

export interface StatusReport {
  install: { uid: string; level: string };
  /** Every install known here, with what this install holds of its changes. */
  origins: Array<{
    uid: string;
    level: string;
    holds: string;
    enrolledBy: string | null;
    /** Own changes: the last seq made; others: through which seq they are processed here. */
    through: number;
    pending: number;
    refused: number;
  }>;
  /** What each peer has acknowledged, per origin. */
  acks: Array<{ peer: string; origin: string; seq: number; at: string }>;
}

/** `exchange status --db DB [--json]`: who is known, how far each origin's changes are processed, what waits and what was refused. */
export function statusReport(db: AppDb): StatusReport {
  const me = installIdentity(db.sqlite);
  const s = db.sqlite;
  const installs = s
    .prepare(
      `SELECT i.uid, i.level, i.region_code AS region, i.facility_uid AS facility, i.enrolled_by AS enrolledBy,
         coalesce(r.name, i.region_code) AS regionName, f.name AS facilityName
       FROM installs i LEFT JOIN regions r ON r.code = i.region_code LEFT JOIN facilities f ON f.uid = i.facility_uid ORDER BY i.id`,
    )
    .all() as Array<{ uid: string; level: string; region: string; facility: string | null; enrolledBy: string | null; regionName: string; facilityName: string | null }>;
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
      through: (i.uid === me.uid ? own.get(i.uid) : through.get(i.uid)) as number | undefined ?? 0,
      pending: inState.get(i.uid, 'pending') as number,
      refused: inState.get(i.uid, 'refused') as number,
    })),
    acks: s.prepare('SELECT peer, origin, seq, updated_at AS at FROM peer_acks ORDER BY peer, origin').all() as StatusReport['acks'],
  };
}

export function statusText(r: StatusReport): string {
  const label = (level: string) => INSTALL_LEVEL_LABELS[level as keyof typeof INSTALL_LEVEL_LABELS]?.zh ?? level;
  const lines = [`本机 / this install: ${r.install.uid}（${label(r.install.level)}）`, '已知安装 / installs known:'];
  for (const o of r.origins)
    lines.push(
      `  ${o.uid === r.install.uid ? '*' : ' '} ${label(o.level)} ${o.holds}  ${o.uid}  ${o.uid === r.install.uid ? '本机变更至' : '已处理至'} #${o.through}` +
        `${o.pending ? ` · 待处理 ${o.pending}` : ''}${o.refused ? ` · 拒绝 ${o.refused}` : ''}`,
    );
  if (r.acks.length === 0) lines.push('尚未收到任何对方的确认 / no acknowledgements received yet');
  return lines.join('\n');
}
