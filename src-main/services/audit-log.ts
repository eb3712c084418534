import type { z } from 'zod';
import type { auditListInput } from '../contract/schemas';
import { addDays } from '../domain/dates';
import type { ServiceContext } from './context';

/**
 * The audit trail, newest first, filtered by account, entity, action and date; read-only by
 * construction (no procedure writes it except through `audit`, and triggers refuse edits).
 * `at` is stored in UTC; the date filter compares UTC timestamps of whole days.
 */
export function listAudit(ctx: ServiceContext, input: z.infer<typeof auditListInput>) {
  const params: Record<string, string | number> = { limit: input?.limit ?? 200, offset: input?.offset ?? 0 };
  const where: string[] = [];
  const eq = (col: string, key: string, value: string | undefined) => {
    if (!value) return;
    params[key] = value;
    where.push(`${col} = @${key}`);
  };
  eq('entity', 'e', input?.entity);
  eq('entity_id', 'i', input?.entityId);
  eq('username', 'u', input?.username);
  eq('action', 'a', input?.action);
  if (input?.from) {
    params.from = input.from;
    where.push('at >= @from');
  }
  if (input?.to) {
    params.to = addDays(input.to, 1);
    where.push('at < @to');
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT id, at, username, action, entity, entity_id AS entityId, before, after FROM audit_log
       ${filter} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  return rows;
}
