import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { facilityCreateInput, facilityListInput, facilityUpdateInput, setFacilityStatusInput } from '../contract/schemas';
import { facilities, facilityStatusChanges, stays } from '../db/schema';
import { isResidentialKind, type FacilityKind, type FacilityStatus, type Ownership } from '../domain/enums';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { bedInService, inList, likePattern, occupantStayOf, statusOn } from './as-of';
import { audit, write, type ServiceContext, type Tx } from './context';
import { county } from '../domain/ownership';
import { countyOfFacility, ownerOfFacilityChange } from './owners';
import { facilitySql } from './scope';
import { ENTITY } from './entities';
import { requireRegion } from './regions';
import { insertBeds } from './beds';

export function requireFacility(tx: Tx | ServiceContext['db']['orm'], id: number, field = 'facilityId') {
  const f = tx.select().from(facilities).where(eq(facilities.id, id)).get();
  if (!f) return fail.notFound(ENTITY.facility, id, field);
  return f;
}

function assertNameFree(tx: Tx, regionCode: string, name: string, exceptId?: number) {
  const clash = tx
    .select({ id: facilities.id })
    .from(facilities)
    .where(and(eq(facilities.regionCode, regionCode), eq(facilities.name, name)))
    .get();
  if (clash && clash.id !== exceptId)
    fail.conflict('FACILITY_NAME_TAKEN', 'name', `本区县已有同名机构“${name}”`, `A facility named "${name}" already exists in this county`);
}

export function createFacility(ctx: ServiceContext, input: z.infer<typeof facilityCreateInput>) {
  return write(ctx, county(input.regionCode), (tx) => {
    const region = requireRegion(tx, input.regionCode);
    if (region.level !== 'county')
      fail.validation('REGION_NOT_COUNTY', 'regionCode', '机构应登记在区县一级', 'A facility belongs to a county');
    assertNameFree(tx, input.regionCode, input.name);
    const { status, statusDate, initialBeds, ...fields } = input;
    const row = tx.insert(facilities).values(fields).returning().get();
    tx.insert(facilityStatusChanges).values({ facilityId: row.id, status, effectiveOn: statusDate }).run();
    audit(tx, ctx.actor, 'facility.create', 'facility', row.id, null, { ...row, status, statusDate });
    if (initialBeds) insertBeds(ctx, tx, { facilityId: row.id, ...initialBeds, inServiceFrom: statusDate });
    return row;
  });
}

export function updateFacility(ctx: ServiceContext, input: z.infer<typeof facilityUpdateInput>) {
  return write(ctx, (tx) => ownerOfFacilityChange(tx, input.id, Object.keys(input)), (tx) => {
    const before = requireFacility(tx, input.id, 'id');
    const { id, ...changes } = input;
    if (changes.regionCode !== undefined) {
      const region = requireRegion(tx, changes.regionCode);
      if (region.level !== 'county')
        fail.validation('REGION_NOT_COUNTY', 'regionCode', '机构应登记在区县一级', 'A facility belongs to a county');
    }
    if (changes.name !== undefined || changes.regionCode !== undefined)
      assertNameFree(tx, changes.regionCode ?? before.regionCode, changes.name ?? before.name, id);
    if (changes.kind !== undefined && isResidentialKind(changes.kind) !== isResidentialKind(before.kind)) {
      const open = tx
        .select({ id: stays.id })
        .from(stays)
        .where(and(eq(stays.facilityId, id), isNull(stays.dischargedOn)))
        .limit(1)
        .get();
      if (open)
        fail.conflict('FACILITY_KIND_HAS_STAYS', 'kind', '该机构有在住老人，不能在住宿型与非住宿型之间更改类型', 'The facility has open stays; its kind cannot switch between residential and non-residential');
    }
    const row = tx
      .update(facilities)
      .set({ ...changes, updatedAt: new Date().toISOString() })
      .where(eq(facilities.id, id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'facility.update', 'facility', id, before, row);
    return row;
  });
}

export function setFacilityStatus(ctx: ServiceContext, input: z.infer<typeof setFacilityStatusInput>) {
  return write(ctx, (tx) => countyOfFacility(tx, input.facilityId), (tx) => {
    requireFacility(tx, input.facilityId);
    const existing = tx
      .select()
      .from(facilityStatusChanges)
      .where(and(eq(facilityStatusChanges.facilityId, input.facilityId), eq(facilityStatusChanges.effectiveOn, input.effectiveOn)))
      .get();
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
  return ctx.db.orm
    .select()
    .from(facilityStatusChanges)
    .where(eq(facilityStatusChanges.facilityId, facilityId))
    .orderBy(desc(facilityStatusChanges.effectiveOn))
    .all();
}

export interface FacilityListRow {
  id: number;
  regionCode: string;
  regionName: string;
  name: string;
  kind: FacilityKind;
  ownership: Ownership;
  medicalCare: boolean;
  township: string;
  address: string;
  grade: number | null;
  staffCount: number;
  careWorkerCount: number;
  phone: string;
  status: FacilityStatus | null;
  beds: number;
  nursingBeds: number;
  occupiedBeds: number;
}

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
  const base = `
    SELECT * FROM (
      SELECT f.id, f.region_code AS regionCode, r.name AS regionName, f.name, f.kind, f.ownership,
        f.medical_care AS medicalCare, f.township, f.address, f.grade, f.staff_count AS staffCount,
        f.care_worker_count AS careWorkerCount, f.phone, ${statusOn('f')} AS status
      FROM facilities f JOIN regions r ON r.code = f.region_code
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ) ${statusFilter}`;
  const total = (ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM (${base})`).get(params) as { n: number }).n;
  const page = `${base} ORDER BY regionCode, name LIMIT @limit OFFSET @offset`;
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT p.*,
        (SELECT count(*) FROM beds b WHERE b.facility_id = p.id AND ${bedInService('b')}) AS beds,
        (SELECT count(*) FROM beds b WHERE b.facility_id = p.id AND b.care_type = 'nursing' AND ${bedInService('b')}) AS nursingBeds,
        (SELECT count(*) FROM beds b WHERE b.facility_id = p.id AND ${bedInService('b')} AND ${occupantStayOf('b')} IS NOT NULL) AS occupiedBeds
      FROM (${page}) p`,
    )
    .all({ ...params, limit: input?.limit ?? -1, offset: input?.offset ?? 0 }) as Array<Omit<FacilityListRow, 'medicalCare'> & { medicalCare: number }>;
  return { rows: rows.map((r) => ({ ...r, medicalCare: r.medicalCare === 1 })), total };
}

export function facilityStatusOn(ctx: ServiceContext, facilityId: number, date: string): FacilityStatus | null {
  const row = ctx.db.sqlite
    .prepare(`SELECT ${statusOn('f')} AS status FROM facilities f WHERE f.id = @id`)
    .get({ id: facilityId, d: date }) as { status: FacilityStatus | null } | undefined;
  return row?.status ?? null;
}

export function facilityById(ctx: ServiceContext, id: number) {
  return requireFacility(ctx.db.orm, id, 'id');
}
