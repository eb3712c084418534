/**
 * Corrections of stays (issue 14): a stay's dates and bed, and undoing the resident's latest
 * discharge or transfer. A transfer on D is stored as two stays — the old one closed on D
 * (reason 'transfer'), the new one opened on D with transferred_from_stay_id — so a corrected
 * transfer date moves both ends, and undoing a transfer deletes the stay it opened and
 * reopens the one it closed.
 *
 * The invariants of admissions hold for the whole corrected period, against every other stay:
 * no bed held by two stays on any day, no stay before birth or after death, no discharge before
 * admission, at most one residential stay of a resident on any day, leaves inside their stay.
 * Then checkCorrection: a reason for a past date, a confirmation for a closed month.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { stayCorrectInput, undoLastMoveInput } from '../contract/schemas';
import { fieldLabel } from '../contract/field-labels';
import { leaves, stays } from '../db/schema';
import { requireBed } from '../db/queries/beds';
import { requireFacility, statusHistory, statusOnDate } from '../db/queries/facilities';
import { requireResident } from '../db/queries/residents';
import {
  bedClash,
  deathBefore,
  lastClosedStay,
  leaveClosedByMove,
  leavesOf,
  requireStay,
  residentClash,
  stayAdmittedFrom,
  successorOf,
  type StayRow,
} from '../db/queries/stays';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { CITY } from '../domain/ownership';
import { audit, write, type ServiceContext, type Tx } from './context';
import { checkCorrection } from './corrections';
import { ownerOfStay } from './owners';
import { facilitySql } from './scope';

type Field = 'admittedOn' | 'dischargedOn' | 'bedId';

/** One stay's new period and bed, and the input field a refusal about it names. */
interface Change {
  stay: StayRow;
  admittedOn: string;
  dischargedOn: string | null;
  bedId: number | null;
  field: Field;
}

function notInFuture(date: string, field: Field): void {
  if (date > todayIso()) {
    const label = fieldLabel([field]);
    fail.validation('DATE_IN_FUTURE', field, `${label.zh}：${date} 晚于今天，不能登记尚未发生的事`, `${label.en} ${date} is after today; record only what has happened`);
  }
}

