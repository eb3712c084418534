/**
 * The facility manager's home as of `@d`: per facility in scope its beds in service, occupied
 * and free by care type; the residents on leave that day; and the residents in care with the
 * date of their last kept assessment (whether that is due is the domain's rule, applied by
 * services/manager-home.ts). `scope` is an SQL condition on f.id (services/scope.ts).
 */
import type { Sqlite } from '../connection';
import type { FacilityKind, FacilityStatus } from '../../domain/enums';
import { bedFullLabel, bedInService, leaveOn, occupantStayOf, statusOn, stayOpenOn } from './as-of';

export interface ManagerHomeFacilityRow {
  id: number;
  name: string;
  regionName: string;
  kind: FacilityKind;
  status: FacilityStatus | null;
  beds: number;
  nursingBeds: number;
  occupiedBeds: number;
  freeNursingBeds: number;
  freeGeneralBeds: number;
}

export interface ManagerHomeLeaveRow {
  facilityId: number;
  residentId: number;
  name: string;
  bedLabel: string | null;
  startOn: string;
  reason: string;
}

export interface ManagerHomeInCareRow {
  facilityId: number;
  residentId: number;
  name: string;
  bedLabel: string | null;
  lastAssessedOn: string | null;
}

export function managerHomeFacilities(sqlite: Sqlite, scope: string, d: string): ManagerHomeFacilityRow[] {
  const free = `${bedInService('b')} AND ${occupantStayOf('b')} IS NULL`;
  return sqlite
    .prepare(
      `SELECT f.id, f.name, coalesce(rg.name, f.region_code) AS regionName, f.kind, ${statusOn('f')} AS status,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND ${bedInService('b')}) AS beds,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND b.care_type = 'nursing' AND ${bedInService('b')}) AS nursingBeds,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND ${bedInService('b')} AND ${occupantStayOf('b')} IS NOT NULL) AS occupiedBeds,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND b.care_type = 'nursing' AND ${free}) AS freeNursingBeds,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND b.care_type <> 'nursing' AND ${free}) AS freeGeneralBeds
       FROM facilities f LEFT JOIN regions rg ON rg.code = f.region_code
       WHERE ${scope}
       ORDER BY f.region_code, f.name, f.id`,
    )
    .all({ d }) as ManagerHomeFacilityRow[];
}

export function managerHomeOnLeave(sqlite: Sqlite, scope: string, d: string): ManagerHomeLeaveRow[] {
  return sqlite
    .prepare(
      `SELECT st.facility_id AS facilityId, r.id AS residentId, r.name, ${bedFullLabel('b')} AS bedLabel, l.start_on AS startOn, l.reason
       FROM leaves l JOIN stays st ON st.id = l.stay_id JOIN residents r ON r.id = st.resident_id
       JOIN facilities f ON f.id = st.facility_id LEFT JOIN beds b ON b.id = st.bed_id
       WHERE ${scope} AND ${stayOpenOn('st')} AND ${leaveOn('l')}
       ORDER BY l.start_on, r.name, r.id`,
    )
    .all({ d }) as ManagerHomeLeaveRow[];
}

/** Residents in a residential stay on `@d` with their last kept assessment on or before it. */
export function managerHomeInCare(sqlite: Sqlite, scope: string, d: string): ManagerHomeInCareRow[] {
  return sqlite
    .prepare(
      `SELECT st.facility_id AS facilityId, r.id AS residentId, r.name, ${bedFullLabel('b')} AS bedLabel,
         (SELECT max(a.assessed_on) FROM assessments a WHERE a.resident_id = r.id AND a.voided_at IS NULL AND a.assessed_on <= @d) AS lastAssessedOn
       FROM stays st JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id
       LEFT JOIN beds b ON b.id = st.bed_id
       WHERE ${scope} AND st.residential = 1 AND ${stayOpenOn('st')}
       ORDER BY r.name, r.id`,
    )
    .all({ d }) as ManagerHomeInCareRow[];
}
