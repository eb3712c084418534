/**
 * Which part of the register an account may see and change. Admins and city-wide accounts
 * see everything; section staff and read-only accounts may be limited to counties; facility
 * managers see only their own facilities (and the residents who stay or stayed there, or whom
 * they registered). Lists filter in SQL with the clauses below; single records and writes are
 * checked with the `assert…` functions (the api calls them for every id in an input).
 *
 * Residents have two scopes. Reading ("stays or stayed", residentSql) keeps a facility's own
 * history of a resident who has left. Changing and revealing (residentChangeSql) needs the
 * resident to be the account's now: staying at one of its facilities; or in care nowhere with
 * the last stay at one of them (the home that discharged someone may re-admit them); or
 * registered by the account and never admitted elsewhere; or (county accounts) of a household
 * county of theirs. A resident who moved on can be read, with their stay elsewhere hidden,
 * but not changed, assessed, admitted or revealed.
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

/** Residents the account registered (its `resident.create` audit rows). */
function registeredBySql(actor: Actor, column: string): string | null {
  if (actor.userId === null) return null;
  return `${column} IN (SELECT CAST(entity_id AS INTEGER) FROM audit_log WHERE entity = 'resident' AND action = 'resident.create' AND user_id = ${Number(actor.userId)})`;
}

/** SQL condition on a resident id column: the residents the account may read. */
export function residentSql(actor: Actor, column: string): string {
  const s = scopeOf(actor);
  if (s.kind === 'all') return '1';
  const parts = [`${column} IN (SELECT resident_id FROM stays WHERE ${facilitySql(actor, 'facility_id')})`];
  if (s.kind === 'counties') parts.push(`${column} IN (SELECT id FROM residents WHERE household_region_code IN ${countyList(s.counties)})`);
  const mine = registeredBySql(actor, column);
  if (mine) parts.push(mine);
  return `(${parts.join(' OR ')})`;
}

/** SQL condition on a resident id column: the residents the account may change, assess, admit and reveal. */
export function residentChangeSql(actor: Actor, column: string): string {
  const s = scopeOf(actor);
  if (s.kind === 'all') return '1';
  const here = (c: string) => facilitySql(actor, c);
  const parts = [
    `${column} IN (SELECT resident_id FROM stays WHERE discharged_on IS NULL AND ${here('facility_id')})`,
    `(NOT EXISTS (SELECT 1 FROM stays os WHERE os.resident_id = ${column} AND os.discharged_on IS NULL)
      AND (SELECT ls.facility_id FROM stays ls WHERE ls.resident_id = ${column} ORDER BY ls.admitted_on DESC, ls.id DESC LIMIT 1)
        IN (SELECT id FROM facilities WHERE ${here('id')}))`,
  ];
  if (s.kind === 'counties') parts.push(`${column} IN (SELECT id FROM residents WHERE household_region_code IN ${countyList(s.counties)})`);
  const mine = registeredBySql(actor, column);
  if (mine) parts.push(`(${mine} AND NOT EXISTS (SELECT 1 FROM stays es WHERE es.resident_id = ${column} AND NOT (${here('es.facility_id')})))`);
  return `(${parts.join(' OR ')})`;
}

/**
 * SQL condition on a stay (alias) of a resident (alias): a stay the account may see as where
 * the resident is — at one of its facilities or, for county accounts, of a resident of their
 * household counties. A readable resident's stay anywhere else is not shown.
 */
export function stayVisibleSql(actor: Actor, stay: string, resident: string): string {
  const s = scopeOf(actor);
  if (s.kind === 'all') return '1';
  const here = facilitySql(actor, `${stay}.facility_id`);
  return s.kind === 'counties' ? `(${here} OR ${resident}.household_region_code IN ${countyList(s.counties)})` : here;
}

/**
 * SQL condition on an assessment (alias): all of a resident the account may change; of one
 * who has left, those made up to the last day at the account's facilities (or, if they were
 * only registered here, up to their first admission elsewhere).
 */
