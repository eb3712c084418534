import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { facilityCreateInput, facilityListInput, facilityUpdateInput, setFacilityStatusInput } from '../contract/schemas';
import { facilities, facilityStatusChanges } from '../db/schema';
import { facilityIdByName, facilityListRows, requireFacility, statusChangeOn, statusHistory as statusRows, statusOnDate, type FacilityListRow } from '../db/queries/facilities';
import { requireRegion } from '../db/queries/regions';
import { hasOpenStay } from '../db/queries/stays';
import { isResidentialKind, type FacilityStatus } from '../domain/enums';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { inList, likePattern } from './as-of';
import { audit, write, type ServiceContext, type Tx } from './context';
import { county } from '../domain/ownership';
import { countyOfFacility, ownerOfFacilityChange } from './owners';
import { facilitySql } from './scope';
import { insertBeds } from './beds';
import { checkEntry } from './corrections';
import { nameSortKey, withoutSortKey } from '../domain/name-sort';
import { asFacilityColumns, checkDayCareBedsFit, checkFacilityRecord, openedOn } from './facility-record';

/** The national record's fields that its rules read, as a new facility has them unless given. */
const RECORD_DEFAULTS = {
  registration: 'unknown', registeredOn: null, filedOn: null,
  bedFeeMinFen: null, bedFeeMaxFen: null, careFeeMinFen: null, careFeeMaxFen: null, mealFeeMinFen: null, mealFeeMaxFen: null,
} as const;

export { requireFacility } from '../db/queries/facilities';

function assertNameFree(tx: Tx, regionCode: string, name: string, exceptId?: number) {
  const clash = facilityIdByName(tx, regionCode, name);
  if (clash !== undefined && clash !== exceptId)
    fail.conflict('FACILITY_NAME_TAKEN', 'name', `本区县已有同名机构“${name}”`, `A facility named "${name}" already exists in this county`);
}

export function createFacility(ctx: ServiceContext, input: z.infer<typeof facilityCreateInput>) {
  return write(ctx, county(input.regionCode), (tx) => {
    const region = requireRegion(tx, input.regionCode);
    if (region.level !== 'county')
      fail.validation('REGION_NOT_COUNTY', 'regionCode', '机构应登记在区县一级', 'A facility belongs to a county');
    assertNameFree(tx, input.regionCode, input.name);
    const { status, statusDate, initialBeds, confirmClosedMonth, ...typed } = input;
    const fields = asFacilityColumns(typed);
    checkFacilityRecord({ ...RECORD_DEFAULTS, ...fields }, status === 'operating' ? statusDate : null);
    checkEntry(tx, statusDate, { confirmClosedMonth });
    const row = tx.insert(facilities).values({ ...fields, nameSort: nameSortKey(fields.name) }).returning().get();
    tx.insert(facilityStatusChanges).values({ facilityId: row.id, status, effectiveOn: statusDate }).run();
    audit(tx, ctx.actor, 'facility.create', 'facility', row.id, null, { ...withoutSortKey(row), status, statusDate });
    if (initialBeds) insertBeds(ctx, tx, { facilityId: row.id, ...initialBeds, inServiceFrom: statusDate });
    return row;
  });
}

