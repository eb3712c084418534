import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { residentCreateInput, residentListInput, residentUpdateInput } from '../api/schemas';
import { residents } from '../db/schema';
import { ageOn, todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import type { SelfCare } from '../domain/enums';
import { bedFullLabel, inList, stayOpenOn } from './as-of';
import { audit, write, type ServiceContext, type Tx } from './context';
import { residentSql } from './scope';
import { ENTITY } from './entities';
import { requireRegion } from './regions';

export function requireResident(tx: Tx | ServiceContext['db']['orm'], id: number, field = 'residentId') {
  const r = tx.select().from(residents).where(eq(residents.id, id)).get();
  if (!r) return fail.notFound(ENTITY.resident, id, field);
  return r;
}

/** 特困 self-care status is required for 特困 persons and meaningless for others. */
function checkTekun(tekun: boolean, selfCare: SelfCare | null): void {
  if (tekun && selfCare === null)
    fail.validation('TEKUN_SELF_CARE_REQUIRED', 'tekunSelfCare', '特困人员须填写特困自理能力', 'Self-care status is required for 特困 persons');
  if (!tekun && selfCare !== null)
    fail.validation('TEKUN_SELF_CARE_NOT_TEKUN', 'tekunSelfCare', '非特困人员不填写特困自理能力', 'Self-care status applies to 特困 persons only');
}

function assertIdFree(tx: Tx, idNumber: string, exceptId?: number) {
  const clash = tx.select({ id: residents.id, name: residents.name }).from(residents).where(eq(residents.idNumber, idNumber)).get();
  if (clash && clash.id !== exceptId)
    fail.conflict('ID_NUMBER_TAKEN', 'idNumber', `身份证号已登记（${clash.name}）`, `This ID number is already registered (${clash.name})`);
}

export function createResident(ctx: ServiceContext, input: z.infer<typeof residentCreateInput>) {
  const tekun = input.tekun ?? false;
  const selfCare = input.tekunSelfCare ?? null;
  checkTekun(tekun, selfCare);
  const id = parseIdNumber(input.idNumber);
  if (!id.ok) return fail.validation(`ID_${id.problem.toUpperCase()}`, 'idNumber', '身份证号不正确', 'Invalid ID number');
  return write(ctx, (tx) => {
    if (input.householdRegionCode) requireRegion(tx, input.householdRegionCode, 'householdRegionCode');
    assertIdFree(tx, id.value);
    const row = tx
      .insert(residents)
      .values({ ...input, idNumber: id.value, birthDate: id.birthDate, sex: id.sex, tekun, tekunSelfCare: selfCare })
      .returning()
      .get();
    audit(tx, ctx.actor, 'resident.create', 'resident', row.id, null, { ...row, idNumber: maskIdNumber(row.idNumber) });
    return publicResident(row);
  });
}

export function updateResident(ctx: ServiceContext, input: z.infer<typeof residentUpdateInput>) {
  return write(ctx, (tx) => {
    const before = requireResident(tx, input.id, 'id');
    const { id, ...changes } = input;
    const tekun = changes.tekun ?? before.tekun;
    const selfCare = changes.tekunSelfCare !== undefined ? changes.tekunSelfCare : tekun ? before.tekunSelfCare : null;
    checkTekun(tekun, selfCare);
    const extra: Partial<typeof residents.$inferInsert> = { tekun, tekunSelfCare: selfCare, updatedAt: new Date().toISOString() };
    if (changes.idNumber !== undefined) {
      const parsed = parseIdNumber(changes.idNumber);
      if (!parsed.ok) return fail.validation(`ID_${parsed.problem.toUpperCase()}`, 'idNumber', '身份证号不正确', 'Invalid ID number');
      assertIdFree(tx, parsed.value, id);
      Object.assign(extra, { idNumber: parsed.value, birthDate: parsed.birthDate, sex: parsed.sex });
    }
    if (changes.householdRegionCode) requireRegion(tx, changes.householdRegionCode, 'householdRegionCode');
    const row = tx.update(residents).set({ ...changes, ...extra }).where(eq(residents.id, id)).returning().get();
    audit(tx, ctx.actor, 'resident.update', 'resident', id, { ...before, idNumber: maskIdNumber(before.idNumber) }, { ...row, idNumber: maskIdNumber(row.idNumber) });
    return publicResident(row);
  });
}

/** A resident as every screen sees it: the ID number masked. */
export function publicResident(r: typeof residents.$inferSelect) {
  const { idNumber, ...rest } = r;
  return { ...rest, idNumberMasked: maskIdNumber(idNumber) };
}

/** Showing a full ID number is recorded: who saw whose, and when. */
export function revealIdNumber(ctx: ServiceContext, residentId: number): { idNumber: string } {
  return write(ctx, (tx) => {
    const r = requireResident(tx, residentId, 'id');
    audit(tx, ctx.actor, 'resident.revealIdNumber', 'resident', residentId, null, null);
    return { idNumber: r.idNumber };
  });
}

export interface ResidentListRow {
  id: number;
  name: string;
  idNumberMasked: string;
  sex: 'male' | 'female';
  birthDate: string;
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
}

/** Residents with where they stay on a date (default today) and their latest ability level. */
export function listResidents(ctx: ServiceContext, input: z.infer<typeof residentListInput>): { rows: ResidentListRow[]; total: number } {
  const d = input?.inCareOn ?? todayIso();
  const params: Record<string, string | number> = { d };
  const where: string[] = [];
  if (input?.search) {
    const q = input.search.trim();
    const id = parseIdNumber(q);
    if (id.ok) {
      params.idn = id.value;
      where.push('r.id_number = @idn');
    } else {
      // Names match from their first character, so the name index answers with a range (a
      // substring LIKE would read every resident): 王 and 王德 find 王德明; 德明 does not.
      params.lo = q;
      params.hi = `${q}\u{10FFFF}`;
      where.push('r.name >= @lo AND r.name < @hi');
    }
  }
  if (input?.facilityId) {
    params.f = input.facilityId;
    where.push('st.facility_id = @f');
  }
  if (input?.counties && input.counties.length > 0) {
    const l = inList('c', input.counties);
    Object.assign(params, l.params);
    where.push(`f.region_code IN ${l.sql}`);
  }
  if (input?.inCareOn) where.push('st.id IS NOT NULL');
  where.push(residentSql(ctx.actor, 'r.id'));
  const from = `
    FROM residents r
    LEFT JOIN stays st ON st.id = (SELECT s2.id FROM stays s2 WHERE s2.resident_id = r.id AND ${stayOpenOn('s2')} ORDER BY s2.residential DESC, s2.admitted_on DESC LIMIT 1)
    LEFT JOIN facilities f ON f.id = st.facility_id
    LEFT JOIN beds b ON b.id = st.bed_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  // Counting needs the stay joins only when a filter looks at the stay; otherwise counting
  // residents alone spares finding every resident's current stay (a first page of 100 rows
  // would otherwise pay for all of them).
  const byStay = !!(input?.facilityId || input?.counties?.length || input?.inCareOn);
  const countFrom = byStay ? from : `FROM residents r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const total = (ctx.db.sqlite.prepare(`SELECT count(*) AS n ${countFrom}`).get(params) as { n: number }).n;
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT r.id, r.name, r.id_number AS idNumber, r.sex, r.birth_date AS birthDate,
         r.household_region_code AS householdRegionCode, r.tekun, r.tekun_self_care AS tekunSelfCare,
         r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu,
         st.id AS stayId, st.facility_id AS facilityId, f.name AS facilityName,
         ${bedFullLabel('b')} AS bedLabel,
         st.admitted_on AS admittedOn,
         (SELECT a.final_level FROM assessments a WHERE a.resident_id = r.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS latestLevel,
         (SELECT max(a.assessed_on) FROM assessments a WHERE a.resident_id = r.id) AS latestAssessedOn
       ${from}
       ORDER BY r.name, r.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input?.limit ?? -1, offset: input?.offset ?? 0 }) as Array<
    Omit<ResidentListRow, 'idNumberMasked' | 'age' | 'tekun' | 'dibao' | 'lowIncome' | 'shidu' | 'youfu'> & {
      idNumber: string;
      tekun: number;
      dibao: number;
      lowIncome: number;
      shidu: number;
      youfu: number;
    }
  >;
  const today = todayIso();
  return {
    total,
    rows: rows.map(({ idNumber, ...r }) => ({
      ...r,
      idNumberMasked: maskIdNumber(idNumber),
      age: ageOn(r.birthDate, today),
      tekun: r.tekun === 1,
      dibao: r.dibao === 1,
      lowIncome: r.lowIncome === 1,
      shidu: r.shidu === 1,
      youfu: r.youfu === 1,
    })),
  };
}
