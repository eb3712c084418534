/**
 * The residents list (the 老人 grid, the admission search, the roster): where each one stays
 * on a date and their latest ability level, within the account's scope.
 *
 * What it gives away is bounded (README "Personal data"): the ID number masked to its
 * province, the age rather than the birth date for accounts without `revealPersonal`, and
 * for a resident who has left the account's facilities no current stay elsewhere and no
 * assessment made there. Searching by a full ID number is for accounts with
 * `revealPersonal` only, and every such search is audited; for other accounts the text
 * is matched against names, so it finds nobody whether or not the number is registered.
 */
import type { z } from 'zod';
import type { residentListInput } from '../contract/schemas';
import { ageOn, latestBirthForAge, todayIso } from '../domain/dates';
import { normaliseCode } from '../domain/code-text';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import { likePattern } from '../db/queries/as-of';
import { roleHas } from '../domain/permissions';
import { latestSeenAssessments, residentListRows, type ResidentListRaw, type ResidentListRow } from '../db/queries/residents';
import { inList } from './as-of';
import { audit, write, type ServiceContext } from './context';
import { INSTALL } from '../domain/ownership';
import { assessmentVisibleSql, residentChangeSql, residentSql, scopeOf, stayVisibleSql } from './scope';

export type { ResidentListRow } from '../db/queries/residents';

/** Residents with where they stay on a date (default today) and their latest ability level. */
export function listResidents(ctx: ServiceContext, input: z.infer<typeof residentListInput>): { rows: ResidentListRow[]; total: number } {
  const actor = ctx.actor;
  const reveals = roleHas(actor.role, 'revealPersonal');
  const d = input?.inCareOn ?? todayIso();
  const params: Record<string, string | number> = { d };
  const where: string[] = [];
  let searchedId: string | null = null;
  if (input?.search) {
    const q = input.search.trim();
    const digits = reveals ? idDigits(q) : null;
    const id = digits !== null ? parseIdNumber(digits) : null;
    if (id?.ok) {
      searchedId = id.value;
      params.idn = id.value;
      where.push('r.id_number = @idn');
    } else if (digits !== null && digits.length >= ID_TAIL_MIN && digits.length < 18) {
      // The last digits of the number (4 or more), for accounts that may reveal it: the
      // index on the last 4 characters (residents_id_tail, migration 0007) finds the few
      // candidates, the whole tail then picks among them.
      searchedId = digits;
      params.tail4 = digits.slice(-ID_TAIL_MIN);
      params.tail = `%${digits}`;
      where.push('substr(r.id_number, -4) = @tail4 AND r.id_number LIKE @tail');
    } else if (q !== '') {
      nameCondition(q, params, where);
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
  // ages today as the rows show them (domain/dates.ts ageOn), on the indexed birth date
  if (input?.ageMin !== undefined) {
    params.bornBy = latestBirthForAge(input.ageMin, todayIso());
    where.push('r.birth_date <= @bornBy');
  }
  if (input?.ageMax !== undefined) {
    params.bornAfter = latestBirthForAge(input.ageMax + 1, todayIso());
    where.push('r.birth_date > @bornAfter');
  }
  where.push(residentSql(actor, 'r.id'));
  // The stay shown is one the account may see: a resident who moved to another facility
  // shows as not in care here (and county and date filters cannot find where they went).
  // Counting needs the stay joins only when a filter looks at the stay.
  const byStay = !!(input?.facilityId || input?.counties?.length || input?.inCareOn);
  const { total, rows } = residentListRows(ctx.db.sqlite, {
    where,
    params,
    stayVisible: stayVisibleSql(actor, 's2', 'r'),
    mayReveal: residentChangeSql(actor, 'r.id'),
    byStay,
    sort: input?.sort,
    limit: input?.limit ?? -1,
    offset: input?.offset ?? 0,
  });
  onlyOwnAssessments(ctx, rows);
  if (searchedId !== null) auditIdSearch(ctx, searchedId, rows);
  const today = todayIso();
  return {
    total,
    // The birth date only of residents the account may reveal now (not of one who left its facility).
    rows: rows.map(({ idNumber, birthDate, mayReveal, ...r }) => ({
      ...r,
      idNumberMasked: maskIdNumber(idNumber),
      ...(reveals && mayReveal === 1 ? { birthDate } : {}),
      age: ageOn(birthDate, today),
      tekun: r.tekun === 1,
      dibao: r.dibao === 1,
      lowIncome: r.lowIncome === 1,
      shidu: r.shidu === 1,
      youfu: r.youfu === 1,
    })),
  };
}

/**
 * Of residents who have left the account's facilities, the latest level is the one assessed
 * while there (assessmentVisibleSql). Worked out apart for those few rows, so that the list's
 * own query stays as cheap as before for everyone else.
 */
function onlyOwnAssessments(ctx: ServiceContext, rows: ResidentListRaw[]): void {
  if (scopeOf(ctx.actor).kind === 'all' || rows.length === 0) return;
  const left = latestSeenAssessments(ctx.db.sqlite, assessmentVisibleSql(ctx.actor, 'a'), residentChangeSql(ctx.actor, 'r.id'), rows.map((r) => r.id));
  const byId = new Map(left.map((l) => [l.id, l]));
  for (const r of rows) {
    const l = byId.get(r.id);
    if (l) Object.assign(r, { latestLevel: l.latestLevel, latestAssessedOn: l.latestAssessedOn });
  }
}

/** An ID-number search needs at least the last 4 characters. */
export const ID_TAIL_MIN = 4;

/**
 * The text as ID digits (full-width digits, spaces and a lower-case x as the import accepts
 * them, domain/code-text.ts), or null when it is not digits (a name).
 */
function idDigits(q: string): string | null {
  const v = normaliseCode(q).toUpperCase();
  return /^\d+X?$/.test(v) ? v : null;
}

/**
 * Any part of the name: the residents holding the text's first character come from the
 * character index (resident_name_chars, kept by triggers, migration 0007), and of those the
 * names containing the whole text — so "国海" finds 丁国海 without reading every name.
 */
function nameCondition(q: string, params: Record<string, string | number>, where: string[]): void {
  const first = [...q][0]!;
  params.ch = first;
  params.like = likePattern(q);
  where.push("r.id IN (SELECT nc.resident_id FROM resident_name_chars nc WHERE nc.ch = @ch) AND r.name LIKE @like ESCAPE '\\'");
}

/** Who looked up an ID number, and whom it found: the number itself is kept masked. */
function auditIdSearch(ctx: ServiceContext, idNumber: string, found: ResidentListRaw[]): void {
  write(ctx, INSTALL, (tx) =>
    audit(tx, ctx.actor, 'resident.searchIdNumber', 'resident', found.length === 1 ? found[0]!.id : null, null, {
      // a search by the last digits keeps none of them
      query: idNumber.length === 18 ? maskIdNumber(idNumber) : '*'.repeat(idNumber.length),
      length: idNumber.length,
      found: found.length,
    }),
  );
}
