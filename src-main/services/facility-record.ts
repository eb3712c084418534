/**
 * The national system's facility record (DOMAIN §10): the rules its fields follow beside the
 * register's (services/facilities.ts applies them on create and update), and the facility's
 * licences and insurances as dated records. Fees arrive in yuan and are kept as integer fen.
 */
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { FEE_COLUMNS, type licenceAddInput, type licenceRemoveInput, type licenceUpdateInput } from '../contract/facility-record';
import { beds, facilities, facilityLicences, facilityStatusChanges } from '../db/schema';
import { ENTITY } from '../db/queries/entities';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { fieldLabel } from '../contract/field-labels';
import { audit, write, type ServiceContext, type Tx } from './context';
import { countyOfFacility } from './owners';

type MoneyField = keyof typeof FEE_COLUMNS;
type MoneyColumn = (typeof FEE_COLUMNS)[MoneyField];

/** An input's fields as the facilities table keeps them: the fees in fen under their columns' names. */
export function asFacilityColumns<T extends Partial<Record<MoneyField, number | null>>>(input: T): Omit<T, MoneyField> & Partial<Record<MoneyColumn, number | null>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    const column = FEE_COLUMNS[k as MoneyField] as MoneyColumn | undefined;
    if (column === undefined) out[k] = v;
    else if (v !== undefined) out[column] = v === null ? null : Math.round((v as number) * 100);
  }
  return out as Omit<T, MoneyField> & Partial<Record<MoneyColumn, number | null>>;
}

type RecordRow = Pick<
  typeof facilities.$inferSelect,
  'registration' | 'registeredOn' | 'filedOn' | 'bedFeeMinFen' | 'bedFeeMaxFen' | 'careFeeMinFen' | 'careFeeMaxFen' | 'mealFeeMinFen' | 'mealFeeMaxFen'
>;

function notAfterToday(date: string | null | undefined, field: string): void {
  if (date && date > todayIso()) {
    const label = fieldLabel([field]);
    fail.validation('DATE_IN_FUTURE', field, `${label.zh}：${date} 晚于今天`, `${label.en} ${date} is after today`);
  }
}

/** The day the facility first operated (its first 运营 status), if it has. */
export function openedOn(tx: Tx, facilityId: number): string | null {
  return (
    tx
      .select({ on: facilityStatusChanges.effectiveOn })
      .from(facilityStatusChanges)
      .where(and(eq(facilityStatusChanges.facilityId, facilityId), eq(facilityStatusChanges.status, 'operating')))
      .orderBy(asc(facilityStatusChanges.effectiveOn))
      .limit(1)
      .get()?.on ?? null
  );
}

/**
 * The record's rules on the facility as it will be stored (`row`, `opened`: its first operating
 * day, null before it opens): a 备案 only from the day it opened, a registration date only for a
 * registered facility, no date after today, each fee's lowest not above its highest.
 */
export function checkFacilityRecord(row: RecordRow, opened: string | null): void {
  notAfterToday(row.filedOn, 'filedOn');
  notAfterToday(row.registeredOn, 'registeredOn');
  if (row.filedOn) {
    if (opened === null)
      return fail.validation('FILED_BEFORE_OPENING', 'filedOn', `备案日期 ${row.filedOn} 早于机构开业运营（该机构尚未运营）`, `The filing date ${row.filedOn} precedes the opening (the facility has not opened)`);
    if (row.filedOn < opened)
      fail.validation('FILED_BEFORE_OPENING', 'filedOn', `备案日期 ${row.filedOn} 早于机构开业运营日期 ${opened}`, `The filing date ${row.filedOn} precedes the opening on ${opened}`);
  }
  if (row.registeredOn && row.registration !== 'registered')
    fail.validation('REGISTERED_ON_UNREGISTERED', 'registeredOn', '登记状态为“已登记”时才填写登记日期', 'A registration date needs the status 已登记 (registered)');
  for (const [min, max, field] of [
    [row.bedFeeMinFen, row.bedFeeMaxFen, 'bedFeeMax'],
    [row.careFeeMinFen, row.careFeeMaxFen, 'careFeeMax'],
    [row.mealFeeMinFen, row.mealFeeMaxFen, 'mealFeeMax'],
  ] as const) {
    if (min !== null && max !== null && min > max) {
      const label = fieldLabel([field]);
      fail.validation('FEE_RANGE', field, `${label.zh}不能低于最低收费`, `${label.en} cannot be below the lowest fee`);
    }
  }
}

