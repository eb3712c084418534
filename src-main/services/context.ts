/**
 * What every service call receives: the open store and who is acting. Writes go through
 * `write`, which runs them in one IMMEDIATE transaction; `audit` appends the row that says
 * who changed what.
 */
import type { AppDb, Orm } from '../db/open';
import { auditLog } from '../db/schema';
import type { Role } from '../domain/enums';

export interface Actor {
  userId: number | null;
  username: string;
  role: Role;
}

export interface ServiceContext {
  db: AppDb;
  actor: Actor;
}

export type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];

export function write<T>(ctx: ServiceContext, fn: (tx: Tx) => T): T {
  return ctx.db.orm.transaction(fn, { behavior: 'immediate' });
}

export function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: number | string | null,
  before: unknown,
  after: unknown,
): void {
  tx.insert(auditLog)
    .values({
      userId: actor.userId,
      username: actor.username,
      action,
      entity,
      entityId: entityId === null ? null : String(entityId),
      before: before === undefined || before === null ? null : JSON.stringify(before),
      after: after === undefined || after === null ? null : JSON.stringify(after),
    })
    .run();
}
