/**
 * Admissions, discharges, transfers and leaves. The rules a user can break are checked
 * here with clear messages; the partial unique indexes hold the same rules underneath.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { admitInput, dischargeInput, endLeaveInput, recordLeaveInput, stayListInput, transferInput } from '../contract/schemas';
import { leaves, stays } from '../db/schema';
import { requireBed } from '../db/queries/beds';
import { requireFacility, statusOnDate } from '../db/queries/facilities';
import { requireResident } from '../db/queries/residents';
import { bedHolderFrom, deathOn, leavesOf as leaveRows, openLeaveOf, overlappingLeaveStart, requireStay, stayListRows, stayOfResidentFrom, type StayRow } from '../db/queries/stays';
import { todayIso } from '../domain/dates';
import { isResidentialKind } from '../domain/enums';
import { fail } from '../domain/errors';
import { fieldLabel } from '../contract/field-labels';
import { audit, write, type ServiceContext, type Tx } from './context';
import { CITY, facility } from '../domain/ownership';
import { ownerOfBed, ownerOfStay } from './owners';
import { facilitySql } from './scope';
import { checkEntry } from './corrections';

export { requireStay } from '../db/queries/stays';

function notInFuture(date: string, field: string): void {
  if (date > todayIso()) {
    const label = fieldLabel([field]);
    fail.validation('DATE_IN_FUTURE', field, `${label.zh}：${date} 晚于今天，不能登记尚未发生的事`, `${label.en} ${date} is after today; record only what has happened`);
  }
}

function requireOpen(stay: StayRow): void {
  if (stay.dischargedOn !== null)
    fail.conflict('STAY_CLOSED', 'stayId', `该入住记录已于 ${stay.dischargedOn} 离院`, `This stay ended on ${stay.dischargedOn}`);
}

function requireOperating(ctx: ServiceContext, facilityId: number, date: string, name: string): void {
  if (statusOnDate(ctx.db.sqlite, facilityId, date) !== 'operating')
    fail.conflict('FACILITY_NOT_OPERATING', 'facilityId', `机构“${name}”在 ${date} 不在运营状态`, `Facility "${name}" is not operating on ${date}`);
}

/** The bed must be in service on `from` and held by no stay from `from` onward. */
function requireBedFree(ctx: ServiceContext, tx: Tx, bedId: number, from: string, field: string) {
  const bed = requireBed(tx, bedId, field);
  if (bed.inServiceFrom > from)
    fail.conflict('BED_NOT_IN_SERVICE', field, `床位 ${bed.label} 自 ${bed.inServiceFrom} 起才启用`, `Bed ${bed.label} is in service only from ${bed.inServiceFrom}`);
  // A stay opened here has no end yet, so a bed with any retirement date cannot take it.
  if (bed.retiredOn !== null)
    fail.conflict(
      'BED_RETIRED',
      field,
      bed.retiredOn <= from ? `床位 ${bed.label} 已于 ${bed.retiredOn} 停用` : `床位 ${bed.label} 将于 ${bed.retiredOn} 停用，不能再安排入住`,
      bed.retiredOn <= from ? `Bed ${bed.label} was retired on ${bed.retiredOn}` : `Bed ${bed.label} is to be retired on ${bed.retiredOn}; it cannot take a new stay`,
    );
  const holder = bedHolderFrom(ctx.db.sqlite, bedId, from);
  if (holder)
    fail.conflict('BED_OCCUPIED', field, `床位 ${bed.label} 已有老人入住（${holder.name}，${holder.admittedOn} 入住）`, `Bed ${bed.label} is occupied (${holder.name}, since ${holder.admittedOn})`);
  return bed;
}

function requireResidentFree(ctx: ServiceContext, residentId: number, from: string, residential: boolean, facilityId: number) {
  const clash = stayOfResidentFrom(ctx.db.sqlite, facilitySql(ctx.actor, 'f.id'), residentId, from, residential, facilityId);
  // A stay at a facility outside the account's scope is not named (where someone lives is theirs to know).
  if (clash && clash.visible !== 1)
    fail.conflict('RESIDENT_IN_CARE', 'residentId', '该老人已在其他机构入住，请先办理离院或转床', 'The resident already stays at another facility; discharge or transfer first');
  if (clash)
    fail.conflict('RESIDENT_IN_CARE', 'residentId', `该老人已在“${clash.name}”入住，请先办理离院或转床`, `The resident already stays at "${clash.name}"; discharge or transfer first`);
  const diedOn = deathOn(ctx.db.sqlite, residentId, from);
  if (diedOn !== undefined)
    fail.conflict('RESIDENT_DECEASED', 'residentId', `该老人已于 ${diedOn} 因死亡离院，不能再办理入住`, `The resident died on ${diedOn}; no new stay can start after that`);
}

