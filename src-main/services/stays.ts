/**
 * Admissions, discharges, transfers and leaves, one action at a time. The rules a user can
 * break are checked with clear messages (services/stay-rules.ts, shared with the history
 * batch of services/stay-bulk.ts); the partial unique indexes hold the same rules underneath.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { admitInput, dischargeInput, endLeaveInput, recordLeaveInput, stayListInput, transferInput } from '../contract/schemas';
import { leaves, stays } from '../db/schema';
import { requireBed } from '../db/queries/beds';
import { requireFacility } from '../db/queries/facilities';
import { requireResident } from '../db/queries/residents';
import { leavesOf as leaveRows, openLeaveOf, requireStay, stayListRows } from '../db/queries/stays';
import { isResidentialKind } from '../domain/enums';
import { fail } from '../domain/errors';
import { audit, write, type ServiceContext, type Tx } from './context';
import { CITY, facility } from '../domain/ownership';
import { ownerOfBed, ownerOfStay } from './owners';
import { facilitySql } from './scope';
import { checkEntry } from './corrections';
import { markAdmitted, requireApplicationFor, waitingHere } from './waiting-list';
import {
  checkAdmissionDate, checkBedFree, checkDischargeDate, checkLeave, checkLeaveEnds, checkTransfer, notInFuture, requireOpen, requireOperating, requireResidentFree,
} from './stay-rules';

export { requireStay } from '../db/queries/stays';

function requireBedFree(ctx: ServiceContext, tx: Tx, bedId: number, from: string, field: string) {
  const bed = requireBed(tx, bedId, field);
  checkBedFree(ctx.db.sqlite, bed, from, field);
  return bed;
}

export function admit(ctx: ServiceContext, input: z.infer<typeof admitInput>) {
  notInFuture(input.admittedOn, 'admittedOn');
  return write(ctx, (tx) => (input.bedId !== undefined ? ownerOfBed(tx, input.bedId) : input.facilityId !== undefined ? facility(input.facilityId) : CITY), (tx) => {
    const resident = requireResident(tx, input.residentId);
    checkAdmissionDate(input.admittedOn, resident.birthDate);
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
    requireOperating(ctx.db.sqlite, facility.id, input.admittedOn, facility.name);
    requireResidentFree(ctx, resident.id, input.admittedOn, residential, facility.id);
    // from the list, or not: a waiting application of the resident here is admitted with the stay
    const application =
      input.waitingApplicationId !== undefined ? requireApplicationFor(tx, input.waitingApplicationId, resident.id, facility.id, input.admittedOn) : waitingHere(tx, resident.id, facility.id, input.admittedOn);
    checkEntry(tx, input.admittedOn, input);
    const row = tx
      .insert(stays)
      .values({ residentId: resident.id, facilityId: facility.id, bedId: input.bedId ?? null, residential, admittedOn: input.admittedOn, note: input.note ?? '' })
      .returning()
      .get();
    audit(tx, ctx.actor, 'stay.admit', 'stay', row.id, null, row);
    // admitted from the waiting list: the application closes with the stay, in this one write
    if (application) markAdmitted(tx, ctx.actor, application, row);
    return row;
  });
}

/** Ends the stay's open leave on `on`; returns the leave it ended. */
function closeOpenLeave(tx: Tx, stayId: number, on: string): { id: number } | undefined {
  const open = openLeaveOf(tx, stayId);
  if (!open) return undefined;
  checkLeaveEnds(open, on);
  tx.update(leaves).set({ endOn: on }).where(eq(leaves.id, open.id)).run();
  return { id: open.id };
}

export function discharge(ctx: ServiceContext, input: z.infer<typeof dischargeInput>) {
  notInFuture(input.dischargedOn, 'dischargedOn');
  return write(ctx, (tx) => ownerOfStay(tx, input.stayId), (tx) => {
    const before = requireStay(tx, input.stayId);
    requireOpen(before);
    checkDischargeDate(before, input.dischargedOn);
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
    checkTransfer(before, input.toBedId, input.transferOn);
    const bed = requireBedFree(ctx, tx, input.toBedId, input.transferOn, 'toBedId');
    const facility = requireFacility(tx, bed.facilityId, 'toBedId');
    requireOperating(ctx.db.sqlite, facility.id, input.transferOn, facility.name);
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
    const endOn = input.endOn ?? null;
    checkLeave(ctx.db.sqlite, stay, input.startOn, endOn);
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
