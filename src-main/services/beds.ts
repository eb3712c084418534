import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { addBedsInput, bedListInput, retireBedsInput, updateBedInput } from '../contract/schemas';
import { beds } from '../db/schema';
import { bedBoardRows, bedBusyFrom, bedIdByLabel, bedsByIds, labelsInRoom, requireBed, type BedState, type BedTile } from '../db/queries/beds';
import { requireFacility } from '../db/queries/facilities';
import type { CareType } from '../domain/enums';
import { hasNumberToken, expandLabel, nextLabelNumber } from '../domain/bed-labels';
import { fail } from '../domain/errors';
import { todayIso } from '../domain/dates';
import { audit, write, type ServiceContext, type Tx } from './context';
import { checkCorrection, checkEntry } from './corrections';
import { facility } from '../domain/ownership';
import { ownerOfBed } from './owners';
import { ENTITY } from './entities';
import { checkBedUse } from './facility-record';

export { requireBed } from '../db/queries/beds';

/** N beds at once, the first k of them nursing-type, labelled from a pattern. */
export function addBeds(ctx: ServiceContext, input: z.infer<typeof addBedsInput>) {
  return write(ctx, facility(input.facilityId), (tx) => {
    const created = insertBeds(ctx, tx, input);
    checkEntry(tx, input.inServiceFrom, input);
    return created;
  });
}

/** The body of addBeds, for callers already inside a transaction (a new facility with its beds). */
export function insertBeds(ctx: ServiceContext, tx: Tx, input: z.infer<typeof addBedsInput>) {
  if (input.nursingCount > input.count)
    fail.validation('NURSING_EXCEEDS_COUNT', 'nursingCount', `护理型床位数（${input.nursingCount}）不能大于床位数（${input.count}）`, `Nursing-type beds (${input.nursingCount}) cannot exceed the number of beds (${input.count})`);
  const pattern = input.labelPattern ?? '{n}';
  if (!hasNumberToken(pattern) && input.count > 1)
    fail.validation('LABEL_PATTERN_NO_NUMBER', 'labelPattern', '床位号规则需包含 {n}（如 A-{nn} 生成 A-01、A-02…）', 'The label pattern needs {n} (A-{nn} gives A-01, A-02, …)');
  const facility = requireFacility(tx, input.facilityId);
  checkBedUse(facility, input.use, 'use');
  const building = input.building ?? '';
  const room = input.room ?? '';
  const taken = new Set(labelsInRoom(tx, facility.id, building, room));
  const start = input.startNumber ?? nextLabelNumber(pattern, taken);
  const rows: Array<typeof beds.$inferInsert> = [];
  for (let i = 0; i < input.count; i++) {
    const label = expandLabel(pattern, start + i);
    if (taken.has(label))
      fail.conflict('BED_LABEL_TAKEN', 'labelPattern', `床位号“${label}”已存在`, `Bed label "${label}" already exists`);
    taken.add(label);
    const careType: CareType = i < input.nursingCount ? 'nursing' : 'general';
    rows.push({ facilityId: facility.id, building, room, label, careType, use: input.use ?? 'full_time', inServiceFrom: input.inServiceFrom });
  }
  const created = tx.insert(beds).values(rows).returning().all();
  audit(tx, ctx.actor, 'bed.add', 'facility', facility.id, null, {
    count: created.length,
    nursing: input.nursingCount,
    bedIds: created.map((b) => b.id),
    labels: created.map((b) => b.label),
    inServiceFrom: input.inServiceFrom,
  });
  return created;
}

/** Take beds out of service from a date; refused (for all of them) if any is occupied then. */
export function retireBeds(ctx: ServiceContext, input: z.infer<typeof retireBedsInput>) {
  return write(ctx, (tx) => ownerOfBed(tx, input.bedIds[0]!), (tx) => {
    const found = bedsByIds(tx, input.bedIds);
    for (const id of input.bedIds) if (!found.some((b) => b.id === id)) fail.notFound(ENTITY.bed, id, 'bedIds');
    for (const b of found) {
      if (b.retiredOn !== null)
        fail.conflict('BED_ALREADY_RETIRED', 'bedIds', `床位 ${b.label} 已于 ${b.retiredOn} 停用`, `Bed ${b.label} was retired on ${b.retiredOn}`);
      if (input.retiredOn < b.inServiceFrom)
        fail.validation('RETIRE_BEFORE_SERVICE', 'retiredOn', `停用日期不能早于床位 ${b.label} 的启用日期 ${b.inServiceFrom}`, `Retirement cannot precede bed ${b.label}'s in-service date ${b.inServiceFrom}`);
      if (bedBusyFrom(ctx.db.sqlite, b.id, input.retiredOn))
        fail.conflict('BED_OCCUPIED_ON_RETIRE', 'bedIds', `床位 ${b.label} 在 ${input.retiredOn} 仍有老人入住，请先办理离院或转床`, `Bed ${b.label} is occupied on ${input.retiredOn}; discharge or transfer first`);
    }
    const updated = tx.update(beds).set({ retiredOn: input.retiredOn }).where(inArray(beds.id, input.bedIds)).returning().all();
    for (const b of updated) audit(tx, ctx.actor, 'bed.retire', 'bed', b.id, found.find((f) => f.id === b.id), b);
    return updated;
  });
}

export function updateBed(ctx: ServiceContext, input: z.infer<typeof updateBedInput>) {
  return write(ctx, (tx) => ownerOfBed(tx, input.id), (tx) => {
    const before = requireBed(tx, input.id, 'id');
    const { id, reason, confirmClosedMonth, ...changes } = input;
    // the type counts from the bed's first day: changing it corrects every month since
    if (changes.careType !== undefined && changes.careType !== before.careType) checkCorrection(tx, [before.inServiceFrom], { reason, confirmClosedMonth });
    const next = { building: changes.building ?? before.building, room: changes.room ?? before.room, label: changes.label ?? before.label };
    const clash = bedIdByLabel(tx, before.facilityId, next.building, next.room, next.label);
    if (clash !== undefined && clash !== id) fail.conflict('BED_LABEL_TAKEN', 'label', `床位号“${next.label}”已存在`, `Bed label "${next.label}" already exists`);
    const row = tx.update(beds).set(changes).where(eq(beds.id, id)).returning().get();
    audit(tx, ctx.actor, 'bed.update', 'bed', id, before, row);
    return row;
  });
}

export type { BedState, BedTile } from '../db/queries/beds';

/** The bed board of a facility on a date: every bed with its state and occupant. */
export function bedBoard(ctx: ServiceContext, input: z.infer<typeof bedListInput>): BedTile[] {
  const d = input.date ?? todayIso();
  requireFacility(ctx.db.orm, input.facilityId);
  return bedBoardRows(ctx.db.sqlite, input.facilityId, d).map(({ inService, onLeave, ...r }) => {
    let state: BedState;
    if (r.stayId !== null) state = onLeave > 0 ? 'on_leave' : 'occupied';
    else if (inService === 1) state = 'free';
    else if (r.retiredOn !== null && r.retiredOn <= d) state = 'retired';
    else state = 'not_yet';
    return { ...r, state };
  });
}
