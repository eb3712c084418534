/**
 * 公建民营: operators chosen by open selection run public homes under contracts.
 * Money is entered in yuan and kept exactly as integer fen.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  contractCreateInput,
  contractListInput,
  contractTerminateInput,
  contractUndoTerminationInput,
  contractUpdateInput,
  evaluationAddInput,
  operatorCreateInput,
  operatorListInput,
  operatorUpdateInput,
} from '../contract/schemas';
import { contractEvaluations, contracts, operators } from '../db/schema';
import { contractRows, contractsOfFacility, evaluationOfYear, evaluationsOf, requireContract, type ContractRow } from '../db/queries/contracts';
import { requireFacility } from '../db/queries/facilities';
import { operatorByCreditCode, operatorRows, requireOperator, type OperatorRow } from '../db/queries/operators';
import { addDays, daysBetween, todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { contractInForce, inList, likePattern } from './as-of';
import { audit, write, type ServiceContext, type Tx } from './context';
import { CITY } from '../domain/ownership';
import { countyOfFacility, ownerOfContract } from './owners';
import { closedMonthsBetween, confirmClosedMonths, requireReason } from './corrections';
import { facilitySql } from './scope';
import { nameSortKey, withoutSortKey } from '../domain/name-sort';

export type { ContractRow } from '../db/queries/contracts';
export type { OperatorRow } from '../db/queries/operators';

const toFen = (yuan: number | undefined) => (yuan === undefined ? undefined : Math.round(yuan * 100));

function assertCreditCodeFree(tx: Tx, creditCode: string, exceptId?: number) {
  const clash = operatorByCreditCode(tx, creditCode);
  if (clash && clash.id !== exceptId)
    fail.conflict('CREDIT_CODE_TAKEN', 'creditCode', `该统一社会信用代码已登记（${clash.name}）`, `This credit code is already registered (${clash.name})`);
}

export function createOperator(ctx: ServiceContext, input: z.infer<typeof operatorCreateInput>) {
  return write(ctx, CITY, (tx) => {
    assertCreditCodeFree(tx, input.creditCode);
    const row = tx.insert(operators).values({ ...input, nameSort: nameSortKey(input.name) }).returning().get();
    audit(tx, ctx.actor, 'operator.create', 'operator', row.id, null, withoutSortKey(row));
    return row;
  });
}

export function updateOperator(ctx: ServiceContext, input: z.infer<typeof operatorUpdateInput>) {
  return write(ctx, CITY, (tx) => {
    const before = requireOperator(tx, input.id, 'id');
    const { id, ...changes } = input;
    if (changes.creditCode) assertCreditCodeFree(tx, changes.creditCode, id);
    const row = tx.update(operators).set({ ...changes, ...(changes.name !== undefined ? { nameSort: nameSortKey(changes.name) } : {}), updatedAt: new Date().toISOString() }).where(eq(operators.id, id)).returning().get();
    audit(tx, ctx.actor, 'operator.update', 'operator', id, withoutSortKey(before), withoutSortKey(row));
    return row;
  });
}

export function listOperators(ctx: ServiceContext, input: z.infer<typeof operatorListInput>): OperatorRow[] {
  const q = input?.search ? likePattern(input.search) : null;
  return operatorRows(ctx.db.sqlite, q);
}

/** Two contracts of one facility may not both be in force on any day. */
function assertNoOverlap(tx: Tx, facilityId: number, startOn: string, endOn: string, exceptId?: number, field = 'startOn') {
  const others = contractsOfFacility(tx, facilityId, exceptId);
  for (const c of others) {
    // The last day in force: the day before termination, or the end of the term.
    const lastDay = c.terminatedOn !== null ? addDays(c.terminatedOn, -1) : c.endOn;
    if (lastDay < c.startOn) continue; // terminated on its first day: in force on no day
    const overlaps = startOn <= lastDay && endOn >= c.startOn;
    if (overlaps)
      fail.conflict('CONTRACT_OVERLAP', field, `与该机构 ${c.startOn} 至 ${c.endOn} 的合同期限重叠`, `Overlaps the facility's contract ${c.startOn} – ${c.endOn}`);
  }
}

function checkFacilityIsPpp(tx: Tx, facilityId: number) {
  const f = requireFacility(tx, facilityId);
  if (f.ownership !== 'public_private')
    fail.validation('FACILITY_NOT_PPP', 'facilityId', `机构“${f.name}”的运营方式不是公建民营`, `Facility "${f.name}" is not publicly built, privately run`);
  return f;
}