export function admit(ctx: ServiceContext, input: z.infer<typeof admitInput>) {
  notInFuture(input.admittedOn, 'admittedOn');
  return write(ctx, (tx) => (input.bedId !== undefined ? ownerOfBed(tx, input.bedId) : input.facilityId !== undefined ? facility(input.facilityId) : CITY), (tx) => {
    const resident = requireResident(tx, input.residentId);
    if (input.admittedOn < resident.birthDate)
      fail.validation('ADMISSION_BEFORE_BIRTH', 'admittedOn', '入住日期早于出生日期', 'Admission date precedes the birth date');
    let facilityId = input.facilityId;
    if (input.bedId !== undefined) {
      const bed = requireBedFree(ctx, tx, input.bedId, input.admittedOn, 'bedId');
      if (facilityId !== undefined && facilityId !== bed.facilityId)
        fail.validation('BED_NOT_IN_FACILITY', 'bedId', '所选床位不属于该机构', 'The bed does not belong to the facility');
      facilityId = bed.facilityId;
    }
    if (facilityId === undefined) return fail.validation('BED_REQUIRED', 'bedId', '请选择床位', 'Choose a bed');
    const facility = requireFacility(tx, facilityId);
    const residential = isResidentialKind(facility.kind);
    if (residential && input.bedId === undefined) fail.validation('BED_REQUIRED', 'bedId', '入住养老机构须选择床位', 'A residential admission needs a bed');
    requireOperating(ctx, facility.id, input.admittedOn, facility.name);
    requireResidentFree(ctx, resident.id, input.admittedOn, residential, facility.id);
    checkEntry(tx, input.admittedOn, input);
    const row = tx
      .insert(stays)
      .values({ residentId: resident.id, facilityId: facility.id, bedId: input.bedId ?? null, residential, admittedOn: input.admittedOn, note: input.note ?? '' })
      .returning()
      .get();
    audit(tx, ctx.actor, 'stay.admit', 'stay', row.id, null, row);
    return row;
  });
}

/** Ends the stay's open leave on `on`; returns the leave it ended. */
function closeOpenLeave(tx: Tx, stayId: number, on: string): { id: number } | undefined {
  const open = openLeaveOf(tx, stayId);
  if (!open) return undefined;
  if (open.startOn > on)
    fail.conflict('LEAVE_AFTER_DATE', 'stayId', `该老人自 ${open.startOn} 外出，日期不能早于外出开始`, `The resident is on leave from ${open.startOn}; the date cannot precede it`);
  tx.update(leaves).set({ endOn: on }).where(eq(leaves.id, open.id)).run();
  return { id: open.id };
}

export function discharge(ctx: ServiceContext, input: z.infer<typeof dischargeInput>) {
  notInFuture(input.dischargedOn, 'dischargedOn');
  return write(ctx, (tx) => ownerOfStay(tx, input.stayId), (tx) => {
    const before = requireStay(tx, input.stayId);
    requireOpen(before);
    if (input.dischargedOn < before.admittedOn)
      fail.validation('DISCHARGE_BEFORE_ADMISSION', 'dischargedOn', `离院日期不能早于入住日期 ${before.admittedOn}`, `Discharge cannot precede the admission on ${before.admittedOn}`);
    checkEntry(tx, input.dischargedOn, input);
    const closedLeave = closeOpenLeave(tx, before.id, input.dischargedOn);
    const row = tx
      .update(stays)
      .set({ dischargedOn: input.dischargedOn, dischargeReason: input.dischargeReason, note: input.note ?? before.note })
      .where(eq(stays.id, before.id))
      .returning()
      .get();
    // The leave this discharge closed, so that undoing the discharge reopens it as it was.
    audit(tx, ctx.actor, 'stay.discharge', 'stay', row.id, before, closedLeave ? { ...row, closedLeaveId: closedLeave.id } : row);
    return row;
  });
}

