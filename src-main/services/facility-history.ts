/**
 * Corrections of a facility's status history (issue 14): edit or delete one change,
 * including the first one, the facility's opening. The history keeps its invariants: one
 * change per facility and day, and the first change stays the opening — a later change
 * cannot move before it, nor the opening onto or past the next change; the opening cannot
 * be deleted while later changes or beds exist. Correcting the opening date may move the
 * beds in service from the old date along with it (`moveBeds`), each audited as a bed
 * correction — the 1 December case of a facility and its beds entered on the wrong day. Every correction passes `checkCorrection`
 * with the old and the new date, and is audited before/after for the facility's county.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { deleteStatusChangeInput, updateStatusChangeInput } from '../contract/schemas';
import { beds, facilityStatusChanges, residents, stays } from '../db/schema';
import { fail } from '../domain/errors';
import { audit, write, type ServiceContext, type Tx } from './context';
import { checkCorrection } from './corrections';
import { countyOfFacility } from './owners';
import { CITY } from '../domain/ownership';

type StatusChangeRow = typeof facilityStatusChanges.$inferSelect;

function requireStatusChange(tx: Tx, id: number): StatusChangeRow {
  const row = tx.select().from(facilityStatusChanges).where(eq(facilityStatusChanges.id, id)).get();
  if (!row) return fail.notFound({ zh: '状态变更记录', en: 'Status change' }, id, 'id');
  return row;
}

function ownerOfStatusChange(tx: Tx, id: number) {
  const row = tx.select({ facilityId: facilityStatusChanges.facilityId }).from(facilityStatusChanges).where(eq(facilityStatusChanges.id, id)).get();
  return row ? countyOfFacility(tx, row.facilityId) : CITY;
}

/** The facility's history, oldest first. */
function historyOf(tx: Tx, facilityId: number): StatusChangeRow[] {
  return tx
    .select()
    .from(facilityStatusChanges)
    .where(eq(facilityStatusChanges.facilityId, facilityId))
    .orderBy(asc(facilityStatusChanges.effectiveOn), asc(facilityStatusChanges.id))
    .all();
}

export function updateStatusChange(ctx: ServiceContext, input: z.infer<typeof updateStatusChangeInput>) {
  return write(ctx, (tx) => ownerOfStatusChange(tx, input.id), (tx) => {
    const before = requireStatusChange(tx, input.id);
    const history = historyOf(tx, before.facilityId);
    const next = {
      status: input.status ?? before.status,
      effectiveOn: input.effectiveOn ?? before.effectiveOn,
      note: input.note ?? before.note,
    };
    const others = history.filter((h) => h.id !== before.id);
    const clash = others.find((h) => h.effectiveOn === next.effectiveOn);
    if (clash)
      fail.conflict(
        'STATUS_DATE_TAKEN',
        'effectiveOn',
        `该机构在 ${next.effectiveOn} 已有一条状态变更，一天只能有一条`,
        `The facility already has a status change on ${next.effectiveOn}; one change per day`,
      );
    const isOpening = history[0]?.id === before.id;
    const opening = history[0]!;
    if (isOpening && others.length > 0 && next.effectiveOn > others[0]!.effectiveOn)
      fail.validation(
        'OPENING_AFTER_CHANGE',
        'effectiveOn',
        `开办日期（最早的状态）须早于下一次状态变更的日期 ${others[0]!.effectiveOn}`,
        `The opening date (the first status) must precede the next status change on ${others[0]!.effectiveOn}`,
      );
    if (!isOpening && next.effectiveOn < opening.effectiveOn)
      fail.validation(
        'CHANGE_BEFORE_OPENING',
        'effectiveOn',
        `状态变更日期不能早于开办日期 ${opening.effectiveOn}；如开办日期有误，请更正开办记录`,
        `A status change cannot precede the opening on ${opening.effectiveOn}; correct the opening instead`,
      );
    const figuresChange = next.status !== before.status || next.effectiveOn !== before.effectiveOn;
    const closedMonths = checkCorrection(tx, figuresChange ? [before.effectiveOn, next.effectiveOn] : [], input);
    const moving = isOpening && input.moveBeds === true && next.effectiveOn !== before.effectiveOn ? bedsToMove(tx, before.facilityId, before.effectiveOn, next.effectiveOn) : [];
    const row = tx.update(facilityStatusChanges).set(next).where(eq(facilityStatusChanges.id, before.id)).returning().get();
    audit(tx, ctx.actor, 'facility.updateStatusChange', 'facility', before.facilityId, before, {
      ...row,
      reason: input.reason?.trim() ?? '',
      closedMonths,
      movedBeds: moving.length,
    });
    for (const b of moving) {
      const moved = tx.update(beds).set({ inServiceFrom: next.effectiveOn }).where(eq(beds.id, b.id)).returning().get();
      audit(tx, ctx.actor, 'bed.correct', 'bed', b.id, b, { ...moved, reason: input.reason?.trim() ?? '', closedMonths });
    }
    return { ...row, movedBeds: moving.length };
  });
}

