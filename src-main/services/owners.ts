/**
 * The owner of the row a write writes (domain/ownership.ts), found inside the write's own
 * transaction. A row that does not exist gives the city: the write then refuses it with its
 * own not-found error and nothing is recorded.
 */
import { desc, eq } from 'drizzle-orm';
import { assessments, beds, contracts, facilities, regions, stays } from '../db/schema';
import { CITY, county, facility, facilityChangeOwner, type Owner } from '../domain/ownership';
import type { Tx } from './context';

/** A facility's register fields: its county. */
export function countyOfFacility(tx: Tx, facilityId: number): Owner {
  const f = tx.select({ regionCode: facilities.regionCode }).from(facilities).where(eq(facilities.id, facilityId)).get();
  return f ? county(f.regionCode) : CITY;
}

/** A change to a facility's fields: the facility for staff counts and phone only, else its county. */
export function ownerOfFacilityChange(tx: Tx, facilityId: number, changed: readonly string[]): Owner {
  const f = tx.select({ regionCode: facilities.regionCode }).from(facilities).where(eq(facilities.id, facilityId)).get();
  return f ? facilityChangeOwner(changed, facilityId, f.regionCode) : CITY;
}

/** A region's own records (population): the county for a county, else the city. */
export function ownerOfRegion(tx: Tx, code: string): Owner {
  const r = tx.select({ level: regions.level }).from(regions).where(eq(regions.code, code)).get();
  return r?.level === 'county' ? county(code) : CITY;
}

export function ownerOfBed(tx: Tx, bedId: number): Owner {
  const b = tx.select({ facilityId: beds.facilityId }).from(beds).where(eq(beds.id, bedId)).get();
  return b ? facility(b.facilityId) : CITY;
}

export function ownerOfStay(tx: Tx, stayId: number): Owner {
  const s = tx.select({ facilityId: stays.facilityId }).from(stays).where(eq(stays.id, stayId)).get();
  return s ? facility(s.facilityId) : CITY;
}

/** A resident (and their assessments): the facility of the latest admission; before any, the city. */
export function ownerOfResident(tx: Tx, residentId: number): Owner {
  const s = tx
    .select({ facilityId: stays.facilityId })
    .from(stays)
    .where(eq(stays.residentId, residentId))
    .orderBy(desc(stays.admittedOn), desc(stays.id))
    .limit(1)
    .get();
  return s ? facility(s.facilityId) : CITY;
}

/** A contract and its evaluations: the county of its facility. */
export function ownerOfContract(tx: Tx, contractId: number): Owner {
  const c = tx.select({ facilityId: contracts.facilityId }).from(contracts).where(eq(contracts.id, contractId)).get();
  return c ? countyOfFacility(tx, c.facilityId) : CITY;
}

/** An assessment: its resident's owner (the facility of the latest admission; before any, the city). */
export function ownerOfAssessment(tx: Tx, assessmentId: number): Owner {
  const a = tx.select({ residentId: assessments.residentId }).from(assessments).where(eq(assessments.id, assessmentId)).get();
  return a ? ownerOfResident(tx, a.residentId) : CITY;
}
