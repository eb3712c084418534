/**
 * Whose a change is, found from the change itself and the register it is applied to — the
 * ownership map of domain/ownership.ts said for rows known by uid — and who it is for:
 *
 * - owner: 'city' | 'county:<code>' | 'facility:<facility uid>' (ownerKey's form), or
 *   'unplaced' for a person not admitted anywhere;
 * - audience: 'all' (settings, targets, operators, the registry of installs), 'top' (only the
 *   city: a person not admitted anywhere), 'county:<code>' (the county and the city), or
 *   'county:<code>/facility:<uid>' (the facility, its county and the city).
 */
import type { Sqlite } from '../connection';
import { FACILITY_FIELD_OWNERSHIP } from '../../domain/ownership';
import type { Row } from './types';

export interface ChangeSubject {
  owner: string;
  audience: string;
}

interface ChangeLike {
  tbl: string;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
}

const FACILITY_FIELDS = new Set(
  Object.entries(FACILITY_FIELD_OWNERSHIP)
    .filter(([, o]) => o === 'facility')
    .map(([k]) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
);

const ALL: ChangeSubject = { owner: 'city', audience: 'all' };
/** A person not admitted anywhere (yet): any office may register them; the record goes up only. */
export const UNPLACED: ChangeSubject = { owner: 'unplaced', audience: 'top' };

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export class ChangeOwners {
  private readonly facilityRegion;
  private readonly regionLevel;
  private readonly stayFacility;
  private readonly contractFacility;
  private readonly latestAdmission;
  private readonly admissionOnOrBefore;

  constructor(sqlite: Sqlite) {
    this.facilityRegion = sqlite.prepare('SELECT region_code AS r FROM facilities WHERE uid = ?').pluck();
    this.regionLevel = sqlite.prepare('SELECT level FROM regions WHERE code = ?').pluck();
    this.stayFacility = sqlite.prepare('SELECT f.uid FROM stays s JOIN facilities f ON f.id = s.facility_id WHERE s.uid = ?').pluck();
    this.contractFacility = sqlite.prepare('SELECT f.uid FROM contracts c JOIN facilities f ON f.id = c.facility_id WHERE c.uid = ?').pluck();
    // the personal record follows the facility of the latest admission (the same order in every install)
    this.latestAdmission = sqlite
      .prepare(
        `SELECT f.uid FROM stays s JOIN facilities f ON f.id = s.facility_id
         WHERE s.resident_id = (SELECT id FROM residents WHERE uid = ?) ORDER BY s.admitted_on DESC, s.uid DESC LIMIT 1`,
      )
      .pluck();
    this.admissionOnOrBefore = sqlite
      .prepare(
        `SELECT f.uid FROM stays s JOIN facilities f ON f.id = s.facility_id
         WHERE s.resident_id = (SELECT id FROM residents WHERE uid = ?) AND s.admitted_on <= ? ORDER BY s.admitted_on DESC, s.uid DESC LIMIT 1`,
      )
      .pluck();
  }

  /** A facility's records: owner given, audience the facility with its county. */
  private ofFacility(facilityUid: string | null, owner: 'facility' | 'county'): ChangeSubject {
    if (!facilityUid) return { owner: 'city', audience: 'top' };
    const region = text(this.facilityRegion.get(facilityUid));
    if (!region) return { owner: 'city', audience: 'top' };
    return { owner: owner === 'facility' ? `facility:${facilityUid}` : `county:${region}`, audience: `county:${region}/facility:${facilityUid}` };
  }

  private ofResident(residentUid: string | null, onOrBefore?: string | null): ChangeSubject {
    if (!residentUid) return { owner: 'city', audience: 'top' };
    const at = onOrBefore ? text(this.admissionOnOrBefore.get(residentUid, onOrBefore)) : null;
    const f = at ?? text(this.latestAdmission.get(residentUid));
    return f ? this.ofFacility(f, 'facility') : UNPLACED;
  }

  subject(c: ChangeLike): ChangeSubject {
    const row = (c.after ?? c.before)!;
    switch (c.tbl) {
      case 'settings':
      case 'targets':
      case 'operators':
        return ALL;
      case 'installs': {
        // a facility install is enrolled by its county (a register act); a county install by the city
        if (row.level === 'facility') return { owner: `county:${row.region_code}`, audience: 'all' };
        return ALL;
      }
      case 'populations': {
        const code = text(row.region_code)!;
        return this.regionLevel.get(code) === 'county' ? { owner: `county:${code}`, audience: `county:${code}` } : ALL;
      }
      case 'facilities': {
        const uid = text(row.uid);
        const region = text(row.region_code)!;
        const changed = c.op === 'update' && c.before && c.after ? Object.keys(c.after).filter((k) => c.before![k] !== c.after![k]) : [];
        const own = changed.length > 0 && changed.every((k) => FACILITY_FIELDS.has(k) || k === 'updated_at');
        return { owner: own ? `facility:${uid}` : `county:${region}`, audience: `county:${region}/facility:${uid}` };
      }
      case 'facility_status_changes':
      case 'facility_licences':
      case 'contracts':
        return this.ofFacility(text(row.facility_id), 'county');
      case 'contract_evaluations':
        return this.ofFacility(text(this.contractFacility.get(text(row.contract_id))), 'county');
      case 'beds':
      case 'stays':
      case 'waiting_applications':
        return this.ofFacility(text(row.facility_id), 'facility');
      case 'leaves':
        return this.ofFacility(text(this.stayFacility.get(text(row.stay_id))), 'facility');
      case 'residents':
        return this.ofResident(text(row.uid));
      case 'assessments':
        return this.ofResident(text(row.resident_id), text(row.assessed_on));
      default:
        throw new Error(`change_log: no owner rule for table ${c.tbl}`);
    }
  }
}
