/**
 * Correcting a bed (issue 14): its building/room/label, its care type (护理型/普通) and its
 * in-service period. The bed keeps its invariants: its label is unique in its room, its
 * retirement is after its in-service date, and no stay holds it outside the new period
 * (every stay of the bed is checked against the new dates). Dates and the care type change
 * figures, so they pass `checkCorrection` (the care type from the day the bed is in
 * service); a label alone changes none. Audited before/after for the bed's facility.
 */
import { and, asc, eq, isNull, lt, or, gt } from 'drizzle-orm';
import type { z } from 'zod';
import type { correctBedInput } from '../contract/schemas';
import { beds, residents, stays } from '../db/schema';
import { bedIdByLabel, requireBed } from '../db/queries/beds';
import { fail } from '../domain/errors';
import { audit, write, type ServiceContext } from './context';
import { checkCorrection } from './corrections';
import { checkBedUse } from './facility-record';
import { requireFacility } from '../db/queries/facilities';
import { ownerOfBed } from './owners';

export function correctBed(ctx: ServiceContext, input: z.infer<typeof correctBedInput>) {
  return write(ctx, (tx) => ownerOfBed(tx, input.id), (tx) => {
    const before = requireBed(tx, input.id, 'id');
    const next = {
      building: input.building ?? before.building,
      room: input.room ?? before.room,
      label: input.label ?? before.label,
      careType: input.careType ?? before.careType,
      use: input.use ?? before.use,
      inServiceFrom: input.inServiceFrom ?? before.inServiceFrom,
      retiredOn: input.retiredOn === undefined ? before.retiredOn : input.retiredOn,
    };
    if (next.use !== before.use) checkBedUse(requireFacility(tx, before.facilityId), next.use, 'use');
    const clash = bedIdByLabel(tx, before.facilityId, next.building, next.room, next.label);
    if (clash !== undefined && clash !== before.id)
      fail.conflict('BED_LABEL_TAKEN', 'label', `本房间已有床位号“${next.label}”`, `Bed label "${next.label}" already exists in this room`);
    if (next.retiredOn !== null && next.retiredOn <= next.inServiceFrom)
      fail.validation(
        'RETIRE_NOT_AFTER_SERVICE',
        'retiredOn',
        `停用日期（${next.retiredOn}）须晚于启用日期（${next.inServiceFrom}）`,
        `The retirement date (${next.retiredOn}) must be after the in-service date (${next.inServiceFrom})`,
      );
    const early = tx
      .select({ admittedOn: stays.admittedOn, name: residents.name })
      .from(stays)
      .innerJoin(residents, eq(residents.id, stays.residentId))
      .where(and(eq(stays.bedId, before.id), lt(stays.admittedOn, next.inServiceFrom)))
      .orderBy(asc(stays.admittedOn))
      .limit(1)
      .get();
    if (early)
      fail.conflict(
        'BED_STAY_BEFORE_SERVICE',
        'inServiceFrom',
        `${early.name} 于 ${early.admittedOn} 入住该床位，启用日期不能晚于此日`,
        `${early.name} was admitted to this bed on ${early.admittedOn}; the in-service date cannot be later`,
      );
    if (next.retiredOn !== null) {
      const late = tx
        .select({ admittedOn: stays.admittedOn, dischargedOn: stays.dischargedOn, name: residents.name })
        .from(stays)
        .innerJoin(residents, eq(residents.id, stays.residentId))
        .where(and(eq(stays.bedId, before.id), or(isNull(stays.dischargedOn), gt(stays.dischargedOn, next.retiredOn))))
        .limit(1)
        .get();
      if (late)
        fail.conflict(
          'BED_STAY_AFTER_RETIREMENT',
          'retiredOn',
          late.dischargedOn === null
            ? `${late.name} 自 ${late.admittedOn} 起仍住在该床位，停用前请先办理离院或转床`
            : `${late.name} 在该床位住到 ${late.dischargedOn}，停用日期不能早于此日`,
          late.dischargedOn === null
            ? `${late.name} has held this bed since ${late.admittedOn}; discharge or transfer before retiring it`
            : `${late.name} held this bed until ${late.dischargedOn}; the retirement date cannot be earlier`,
        );
    }
    const dates: Array<string | null> = [];
    if (next.inServiceFrom !== before.inServiceFrom) dates.push(before.inServiceFrom, next.inServiceFrom);
    if (next.retiredOn !== before.retiredOn) dates.push(before.retiredOn, next.retiredOn);
    if (next.careType !== before.careType) dates.push(before.inServiceFrom < next.inServiceFrom ? before.inServiceFrom : next.inServiceFrom);
    const closedMonths = checkCorrection(tx, dates, input);
    const row = tx.update(beds).set(next).where(eq(beds.id, before.id)).returning().get();
    audit(tx, ctx.actor, 'bed.correct', 'bed', before.id, before, { ...row, reason: input.reason?.trim() ?? '', closedMonths });
    return row;
  });
}
