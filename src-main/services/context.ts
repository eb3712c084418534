/**
 * What every service call receives: the open store and who is acting. Writes go through
 * `write`, which runs them in one IMMEDIATE transaction — or, when called inside another
 * write (an import of a whole file), in a savepoint of it, so the outer write stays
 * all-or-nothing. Every write names the owner it writes for (domain/ownership.ts: a bed →
 * its facility, a facility's register fields → its county, targets → the city, accounts →
 * the install); `audit` appends the row that says who changed what, for which owner. The
 * changes themselves are appended by triggers (db/change-capture.ts) and sealed at the end of
 * the outermost write, where a change to a record this install does not hold is refused.
 */
import { eq } from 'drizzle-orm';
import type { AppDb, Orm } from '../db/open';
import { auditLog, facilities } from '../db/schema';
import { withStatementCache } from '../db/statement-cache';
import type { Role } from '../domain/enums';
import { ownerKey, type Owner } from '../domain/ownership';
import { sealChanges } from '../db/exchange/seal';

export interface Actor {
  userId: number | null;
  username: string;
  /** The person's name as screens show it (杨科长); absent for the local account, CLI and demo data. */
  displayName?: string;
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

/** The owners of the writes in progress on a connection, innermost last. */
const owners = new WeakMap<Tx, Owner[]>();

/** The owner the innermost write in progress writes for (undefined outside a write). */
export function currentOwner(tx: Tx): Owner | undefined {
  return owners.get(tx)?.at(-1);
}

/**
 * The owner a write names: known beforehand, or found from the row it writes inside the same
 * transaction (services/owners.ts), e.g. a bed's facility.
 */
export type OwnerOf = Owner | ((tx: Tx) => Owner);

/**
 * One transaction function per connection, run with each write's body: better-sqlite3 builds
 * a wrapper per `transaction()` call, which an import's thousands of row savepoints would pay
 * for every row.
 */
const transactions = new WeakMap<AppDb['sqlite'], { immediate: <T>(body: () => T) => T }>();
function transactionOf(sqlite: AppDb['sqlite']): { immediate: <T>(body: () => T) => T } {
  let t = transactions.get(sqlite);
  if (!t) {
    const fn = sqlite.transaction((body: () => unknown) => body());
    t = { immediate: <T>(body: () => T) => fn.immediate(body) as T };
    transactions.set(sqlite, t);
  }
  return t;
}

export function write<T>(ctx: ServiceContext, owner: OwnerOf, fn: (tx: Tx) => T): T {
  // better-sqlite3 nests transactions as savepoints; drizzle's own would issue a second BEGIN.
  const sqlite = ctx.db.sqlite;
  const tx = ctx.db.orm;
  const run = () =>
    transactionOf(sqlite).immediate(() => {
      const stack = owners.get(tx) ?? [];
      owners.set(tx, stack);
      stack.push(typeof owner === 'function' ? owner(tx) : owner);
      try {
        const result = fn(tx);
        // every change of this write gets its owner, is checked against what this install
        // holds (refused: the write rolls back) and is marked as one write (exchange/seal.ts)
        if (stack.length === 1) sealChanges(sqlite);
        return result;
      } finally {
        stack.pop();
      }
    });
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
      owner: recordedOwner(tx),
    })
    .run();
}

/** The owner key an audit row of the current write records (null outside a write). */
export function recordedOwner(tx: Tx): string | null {
  const owner = currentOwner(tx);
  if (!owner) return null;
  return ownerKey(owner, (id) => tx.select({ uid: facilities.uid }).from(facilities).where(eq(facilities.id, id)).get()?.uid ?? `local-${id}`);
}
