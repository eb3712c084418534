import type { z } from 'zod';
import type { auditListInput } from '../api/schemas';
import type { ServiceContext } from './context';

/** The audit trail, newest first; read-only by construction (triggers refuse edits). */
export function listAudit(ctx: ServiceContext, input: z.infer<typeof auditListInput>) {
  const params: Record<string, string | number> = { limit: input?.limit ?? 200, offset: input?.offset ?? 0 };
  const where: string[] = [];
  if (input?.entity) {
    params.e = input.entity;
    where.push('entity = @e');
  }
  if (input?.entityId) {
    params.i = input.entityId;
    where.push('entity_id = @i');
  }
  if (input?.username) {
    params.u = input.username;
    where.push('username = @u');
  }
  return ctx.db.sqlite
    .prepare(
      `SELECT id, at, username, action, entity, entity_id AS entityId, before, after FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params);
}