/** 日托 beds only where the facility offers day care: a day-care centre, or a home that says it does. */
export function checkBedUse(f: { kind: string; offersDayCare: boolean; name: string }, use: string | undefined, field: string): void {
  if (use === 'day_care' && f.kind !== 'day_care' && !f.offersDayCare)
    fail.validation('DAY_CARE_NOT_OFFERED', field, `机构“${f.name}”未登记提供日间照料，不能设日托床位（先在“国家系统信息”中勾选提供日间照料）`, `"${f.name}" offers no day care; it cannot have day-care beds (set "offers day care" in its national record first)`);
}

/** A facility may stop offering day care only when no 日托 bed of it is in service. */
export function checkDayCareBedsFit(tx: Tx, f: { id: number; kind: string; offersDayCare: boolean; name: string }): void {
  if (f.kind === 'day_care' || f.offersDayCare) return;
  const n = tx.select({ n: count() }).from(beds).where(and(eq(beds.facilityId, f.id), eq(beds.use, 'day_care'), isNull(beds.retiredOn))).get()?.n ?? 0;
  if (n > 0)
    fail.conflict('DAY_CARE_BEDS_EXIST', 'offersDayCare', `机构“${f.name}”还有 ${n} 张日托床位在用，请先改为全托或停用`, `"${f.name}" still has ${n} day-care bed(s) in service; change or retire them first`);
}

// ——— licences ———

function checkLicenceDates(issuedOn: string, expiresOn: string | null): void {
  notAfterToday(issuedOn, 'issuedOn');
  if (expiresOn !== null && expiresOn < issuedOn)
    fail.validation('EXPIRES_BEFORE_ISSUE', 'expiresOn', `有效期至 ${expiresOn} 早于发证日期 ${issuedOn}`, `The expiry ${expiresOn} precedes the issue date ${issuedOn}`);
}

function requireLicence(tx: Tx, facilityId: number, licenceId: number) {
  const row = tx.select().from(facilityLicences).where(eq(facilityLicences.id, licenceId)).get();
  // a licence of another facility is not found here (the scope was checked on facilityId)
  if (!row || row.facilityId !== facilityId) return fail.notFound(ENTITY.licence, licenceId, 'licenceId');
  return row;
}

export function listLicences(ctx: ServiceContext, facilityId: number) {
  return ctx.db.orm.select().from(facilityLicences).where(eq(facilityLicences.facilityId, facilityId)).orderBy(asc(facilityLicences.kind), asc(facilityLicences.issuedOn)).all();
}

export function addLicence(ctx: ServiceContext, input: z.infer<typeof licenceAddInput>) {
  return write(ctx, (tx) => countyOfFacility(tx, input.facilityId), (tx) => {
    const f = tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, input.facilityId)).get();
    if (!f) return fail.notFound(ENTITY.facility, input.facilityId, 'facilityId');
    checkLicenceDates(input.issuedOn, input.expiresOn ?? null);
    const inserted = tx
      .insert(facilityLicences)
      .values({ facilityId: f.id, kind: input.kind, number: input.number ?? '', issuedOn: input.issuedOn, expiresOn: input.expiresOn ?? null, note: input.note ?? '' })
      .returning({ id: facilityLicences.id })
      .get();
    // read back: the uid comes from the insert trigger, after RETURNING has been taken
    const row = requireLicence(tx, f.id, inserted.id);
    audit(tx, ctx.actor, 'licence.add', 'facility', f.id, null, row);
    return row;
  });
}

export function updateLicence(ctx: ServiceContext, input: z.infer<typeof licenceUpdateInput>) {
  return write(ctx, (tx) => countyOfFacility(tx, input.facilityId), (tx) => {
    const before = requireLicence(tx, input.facilityId, input.licenceId);
    const { facilityId, licenceId, ...changes } = input;
    const next = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    checkLicenceDates(next.issuedOn, next.expiresOn ?? null);
    const row = tx.update(facilityLicences).set(changes).where(eq(facilityLicences.id, licenceId)).returning().get();
    audit(tx, ctx.actor, 'licence.update', 'facility', facilityId, before, row);
    return row;
  });
}

export function removeLicence(ctx: ServiceContext, input: z.infer<typeof licenceRemoveInput>) {
  return write(ctx, (tx) => countyOfFacility(tx, input.facilityId), (tx) => {
    const before = requireLicence(tx, input.facilityId, input.licenceId);
    tx.delete(facilityLicences).where(eq(facilityLicences.id, before.id)).run();
    audit(tx, ctx.actor, 'licence.remove', 'facility', input.facilityId, before, null);
    return { id: before.id };
  });
}
