/** The residents register: its rows and SELECTs, for the services, the import and the export. Writes stay in services/residents.ts. */
import { eq } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { residents } from '../schema';
import type { SelfCare } from '../../domain/enums';
import { fail } from '../../domain/errors';
import { bedFullLabel, stayOpenOn } from './as-of';
import { ENTITY } from './entities';
import type { ResidentSortBy } from '../../contract/schemas';

export type ResidentRow = typeof residents.$inferSelect;

export function requireResident(tx: Orm, id: number, field = 'residentId') {
  const r = tx.select().from(residents).where(eq(residents.id, id)).get();
  if (!r) return fail.notFound(ENTITY.resident, id, field);
  return r;
}

/** The resident holding an ID number, if any. */
export function residentByIdNumber(sqlite: Sqlite, idNumber: string): { id: number; name: string } | undefined {
  return sqlite.prepare('SELECT id, name FROM residents WHERE id_number = ?').get(idNumber) as { id: number; name: string } | undefined;
}

/** Id and ID number of every resident: the import's lookup. */
export function residentIdNumbers(sqlite: Sqlite): Array<{ id: number; idNumber: string }> {
  return sqlite.prepare('SELECT id, id_number AS idNumber FROM residents').all() as Array<{ id: number; idNumber: string }>;
}

/** The fields the resident import compares with a row (0/1 flags as stored). */
export interface ResidentImportRow {
  id: number;
  name: string;
  householdRegionCode: string | null;
  tekun: number;
  tekunSelfCare: string | null;
  dibao: number;
  lowIncome: number;
  shidu: number;
  youfu: number;
  phone: string;
  emergencyContact: string;
  emergencyPhone: string;
}

/** The compared fields, without the id. */
export const RESIDENT_IMPORT_FIELDS = ['name', 'householdRegionCode', 'tekun', 'tekunSelfCare', 'dibao', 'lowIncome', 'shidu', 'youfu', 'phone', 'emergencyContact', 'emergencyPhone'] as const satisfies ReadonlyArray<keyof ResidentImportRow>;

export function residentImportRows(sqlite: Sqlite): Array<ResidentImportRow & { idNumber: string }> {
  return sqlite
    .prepare(
      `SELECT id, id_number AS idNumber, name, household_region_code AS householdRegionCode, tekun, tekun_self_care AS tekunSelfCare,
         dibao, low_income AS lowIncome, shidu, youfu, phone, emergency_contact AS emergencyContact, emergency_phone AS emergencyPhone
       FROM residents`,
    )
    .all() as Array<ResidentImportRow & { idNumber: string }>;
}

/** The export: the residents in scope (`scope` is an SQL condition on r.id), full ID numbers. */
export function residentExportSql(scope: string): string {
  return `
    SELECT r.name, r.id_number AS idNumber, r.household_region_code AS householdRegionCode, r.tekun, r.tekun_self_care AS tekunSelfCare,
      r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu, r.phone, r.emergency_contact AS emergencyContact, r.emergency_phone AS emergencyPhone
    FROM residents r WHERE ${scope} ORDER BY r.id`;
}

export interface ResidentListRow {
  id: number;
  name: string;
  idNumberMasked: string;
  sex: 'male' | 'female';
  /** Only for residents the account may reveal now (the permission, and not one who left its facility); everyone gets `age`. */
  birthDate?: string;
  age: number;
  householdRegionCode: string | null;
  tekun: boolean;
  tekunSelfCare: SelfCare | null;
  dibao: boolean;
  lowIncome: boolean;
  shidu: boolean;
  youfu: boolean;
  stayId: number | null;
  facilityId: number | null;
  facilityName: string | null;
  bedLabel: string | null;
  admittedOn: string | null;
  latestLevel: number | null;
  latestAssessedOn: string | null;
  /** The day a stay of theirs ended with reason 死亡, if one did: 已故, not to be admitted (stays.ts deathOn refuses it). */
  diedOn: string | null;
}

export type ResidentListRaw = Omit<ResidentListRow, 'idNumberMasked' | 'age' | 'birthDate' | 'tekun' | 'dibao' | 'lowIncome' | 'shidu' | 'youfu'> & {
  idNumber: string;
  birthDate: string;
  mayReveal: number;
  tekun: number;
  dibao: number;
  lowIncome: number;
  shidu: number;
  youfu: number;
};

/**
 * One page of the residents list: residents meeting `where` (SQL conditions on r, st, f) with
 * the stay they are in on `@d` — the one `stayVisible` (a condition on s2 and r) lets the
 * account see — and their latest ability level; `mayReveal` (a condition on r.id) says whose
 * birth date the account may see. `byStay`: the filters look at the stay, so the count joins it
 * too; otherwise counting residents alone spares finding every resident's current stay.
 */
/**
 * What each sort of the list orders by (result-column names where the value is computed);
 * every order ends with name and id, so pages never overlap or skip a row.
 */
