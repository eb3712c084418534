/** The beds register: its rows and SELECTs, for the services, the import and the export. Writes stay in services/beds.ts. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { beds } from '../schema';
import type { BedUse, CareType } from '../../domain/enums';
import { fail } from '../../domain/errors';
import { bedInService, leaveOn, stayOpenOn } from './as-of';
import { ENTITY } from './entities';

export type BedRow = typeof beds.$inferSelect;

export function requireBed(tx: Orm, id: number, field = 'bedId') {
  const b = tx.select().from(beds).where(eq(beds.id, id)).get();
  if (!b) return fail.notFound(ENTITY.bed, id, field);
  return b;
}

export function bedsByIds(tx: Orm, ids: number[]) {
  return tx.select().from(beds).where(inArray(beds.id, ids)).all();
}

/** The labels already used in one room of a facility. */
export function labelsInRoom(tx: Orm, facilityId: number, building: string, room: string): string[] {
  return tx
    .select({ label: beds.label })
    .from(beds)
    .where(and(eq(beds.facilityId, facilityId), eq(beds.building, building), eq(beds.room, room)))
    .all()
    .map((b) => b.label);
}

/** The bed with that full label in the facility, if any. */
export function bedIdByLabel(tx: Orm, facilityId: number, building: string, room: string, label: string): number | undefined {
  return tx
    .select({ id: beds.id })
    .from(beds)
    .where(and(eq(beds.facilityId, facilityId), eq(beds.building, building), eq(beds.room, room), eq(beds.label, label)))
    .get()?.id;
}

/** Whether a stay holds the bed on or after `from`. */
export function bedBusyFrom(sqlite: Sqlite, bedId: number, from: string): boolean {
  return sqlite.prepare('SELECT id FROM stays WHERE bed_id = ? AND (discharged_on IS NULL OR discharged_on > ?) LIMIT 1').get(bedId, from) !== undefined;
}

export type BedState = 'free' | 'occupied' | 'on_leave' | 'retired' | 'not_yet';

export interface BedTile {
  id: number;
  building: string;
  room: string;
  label: string;
  careType: CareType;
  use: BedUse;
  inServiceFrom: string;
  retiredOn: string | null;
  state: BedState;
  stayId: number | null;
  residentId: number | null;
  residentName: string | null;
  admittedOn: string | null;
}

/** Every bed of a facility on date `d` with its occupant, if any; the state is the caller's to derive. */
export function bedBoardRows(sqlite: Sqlite, facilityId: number, d: string) {
  return sqlite
    .prepare(
      `SELECT b.id, b.building, b.room, b.label, b.care_type AS careType, b.use, b.in_service_from AS inServiceFrom,
         b.retired_on AS retiredOn, ${bedInService('b')} AS inService,
         st.id AS stayId, st.resident_id AS residentId, r.name AS residentName, st.admitted_on AS admittedOn,
         (SELECT count(*) FROM leaves l WHERE l.stay_id = st.id AND ${leaveOn('l')}) AS onLeave
       FROM beds b
       LEFT JOIN stays st ON st.bed_id = b.id AND ${stayOpenOn('st')}
       LEFT JOIN residents r ON r.id = st.resident_id
       WHERE b.facility_id = @f
       ORDER BY b.building, b.room, length(b.label), b.label`,
    )
    .all({ f: facilityId, d }) as Array<Omit<BedTile, 'state'> & { inService: number; onLeave: number }>;
}

/** What the import needs to know of a bed, keyed by its full label. */
export interface BedImportRow {
  id: number;
  facilityId: number;
  careType: string;
  inServiceFrom: string;
  retiredOn: string | null;
}

export function bedImportRows(sqlite: Sqlite): Array<BedImportRow & { building: string; room: string; label: string }> {
  return sqlite
    .prepare('SELECT id, facility_id AS facilityId, building, room, label, care_type AS careType, in_service_from AS inServiceFrom, retired_on AS retiredOn FROM beds')
    .all() as Array<BedImportRow & { building: string; room: string; label: string }>;
}

/** The export: every bed of the facilities in scope (`scope` is an SQL condition on f.id). */
export function bedExportSql(scope: string): string {
  return `
    SELECT f.region_code AS regionCode, f.name AS facilityName, b.building, b.room, b.label, b.care_type AS careType,
      b.in_service_from AS inServiceFrom, b.retired_on AS retiredOn
    FROM beds b JOIN facilities f ON f.id = b.facility_id
    WHERE ${scope}
    ORDER BY f.region_code, f.name, b.building, b.room, length(b.label), b.label`;
}
