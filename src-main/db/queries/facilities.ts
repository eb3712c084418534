/**
 * The facilities register (facilities + their status changes): its rows and SELECTs, for the
 * services, the import and the export. Writes stay in services/facilities.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { facilities, facilityStatusChanges } from '../schema';
import type { FacilityKind, FacilityStatus, Ownership } from '../../domain/enums';
import { fail } from '../../domain/errors';
import { bedInService, occupantStayOf, statusOn } from './as-of';
import { ENTITY } from './entities';
import type { FacilitySortBy } from '../../contract/schemas';

export type FacilityRow = typeof facilities.$inferSelect;
export type FacilityStatusRow = typeof facilityStatusChanges.$inferSelect;

export function requireFacility(tx: Orm, id: number, field = 'facilityId') {
  const f = tx.select().from(facilities).where(eq(facilities.id, id)).get();
  if (!f) return fail.notFound(ENTITY.facility, id, field);
  return f;
}

/** The facility of that name in the county, if any. */
export function facilityIdByName(tx: Orm, regionCode: string, name: string): number | undefined {
  return tx
    .select({ id: facilities.id })
    .from(facilities)
    .where(and(eq(facilities.regionCode, regionCode), eq(facilities.name, name)))
    .get()?.id;
}

export function statusChangeOn(tx: Orm, facilityId: number, effectiveOn: string) {
  return tx
    .select()
    .from(facilityStatusChanges)
    .where(and(eq(facilityStatusChanges.facilityId, facilityId), eq(facilityStatusChanges.effectiveOn, effectiveOn)))
    .get();
}

