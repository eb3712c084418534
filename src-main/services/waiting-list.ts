/**
 * The admission waiting list (轮候) of a facility (docs/domain.md#waiting-list): applications
 * added, withdrawn and reopened here; admitted from the list by `stay.admit` with a
 * `waitingApplicationId` (services/stays.ts), which closes the application in the admission's
 * own write. The list's order is domain/waiting-list.ts `orderApplications`.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { waitingAddInput, waitingDefaultsInput, waitingGetInput, waitingListInput, waitingReopenInput, waitingWithdrawInput } from '../contract/waiting-list';
import { waitingApplications } from '../db/schema';
import { requireFacility } from '../db/queries/facilities';
import { requireResident } from '../db/queries/residents';
import {
  countWaitingOn, latestLevel, openStayAt, requireApplication, waitingListRow, waitingListRows, waitingOf, type WaitingApplicationRow, type WaitingListRow,
} from '../db/queries/waiting-applications';
import { ENTITY } from '../db/queries/entities';
import { ageOn, daysBetween, todayIso } from '../domain/dates';
import { isResidentialKind } from '../domain/enums';
import { fail } from '../domain/errors';
import { maskIdNumber } from '../domain/id-number';
import { facility } from '../domain/ownership';
import { categoryOfResident, orderApplications, PRIORITY_CATEGORIES, WAITING_STATUS } from '../domain/waiting-list';
import { audit, write, type Actor, type ServiceContext, type Tx } from './context';
import { notInFuture } from './stay-rules';

/** An application as screens see it: the applicant's ID number masked, the days waited to `date` (or to its close). */
function shown(r: WaitingListRow, date: string) {
  const { idNumber, birthDate, ...rest } = r;
  return {
    ...rest,
    tekun: r.tekun === 1,
    dibao: r.dibao === 1,
    lowIncome: r.lowIncome === 1,
    shidu: r.shidu === 1,
    youfu: r.youfu === 1,
    idNumberMasked: maskIdNumber(idNumber),
    age: ageOn(birthDate, date),
    waitingDays: Math.max(0, daysBetween(r.appliedOn, r.closedOn ?? date)),
  };
}
export type WaitingApplicationView = ReturnType<typeof shown> & { rank: number | null };

/**
 * A facility's list: the waiting applications in the list's order, each with its place (rank
 * 1 is admitted next); with `status: 'all'` the closed ones follow, latest closed first.
 */
export function listWaiting(ctx: ServiceContext, input: z.infer<typeof waitingListInput>): WaitingApplicationView[] {
  const date = input.date ?? todayIso();
  const status = input.status ?? 'waiting';
  const rows = waitingListRows(ctx.db.sqlite, input.facilityId, status === 'waiting');
  const waiting = orderApplications(rows.filter((r) => r.status === 'waiting')).map((r) => ({ ...shown(r, date), rank: r.rank as number | null }));
  const closed = rows
    .filter((r) => r.status !== 'waiting' && (status === 'all' || r.status === status))
    .sort((a, b) => (b.closedOn ?? '').localeCompare(a.closedOn ?? '') || b.id - a.id)
    .map((r) => ({ ...shown(r, date), rank: null }));
  return status === 'waiting' || status === 'all' ? [...waiting, ...closed] : closed;
}

/** One application of the facility, with its applicant (the admission flow starts from it). */
export function getWaiting(ctx: ServiceContext, input: z.infer<typeof waitingGetInput>): WaitingApplicationView & { facilityName: string } {
  const f = requireFacility(ctx.db.orm, input.facilityId);
  const row = waitingListRow(ctx.db.sqlite, input.applicationId);
  if (!row || row.facilityId !== f.id) return fail.notFound(ENTITY.waitingApplication, input.applicationId, 'applicationId');
  const rank = row.status === 'waiting' ? (listWaiting(ctx, { facilityId: f.id }).find((r) => r.id === row.id)?.rank ?? null) : null;
  return { ...shown(row, todayIso()), rank, facilityName: f.name };
}

