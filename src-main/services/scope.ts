/**
 * Which part of the register an account may see and change. Admins and city-wide accounts
 * see everything; section staff and read-only accounts may be limited to counties; facility
 * managers see only their own facilities (and the residents who stay or stayed there, or whom
 * they registered). Lists filter in SQL with the clauses below; single records and writes are
 * checked with the `assert…` functions (the api calls them for every id in an input).
 */
import { fail } from '../domain/errors';
import type { Actor, ServiceContext } from './context';

export type Scope =
  | { kind: 'all' }
  | { kind: 'counties'; counties: readonly string[] }
  | { kind: 'facilities'; facilityIds: readonly number[] };

export function scopeOf(actor: Actor): Scope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'facility') return { kind: 'facilities', facilityIds: actor.facilityIds ?? [] };
  if (actor.counties && actor.counties.length > 0) return { kind: 'counties', counties: actor.counties };
  return { kind: 'all' };
}

export function isCityWide(actor: Actor): boolean {
  return scopeOf(actor).kind === 'all';
}

// Values are inlined as literals: county codes are checked to be 6 digits and ids to be
// integers here, so nothing from outside reaches the SQL text.
function countyList(codes: readonly string[]): string {
  const ok = codes.filter((c) => /^\d{6}$/.test(c));
  return ok.length ? `(${ok.map((c) => `'${c}'`).join(', ')})` : '(NULL)';
}
function idList(ids: readonly number[]): string {
  const ok = ids.filter((i) => Number.isSafeInteger(i));
  return ok.length ? `(${ok.join(', ')})` : '(NULL)';
}

/** SQL condition on a facility id column; 'TRUE' when the account sees every facility. */
export function facilitySql(actor: Actor, column: string): string {
  const s = scopeOf(actor);
  if (s.kind === 'all') return '1';
  if (s.kind === 'facilities') return `${column} IN ${idList(s.facilityIds)}`;
  return `${column} IN (SELECT id FROM facilities WHERE region_code IN ${countyList(s.counties)})`;
}

/** SQL condition on a resident id column. */
export function residentSql(actor: Actor, column: string): string {
  const s = scopeOf(actor);
  if (s.kind === 'all') return '1';
  const parts = [`${column} IN (SELECT resident_id FROM stays WHERE ${facilitySql(actor, 'facility_id')})`];
  if (s.kind === 'counties') parts.push(`${column} IN (SELECT id FROM residents WHERE household_region_code IN ${countyList(s.counties)})`);
  if (actor.userId !== null)
    parts.push(
      `${column} IN (SELECT CAST(entity_id AS INTEGER) FROM audit_log WHERE entity = 'resident' AND action = 'resident.create' AND user_id = ${Number(actor.userId)})`,
    );
  return `(${parts.join(' OR ')})`;
}

/** The counties a county filter may use: the requested ones within scope, or all of the scope. */
export function scopedCounties(actor: Actor, requested: readonly string[] | undefined): string[] | undefined {
  const s = scopeOf(actor);
  if (s.kind === 'all') return requested ? [...requested] : undefined;
  if (s.kind === 'facilities') return [];
  if (!requested || requested.length === 0) return [...s.counties];
  for (const c of requested) if (!s.counties.includes(c)) outOfScope('区县', 'county', c);
  return [...requested];
}

function outOfScope(zhWhat: string, enWhat: string, id: number | string): never {
  return fail.forbidden(`超出您的权限范围：${zhWhat}（${id}）`, `Outside your scope: ${enWhat} ${id}`);
}

function inScope(ctx: ServiceContext, sql: string, id: number): boolean | null {
  const row = ctx.db.sqlite.prepare(sql).get({ id }) as { ok: number } | undefined;
  return row === undefined ? null : row.ok === 1;
}

/** Each returns quietly when the record does not exist: the service then says "not found". */
export const assertScope = {
  facility(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 'f.id')}) AS ok FROM facilities f WHERE f.id = @id`, id) === false)
      outOfScope('机构', 'facility', id);
  },
  bed(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 'b.facility_id')}) AS ok FROM beds b WHERE b.id = @id`, id) === false)
      outOfScope('床位', 'bed', id);
  },
  stay(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 's.facility_id')}) AS ok FROM stays s WHERE s.id = @id`, id) === false)
      outOfScope('入住记录', 'stay', id);
  },
  contract(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 'c.facility_id')}) AS ok FROM contracts c WHERE c.id = @id`, id) === false)
      outOfScope('合同', 'contract', id);
  },
  resident(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${residentSql(ctx.actor, 'r.id')}) AS ok FROM residents r WHERE r.id = @id`, id) === false)
      outOfScope('老人', 'resident', id);
  },
  /** A county-level record (a facility's county, a population figure): within the account's counties. */
  region(ctx: ServiceContext, code: string): void {
    const s = scopeOf(ctx.actor);
    if (s.kind === 'all') return;
    if (s.kind === 'facilities' || !s.counties.includes(code)) outOfScope('区县', 'county', code);
  },
};
