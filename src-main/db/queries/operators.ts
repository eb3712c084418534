/** The operators register (公建民营 operators): its rows and SELECTs. Writes stay in services/contracts.ts. */
import { eq } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { operators } from '../schema';
import { fail } from '../../domain/errors';
import { ENTITY } from './entities';

export function requireOperator(tx: Orm, id: number, field = 'operatorId') {
  const o = tx.select().from(operators).where(eq(operators.id, id)).get();
  if (!o) return fail.notFound(ENTITY.operator, id, field);
  return o;
}

/** The operator holding a credit code, if any. */
export function operatorByCreditCode(tx: Orm, creditCode: string) {
  return tx.select({ id: operators.id, name: operators.name }).from(operators).where(eq(operators.creditCode, creditCode)).get();
}

export interface OperatorRow {
  id: number;
  name: string;
  creditCode: string;
  legalRepresentative: string;
  contactPerson: string;
  phone: string;
  address: string;
  contracts: number;
}

/** Every operator with its number of contracts, by name; `q` a LIKE pattern on name or credit code. */
export function operatorRows(sqlite: Sqlite, q: string | null): OperatorRow[] {
  return sqlite
    .prepare(
      `SELECT o.id, o.name, o.credit_code AS creditCode, o.legal_representative AS legalRepresentative,
         o.contact_person AS contactPerson, o.phone, o.address,
         (SELECT count(*) FROM contracts c WHERE c.operator_id = o.id) AS contracts
       FROM operators o ${q ? `WHERE o.name LIKE @q ESCAPE '\\' OR o.credit_code LIKE @q ESCAPE '\\'` : ''}
       ORDER BY o.name_sort`,
    )
    .all(q ? { q } : {}) as OperatorRow[];
}

export interface OperatorHit {
  id: number;
  name: string;
  creditCode: string;
}

/** Operators whose name or credit code contains the LIKE pattern `q`, among `scope` (an SQL condition on o), by pinyin. */
export function operatorSearchRows(sqlite: Sqlite, q: string, scope: string, limit: number): { rows: OperatorHit[]; total: number } {
  const where = `WHERE (o.name LIKE @q ESCAPE '\\' OR o.credit_code LIKE @q ESCAPE '\\') AND ${scope}`;
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM operators o ${where}`).get({ q }) as { n: number }).n;
  const rows = sqlite
    .prepare(`SELECT o.id, o.name, o.credit_code AS creditCode FROM operators o ${where} ORDER BY o.name_sort LIMIT @limit`)
    .all({ q, limit }) as OperatorHit[];
  return { rows, total };
}
