/** The stays register (stays + leaves): its rows and SELECTs, for the services, the import and the export. Writes stay in services/stays.ts. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { leaves, stays } from '../schema';
import { fail } from '../../domain/errors';
import { bedFullLabel } from './as-of';
import { ENTITY } from './entities';

export type StayRow = typeof stays.$inferSelect;
export type LeaveRow = typeof leaves.$inferSelect;

export function requireStay(tx: Orm, id: number, field = 'stayId') {
  const s = tx.select().from(stays).where(eq(stays.id, id)).get();
  if (!s) return fail.notFound(ENTITY.stay, id, field);
  return s;
}

/** Whether the facility has a stay not yet discharged. */
export function hasOpenStay(tx: Orm, facilityId: number): boolean {
  return tx
    .select({ id: stays.id })
    .from(stays)
    .where(and(eq(stays.facilityId, facilityId), isNull(stays.dischargedOn)))
    .limit(1)
    .get() !== undefined;
}

export function openLeaveOf(tx: Orm, stayId: number) {
  return tx.select().from(leaves).where(and(eq(leaves.stayId, stayId), isNull(leaves.endOn))).get();
}

export function leavesOf(orm: Orm, stayId: number) {
  return orm.select().from(leaves).where(eq(leaves.stayId, stayId)).orderBy(desc(leaves.startOn)).all();
}

/** The stay holding the bed on or after `from`, with its resident's name. */
export function bedHolderFrom(sqlite: Sqlite, bedId: number, from: string): { id: number; admittedOn: string; name: string } | undefined {
  return sqlite
    .prepare(
      `SELECT st.id, st.admitted_on AS admittedOn, r.name FROM stays st JOIN residents r ON r.id = st.resident_id
       WHERE st.bed_id = ? AND (st.discharged_on IS NULL OR st.discharged_on > ?) LIMIT 1`,
    )
    .get(bedId, from) as { id: number; admittedOn: string; name: string } | undefined;
}

/**
 * A stay of the resident open on or after `from`: any residential one, or (`residential`
 * false) one at `facilityId`; with its facility's name and whether that facility is
 * `visible` (1) by the `scope` condition on f.id.
 */
export function stayOfResidentFrom(sqlite: Sqlite, scope: string, residentId: number, from: string, residential: boolean, facilityId: number) {
  return sqlite
    .prepare(
      `SELECT st.id, f.name, (${scope}) AS visible FROM stays st JOIN facilities f ON f.id = st.facility_id
       WHERE st.resident_id = @r AND (st.discharged_on IS NULL OR st.discharged_on > @d)
         AND (${residential ? 'st.residential = 1' : 'st.facility_id = @f'}) LIMIT 1`,
    )
    .get({ r: residentId, d: from, f: facilityId }) as { id: number; name: string; visible: number } | undefined;
}

/** The date the resident died (a discharge for death on or before `on`), if any. */
export function deathOn(sqlite: Sqlite, residentId: number, on: string): string | undefined {
  const row = sqlite
    .prepare("SELECT discharged_on AS diedOn FROM stays WHERE resident_id = ? AND discharge_reason = 'death' AND discharged_on <= ? ORDER BY discharged_on LIMIT 1")
    .get(residentId, on) as { diedOn: string } | undefined;
  return row?.diedOn;
}

/** The start of a leave of the stay overlapping [a, b) (b null: open-ended), if any. */
export function overlappingLeaveStart(sqlite: Sqlite, stayId: number, a: string, b: string | null): string | undefined {
  const row = sqlite
    .prepare('SELECT start_on AS startOn FROM leaves WHERE stay_id = @s AND (end_on IS NULL OR end_on > @a) AND (@b IS NULL OR start_on < @b) LIMIT 1')
    .get({ s: stayId, a, b }) as { startOn: string } | undefined;
  return row?.startOn;
}

