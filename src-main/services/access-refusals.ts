/**
 * 拒绝的访问: every refused api call (a role or scope check, a call without login) counted per
 * account, procedure, hour and code in `access_refusals`, so that probing other people's
 * records leaves a trail without a flood of refusals filling the disk: 1,000 refusals in an
 * hour are one row with count 1000.
 *
 * Recording never fails the call it records: the refusal is what the caller gets, whatever
 * happens here. It runs after the refused call's own transaction has rolled back (the api's
 * outermost middleware), in a statement of its own, and does not wait for a busy database
 * (busy_timeout 0 for that statement): counts that cannot be written stay in memory (a few
 * hundred keys at most) and go in with the next refusal.
 */
import { ANONYMOUS_USERNAME } from '../contract/refusal-labels';
import type { AppDb } from '../db/open';
import type { Actor, ServiceContext } from './context';

export { ANONYMOUS_USERNAME };

export interface Refusal {
  actor: Actor;
  procedure: string;
  code: string;
  message: string;
  at?: Date;
}

interface Pending {
  userId: number | null;
  username: string;
  procedure: string;
  hour: string;
  code: string;
  n: number;
  firstAt: string;
  lastAt: string;
  message: string;
}

/** Counts not yet written, per open database. */
const pending = new WeakMap<AppDb, Map<string, Pending>>();
const MAX_PENDING_KEYS = 500;

const UPSERT = `
  INSERT INTO access_refusals (user_id, username, procedure, hour, code, count, first_at, last_at, last_message)
  VALUES (@userId, @username, @procedure, @hour, @code, @n, @firstAt, @lastAt, @message)
  ON CONFLICT (username, procedure, hour, code) DO UPDATE SET
    count = count + excluded.count,
    last_at = max(last_at, excluded.last_at),
    last_message = excluded.last_message,
    user_id = coalesce(excluded.user_id, user_id)`;

/** 'YYYY-MM-DD HH' in UTC, as `at` in the audit log is UTC. */
export function hourOf(d: Date): string {
  return d.toISOString().slice(0, 13).replace('T', ' ');
}

/** Counts one refusal; true when it (and anything pending) is on disk now. Never throws. */
export function recordRefusal(db: AppDb, r: Refusal): boolean {
  try {
    const at = r.at ?? new Date();
    const anonymous = r.actor.anonymous === true;
    const row: Pending = {
      userId: anonymous ? null : r.actor.userId,
      username: anonymous ? ANONYMOUS_USERNAME : r.actor.username,
      procedure: r.procedure.slice(0, 200),
      hour: hourOf(at),
      code: r.code.slice(0, 100),
      n: 1,
      firstAt: at.toISOString(),
      lastAt: at.toISOString(),
      message: r.message.slice(0, 500),
    };
    const queue = pending.get(db) ?? new Map<string, Pending>();
    pending.set(db, queue);
    const key = `${row.username}\u0000${row.procedure}\u0000${row.hour}\u0000${row.code}`;
    const had = queue.get(key);
    if (had) {
      had.n += 1;
      had.lastAt = row.lastAt;
      had.message = row.message;
    } else if (queue.size < MAX_PENDING_KEYS) queue.set(key, row);
    // Inside someone's open transaction the row would share its fate: write it right after.
    if (db.sqlite.inTransaction) {
      setImmediate(() => flush(db));
      return false;
    }
    return flush(db);
  } catch {
    return false;
  }
}

function flush(db: AppDb): boolean {
  const queue = pending.get(db);
  if (!queue || queue.size === 0) return true;
  try {
    const sqlite = db.sqlite;
    if (!sqlite.open || sqlite.inTransaction) return false;
    const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      const stmt = sqlite.prepare(UPSERT);
      sqlite.transaction(() => {
        for (const row of queue.values()) stmt.run(row);
      }).immediate();
      queue.clear();
      return true;
    } finally {
      sqlite.pragma(`busy_timeout = ${Number(previous) || 0}`);
    }
  } catch {
    // Busy, read-only or full: the counts wait in memory for the next refusal.
    return false;
  }
}

export interface RefusalRow {
  id: number;
  userId: number | null;
  username: string;
  procedure: string;
  hour: string;
  code: string;
  count: number;
  firstAt: string;
  lastAt: string;
  lastMessage: string;
}

export interface RefusalFilter {
  username?: string;
  procedure?: string;
  /** Whole days (UTC, as the hours are), inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** The refusals, newest hour first; for the administrators' 操作日志 → 拒绝的访问. */
export function listRefusals(ctx: ServiceContext, input: RefusalFilter | undefined): RefusalRow[] {
  const params: Record<string, string | number> = { limit: input?.limit ?? 200, offset: input?.offset ?? 0 };
  const where: string[] = [];
  if (input?.username) {
    params.u = input.username;
    where.push('username = @u');
  }
  if (input?.procedure) {
    params.p = input.procedure;
    where.push('procedure = @p');
  }
  if (input?.from) {
    params.from = `${input.from} 00`;
    where.push('hour >= @from');
  }
  if (input?.to) {
    params.to = `${input.to} 23`;
    where.push('hour <= @to');
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return ctx.db.sqlite
    .prepare(
      `SELECT id, user_id AS userId, username, procedure, hour, code, count, first_at AS firstAt, last_at AS lastAt, last_message AS lastMessage
       FROM access_refusals ${filter} ORDER BY hour DESC, last_at DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as RefusalRow[];
}