export function assessmentVisibleSql(actor: Actor, a: string): string {
  if (scopeOf(actor).kind === 'all') return '1';
  return `(${residentChangeSql(actor, `${a}.resident_id`)} OR ${a}.assessed_on <= coalesce(
      (SELECT max(vs.discharged_on) FROM stays vs WHERE vs.resident_id = ${a}.resident_id AND ${facilitySql(actor, 'vs.facility_id')}),
      (SELECT min(vs.admitted_on) FROM stays vs WHERE vs.resident_id = ${a}.resident_id)))`;
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

/**
 * A record outside the account's scope, named as the clerk knows it — the facility's name
 * (碧江中心敬老院), a bed as facility and label — never by an internal id. A resident is not
 * named: whom the account may not see stays unsaid.
 */
function outOfScopeNamed(ctx: ServiceContext, facilityId: number | null, zh: (f: string) => string, en: (f: string) => string): never {
  const name = facilityId === null ? undefined : (ctx.db.sqlite.prepare('SELECT name FROM facilities WHERE id = ?').get(facilityId) as { name: string } | undefined)?.name;
  const f = name ?? '其他机构';
  return fail.forbidden(`超出您的权限范围：${zh(f)}`, `Outside your scope: ${en(name ?? 'another facility')}`);
}

function facilityOf(ctx: ServiceContext, sql: string, id: number): number | null {
  return (ctx.db.sqlite.prepare(sql).get(id) as { f: number } | undefined)?.f ?? null;
}

function inScope(ctx: ServiceContext, sql: string, id: number): boolean | null {
  const row = ctx.db.sqlite.prepare(sql).get({ id }) as { ok: number } | undefined;
  return row === undefined ? null : row.ok === 1;
}

/** Whether the account may read the resident (false also when there is no such resident). */
export function mayReadResident(ctx: ServiceContext, id: number): boolean {
  if (scopeOf(ctx.actor).kind === 'all') return true;
  return inScope(ctx, `SELECT (${residentSql(ctx.actor, 'r.id')}) AS ok FROM residents r WHERE r.id = @id`, id) === true;
}

/** Whether the account may change or reveal the resident (see residentChangeSql). */
export function mayChangeResident(ctx: ServiceContext, id: number): boolean {
  if (scopeOf(ctx.actor).kind === 'all') return true;
  return inScope(ctx, `SELECT (${residentChangeSql(ctx.actor, 'r.id')}) AS ok FROM residents r WHERE r.id = @id`, id) === true;
}

function residentLeft(): never {
  return fail.forbidden(
    '该老人目前不在您管辖的机构入住：只能查看以往的记录，不能修改、评估、办理入住或查看完整号码',
    'The resident no longer stays within your scope: you may view the past records, but not change them, assess, admit or reveal full numbers',
  );
}

/** Each returns quietly when the record does not exist: the service then says "not found". */
export const assertScope = {
  facility(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 'f.id')}) AS ok FROM facilities f WHERE f.id = @id`, id) === false)
      outOfScopeNamed(ctx, id, (f) => f, (f) => f);
  },
  bed(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 'b.facility_id')}) AS ok FROM beds b WHERE b.id = @id`, id) === false)
    {
      const bed = ctx.db.sqlite.prepare("SELECT facility_id AS f, trim(building || ' ' || room || ' ' || label) AS label FROM beds WHERE id = ?").get(id) as { f: number; label: string };
      outOfScopeNamed(ctx, bed.f, (f) => `${f} 的床位 ${bed.label}`, (f) => `bed ${bed.label} of ${f}`);
    }
  },
  stay(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 's.facility_id')}) AS ok FROM stays s WHERE s.id = @id`, id) === false)
      outOfScopeNamed(ctx, facilityOf(ctx, 'SELECT facility_id AS f FROM stays WHERE id = ?', id), (f) => `${f} 的入住记录`, (f) => `a stay at ${f}`);
  },
  contract(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${facilitySql(ctx.actor, 'c.facility_id')}) AS ok FROM contracts c WHERE c.id = @id`, id) === false)
      outOfScopeNamed(ctx, facilityOf(ctx, 'SELECT facility_id AS f FROM contracts WHERE id = ?', id), (f) => `${f} 的公建民营合同`, (f) => `the operating contract of ${f}`);
  },
  resident(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    if (inScope(ctx, `SELECT (${residentSql(ctx.actor, 'r.id')}) AS ok FROM residents r WHERE r.id = @id`, id) === false)
      fail.forbidden('超出您的权限范围：该老人不在您管辖的机构或区县', 'Outside your scope: the resident is not in your facilities or counties');
  },
  /** Writes and reveals: the resident is the account's now (residentChangeSql), not only in its history. */
  residentChange(ctx: ServiceContext, id: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    assertScope.resident(ctx, id);
    if (inScope(ctx, `SELECT (${residentChangeSql(ctx.actor, 'r.id')}) AS ok FROM residents r WHERE r.id = @id`, id) === false) residentLeft();
  },
  /** Writes on a stay: its resident, too, must be the account's now. */
  residentOfStay(ctx: ServiceContext, stayId: number): void {
    if (scopeOf(ctx.actor).kind === 'all') return;
    const row = ctx.db.sqlite.prepare('SELECT resident_id AS residentId FROM stays WHERE id = ?').get(stayId) as { residentId: number } | undefined;
    if (row) assertScope.residentChange(ctx, row.residentId);
  },
  /** A county-level record (a facility's county, a population figure): within the account's counties. */
  region(ctx: ServiceContext, code: string): void {
    const s = scopeOf(ctx.actor);
    if (s.kind === 'all') return;
    if (s.kind === 'facilities' || !s.counties.includes(code)) outOfScope('区县', 'county', code);
  },
};