const SORT_SQL: Record<ResidentSort['by'], string> = {
  name: 'r.name_sort',
  // older first when descending: age goes against the birth date
  age: 'r.birth_date',
  sex: 'r.sex',
  household: 'r.household_region_code',
  facility: 'f.name_sort',
  admittedOn: 'st.admitted_on',
  tekun: 'r.tekun',
  latestLevel: 'latestLevel',
  latestAssessedOn: 'latestAssessedOn',
};

/** The computed values a sort may order by, as SQL on r (a voided assessment counts nowhere). */
const KEY_SQL: Partial<Record<ResidentSort['by'], string>> = {
  latestLevel: '(SELECT a.final_level FROM assessments a WHERE a.resident_id = r.id AND a.voided_at IS NULL ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)',
  latestAssessedOn: '(SELECT max(a.assessed_on) FROM assessments a WHERE a.resident_id = r.id AND a.voided_at IS NULL)',
};

function orderBy(sort: ResidentSort | undefined): string {
  if (!sort || sort.by === 'name') return `r.name_sort ${sort?.dir === 'desc' ? 'DESC' : 'ASC'}, r.id ${sort?.dir === 'desc' ? 'DESC' : 'ASC'}`;
  const dir = (sort.by === 'age') !== (sort.dir === 'desc') ? 'DESC' : 'ASC';
  // empty values last either way, as a reader expects
  return `${SORT_SQL[sort.by]} ${dir} NULLS LAST, r.name_sort, r.id`;
}

export interface ResidentSort {
  by: ResidentSortBy;
  dir: 'asc' | 'desc';
}

export function residentListRows(
  sqlite: Sqlite,
  q: { where: string[]; params: Record<string, string | number>; stayVisible: string; mayReveal: string; byStay: boolean; limit: number; offset: number; sort?: ResidentSort },
): { total: number; rows: ResidentListRaw[] } {
  const { where, params } = q;
  const from = `
    FROM residents r
    LEFT JOIN stays st ON st.id = (SELECT s2.id FROM stays s2 WHERE s2.resident_id = r.id AND ${stayOpenOn('s2')} AND ${q.stayVisible}
      ORDER BY s2.residential DESC, s2.admitted_on DESC LIMIT 1)
    LEFT JOIN facilities f ON f.id = st.facility_id
    LEFT JOIN beds b ON b.id = st.bed_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const countFrom = q.byStay ? from : `FROM residents r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const total = (sqlite.prepare(`SELECT count(*) AS n ${countFrom}`).get(params) as { n: number }).n;
  // Two steps: the page's ids in order, computing only the sort key (and the current stay only
  // when the filter or the sort needs it), then the page's 200 rows in full — so a sort by a
  // computed value never computes every column of every resident.
  const sortBy = q.sort?.by ?? 'name';
  const stayNeeded = q.byStay || sortBy === 'facility' || sortBy === 'admittedOn';
  const key = KEY_SQL[sortBy];
  const ids = sqlite
    .prepare(`SELECT r.id${key ? `, ${key} AS ${sortBy}` : ''} ${stayNeeded ? from : countFrom} ORDER BY ${orderBy(q.sort)} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as Array<{ id: number }>;
  if (ids.length === 0) return { total, rows: [] };
  const found = sqlite
    .prepare(
      `SELECT r.id, r.name, r.id_number AS idNumber, r.sex, r.birth_date AS birthDate, (${q.mayReveal}) AS mayReveal,
         r.household_region_code AS householdRegionCode, r.tekun, r.tekun_self_care AS tekunSelfCare,
         r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu,
         st.id AS stayId, st.facility_id AS facilityId, f.name AS facilityName,
         ${bedFullLabel('b')} AS bedLabel,
         st.admitted_on AS admittedOn,
         ${KEY_SQL.latestLevel} AS latestLevel,
         ${KEY_SQL.latestAssessedOn} AS latestAssessedOn,
         (SELECT min(sd.discharged_on) FROM stays sd WHERE sd.resident_id = r.id AND sd.discharge_reason = 'death') AS diedOn
       ${from} ${where.length ? 'AND' : 'WHERE'} r.id IN (SELECT value FROM json_each(@pageIds))`,
    )
    .all({ ...params, pageIds: JSON.stringify(ids.map((r) => r.id)) }) as ResidentListRaw[];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((r) => byId.get(r.id)!);
  return { total, rows };
}

/**
 * The latest level among the assessments `seen` (a condition on a) of those of the residents
 * `ids` the account may no longer change (`mayChange`, a condition on r.id, false).
 */
export function latestSeenAssessments(sqlite: Sqlite, seen: string, mayChange: string, ids: number[]) {
  return sqlite
    .prepare(
      `SELECT r.id,
         (SELECT a.final_level FROM assessments a WHERE a.resident_id = r.id AND a.voided_at IS NULL AND ${seen} ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS latestLevel,
         (SELECT max(a.assessed_on) FROM assessments a WHERE a.resident_id = r.id AND a.voided_at IS NULL AND ${seen}) AS latestAssessedOn
       FROM residents r WHERE r.id IN (SELECT value FROM json_each(?)) AND NOT ${mayChange}`,
    )
    .all(JSON.stringify(ids)) as Array<{ id: number; latestLevel: number | null; latestAssessedOn: string | null }>;
}