/** The rules the new period of one changed stay must meet; `others` are the stays changed with it. */
function checkChange(ctx: ServiceContext, tx: Tx, c: Change, others: readonly number[], birthDate: string): void {
  const { stay, admittedOn: a, dischargedOn: d } = c;
  const bedChanged = c.bedId !== stay.bedId;
  const startChanged = a !== stay.admittedOn;
  const endChanged = d !== stay.dischargedOn;
  const dateField: Field = startChanged ? 'admittedOn' : 'dischargedOn';
  if (a < birthDate) fail.validation('ADMISSION_BEFORE_BIRTH', c.field, `入住日期 ${a} 早于出生日期 ${birthDate}`, `Admission ${a} precedes the birth date ${birthDate}`);
  if (d !== null && d < a) fail.validation('DISCHARGE_BEFORE_ADMISSION', c.field, `离院日期 ${d} 不能早于入住日期 ${a}`, `Discharge ${d} cannot precede the admission on ${a}`);

  const facility = requireFacility(tx, stay.facilityId);
  if (startChanged && statusOnDate(ctx.db.sqlite, facility.id, a) !== 'operating')
    fail.conflict('FACILITY_NOT_OPERATING', c.field, `机构“${facility.name}”在 ${a} 不在运营状态`, `Facility "${facility.name}" is not operating on ${a}`);

  if (c.bedId !== null && (bedChanged || startChanged || endChanged)) {
    const bedField = bedChanged ? 'bedId' : c.field;
    const bed = requireBed(tx, c.bedId, 'bedId');
    if (bed.facilityId !== stay.facilityId) fail.validation('BED_NOT_IN_FACILITY', 'bedId', `床位 ${bed.label} 不属于“${facility.name}”`, `Bed ${bed.label} is not at "${facility.name}"`);
    if ((bedChanged || startChanged) && bed.inServiceFrom > a)
      fail.conflict('BED_NOT_IN_SERVICE', bedField, `床位 ${bed.label} 自 ${bed.inServiceFrom} 起才启用，早于此日期不能入住`, `Bed ${bed.label} is in service only from ${bed.inServiceFrom}`);
    if ((bedChanged || endChanged) && bed.retiredOn !== null && (d === null || d > bed.retiredOn))
      fail.conflict('BED_RETIRED', bedField, `床位 ${bed.label} 已于 ${bed.retiredOn} 停用`, `Bed ${bed.label} was retired on ${bed.retiredOn}`);
    const holder = d === a ? undefined : bedClash(ctx.db.sqlite, c.bedId, a, d, others);
    if (holder)
      fail.conflict(
        'BED_OCCUPIED',
        bedField,
        `床位 ${bed.label} 在这段时间已有老人入住（${holder.name}，${holder.admittedOn} 至 ${holder.dischargedOn ?? '今'}），同一床位同一天不能住两人`,
        `Bed ${bed.label} is held in that period (${holder.name}, ${holder.admittedOn} to ${holder.dischargedOn ?? 'now'}); a bed takes one stay a day`,
      );
  }

  if (startChanged || endChanged) {
    const clash = d === a ? undefined : residentClash(ctx.db.sqlite, facilitySql(ctx.actor, 'f.id'), stay.residentId, a, d, stay.residential, stay.facilityId, others);
    if (clash)
      fail.conflict(
        'RESIDENT_IN_CARE',
        dateField === 'admittedOn' ? c.field : 'dischargedOn',
        clash.visible === 1 ? `这段时间该老人在“${clash.name}”另有入住记录（${clash.admittedOn} 入住）` : '这段时间该老人在其他机构另有入住记录',
        clash.visible === 1 ? `In that period the resident has another stay at "${clash.name}" (from ${clash.admittedOn})` : 'In that period the resident has another stay elsewhere',
      );
    const diedOn = deathBefore(ctx.db.sqlite, stay.residentId, d, others);
    if (diedOn !== undefined)
      fail.conflict('RESIDENT_DECEASED', c.field, `该老人已于 ${diedOn} 因死亡离院，入住记录不能延续到此后`, `The resident died on ${diedOn}; no stay can go on after that`);
    for (const l of leavesOf(tx, stay.id))
      if (l.startOn < a || (d !== null && (l.startOn > d || l.endOn === null || l.endOn > d)))
        fail.validation(
          'LEAVE_OUTSIDE_STAY',
          c.field,
          `${l.startOn} 起的外出记录会落在入住期间之外，请先更正外出记录`,
          `The leave from ${l.startOn} would fall outside the stay; correct the leave first`,
        );
  }
}

/** A stay's admission and discharge dates and its bed (within the facility). */
export function correctStay(ctx: ServiceContext, input: z.infer<typeof stayCorrectInput>) {
  return write(ctx, (tx) => ownerOfStay(tx, input.stayId), (tx) => {
    const before = requireStay(tx, input.stayId);
    const resident = requireResident(tx, before.residentId);
    if (input.dischargedOn !== undefined && before.dischargedOn === null)
      fail.validation('STAY_OPEN', 'dischargedOn', '该老人仍在住，没有离院日期可更正；离院请点“离院”办理', 'The stay is open; there is no discharge date to correct (use Discharge)');
    const admittedOn = input.admittedOn ?? before.admittedOn;
    const dischargedOn = input.dischargedOn ?? before.dischargedOn;
    const bedId = input.bedId ?? before.bedId;
    if (admittedOn === before.admittedOn && dischargedOn === before.dischargedOn && bedId === before.bedId)
      fail.validation('NOTHING_TO_CORRECT', 'stayId', '没有修改任何内容', 'Nothing was changed');
    notInFuture(admittedOn, 'admittedOn');
    if (dischargedOn !== null) notInFuture(dischargedOn, 'dischargedOn');

    const field: Field = admittedOn !== before.admittedOn ? 'admittedOn' : dischargedOn !== before.dischargedOn ? 'dischargedOn' : 'bedId';
    const changes: Change[] = [{ stay: before, admittedOn, dischargedOn, bedId, field }];
    // A transfer's date is both the old stay's end and the new stay's start: they move together.
    if (admittedOn !== before.admittedOn && before.transferredFromStayId !== null) {
      const prev = requireStay(tx, before.transferredFromStayId);
      if (admittedOn < prev.admittedOn)
        fail.validation('TRANSFER_BEFORE_ADMISSION', 'admittedOn', `转床日期不能早于转出前的入住日期 ${prev.admittedOn}`, `The transfer cannot precede the admission on ${prev.admittedOn} before it`);
      changes.push({ stay: prev, admittedOn: prev.admittedOn, dischargedOn: admittedOn, bedId: prev.bedId, field: 'admittedOn' });
    }
    if (dischargedOn !== before.dischargedOn && before.dischargeReason === 'transfer') {
      const next = successorOf(tx, before.id);
      if (next) {
        if (next.dischargedOn !== null && dischargedOn !== null && dischargedOn > next.dischargedOn)
          fail.validation('TRANSFER_AFTER_DISCHARGE', 'dischargedOn', `转床日期不能晚于转入后的离院日期 ${next.dischargedOn}`, `The transfer cannot follow the discharge on ${next.dischargedOn} after it`);
        changes.push({ stay: next, admittedOn: dischargedOn!, dischargedOn: next.dischargedOn, bedId: next.bedId, field: 'dischargedOn' });
      }
    }
    const ids = changes.map((c) => c.stay.id);
    for (const c of changes) checkChange(ctx, tx, c, ids, resident.birthDate);

    const dates: Array<string | null> = [];
    for (const c of changes) {
      if (c.admittedOn !== c.stay.admittedOn) dates.push(c.stay.admittedOn, c.admittedOn);
      if (c.dischargedOn !== c.stay.dischargedOn) dates.push(c.stay.dischargedOn, c.dischargedOn);
      if (c.bedId !== c.stay.bedId) dates.push(c.admittedOn);
    }
    const closedMonths = checkCorrection(tx, dates, input);
    const reason = input.reason?.trim() || null;

    const rows = changes.map((c) => {
      const row = tx.update(stays).set({ admittedOn: c.admittedOn, dischargedOn: c.dischargedOn, bedId: c.bedId }).where(eq(stays.id, c.stay.id)).returning().get();
      audit(tx, ctx.actor, 'stay.correct', 'stay', row.id, c.stay, { ...row, correctionReason: reason, closedMonths });
      return row;
    });
    return { stay: rows[0]!, linked: rows.slice(1), closedMonths };
  });
}

