/** The contracts register (公建民营 contracts + their yearly evaluations): its rows and SELECTs. Writes stay in services/contracts.ts. */
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { contractEvaluations, contracts } from '../schema';
import type { SelectionMethod } from '../../domain/enums';
import { fail } from '../../domain/errors';
import { contractInForce } from './as-of';
import { ENTITY } from './entities';

export function requireContract(tx: Orm, id: number, field = 'contractId') {
  const c = tx.select().from(contracts).where(eq(contracts.id, id)).get();
  if (!c) return fail.notFound(ENTITY.contract, id, field);
  return c;
}

/** The facility's contracts, but one. */
export function contractsOfFacility(tx: Orm, facilityId: number, exceptId?: number) {
  return tx
    .select()
    .from(contracts)
    .where(exceptId === undefined ? eq(contracts.facilityId, facilityId) : and(eq(contracts.facilityId, facilityId), ne(contracts.id, exceptId)))
    .all();
}

export function evaluationOfYear(tx: Orm, contractId: number, year: number) {
  return tx
    .select({ id: contractEvaluations.id })
    .from(contractEvaluations)
    .where(and(eq(contractEvaluations.contractId, contractId), eq(contractEvaluations.year, year)))
    .get();
}

export function evaluationsOf(orm: Orm, contractId: number) {
  return orm.select().from(contractEvaluations).where(eq(contractEvaluations.contractId, contractId)).orderBy(desc(contractEvaluations.year)).all();
}

export interface ContractRow {
  id: number;
  facilityId: number;
  facilityName: string;
  regionCode: string;
  operatorId: number;
  operatorName: string;
  operatorCreditCode: string;
  contractNo: string;
  selectionMethod: SelectionMethod;
  startOn: string;
  endOn: string;
  annualFeeFen: number;
  depositFen: number;
  reservedBeds: number;
  assetValueFen: number;
  terminatedOn: string | null;
  terminationReason: string;
  inForce: boolean;
  /** Days from the reference date to the end of the term (negative once ended). */
  daysToEnd: number;
}

/** Contracts with their facility and operator, `where` SQL conditions (on c, f, o) with `params`; `@d` the reference date. */
export function contractRows(sqlite: Sqlite, where: string[], params: Record<string, string | number>) {
  return sqlite
    .prepare(
      `SELECT c.id, c.facility_id AS facilityId, f.name AS facilityName, f.region_code AS regionCode,
         c.operator_id AS operatorId, o.name AS operatorName, o.credit_code AS operatorCreditCode,
         c.contract_no AS contractNo, c.selection_method AS selectionMethod, c.start_on AS startOn, c.end_on AS endOn,
         c.annual_fee_fen AS annualFeeFen, c.deposit_fen AS depositFen, c.reserved_beds AS reservedBeds,
         c.asset_value_fen AS assetValueFen, c.terminated_on AS terminatedOn, c.termination_reason AS terminationReason,
         ${contractInForce('c')} AS inForce
       FROM contracts c JOIN facilities f ON f.id = c.facility_id JOIN operators o ON o.id = c.operator_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.region_code, f.name_sort, c.start_on`,
    )
    .all(params) as Array<Omit<ContractRow, 'inForce' | 'daysToEnd'> & { inForce: number }>;
}
