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