/** One page (`limit` -1 = all) of stays meeting `where` (SQL conditions on st), latest first, with names, bed label and leave count. */
export function stayListRows(sqlite: Sqlite, where: string[], params: Record<string, string | number>, limit: number, offset: number) {
  return sqlite
    .prepare(
      `SELECT st.id, st.resident_id AS residentId, r.name AS residentName, st.facility_id AS facilityId, f.name AS facilityName,
         st.bed_id AS bedId, ${bedFullLabel('b')} AS bedLabel,
         st.admitted_on AS admittedOn, st.discharged_on AS dischargedOn, st.discharge_reason AS dischargeReason,
         st.transferred_from_stay_id AS transferredFromStayId, st.note,
         (SELECT count(*) FROM leaves l WHERE l.stay_id = st.id) AS leaveCount
       FROM stays st JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id
       LEFT JOIN beds b ON b.id = st.bed_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY st.admitted_on DESC, st.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset });
}

/** What the stay import compares with a row. */
export interface StayImportRow {
  id: number;
  facilityId: number;
  bedId: number | null;
  dischargedOn: string | null;
  dischargeReason: string | null;
}

export function stayImportRows(sqlite: Sqlite): Array<StayImportRow & { residentId: number; admittedOn: string }> {
  return sqlite
    .prepare(
      `SELECT id, resident_id AS residentId, admitted_on AS admittedOn, facility_id AS facilityId, bed_id AS bedId,
         discharged_on AS dischargedOn, discharge_reason AS dischargeReason FROM stays`,
    )
    .all() as Array<StayImportRow & { residentId: number; admittedOn: string }>;
}

/** The export: stays at facilities in scope of residents in scope (SQL conditions on st.facility_id and st.resident_id). */
export function stayExportSql(facilityScope: string, residentScope: string): string {
  return `
    SELECT r.id_number AS idNumber, f.region_code AS regionCode, f.name AS facilityName, coalesce(b.building, '') AS building,
      coalesce(b.room, '') AS room, coalesce(b.label, '') AS label, st.admitted_on AS admittedOn, st.discharged_on AS dischargedOn,
      st.discharge_reason AS dischargeReason
    FROM stays st JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id LEFT JOIN beds b ON b.id = st.bed_id
    WHERE ${facilityScope} AND ${residentScope}
    ORDER BY st.admitted_on, st.id`;
}

// ——— corrections (services/stay-corrections.ts) ———

/** A stay that occupies something over [a, d) (d null: open-ended); zero-length stays occupy nothing. */
function overlapsSql(a: string, d: string): string {
  return `(${d} IS NULL OR st.admitted_on < ${d}) AND (st.discharged_on IS NULL OR (st.discharged_on > ${a} AND st.discharged_on > st.admitted_on))`;
}

/** Another stay (not among `except`) holding the bed on some day of [a, d), with its resident's name. */
export function bedClash(sqlite: Sqlite, bedId: number, a: string, d: string | null, except: readonly number[]) {
  return sqlite
    .prepare(
      `SELECT st.id, st.admitted_on AS admittedOn, st.discharged_on AS dischargedOn, r.name FROM stays st JOIN residents r ON r.id = st.resident_id
       WHERE st.bed_id = @b AND st.id NOT IN (SELECT value FROM json_each(@except)) AND ${overlapsSql('@a', '@d')}
       ORDER BY st.admitted_on LIMIT 1`,
    )
    .get({ b: bedId, a, d, except: JSON.stringify(except) }) as { id: number; admittedOn: string; dischargedOn: string | null; name: string } | undefined;
}

/**
 * Another stay of the resident (not among `except`) over some day of [a, d): any residential
 * one, or (`residential` false) one at `facilityId`; with its facility's name and whether
 * that facility is `visible` by the `scope` condition on f.id.
 */
export function residentClash(sqlite: Sqlite, scope: string, residentId: number, a: string, d: string | null, residential: boolean, facilityId: number, except: readonly number[]) {
  return sqlite
    .prepare(
      `SELECT st.id, st.admitted_on AS admittedOn, f.name, (${scope}) AS visible FROM stays st JOIN facilities f ON f.id = st.facility_id
       WHERE st.resident_id = @r AND st.id NOT IN (SELECT value FROM json_each(@except)) AND ${overlapsSql('@a', '@d')}
         AND (${residential ? 'st.residential = 1' : 'st.facility_id = @f'}) LIMIT 1`,
    )
    .get({ r: residentId, a, d, f: facilityId, except: JSON.stringify(except) }) as { id: number; admittedOn: string; name: string; visible: number } | undefined;
}

/** The date the resident died by another stay (not among `except`) before `end` (null: ever), if any. */
export function deathBefore(sqlite: Sqlite, residentId: number, end: string | null, except: readonly number[]): string | undefined {
  const row = sqlite
    .prepare(
      `SELECT discharged_on AS diedOn FROM stays WHERE resident_id = @r AND discharge_reason = 'death'
       AND id NOT IN (SELECT value FROM json_each(@except)) AND (@end IS NULL OR discharged_on < @end) ORDER BY discharged_on LIMIT 1`,
    )
    .get({ r: residentId, end, except: JSON.stringify(except) }) as { diedOn: string } | undefined;
  return row?.diedOn;
}

/** The stay a transfer opened from `stayId`, if any. */
export function successorOf(orm: Orm, stayId: number): StayRow | undefined {
  return orm.select().from(stays).where(eq(stays.transferredFromStayId, stayId)).get();
}

/** The resident's latest closed stay: the one whose discharge (or transfer) is the last move. */
export function lastClosedStay(sqlite: Sqlite, residentId: number): { id: number } | undefined {
  return sqlite
    .prepare('SELECT id FROM stays WHERE resident_id = ? AND discharged_on IS NOT NULL ORDER BY discharged_on DESC, id DESC LIMIT 1')
    .get(residentId) as { id: number } | undefined;
}

/** The leave the stay's latest discharge or transfer ended (recorded in its audit row as closedLeaveId), if any. */
export function leaveClosedByMove(sqlite: Sqlite, stayId: number): number | undefined {
  const row = sqlite
    .prepare("SELECT after FROM audit_log WHERE entity = 'stay' AND entity_id = ? AND action IN ('stay.discharge', 'stay.transfer') ORDER BY id DESC LIMIT 1")
    .get(String(stayId)) as { after: string | null } | undefined;
  const id = row?.after ? (JSON.parse(row.after) as { closedLeaveId?: unknown }).closedLeaveId : undefined;
  return typeof id === 'number' ? id : undefined;
}

/** A stay of the resident (not among `except`) admitted on or after `on`: something that came after a move. */
export function stayAdmittedFrom(sqlite: Sqlite, residentId: number, on: string, except: readonly number[]): { id: number; admittedOn: string } | undefined {
  return sqlite
    .prepare('SELECT id, admitted_on AS admittedOn FROM stays WHERE resident_id = @r AND admitted_on >= @on AND id NOT IN (SELECT value FROM json_each(@except)) ORDER BY admitted_on LIMIT 1')
    .get({ r: residentId, on, except: JSON.stringify(except) }) as { id: number; admittedOn: string } | undefined;
}