export function updateFacility(ctx: ServiceContext, input: z.infer<typeof facilityUpdateInput>) {
  const { id, ...changes } = asFacilityColumns(input);
  return write(ctx, (tx) => ownerOfFacilityChange(tx, id, Object.keys(changes)), (tx) => {
    const before = requireFacility(tx, id, 'id');
    if (Object.keys(changes).some((k) => k in RECORD_DEFAULTS)) checkFacilityRecord({ ...before, ...changes }, openedOn(tx, id));
    if (changes.regionCode !== undefined) {
      const region = requireRegion(tx, changes.regionCode);
      if (region.level !== 'county')
        fail.validation('REGION_NOT_COUNTY', 'regionCode', '机构应登记在区县一级', 'A facility belongs to a county');
    }
    if (changes.name !== undefined || changes.regionCode !== undefined)
      assertNameFree(tx, changes.regionCode ?? before.regionCode, changes.name ?? before.name, id);
    if (changes.kind !== undefined && isResidentialKind(changes.kind) !== isResidentialKind(before.kind)) {
      if (hasOpenStay(tx, id))
        fail.conflict('FACILITY_KIND_HAS_STAYS', 'kind', '该机构有在住老人，不能在住宿型与非住宿型之间更改类型', 'The facility has open stays; its kind cannot switch between residential and non-residential');
    }
    if (changes.offersDayCare === false || changes.kind !== undefined) checkDayCareBedsFit(tx, { ...before, ...changes });
    const row = tx
      .update(facilities)
      .set({ ...changes, ...(changes.name !== undefined ? { nameSort: nameSortKey(changes.name) } : {}), updatedAt: new Date().toISOString() })
      .where(eq(facilities.id, id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'facility.update', 'facility', id, withoutSortKey(before), withoutSortKey(row));
    return row;
  });
}

export function setFacilityStatus(ctx: ServiceContext, input: z.infer<typeof setFacilityStatusInput>) {
  return write(ctx, (tx) => countyOfFacility(tx, input.facilityId), (tx) => {
    requireFacility(tx, input.facilityId);
    checkEntry(tx, input.effectiveOn, input);
    const existing = statusChangeOn(tx, input.facilityId, input.effectiveOn);
    let row;
    if (existing) {
      row = tx
        .update(facilityStatusChanges)
        .set({ status: input.status, note: input.note ?? existing.note })
        .where(eq(facilityStatusChanges.id, existing.id))
        .returning()
        .get();
    } else {
      row = tx
        .insert(facilityStatusChanges)
        .values({ facilityId: input.facilityId, status: input.status, effectiveOn: input.effectiveOn, note: input.note ?? '' })
        .returning()
        .get();
    }
    audit(tx, ctx.actor, 'facility.setStatus', 'facility', input.facilityId, existing ?? null, row);
    return row;
  });
}

export function statusHistory(ctx: ServiceContext, facilityId: number) {
  return statusRows(ctx.db.orm, facilityId);
}

export type { FacilityListRow } from '../db/queries/facilities';

/** The register as of a date (default today): status, beds in service and occupied beds. */
export function listFacilities(ctx: ServiceContext, input: z.infer<typeof facilityListInput>): { rows: FacilityListRow[]; total: number } {
  const params: Record<string, string | number> = { d: input?.date ?? todayIso() };
  const where: string[] = [];
  const add = (col: string, prefix: string, values?: readonly string[]) => {
    if (!values || values.length === 0) return;
    const l = inList(prefix, values);
    where.push(`${col} IN ${l.sql}`);
    Object.assign(params, l.params);
  };
  add('f.region_code', 'c', input?.counties);
  where.push(facilitySql(ctx.actor, 'f.id'));
  add('f.kind', 'k', input?.kinds);
  add('f.ownership', 'o', input?.ownership);
  if (input?.search) {
    params.q = likePattern(input.search);
    where.push(`(f.name LIKE @q ESCAPE '\\' OR f.township LIKE @q ESCAPE '\\' OR f.address LIKE @q ESCAPE '\\')`);
  }
  let statusFilter = '';
  if (input?.statuses && input.statuses.length > 0) {
    const l = inList('s', input.statuses);
    statusFilter = `WHERE status IN ${l.sql}`;
    Object.assign(params, l.params);
  }
  return facilityListRows(ctx.db.sqlite, where, statusFilter, params, input?.limit ?? -1, input?.offset ?? 0, input?.sort);
}

export function facilityStatusOn(ctx: ServiceContext, facilityId: number, date: string): FacilityStatus | null {
  return statusOnDate(ctx.db.sqlite, facilityId, date);
}

export function facilityById(ctx: ServiceContext, id: number) {
  return requireFacility(ctx.db.orm, id, 'id');
}