export function createContract(ctx: ServiceContext, input: z.infer<typeof contractCreateInput>) {
  if (input.endOn < input.startOn) fail.validation('END_BEFORE_START', 'endOn', '结束日期不能早于开始日期', 'The end date cannot precede the start date');
  return write(ctx, (tx) => countyOfFacility(tx, input.facilityId), (tx) => {
    checkFacilityIsPpp(tx, input.facilityId);
    requireOperator(tx, input.operatorId);
    assertNoOverlap(tx, input.facilityId, input.startOn, input.endOn);
    const row = tx
      .insert(contracts)
      .values({
        facilityId: input.facilityId,
        operatorId: input.operatorId,
        contractNo: input.contractNo ?? '',
        selectionMethod: input.selectionMethod,
        startOn: input.startOn,
        endOn: input.endOn,
        annualFeeFen: toFen(input.annualFee) ?? 0,
        depositFen: toFen(input.deposit) ?? 0,
        reservedBeds: input.reservedBeds ?? 0,
        assetValueFen: toFen(input.assetValue) ?? 0,
      })
      .returning()
      .get();
    audit(tx, ctx.actor, 'contract.create', 'contract', row.id, null, row);
    return row;
  });
}

/** The last day a contract is in force: the day before its termination, or the end of its term. */
function lastDayOf(c: { endOn: string; terminatedOn: string | null }): string {
  return c.terminatedOn !== null ? addDays(c.terminatedOn, -1) : c.endOn;
}

/**
 * Correct a contract (更正): its operator, number, selection method, term, money, reserved beds,
 * and the date a terminated contract ended. The create rules hold (end not before start, no two
 * contracts of a facility in force on one day, termination within the term). A change to a
 * contract whose term began before today is a correction of a past period: a reason; and it
 * changes every closed month the contract was (or now is) in force in — those are named and
 * confirmed first (their 月报 lists the contracts in force). Audited before/after.
 */
