/**
 * Enrolment, in process: a section (the city, or a county) registers an office that joins it
 * — a county install at the city, a facility install at its county (or at the city while the
 * county has none). The section's registry row for the new install is a change like any other,
 * so it travels up and down; the new install takes the city secret (one person, one resident
 * uid everywhere) and the registry rows of the offices above it, and then receives the
 * section's batch with the register it starts with. The enrolment files of the exchange
 * commands (docs/exchange.md) carry exactly this.
 */
import { adoptCitySecret, citySecret } from '../../db/city-secret';
import type { Sqlite } from '../../db/connection';
import { installIdentity, keyFingerprint, type InstallIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { clockNowIso } from '../../domain/dates';
import { fail } from '../../domain/errors';
import type { InstallPlace } from '../../domain/install-place';
import { INSTALL } from '../../domain/ownership';
import { audit, write } from '../context';
import { localActor } from '../local-actor';

export interface RegistryRow {
  uid: string;
  level: string;
  region_code: string;
  facility_uid: string | null;
  public_key: string;
  box_public_key: string;
  enrolled_by: string | null;
  revoked_at?: string | null;
  revoked_through?: number | null;
  replaces?: string | null;
  created_at?: string;
}

export function registryRow(sqlite: Sqlite, uid: string): RegistryRow | undefined {
  return sqlite
    .prepare('SELECT uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, revoked_at, revoked_through, replaces FROM installs WHERE uid = ?')
    .get(uid) as RegistryRow | undefined;
}

/** The section's own row and those above it, root first. */
export function rowsAbove(sqlite: Sqlite, uid: string): RegistryRow[] {
  const rows: RegistryRow[] = [];
  for (let at = registryRow(sqlite, uid); at; at = at.enrolled_by ? registryRow(sqlite, at.enrolled_by) : undefined) rows.unshift(at);
  return rows;
}

/** May this section enrol an office at `child`'s place? Refused with the reason otherwise. */
export function checkPlace(section: InstallIdentity, sectionDb: AppDb, child: InstallPlace): void {
  const county = sectionDb.sqlite.prepare("SELECT 1 FROM regions WHERE code = ? AND level = 'county'").get(child.regionCode);
  if (child.level === 'county') {
    if (section.level !== 'city' && section.level !== 'province') fail.validation('ENROL_LEVEL', 'level', '区县端只能由市级登记加入', 'A county install is enrolled by the city');
    if (!county) fail.validation('ENROL_REGION', 'regionCode', `区县代码 ${child.regionCode} 不存在`, `No county ${child.regionCode}`);
    const held = activeAt(sectionDb, child);
    if (held) fail.conflict('ENROL_TAKEN', 'regionCode', '该区县已登记过区县端；电脑损坏需重新登记时，请先吊销原来的区县端', 'The county already has an install; to re-enrol a PC that died, revoke the old install first');
    return;
  }
  if (child.level !== 'facility') fail.validation('ENROL_LEVEL', 'level', '只能登记区县端或机构端', 'Only county and facility installs are enrolled');
  const f = sectionDb.sqlite.prepare('SELECT region_code AS r FROM facilities WHERE uid = ?').get(child.facilityUid) as { r: string } | undefined;
  if (!f) return fail.validation('ENROL_FACILITY', 'facilityUid', '本单位没有该机构', 'This section holds no such facility');
  if (f.r !== child.regionCode) fail.validation('ENROL_REGION', 'regionCode', '机构端的区县与机构所在区县不一致', "The facility install's county is not the facility's");
  if (section.level === 'county' && section.regionCode !== f.r) fail.validation('ENROL_REGION', 'regionCode', '只能登记本区县的机构', 'A county enrols facilities of its own county');
  const countyInstall = activeAt(sectionDb, { level: 'county', regionCode: f.r });
  if (section.level !== 'county' && countyInstall) fail.validation('ENROL_SECTION', 'facilityUid', '该区县已有区县端，机构端应由区县登记加入', 'The county has its own install: it enrols the facility');
  if (activeAt(sectionDb, child)) fail.conflict('ENROL_TAKEN', 'facilityUid', '该机构已登记过机构端；电脑损坏需重新登记时，请先吊销原来的机构端', 'The facility already has an install; to re-enrol a PC that died, revoke the old install first');
}

/** The install (not revoked) that keeps a place, if any. */
export function activeAt(db: AppDb, place: InstallPlace): string | undefined {
  return db.sqlite
    .prepare('SELECT uid FROM installs WHERE level = ? AND region_code = ? AND facility_uid IS ? AND revoked_at IS NULL')
    .pluck()
    .get(place.level, place.regionCode, place.facilityUid ?? null) as string | undefined;
}

/** The revoked install a new one at `place` takes over from: the last revoked there, not yet replaced. */
export function replacedAt(db: AppDb, place: InstallPlace): string | undefined {
  return db.sqlite
    .prepare(
      'SELECT uid FROM installs i WHERE level = ? AND region_code = ? AND facility_uid IS ? AND revoked_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM installs r WHERE r.replaces = i.uid) ORDER BY revoked_at DESC LIMIT 1',
    )
    .pluck()
    .get(place.level, place.regionCode, place.facilityUid ?? null) as string | undefined;
}

/**
 * The section revokes an install it enrolled (a PC that died, or was lost): from now on files
 * signed with its key are refused everywhere the revocation reaches, and of its changes only
 * those this section had accepted stand. The place is then free to enrol a new PC, which
 * starts from this section's copy.
 */
export function revokeInstall(sectionDb: AppDb, uid: string): { through: number; fingerprint: string } {
  const section = installIdentity(sectionDb.sqlite);
  const row = registryRow(sectionDb.sqlite, uid);
  if (!row) return fail.notFound({ zh: '交换对象（安装）', en: 'Install' }, uid);
  if (row.enrolled_by !== section.uid) fail.validation('REVOKE_NOT_MINE', 'install', '只能吊销本单位登记的下级', 'Only an install this section enrolled can be revoked here');
  if (row.revoked_at) fail.conflict('ALREADY_REVOKED', 'install', `该安装已于 ${row.revoked_at.slice(0, 10)} 吊销`, `The install was revoked on ${row.revoked_at.slice(0, 10)}`);
  const below = sectionDb.sqlite.prepare('SELECT count(*) FROM installs WHERE enrolled_by = ? AND revoked_at IS NULL').pluck().get(uid) as number;
  if (below > 0)
    fail.validation('REVOKE_HAS_BELOW', 'install', `该区县端已登记了 ${below} 个机构端，暂不支持吊销重登（机构端会失去上级）`, `The county install has enrolled ${below} facility installs; re-enrolling it is not supported yet`);
  const through = (sectionDb.sqlite.prepare('SELECT through FROM exchange_progress WHERE origin = ?').pluck().get(uid) as number | undefined) ?? 0;
  const actor = localActor(sectionDb);
  write({ db: sectionDb, actor }, INSTALL, (tx) => {
    sectionDb.sqlite.prepare('UPDATE installs SET revoked_at = ?, revoked_through = ? WHERE uid = ?').run(clockNowIso(), through, uid);
    // what waits from it past the cut is never applied
    sectionDb.sqlite
      .prepare("UPDATE change_log SET state = 'refused', reason = ? WHERE origin = ? AND state = 'pending' AND seq > ?")
      .run('发送方的密钥已被吊销，吊销后的修改不予接受 / The sender’s key was revoked', uid, through);
    audit(tx, actor, 'exchange.revoke', 'install', uid, null, { through, fingerprint: keyFingerprint(row.public_key) });
  });
  return { through, fingerprint: keyFingerprint(row.public_key) };
}

/** The section records a new install in its registry (a change like any other, so it travels). */
export function registerInstall(sectionDb: AppDb, child: Omit<InstallIdentity, 'facilityUid'> & { facilityUid: string | null }, enrolledAt: string = clockNowIso()): void {
  const section = installIdentity(sectionDb.sqlite);
  const actor = localActor(sectionDb);
  write({ db: sectionDb, actor }, INSTALL, (tx) => {
    sectionDb.sqlite
      .prepare('INSERT INTO installs (uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, replaces, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      // enrolled when its enrolment file was made (on the one clock): 报送情况 asks for the months from then on
      .run(child.uid, child.level, child.regionCode, child.facilityUid, child.publicKey, child.boxPublicKey, section.uid, replacedAt(sectionDb, child) ?? null, enrolledAt);
    audit(tx, actor, 'exchange.enrol', 'install', child.uid, null, { level: child.level, regionCode: child.regionCode, facilityUid: child.facilityUid, fingerprint: keyFingerprint(child.publicKey) });
  });
}

/** A new install's own row, as its section will register it (it may write what it holds from then on). */
export function ownRegistryRow(me: InstallIdentity, section: string, replaces: string | null | undefined): RegistryRow {
  return {
    uid: me.uid,
    level: me.level,
    region_code: me.regionCode,
    facility_uid: me.facilityUid,
    public_key: me.publicKey,
    box_public_key: me.boxPublicKey,
    enrolled_by: section,
    replaces: replaces ?? null,
  };
}

/** A new install takes the city secret and the registry rows of the offices above it (and its own, once its section has it). */
export function startInstall(childDb: AppDb, secret: string, rows: readonly RegistryRow[]): void {
  const sqlite = childDb.sqlite;
  sqlite
    .transaction(() => {
      adoptCitySecret(sqlite, secret);
      // what the enrolment carries is not the child's own change: nothing is captured
      sqlite.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
      const insert = sqlite.prepare(
        'INSERT OR IGNORE INTO installs (uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, revoked_at, revoked_through, replaces) VALUES (@uid, @level, @region_code, @facility_uid, @public_key, @box_public_key, @enrolled_by, @revoked_at, @revoked_through, @replaces)',
      );
      for (const r of rows) insert.run({ revoked_at: null, revoked_through: null, replaces: null, ...r });
      sqlite.prepare('DELETE FROM change_capture_off').run();
    })
    .immediate();
}

/** In process: the section registers the child (a store opened with its place) and hands it what it needs to start. */
export function enrolInstall(sectionDb: AppDb, childDb: AppDb): void {
  const section = installIdentity(sectionDb.sqlite);
  const child = installIdentity(childDb.sqlite);
  checkPlace(section, sectionDb, child);
  registerInstall(sectionDb, child);
  startInstall(childDb, citySecret(sectionDb.sqlite), [...rowsAbove(sectionDb.sqlite, section.uid), ...revokedAt(sectionDb, child), registryRow(sectionDb.sqlite, child.uid)!]);
}

/** The revoked installs that kept a place (a re-enrolled office starts knowing them: their changes are in its register). */
export function revokedAt(db: AppDb, place: InstallPlace): RegistryRow[] {
  const uids = db.sqlite
    .prepare('SELECT uid FROM installs WHERE level = ? AND region_code = ? AND facility_uid IS ? AND revoked_at IS NOT NULL ORDER BY id')
    .pluck()
    .all(place.level, place.regionCode, place.facilityUid ?? null) as string[];
  return uids.map((u) => registryRow(db.sqlite, u)!);
}
