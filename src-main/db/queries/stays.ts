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