/** The resident's latest move: the closed stay, and the stay its transfer opened (if it was one). */
function lastMove(tx: Tx, ctx: ServiceContext, residentId: number): { closed: StayRow; opened: StayRow | undefined } | undefined {
  const last = lastClosedStay(ctx.db.sqlite, residentId);
  if (!last) return undefined;
  const closed = requireStay(tx, last.id);
  return { closed, opened: closed.dischargeReason === 'transfer' ? successorOf(tx, closed.id) : undefined };
}

/**
 * Undo the resident's latest discharge or transfer: the closed stay opens again (a transfer's
 * new stay is removed), if nothing came after it — no later stay, no leave on the new bed —
 * the bed is still free and in service, the facility has been operating from the move until
 * today, and no death is recorded for the resident on another stay. A leave the move ended
 * (the resident was on leave when discharged or transferred) is reopened as it was.
 *
 * Undoing a death discharge (离院原因 死亡) is allowed — a death keyed by mistake must be
 * correctable — but only as a correction with a reason, whatever its date: it brings a person
 * back into the registers.
 */
export function undoLastMove(ctx: ServiceContext, input: z.infer<typeof undoLastMoveInput>) {
  return write(
    ctx,
    (tx) => {
      const m = lastMove(tx, ctx, input.residentId);
      return m ? ownerOfStay(tx, (m.opened ?? m.closed).id) : CITY;
    },
    (tx) => {
      requireResident(tx, input.residentId);
      const m = lastMove(tx, ctx, input.residentId);
      if (!m) return fail.conflict('NOTHING_TO_UNDO', 'residentId', '该老人没有可撤销的离院或转床', 'The resident has no discharge or transfer to undo');
      const { closed, opened } = m;
      const on = closed.dischargedOn!;
      const except = opened ? [closed.id, opened.id] : [closed.id];
      const later = stayAdmittedFrom(ctx.db.sqlite, input.residentId, on, except);
      if (later)
        fail.conflict('LATER_RECORDS', 'residentId', `${on} 之后已有 ${later.admittedOn} 的入住记录，不能撤销`, `A stay from ${later.admittedOn} came after ${on}; it cannot be undone`);
      if (opened && (opened.dischargedOn !== null || leavesOf(tx, opened.id).length > 0))
        fail.conflict('LATER_RECORDS', 'residentId', '转床后已有离院或外出记录，不能撤销这次转床', 'A discharge or leave came after the transfer; it cannot be undone');
      if (closed.bedId !== null) {
        const bed = requireBed(tx, closed.bedId);
        if (bed.retiredOn !== null)
          fail.conflict('BED_RETIRED', 'residentId', `原床位 ${bed.label} 已于 ${bed.retiredOn} 停用，不能恢复入住`, `The former bed ${bed.label} was retired on ${bed.retiredOn}`);
        const holder = bedClash(ctx.db.sqlite, closed.bedId, on, null, except);
        if (holder)
          fail.conflict('BED_OCCUPIED', 'residentId', `原床位 ${bed.label} 自 ${holder.admittedOn} 起已由 ${holder.name} 入住，不能恢复`, `The former bed ${bed.label} is held by ${holder.name} from ${holder.admittedOn}`);
      }
      const clash = residentClash(ctx.db.sqlite, facilitySql(ctx.actor, 'f.id'), input.residentId, on, null, closed.residential, closed.facilityId, except);
      if (clash) fail.conflict('RESIDENT_IN_CARE', 'residentId', '该老人此后另有入住记录，不能撤销', 'The resident has another stay after that; it cannot be undone');
      const facility = requireFacility(tx, closed.facilityId);
      const stopped = statusHistory(tx, facility.id).find((c) => c.effectiveOn > on && c.status !== 'operating');
      if (statusOnDate(ctx.db.sqlite, facility.id, on) !== 'operating' || stopped)
        fail.conflict(
          'FACILITY_NOT_OPERATING',
          'residentId',
          `机构“${facility.name}”${stopped ? `自 ${stopped.effectiveOn} 起` : `在 ${on}`}不在运营状态，不能恢复在该机构的入住`,
          `Facility "${facility.name}" is not operating ${stopped ? `from ${stopped.effectiveOn}` : `on ${on}`}; the stay cannot be reopened there`,
        );
      const diedOn = deathBefore(ctx.db.sqlite, input.residentId, null, except);
      if (diedOn !== undefined)
        fail.conflict('RESIDENT_DECEASED', 'residentId', `该老人已于 ${diedOn} 因死亡离院，不能恢复入住`, `The resident died on ${diedOn}; no stay can be reopened`);
      if (closed.dischargeReason === 'death' && (input.reason?.trim() ?? '').length < 2)
        fail.validation(
          'REASON_REQUIRED',
          'reason',
          `撤销死亡离院是对死亡记录的更正，请填写更正原因（至少 2 个字）`,
          'Undoing a death discharge corrects the record of a death; give the reason (at least 2 characters)',
        );
      // The leave the move ended: reopened as it was, unless another leave of the stay began since.
      const leaveId = leaveClosedByMove(ctx.db.sqlite, closed.id);
      const leave = leaveId === undefined ? undefined : leavesOf(tx, closed.id).find((l) => l.id === leaveId);
      if (leave && leavesOf(tx, closed.id).some((l) => l.id !== leave.id && l.startOn >= leave.startOn))
        fail.conflict('LATER_RECORDS', 'residentId', `${leave.startOn} 起的外出之后另有外出记录，不能恢复这次外出`, `Another leave follows the leave from ${leave.startOn}; it cannot be reopened`);
      const closedMonths = checkCorrection(tx, [on], input);
      const reason = input.reason?.trim() || null;

      let reopenedLeave = null;
      if (leave) {
        reopenedLeave = tx.update(leaves).set({ endOn: null }).where(and(eq(leaves.id, leave.id), eq(leaves.stayId, closed.id))).returning().get();
        audit(tx, ctx.actor, 'stay.reopenLeave', 'stay', closed.id, leave, { ...reopenedLeave, correctionReason: reason, closedMonths });
      }
      if (opened) {
        tx.delete(stays).where(eq(stays.id, opened.id)).run();
        audit(tx, ctx.actor, 'stay.undoTransfer', 'stay', opened.id, opened, null);
      }
      const reopened = tx.update(stays).set({ dischargedOn: null, dischargeReason: null }).where(eq(stays.id, closed.id)).returning().get();
      audit(tx, ctx.actor, opened ? 'stay.undoTransfer' : 'stay.undoDischarge', 'stay', closed.id, closed, { ...reopened, correctionReason: reason, closedMonths });
      return { undone: opened ? ('transfer' as const) : ('discharge' as const), stay: reopened, removedStayId: opened?.id ?? null, reopenedLeave, closedMonths };
    },
  );
}