export function updateContract(ctx: ServiceContext, input: z.infer<typeof contractUpdateInput>) {
  return write(ctx, (tx) => ownerOfContract(tx, input.id), (tx) => {
    const before = requireContract(tx, input.id, 'id');
    const startOn = input.startOn ?? before.startOn;
    const endOn = input.endOn ?? before.endOn;
    if (endOn < startOn) fail.validation('END_BEFORE_START', 'endOn', '结束日期不能早于开始日期', 'The end date cannot precede the start date');
    if (input.terminatedOn !== undefined && before.terminatedOn === null)
      fail.validation('CONTRACT_NOT_TERMINATED', 'terminatedOn', '该合同未终止，没有终止日期可更正', 'The contract is not terminated; there is no termination date to correct');
    const terminatedOn = input.terminatedOn ?? before.terminatedOn;
    if (terminatedOn !== null && (terminatedOn < startOn || terminatedOn > endOn))
      fail.validation(
        'TERMINATION_OUTSIDE_TERM',
        input.terminatedOn !== undefined ? 'terminatedOn' : input.startOn !== undefined ? 'startOn' : 'endOn',
        `终止日期 ${terminatedOn} 应在合同期限 ${startOn} 至 ${endOn} 之内`,
        `The termination date ${terminatedOn} must fall within ${startOn} – ${endOn}`,
      );
    if (input.operatorId !== undefined) requireOperator(tx, input.operatorId);
    assertNoOverlap(tx, before.facilityId, startOn, terminatedOn !== null ? addDays(terminatedOn, -1) : endOn, before.id);
    const set = {
      operatorId: input.operatorId,
      contractNo: input.contractNo,
      selectionMethod: input.selectionMethod,
      startOn: input.startOn,
      endOn: input.endOn,
      annualFeeFen: toFen(input.annualFee),
      depositFen: toFen(input.deposit),
      reservedBeds: input.reservedBeds,
      assetValueFen: toFen(input.assetValue),
      terminatedOn: input.terminatedOn,
    };
    const changed = (Object.keys(set) as Array<keyof typeof set>).filter((k) => set[k] !== undefined && set[k] !== before[k]);
    if (changed.length === 0) fail.validation('NOTHING_TO_CORRECT', 'id', '没有修改任何内容', 'Nothing was changed');
    // The period the contract covered before or covers after: every figure of it may change.
    const from = startOn < before.startOn ? startOn : before.startOn;
    const lastNow = lastDayOf({ endOn, terminatedOn });
    const lastBefore = lastDayOf(before);
    requireReason(from, input);
    const closedMonths = confirmClosedMonths(closedMonthsBetween(tx, from, lastNow > lastBefore ? lastNow : lastBefore), input, 'correction');
    const row = tx
      .update(contracts)
      .set({ ...set, updatedAt: new Date().toISOString() })
      .where(eq(contracts.id, before.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'contract.update', 'contract', row.id, before, { ...row, correctionReason: input.reason?.trim() || null, closedMonths });
    return { ...row, closedMonths };
  });
}

/**
 * 撤销终止: a contract terminated by mistake runs its term again. Always with a reason; refused
 * when another contract of the facility is in force meanwhile; a closed month from the
 * termination to the end of the term is named and confirmed first. Audited before/after.
 */
export function undoTermination(ctx: ServiceContext, input: z.infer<typeof contractUndoTerminationInput>) {
  return write(ctx, (tx) => ownerOfContract(tx, input.id), (tx) => {
    const before = requireContract(tx, input.id, 'id');
    const terminatedOn = before.terminatedOn;
    if (terminatedOn === null) return fail.conflict('CONTRACT_NOT_TERMINATED', 'id', '该合同未终止，无需撤销终止', 'The contract is not terminated');
    assertNoOverlap(tx, before.facilityId, before.startOn, before.endOn, before.id, 'id');
    const closedMonths = confirmClosedMonths(closedMonthsBetween(tx, terminatedOn, before.endOn), input, 'correction');
    const row = tx
      .update(contracts)
      .set({ terminatedOn: null, terminationReason: '', updatedAt: new Date().toISOString() })
      .where(eq(contracts.id, before.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'contract.undoTermination', 'contract', row.id, before, { ...row, correctionReason: input.reason.trim(), closedMonths });
    return { ...row, closedMonths };
  });
}

export function terminateContract(ctx: ServiceContext, input: z.infer<typeof contractTerminateInput>) {
  return write(ctx, (tx) => ownerOfContract(tx, input.id), (tx) => {
    const before = requireContract(tx, input.id, 'id');
    if (before.terminatedOn !== null)
      fail.conflict('CONTRACT_TERMINATED', 'id', `该合同已于 ${before.terminatedOn} 终止`, `The contract was terminated on ${before.terminatedOn}`);
    if (input.terminatedOn < before.startOn || input.terminatedOn > before.endOn)
      fail.validation('TERMINATION_OUTSIDE_TERM', 'terminatedOn', `终止日期应在合同期限 ${before.startOn} 至 ${before.endOn} 之内`, `The termination date must fall within ${before.startOn} – ${before.endOn}`);
    const row = tx
      .update(contracts)
      .set({ terminatedOn: input.terminatedOn, terminationReason: input.reason, updatedAt: new Date().toISOString() })
      .where(eq(contracts.id, before.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'contract.terminate', 'contract', row.id, before, row);
    return row;
  });
}

export function addEvaluation(ctx: ServiceContext, input: z.infer<typeof evaluationAddInput>) {
  return write(ctx, (tx) => ownerOfContract(tx, input.contractId), (tx) => {
    requireContract(tx, input.contractId);
    const clash = evaluationOfYear(tx, input.contractId, input.year);
    if (clash) fail.conflict('EVALUATION_EXISTS', 'year', `${input.year} 年度评估已登记`, `The ${input.year} evaluation is already recorded`);
    const row = tx
      .insert(contractEvaluations)
      .values({ contractId: input.contractId, year: input.year, score: input.score ?? null, result: input.result, note: input.note ?? '' })
      .returning()
      .get();
    audit(tx, ctx.actor, 'contract.addEvaluation', 'contract', input.contractId, null, row);
    return row;
  });
}

export function listEvaluations(ctx: ServiceContext, contractId: number) {
  requireContract(ctx.db.orm, contractId, 'id');
  return evaluationsOf(ctx.db.orm, contractId);
}

export function listContracts(ctx: ServiceContext, input: z.infer<typeof contractListInput>): ContractRow[] {
  const d = input?.inForceOn ?? input?.asOf ?? todayIso();
  const params: Record<string, string | number> = { d };
  const where: string[] = [];
  if (input?.facilityId) {
    params.f = input.facilityId;
    where.push('c.facility_id = @f');
  }
  if (input?.operatorId) {
    params.o = input.operatorId;
    where.push('c.operator_id = @o');
  }
  if (input?.inForceOn) where.push(contractInForce('c'));
  where.push(facilitySql(ctx.actor, 'c.facility_id'));
  if (input?.counties?.length) {
    const l = inList('r', input.counties);
    Object.assign(params, l.params);
    where.push(`f.region_code IN ${l.sql}`);
  }
  const rows = contractRows(ctx.db.sqlite, where, params);
  return rows.map((r) => ({ ...r, inForce: r.inForce === 1, daysToEnd: daysBetween(d, r.endOn) }));
}