/** What a new application of the resident gets unless the clerk says otherwise: the category and level of the record now. */
export function waitingDefaults(ctx: ServiceContext, input: z.infer<typeof waitingDefaultsInput>) {
  const r = requireResident(ctx.db.orm, input.residentId);
  const latest = latestLevel(ctx.db.orm, r.id);
  return { category: categoryOfResident(r), assessmentLevel: latest?.finalLevel ?? null, assessedOn: latest?.assessedOn ?? null };
}

function requireResidential(f: { kind: Parameters<typeof isResidentialKind>[0]; name: string }): void {
  if (!isResidentialKind(f.kind))
    fail.validation('WAITING_NOT_RESIDENTIAL', 'facilityId', `机构“${f.name}”不收住老人，没有轮候名单`, `"${f.name}" takes no residents; it has no waiting list`);
}

/** Neither staying at the facility now nor already on its list. */
function checkMayWait(tx: Tx, residentId: number, facilityId: number, facilityName: string, except?: number): void {
  const stay = openStayAt(tx, residentId, facilityId);
  if (stay)
    fail.conflict('WAITING_ALREADY_STAYING', 'residentId', `该老人已于 ${stay.admittedOn} 入住“${facilityName}”，不需要轮候`, `The resident has stayed at "${facilityName}" since ${stay.admittedOn}; no waiting needed`);
  const other = waitingOf(tx, residentId, facilityId, except);
  if (other)
    fail.conflict('WAITING_ALREADY_LISTED', 'residentId', `该老人已在“${facilityName}”的轮候名单上（${other.appliedOn} 申请）`, `The resident is already on the waiting list of "${facilityName}" (applied ${other.appliedOn})`);
}

function requireWaiting(row: WaitingApplicationRow, field = 'applicationId'): void {
  if (row.status !== 'waiting') {
    const s = WAITING_STATUS[row.status];
    fail.conflict('WAITING_NOT_OPEN', field, `该轮候申请${s.zh}（${row.closedOn ?? ''}），不在轮候中`, `The application is ${s.en.toLowerCase()} (${row.closedOn ?? ''}); it is not waiting`);
  }
}

export function addWaiting(ctx: ServiceContext, input: z.infer<typeof waitingAddInput>) {
  notInFuture(input.appliedOn, 'appliedOn');
  return write(ctx, facility(input.facilityId), (tx) => {
    const f = requireFacility(tx, input.facilityId);
    requireResidential(f);
    const r = requireResident(tx, input.residentId);
    if (input.appliedOn < r.birthDate) fail.validation('WAITING_BEFORE_BIRTH', 'appliedOn', '申请日期早于出生日期', 'The application date precedes the birth date');
    checkMayWait(tx, r.id, f.id, f.name);
    const level = input.assessmentLevel !== undefined ? input.assessmentLevel : (latestLevel(tx, r.id)?.finalLevel ?? null);
    const inserted = tx
      .insert(waitingApplications)
      .values({ facilityId: f.id, residentId: r.id, appliedOn: input.appliedOn, category: input.category ?? categoryOfResident(r), assessmentLevel: level, note: input.note ?? '' })
      .returning({ id: waitingApplications.id })
      .get();
    // read back: RETURNING gives the row before the uid trigger of migration 0013 ran
    const row = requireApplication(tx, f.id, inserted.id);
    audit(tx, ctx.actor, 'waiting.add', 'resident', r.id, null, row);
    return row;
  });
}