/**
 * The beds in service from the old opening date, which move with it to the new one; refused
 * (field moveBeds) if one of them would then retire on or before its new in-service date, or
 * hold a stay before it.
 */
function bedsToMove(tx: Tx, facilityId: number, from: string, to: string) {
  const rows = tx.select().from(beds).where(and(eq(beds.facilityId, facilityId), eq(beds.inServiceFrom, from))).all();
  for (const b of rows) {
    if (b.retiredOn !== null && b.retiredOn <= to)
      fail.validation(
        'RETIRE_NOT_AFTER_SERVICE',
        'moveBeds',
        `床位 ${b.label} 已于 ${b.retiredOn} 停用，不能改为自 ${to} 启用；请单独更正该床位`,
        `Bed ${b.label} retired on ${b.retiredOn}; it cannot come into service on ${to} — correct it alone`,
      );
    const early = tx
      .select({ admittedOn: stays.admittedOn, name: residents.name })
      .from(stays)
      .innerJoin(residents, eq(residents.id, stays.residentId))
      .where(and(eq(stays.bedId, b.id), lt(stays.admittedOn, to)))
      .limit(1)
      .get();
    if (early)
      fail.conflict(
        'BED_STAY_BEFORE_SERVICE',
        'moveBeds',
        `${early.name} 于 ${early.admittedOn} 入住床位 ${b.label}，床位启用日期不能晚于此日`,
        `${early.name} was admitted to bed ${b.label} on ${early.admittedOn}; its in-service date cannot be later`,
      );
  }
  return rows;
}

export function deleteStatusChange(ctx: ServiceContext, input: z.infer<typeof deleteStatusChangeInput>) {
  return write(ctx, (tx) => ownerOfStatusChange(tx, input.id), (tx) => {
    const before = requireStatusChange(tx, input.id);
    const history = historyOf(tx, before.facilityId);
    if (history[0]?.id === before.id) {
      const hasBeds = tx.select({ id: beds.id }).from(beds).where(eq(beds.facilityId, before.facilityId)).limit(1).get() !== undefined;
      if (history.length > 1 || hasBeds)
        fail.conflict(
          'OPENING_IN_USE',
          'id',
          history.length > 1
            ? '这是机构的开办记录（最早的状态），其后还有状态变更，不能删除；开办日期有误请用“更正”'
            : '这是机构的开办记录（最早的状态），机构已有床位，不能删除；开办日期有误请用“更正”',
          history.length > 1
            ? 'This is the facility’s opening (its first status) and later changes exist; it cannot be deleted — correct it instead'
            : 'This is the facility’s opening (its first status) and the facility has beds; it cannot be deleted — correct it instead',
        );
    }
    const closedMonths = checkCorrection(tx, [before.effectiveOn], input);
    tx.delete(facilityStatusChanges).where(and(eq(facilityStatusChanges.id, before.id))).run();
    audit(tx, ctx.actor, 'facility.deleteStatusChange', 'facility', before.facilityId, before, {
      deleted: true,
      reason: input.reason?.trim() ?? '',
      closedMonths,
    });
    return { id: before.id, facilityId: before.facilityId };
  });
}