/** Close the stay on D and open the next one on the new bed on the same day. */
export function transfer(ctx: ServiceContext, input: z.infer<typeof transferInput>) {
  notInFuture(input.transferOn, 'transferOn');
  // the receiving facility: the new stay is its record (the closed one stays its facility's)
  return write(ctx, (tx) => ownerOfBed(tx, input.toBedId), (tx) => {
    const before = requireStay(tx, input.stayId);
    requireOpen(before);
    if (before.bedId === input.toBedId) fail.validation('SAME_BED', 'toBedId', '转入床位与当前床位相同', 'The target bed is the current bed');
    if (input.transferOn < before.admittedOn)
      fail.validation('TRANSFER_BEFORE_ADMISSION', 'transferOn', `转床日期不能早于入住日期 ${before.admittedOn}`, `Transfer cannot precede the admission on ${before.admittedOn}`);
    const bed = requireBedFree(ctx, tx, input.toBedId, input.transferOn, 'toBedId');
    const facility = requireFacility(tx, bed.facilityId, 'toBedId');
    requireOperating(ctx, facility.id, input.transferOn, facility.name);
    checkEntry(tx, input.transferOn, input);
    const closedLeave = closeOpenLeave(tx, before.id, input.transferOn);
    const closed = tx
      .update(stays)
      .set({ dischargedOn: input.transferOn, dischargeReason: 'transfer' })
      .where(eq(stays.id, before.id))
      .returning()
      .get();
    const residential = isResidentialKind(facility.kind);
    if (residential) requireResidentFree(ctx, before.residentId, input.transferOn, true, facility.id);
    const opened = tx
      .insert(stays)
      .values({
        residentId: before.residentId,
        facilityId: facility.id,
        bedId: bed.id,
        residential,
        admittedOn: input.transferOn,
        transferredFromStayId: before.id,
        note: input.note ?? '',
      })
      .returning()
      .get();
    audit(tx, ctx.actor, 'stay.transfer', 'stay', before.id, before, closedLeave ? { closed, opened, closedLeaveId: closedLeave.id } : { closed, opened });
    return { closed, opened };
  });
}

/** 外出: the bed stays the resident's; an open-ended leave is closed with endLeave. */
export function recordLeave(ctx: ServiceContext, input: z.infer<typeof recordLeaveInput>) {
  notInFuture(input.startOn, 'startOn');
  return write(ctx, (tx) => ownerOfStay(tx, input.stayId), (tx) => {
    const stay = requireStay(tx, input.stayId);
    if (input.startOn < stay.admittedOn || (stay.dischargedOn !== null && input.startOn >= stay.dischargedOn))
      fail.validation('LEAVE_OUTSIDE_STAY', 'startOn', '外出日期不在入住期间内', 'The leave is outside the stay');
    const endOn = input.endOn ?? null;
    if (endOn !== null && endOn < input.startOn) fail.validation('LEAVE_END_BEFORE_START', 'endOn', '返回日期不能早于外出日期', 'The return cannot precede the start of the leave');
    if (endOn === null && stay.dischargedOn !== null) fail.validation('LEAVE_END_REQUIRED', 'endOn', '已离院的入住记录须填写返回日期', 'A leave on a closed stay needs an end date');
    const overlap = overlappingLeaveStart(ctx.db.sqlite, stay.id, input.startOn, endOn);
    if (overlap !== undefined) fail.conflict('LEAVE_OVERLAP', 'startOn', `与 ${overlap} 开始的外出记录重叠`, `Overlaps the leave starting ${overlap}`);
    checkEntry(tx, input.startOn, input);
    const row = tx.insert(leaves).values({ stayId: stay.id, startOn: input.startOn, endOn, reason: input.reason ?? '' }).returning().get();
    audit(tx, ctx.actor, 'stay.recordLeave', 'stay', stay.id, null, row);
    return row;
  });
}

export function endLeave(ctx: ServiceContext, input: z.infer<typeof endLeaveInput>) {
  notInFuture(input.endOn, 'endOn');
  return write(ctx, (tx) => ownerOfStay(tx, input.stayId), (tx) => {
    requireStay(tx, input.stayId);
    const open = openLeaveOf(tx, input.stayId);
    if (!open) return fail.conflict('NO_OPEN_LEAVE', 'stayId', '该老人当前没有外出记录', 'The resident is not on leave');
    if (input.endOn < open.startOn) fail.validation('LEAVE_END_BEFORE_START', 'endOn', '返回日期不能早于外出日期', 'The return cannot precede the start of the leave');
    checkEntry(tx, input.endOn, input);
    const row = tx.update(leaves).set({ endOn: input.endOn }).where(eq(leaves.id, open.id)).returning().get();
    audit(tx, ctx.actor, 'stay.endLeave', 'stay', input.stayId, open, row);
    return row;
  });
}

export function listStays(ctx: ServiceContext, input: z.infer<typeof stayListInput>) {
  const params: Record<string, string | number> = {};
  const where: string[] = [facilitySql(ctx.actor, 'st.facility_id')];
  if (input?.residentId) {
    params.r = input.residentId;
    where.push('st.resident_id = @r');
  }
  if (input?.facilityId) {
    params.f = input.facilityId;
    where.push('st.facility_id = @f');
  }
  if (input?.openOn) {
    params.d = input.openOn;
    where.push('st.admitted_on <= @d AND (st.discharged_on IS NULL OR st.discharged_on > @d)');
  }
  return stayListRows(ctx.db.sqlite, where, params, input?.limit ?? -1, input?.offset ?? 0);
}

export function leavesOf(ctx: ServiceContext, stayId: number) {
  return leaveRows(ctx.db.orm, stayId);
}
