/**
 * One facility as of a date, and occupancy per facility: what the detail page, the bed
 * board and the monthly facility sheet show.
 */
import type { z } from 'zod';
import type { facilityDetailInput, occupancyInput } from '../contract/schemas';
import { todayIso } from '../domain/dates';
import { ratio, type Figure } from '../domain/metrics';
import type { FacilityKind, FacilityStatus, Ownership } from '../domain/enums';
import { bedInService, inList, leaveOn, occupantStayOf, statusOn, stayOpenOn } from './as-of';
import { bedBoard } from './beds';
import type { ServiceContext } from './context';
import { facilitySql } from './scope';
import { listContracts } from './contracts';
import { facilityById, statusHistory } from './facilities';
import { listStays } from './stays';

export function facilityDetail(ctx: ServiceContext, input: z.infer<typeof facilityDetailInput>) {
  const date = input.date ?? todayIso();
  const facility = facilityById(ctx, input.id);
  const beds = bedBoard(ctx, { facilityId: input.id, date });
  const occupancy = occupancyByFacility(ctx, { date, facilityId: input.id })[0]!;
  return {
    date,
    facility,
    status: occupancy.status,
    statusHistory: statusHistory(ctx, input.id),
    beds,
    occupancy,
    residents: listStays(ctx, { facilityId: input.id, openOn: date }),
    contracts: listContracts(ctx, { facilityId: input.id }),
  };
}

export interface OccupancyRow {
  facilityId: number;
  name: string;
  regionCode: string;
  kind: FacilityKind;
  ownership: Ownership;
  status: FacilityStatus | null;
  beds: number;
  nursingBeds: number;
  occupiedBeds: number;
  onLeave: number;
  freeBeds: number;
  occupancyRate: Figure;
}

/** Beds in service, occupied and on leave per facility on a date. */
export function occupancyByFacility(ctx: ServiceContext, input: z.infer<typeof occupancyInput>): OccupancyRow[] {
  const params: Record<string, string | number> = { d: input.date };
  const where: string[] = [];
  if (input.facilityId) {
    params.f = input.facilityId;
    where.push('f.id = @f');
  }
  where.push(facilitySql(ctx.actor, 'f.id'));
  if (input.counties?.length) {
    const l = inList('c', input.counties);
    Object.assign(params, l.params);
    where.push(`f.region_code IN ${l.sql}`);
  }
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT f.id AS facilityId, f.name, f.region_code AS regionCode, f.kind, f.ownership, ${statusOn('f')} AS status,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND ${bedInService('b')}) AS beds,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND b.care_type = 'nursing' AND ${bedInService('b')}) AS nursingBeds,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND ${bedInService('b')} AND ${occupantStayOf('b')} IS NOT NULL) AS occupiedBeds,
         (SELECT count(*) FROM stays st JOIN leaves l ON l.stay_id = st.id
            WHERE st.facility_id = f.id AND ${stayOpenOn('st')} AND ${leaveOn('l')}) AS onLeave
       FROM facilities f ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.region_code, f.name`,
    )
    .all(params) as Array<Omit<OccupancyRow, 'freeBeds' | 'occupancyRate'>>;
  return rows.map((r) => ({ ...r, freeBeds: r.beds - r.occupiedBeds, occupancyRate: ratio(r.occupiedBeds, r.beds) }));
}