export function withdrawWaiting(ctx: ServiceContext, input: z.infer<typeof waitingWithdrawInput>) {
  const on = input.withdrawnOn ?? todayIso();
  notInFuture(on, 'withdrawnOn');
  return write(ctx, facility(input.facilityId), (tx) => {
    const before = requireApplication(tx, input.facilityId, input.applicationId);
    requireWaiting(before);
    if (on < before.appliedOn)
      fail.validation('WITHDRAWN_BEFORE_APPLIED', 'withdrawnOn', `撤回日期不能早于申请日期 ${before.appliedOn}`, `The withdrawal cannot precede the application on ${before.appliedOn}`);
    const row = tx
      .update(waitingApplications)
      .set({ status: 'withdrawn', closedOn: on, withdrawReason: input.withdrawReason })
      .where(eq(waitingApplications.id, before.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'waiting.withdraw', 'resident', before.residentId, before, row);
    return row;
  });
}

/** A withdrawal made in error: the application waits again, in its old place by its own date. */
export function reopenWaiting(ctx: ServiceContext, input: z.infer<typeof waitingReopenInput>) {
  return write(ctx, facility(input.facilityId), (tx) => {
    const before = requireApplication(tx, input.facilityId, input.applicationId);
    if (before.status !== 'withdrawn')
      fail.conflict('WAITING_NOT_WITHDRAWN', 'applicationId', `只有已撤回的轮候申请可以恢复（该申请${WAITING_STATUS[before.status].zh}）`, `Only a withdrawn application can be reopened (this one is ${WAITING_STATUS[before.status].en.toLowerCase()})`);
    const f = requireFacility(tx, before.facilityId);
    checkMayWait(tx, before.residentId, f.id, f.name, before.id);
    const row = tx
      .update(waitingApplications)
      .set({ status: 'waiting', closedOn: null, withdrawReason: '' })
      .where(eq(waitingApplications.id, before.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'waiting.reopen', 'resident', before.residentId, before, { ...row, reason: input.reason });
    return row;
  });
}

/**
 * Before an admission from the list: the application is this resident's at this facility, still
 * waiting, and the admission is not dated before it. Checked inside the admission's write.
 */
export function requireApplicationFor(tx: Tx, applicationId: number, residentId: number, facilityId: number, admittedOn: string): WaitingApplicationRow {
  const row = tx.select().from(waitingApplications).where(eq(waitingApplications.id, applicationId)).get();
  if (!row) return fail.notFound(ENTITY.waitingApplication, applicationId, 'waitingApplicationId');
  if (row.residentId !== residentId)
    fail.validation('WAITING_OTHER_RESIDENT', 'waitingApplicationId', '该轮候申请不是这位老人的', 'The waiting-list application is not this resident’s');
  if (row.facilityId !== facilityId)
    fail.validation('WAITING_OTHER_FACILITY', 'waitingApplicationId', '该轮候申请不是所选入住机构的，请选择该机构的床位', 'The waiting-list application is for another facility; choose a bed there');
  requireWaiting(row, 'waitingApplicationId');
  if (admittedOn < row.appliedOn)
    fail.validation('ADMITTED_BEFORE_APPLIED', 'admittedOn', `入住日期不能早于轮候申请日期 ${row.appliedOn}`, `The admission cannot precede the application on ${row.appliedOn}`);
  return row;
}

/** The resident's waiting application at the facility that an admission on `admittedOn` there closes, if any. */
export function waitingHere(tx: Tx, residentId: number, facilityId: number, admittedOn: string): WaitingApplicationRow | undefined {
  const row = waitingOf(tx, residentId, facilityId);
  return row && row.appliedOn <= admittedOn ? row : undefined;
}

/** The stay made: the application is admitted with it (same transaction as the stay). */
export function markAdmitted(tx: Tx, actor: Actor, before: WaitingApplicationRow, stay: { id: number; admittedOn: string }): void {
  const row = tx
    .update(waitingApplications)
    .set({ status: 'admitted', closedOn: stay.admittedOn, stayId: stay.id })
    .where(eq(waitingApplications.id, before.id))
    .returning()
    .get();
  audit(tx, actor, 'waiting.admit', 'resident', before.residentId, before, row);
}

/**
 * How many applications of the facility were waiting on `date` (applied on or before it, not
 * admitted or withdrawn by then) in the priority categories 特困, 低保 and 低收入. A withdrawal
 * later undone (reopened) no longer shows in this count's past.
 */
export function priorityApplicantsWaiting(ctx: ServiceContext, facilityId: number, date: string): number {
  return countWaitingOn(ctx.db.sqlite, facilityId, date, PRIORITY_CATEGORIES);
}
