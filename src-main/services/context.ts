/**
 * What every service call receives: the open store and who is acting. Writes go through
 * `write`, which runs them in one IMMEDIATE transaction — or, when called inside another
 * write (an import of a whole file), in a savepoint of it, so the outer write stays
 * all-or-nothing. `audit` appends the row that says who changed what.
 */
import type { AppDb, Orm } from '../db/open';
import { auditLog } from '../db/schema';
import { withStatementCache } from '../db/statement-cache';
import type { Role } from '../domain/enums';

export interface Actor {
  userId: number | null;
  username: string;
  role: Role;
  /** County codes the account is limited to; absent or empty = city-wide (section, read-only). */
  counties?: readonly string[];
  /** Facility managers: the facilities they manage (nothing else is in their scope). */
  facilityIds?: readonly number[];
  /** Nobody is logged in while login is required: only public procedures answer. */
  anonymous?: boolean;
}

export interface ServiceContext {
  db: AppDb;
  actor: Actor;
}

/** Queries inside a write run on the same connection as the transaction around them. */
export type Tx = Orm;

export function write<T>(ctx: ServiceContext, fn: (tx: Tx) => T): T {
  // better-sqlite3 nests transactions as savepoints; drizzle's own would issue a second BEGIN.
  const sqlite = ctx.db.sqlite;
  const run = () => sqlite.transaction(() => fn(ctx.db.orm)).immediate();
  // The outermost write reuses compiled statements for its whole length (db/statement-cache.ts).
  return sqlite.inTransaction ? run() : withStatementCache(sqlite, run);
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