export function statusHistory(orm: Orm, facilityId: number) {
  return orm
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

/**
 * The register as of `@d`: one page (`limit` -1 = all) of the facilities meeting `where` (SQL
 * conditions on f) and `statusFilter` ('' or a WHERE on status), with beds in service and
 * occupied, and the count of all that match.
 */
/** The bed counts of a list row (`p`: the row's columns), in its SELECT and, when sorted by one, in its ORDER BY. */
const COUNT_SQL = {
  beds: (p: string) => `(SELECT count(*) FROM beds b WHERE b.facility_id = ${p}id AND ${bedInService('b')})`,
  nursingBeds: (p: string) => `(SELECT count(*) FROM beds b WHERE b.facility_id = ${p}id AND b.care_type = 'nursing' AND ${bedInService('b')})`,
  occupiedBeds: (p: string) => `(SELECT count(*) FROM beds b WHERE b.facility_id = ${p}id AND ${bedInService('b')} AND ${occupantStayOf('b')} IS NOT NULL)`,
};

/** What each sort orders by; every order ends with county, name and id, so pages never overlap. */
function orderBy(sort: { by: FacilitySortBy; dir: 'asc' | 'desc' } | undefined, row: string): string {
  const dir = sort?.dir === 'desc' ? 'DESC' : 'ASC';
  const tail = 'regionCode, nameSort, id';
  const by = sort?.by;
  switch (by) {
    case undefined:
    case 'region':
      return `regionCode ${dir}, nameSort, id`;
    case 'name':
      return `nameSort ${dir}, regionCode, id`;
    case 'beds':
    case 'nursingBeds':
    case 'occupiedBeds':
      return `${COUNT_SQL[by](row)} ${dir}, ${tail}`;
    default:
      return `${by} ${dir} NULLS LAST, ${tail}`;
  }
}

export function facilityListRows(
  sqlite: Sqlite,
  where: string[],
  statusFilter: string,
  params: Record<string, string | number>,
  limit: number,
  offset: number,
  sort?: { by: FacilitySortBy; dir: 'asc' | 'desc' },
): { rows: FacilityListRow[]; total: number } {
  const base = `
    SELECT * FROM (
      SELECT f.id, f.region_code AS regionCode, r.name AS regionName, f.name, f.kind, f.ownership,
        f.medical_care AS medicalCare, f.township, f.address, f.grade, f.staff_count AS staffCount,
        f.care_worker_count AS careWorkerCount, f.phone, ${statusOn('f')} AS status, f.name_sort AS nameSort
      FROM facilities f JOIN regions r ON r.code = f.region_code
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ) q ${statusFilter}`;
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM (${base})`).get(params) as { n: number }).n;
  const page = `${base} ORDER BY ${orderBy(sort, 'q.')} LIMIT @limit OFFSET @offset`;
  // the outer SELECT adds the counts to the page's rows, in the page's order
  const rows = sqlite
    .prepare(
      `SELECT p.*, ${COUNT_SQL.beds('p.')} AS beds, ${COUNT_SQL.nursingBeds('p.')} AS nursingBeds, ${COUNT_SQL.occupiedBeds('p.')} AS occupiedBeds
      FROM (${page}) p ORDER BY ${orderBy(sort, 'p.')}`,
    )
    .all({ ...params, limit, offset }) as Array<Omit<FacilityListRow, 'medicalCare'> & { medicalCare: number; nameSort?: string }>;
  // nameSort only orders the page (the stored pinyin key): not part of the row
  return { rows: rows.map(({ nameSort, ...r }) => (void nameSort, { ...r, medicalCare: r.medicalCare === 1 })), total };
}

/** A facility's status on a date (null: none yet, or no such facility). */
export function statusOnDate(sqlite: Sqlite, facilityId: number, date: string): FacilityStatus | null {
  const row = sqlite
    .prepare(`SELECT ${statusOn('f')} AS status FROM facilities f WHERE f.id = @id`)
    .get({ id: facilityId, d: date }) as { status: FacilityStatus | null } | undefined;
  return row?.status ?? null;
}

/** How many facilities are registered. */
export function facilityCount(sqlite: Sqlite): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM facilities').get() as { n: number }).n;
}

/** Id, county and name of every facility: the import's lookup. */
export function facilityNames(sqlite: Sqlite): Array<{ id: number; regionCode: string; name: string }> {
  return sqlite.prepare('SELECT id, region_code AS regionCode, name FROM facilities').all() as Array<{ id: number; regionCode: string; name: string }>;
}

/** The fields the facility import compares with a row (0/1 flags as stored). */
export interface FacilityImportRow {
  id: number;
  kind: string;
  ownership: string;
  medicalCare: number;
  township: string;
  address: string;
  grade: number | null;
  staffCount: number;
  careWorkerCount: number;
  phone: string;
}

/** The compared fields, without the id. */
export const FACILITY_IMPORT_FIELDS = ['kind', 'ownership', 'medicalCare', 'township', 'address', 'grade', 'staffCount', 'careWorkerCount', 'phone'] as const satisfies ReadonlyArray<keyof FacilityImportRow>;

export function facilityImportRows(sqlite: Sqlite): FacilityImportRow[] {
  return sqlite
    .prepare(
      `SELECT id, kind, ownership, medical_care AS medicalCare, township, address, grade, staff_count AS staffCount,
         care_worker_count AS careWorkerCount, phone FROM facilities`,
    )
    .all() as FacilityImportRow[];
}

/** Every status change as (facility id, date, status). */
export function statusChangeRows(sqlite: Sqlite): Array<{ id: number; d: string; status: string }> {
  return sqlite.prepare('SELECT facility_id AS id, effective_on AS d, status FROM facility_status_changes').all() as Array<{ id: number; d: string; status: string }>;
}

/** The export: each facility in scope (`scope` is an SQL condition on f.id) with its latest status. */
export function facilityExportSql(scope: string): string {
  return `
    SELECT f.region_code AS regionCode, f.name, f.kind, f.ownership, f.township, f.address, s.status, s.effective_on AS statusDate,
      f.medical_care AS medicalCare, f.grade, f.staff_count AS staffCount, f.care_worker_count AS careWorkerCount, f.phone
    FROM facilities f
    LEFT JOIN facility_status_changes s ON s.id = (SELECT s2.id FROM facility_status_changes s2 WHERE s2.facility_id = f.id ORDER BY s2.effective_on DESC LIMIT 1)
    WHERE ${scope}
    ORDER BY f.region_code, f.name_sort`;
}
