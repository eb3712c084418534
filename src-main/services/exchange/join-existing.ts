/**
 * An office that already used the app alone joins its section without re-entering anything
 * (docs/exchange.md "An office that used the app alone"). Its records become its own origin's:
 *
 * 1. It takes the city secret, so each person gets the uid every office gives them.
 * 2. Each of its records that the section's copy also has — the same facility (county and
 *    name), bed (facility, building, room, label), stay (person, facility, admission date) …
 *    takes the section's uid, so the two copies are one record.
 * 3. What it holds at its place (a county: its register; a facility: its beds and residents)
 *    enters its change log as its own, and its values stand over the section's copy: the
 *    section gets them with the first package. What the section's copy has beyond that is
 *    added; what the section keeps (targets, shared settings, operators) is the section's.
 * Its records outside the place would belong to other offices: the join is then refused,
 * naming them, and nothing changes.
 */
import { rekeyToCitySecret } from '../../db/city-secret';
import { captureExistingRows } from '../../db/change-capture';
import { ChangeOwners, UNPLACED } from '../../db/exchange/change-owner';
import { Holders } from '../../db/exchange/holders';
import { sealChanges } from '../../db/exchange/seal';
import type { Row, WireChange } from '../../db/exchange/types';
import { installIdentity, moveIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { fail } from '../../domain/errors';
import type { InstallPlace } from '../../domain/install-place';
import { applyRow } from './apply-row';
import { ownRegistryRow, startInstall, type RegistryRow } from './enrol';
import { rememberEnrolment } from './enrolment';
import type { ReceiveReport } from '../../db/exchange/types';
import { receiveBatch } from './receive';

/** What an enrolment file carries that joining needs (enrolment.ts EnrolmentFile). */
export interface JoinContent {
  section: string;
  place: InstallPlace;
  registry: RegistryRow[];
  replaces?: string | null;
  citySecret: string;
  oneTime: string;
  batch: { from: string; to: string; changes: WireChange[]; ranges: Record<string, { after: number; through: number }>; acks: Record<string, number> };
}

export interface JoinReport {
  /** Records found in the section's copy too (now one record each), by table. */
  matched: Record<string, number>;
  /** The office's own records sent up as its own, by table. */
  own: Record<string, number>;
  /** Records of the section's copy the office did not have, added, by table. */
  added: Record<string, number>;
  receive: ReceiveReport;
}

/** The natural key of a row, as SQL over the local table (FKs as uids) and from a change's row (FKs already uids). */
interface NaturalKey {
  sql: string;
  of: (r: Row) => string;
}

const v = (x: unknown) => (x === null || x === undefined ? '' : String(x));
const NATURAL_KEYS: Record<string, NaturalKey> = {
  facilities: { sql: `SELECT t.id, t.uid, t.region_code || '|' || t.name AS k FROM facilities t`, of: (r) => `${v(r.region_code)}|${v(r.name)}` },
  operators: { sql: `SELECT t.id, t.uid, coalesce(t.credit_code, 'name:' || t.name) AS k FROM operators t`, of: (r) => (r.credit_code ? v(r.credit_code) : `name:${v(r.name)}`) },
  facility_status_changes: {
    sql: `SELECT t.id, t.uid, f.uid || '|' || t.effective_on AS k FROM facility_status_changes t JOIN facilities f ON f.id = t.facility_id`,
    of: (r) => `${v(r.facility_id)}|${v(r.effective_on)}`,
  },
  populations: { sql: `SELECT t.id, t.uid, t.region_code || '|' || t.year AS k FROM populations t`, of: (r) => `${v(r.region_code)}|${v(r.year)}` },
  targets: { sql: `SELECT t.id, t.uid, t.year || '|' || t.metric || '|' || coalesce(t.region_code, '') AS k FROM targets t`, of: (r) => `${v(r.year)}|${v(r.metric)}|${v(r.region_code)}` },
  beds: {
    sql: `SELECT t.id, t.uid, f.uid || '|' || coalesce(t.building, '') || '|' || coalesce(t.room, '') || '|' || t.label AS k FROM beds t JOIN facilities f ON f.id = t.facility_id`,
    of: (r) => `${v(r.facility_id)}|${v(r.building)}|${v(r.room)}|${v(r.label)}`,
  },
  stays: {
    sql: `SELECT t.id, t.uid, p.uid || '|' || f.uid || '|' || t.admitted_on AS k FROM stays t JOIN residents p ON p.id = t.resident_id JOIN facilities f ON f.id = t.facility_id`,
    of: (r) => `${v(r.resident_id)}|${v(r.facility_id)}|${v(r.admitted_on)}`,
  },
  waiting_applications: {
    sql: `SELECT t.id, t.uid, p.uid || '|' || f.uid || '|' || t.applied_on AS k FROM waiting_applications t JOIN residents p ON p.id = t.resident_id JOIN facilities f ON f.id = t.facility_id`,
    of: (r) => `${v(r.resident_id)}|${v(r.facility_id)}|${v(r.applied_on)}`,
  },
  leaves: { sql: `SELECT t.id, t.uid, s.uid || '|' || t.start_on AS k FROM leaves t JOIN stays s ON s.id = t.stay_id`, of: (r) => `${v(r.stay_id)}|${v(r.start_on)}` },
  assessments: {
    sql: `SELECT t.id, t.uid, p.uid || '|' || t.assessed_on || '|' || t.standard AS k FROM assessments t JOIN residents p ON p.id = t.resident_id`,
    of: (r) => `${v(r.resident_id)}|${v(r.assessed_on)}|${v(r.standard)}`,
  },
  facility_licences: {
    sql: `SELECT t.id, t.uid, f.uid || '|' || t.kind || '|' || t.issued_on AS k FROM facility_licences t JOIN facilities f ON f.id = t.facility_id`,
    of: (r) => `${v(r.facility_id)}|${v(r.kind)}|${v(r.issued_on)}`,
  },
  contracts: { sql: `SELECT t.id, t.uid, f.uid || '|' || t.start_on AS k FROM contracts t JOIN facilities f ON f.id = t.facility_id`, of: (r) => `${v(r.facility_id)}|${v(r.start_on)}` },
  contract_evaluations: {
    sql: `SELECT t.id, t.uid, c.uid || '|' || t.year AS k FROM contract_evaluations t JOIN contracts c ON c.id = t.contract_id`,
    of: (r) => `${v(r.contract_id)}|${v(r.year)}`,
  },
};

/** The section's rows as its copy ends (the last version of each uid; deleted ones left out), by table. */
function sectionRows(changes: readonly WireChange[]): Map<string, Map<string, Row>> {
  const out = new Map<string, Map<string, Row>>();
  for (const c of changes) {
    const rows = out.get(c.tbl) ?? new Map<string, Row>();
    out.set(c.tbl, rows);
    if (c.op === 'delete') rows.delete(c.rowUid);
    else if (c.after) rows.set(c.rowUid, c.after);
  }
  return out;
}

/** The office's facilities that another office would keep: the join is refused while there are any. */
function outsideThePlace(db: AppDb, content: JoinContent): string[] {
  const { place } = content;
  if (place.level === 'county') return db.sqlite.prepare('SELECT name FROM facilities WHERE region_code <> ? ORDER BY id').pluck().all(place.regionCode) as string[];
  const theirs = sectionRows(content.batch.changes).get('facilities')?.get(place.facilityUid!);
  return db.sqlite.prepare('SELECT name FROM facilities WHERE NOT (region_code = ? AND name = ?) ORDER BY id').pluck().all(place.regionCode, v(theirs?.name)) as string[];
}

const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

export function joinWithRecords(db: AppDb, content: JoinContent): JoinReport {
  const sqlite = db.sqlite;
  const others = sqlite.prepare('SELECT count(*) FROM installs').pluck().get() as number;
  const received = sqlite.prepare('SELECT count(*) FROM change_log WHERE origin <> (SELECT uid FROM install_identity WHERE id = 1)').pluck().get() as number;
  if (others > 1 || received > 0) fail.conflict('ALREADY_JOINED', 'db', '该数据库已加入数据交换', 'This database has joined an exchange already');
  const outside = outsideThePlace(db, content);
  if (outside.length > 0)
    fail.validation(
      'JOIN_OUTSIDE_PLACE',
      'db',
      `本库有 ${outside.length} 个机构不属于登记文件所指的单位（${outside.slice(0, 5).join('、')}${outside.length > 5 ? ' 等' : ''}），它们由其他单位维护；请先与上级核对后移出，再加入`,
      `${outside.length} facilities in this database are not the enrolled office's (${outside.slice(0, 5).join(', ')}); they are kept by other offices — sort them out with the section first`,
    );
  const theirs = sectionRows(content.batch.changes);
  const matched: Record<string, number> = {};
  const own: Record<string, number> = {};
  const added: Record<string, number> = {};
  const me = installIdentity(sqlite);
  const { place } = content;
  // a facility's own fields of its facility record (the record itself is its county's)
  const facilityOwn = place.level === 'facility' ? sqlite.prepare('SELECT staff_count, care_worker_count, phone FROM facilities').get() : undefined;

  sqlite
    .transaction(() => {
      sqlite.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
      // 1. one person, one uid: the city's secret
      rekeyToCitySecret(sqlite, content.citySecret);
      // 2. the same record in both copies is one record: the section's uid (parents first, so children's keys use them)
      for (const [tbl, key] of Object.entries(NATURAL_KEYS)) {
        const byKey = new Map<string, string>();
        for (const [uid, row] of theirs.get(tbl) ?? []) if (!byKey.has(key.of(row))) byKey.set(key.of(row), uid);
        const rekey = sqlite.prepare(`UPDATE "${tbl}" SET uid = ? WHERE id = ?`);
        for (const r of sqlite.prepare(key.sql).all() as Array<{ id: number; uid: string; k: string }>) {
          const uid = byKey.get(r.k);
          if (!uid) continue;
          if (uid !== r.uid) rekey.run(uid, r.id);
          count(matched, tbl);
        }
      }
      for (const uid of theirs.get('residents')?.keys() ?? []) if (sqlite.prepare('SELECT 1 FROM residents WHERE uid = ?').get(uid)) count(matched, 'residents');
      // 3. the install it becomes: its place, its section, nothing of its log as a lone city kept
      sqlite.prepare('DELETE FROM change_log').run();
      sqlite.prepare('DELETE FROM installs').run();
      moveIdentity(sqlite, place);
      sqlite.prepare('DELETE FROM change_capture_off').run();
    })
    .immediate();
  const joined = installIdentity(sqlite);
  startInstall(db, content.citySecret, [...content.registry, ownRegistryRow(joined, content.section, content.replaces)]);
  rememberEnrolment(db, content.section, content.oneTime);

  // 4. what it holds enters its log as its own; the rest is the section's
  const owners = new ChangeOwners(sqlite);
  const holders = new Holders(sqlite);
  const mine: Array<{ tbl: string; after: string }> = [];
  sqlite
    .transaction(() => {
      captureExistingRows(sqlite, (tbl, _key, after) => {
        const subject = owners.subject({ tbl, op: 'insert', before: null, after: JSON.parse(after) as Row });
        const held = subject.owner === UNPLACED.owner || holders.refusal(joined.uid, subject.owner, undefined) === null;
        if (held) {
          mine.push({ tbl, after });
          count(own, tbl);
        }
        return held;
      });
      sealChanges(sqlite, false);
    })
    .immediate();
  for (const [tbl, rows] of theirs) if (tbl !== 'settings' && tbl !== 'installs') for (const uid of rows.keys()) if (!isLocal(db, tbl, uid)) count(added, tbl);

  // 5. the section's copy, then the office's values again where both had the record
  const receive = receiveBatch(db, { ...content.batch, to: me.uid });
  sqlite
    .transaction(() => {
      sqlite.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
      for (const m of mine) {
        const after = JSON.parse(m.after) as Row;
        applyRow(sqlite, { tbl: m.tbl, rowUid: String(after[m.tbl === 'settings' ? 'key' : 'uid']), op: 'insert', before: null, after });
      }
      sqlite.prepare('DELETE FROM change_capture_off').run();
    })
    .immediate();
  if (facilityOwn) restoreFacilityFields(db, place.facilityUid!, facilityOwn as Record<string, unknown>);
  return { matched, own, added, receive };
}

function isLocal(db: AppDb, tbl: string, uid: string): boolean {
  return !!db.sqlite.prepare(`SELECT 1 FROM "${tbl}" WHERE uid = ?`).get(uid);
}

/** A facility office keeps its staff counts and phone: written back as its own change where the section's copy differed. */
function restoreFacilityFields(db: AppDb, facilityUid: string, mine: Record<string, unknown>): void {
  const now = db.sqlite.prepare('SELECT staff_count, care_worker_count, phone FROM facilities WHERE uid = ?').get(facilityUid) as Record<string, unknown> | undefined;
  if (!now || Object.keys(mine).every((k) => now[k] === mine[k])) return;
  db.sqlite
    .transaction(() => {
      db.sqlite
        .prepare("UPDATE facilities SET staff_count = ?, care_worker_count = ?, phone = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE uid = ?")
        .run(mine.staff_count, mine.care_worker_count, mine.phone, facilityUid);
      sealChanges(db.sqlite, true);
    })
    .immediate();
}
