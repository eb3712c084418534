import type { z } from 'zod';
import { PSEUDO_USERNAMES, type PseudoActor } from '../contract/audit-labels';
import type { auditListInput } from '../contract/schemas';
import { addDays } from '../domain/dates';
import type { ServiceContext } from './context';

/** One entry as stored, and what the 操作日志 sentence needs (contract/audit-labels.ts). */
export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  /** A person's account (`user`, with `actorName` its display name) or who acts without one. */
  actorKind: 'user' | PseudoActor;
  actorName: string | null;
  /** The object named: a resident's name, a facility, a bed, a contract, a county, a month…; null when nothing is named. */
  objectName: string | null;
  /** The facility the object belongs to (stays, beds, assessments, contracts), for the 机构 column. */
  facilityName: string | null;
}

type Raw = Omit<AuditEntry, 'actorKind' | 'actorName' | 'objectName' | 'facilityName'> & { userId: number | null };

/**
 * The audit trail, newest first, filtered by account, entity, action and date; read-only by
 * construction (no procedure writes it except through `audit`, and triggers refuse edits).
 * `at` is stored in UTC; the date filter compares UTC timestamps of whole days.
 *
 * Each entry carries the actor's display name and the object's name for the sentence the page
 * shows. Personal data stay as the resident list shows them: a resident by name, never an ID
 * number (the before/after values hold ID numbers masked, services/residents.ts).
 */
export function listAudit(ctx: ServiceContext, input: z.infer<typeof auditListInput>): AuditEntry[] {
  const { filter, params } = auditFilter(input);
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT id, at, user_id AS userId, username, action, entity, entity_id AS entityId, before, after FROM audit_log
       ${filter} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input?.limit ?? 200, offset: input?.offset ?? 0 }) as Raw[];
  const names = auditNames(ctx);
  return rows.map(({ userId, ...r }) => ({ ...r, ...names.actor(userId, r.username), ...names.object(r) }));
}

/** How a stored username reads: a person's display name, or who acts without an account. */
export function actorDisplayName(ctx: ServiceContext, username: string, userId: number | null = null): string {
  const a = auditNames(ctx).actor(userId, username);
  return a.actorName ?? PSEUDO_TEXT[a.actorKind as PseudoActor];
}

/** The Chinese words of the pseudo-actors, for server-written text (the roster cover, month close). */
const PSEUDO_TEXT: Record<PseudoActor, string> = { local: '本机用户', cli: '命令行', demo: '演示数据', generate: '数据生成器' };

function auditNames(ctx: ServiceContext) {
  const db = ctx.db.sqlite;
  const memo = new Map<string, unknown>();
  const one = <T>(sql: string, key: string | number | null): T | undefined => {
    if (key === null) return undefined;
    const k = `${sql}\u0000${key}`;
    if (!memo.has(k)) memo.set(k, db.prepare(sql).get(key));
    return memo.get(k) as T | undefined;
  };
  const facility = (id: unknown) => (id === null || id === undefined ? undefined : one<{ name: string }>('SELECT name FROM facilities WHERE id = ?', Number(id))?.name);
  const resident = (id: unknown) => (id === null || id === undefined ? undefined : one<{ name: string }>('SELECT name FROM residents WHERE id = ?', Number(id))?.name);
  const region = (code: unknown) => (typeof code === 'string' ? one<{ name: string }>('SELECT name FROM regions WHERE code = ?', code)?.name : undefined);
  const json = (s: string | null): Record<string, unknown> => {
    if (!s) return {};
    try {
      const v = JSON.parse(s) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const bedText = (b: { building?: unknown; room?: unknown; label?: unknown }) => [b.building, b.room, b.label].filter((x) => typeof x === 'string' && x !== '').join(' ');

  return {
    actor(userId: number | null, username: string): Pick<AuditEntry, 'actorKind' | 'actorName'> {
      const pseudo = PSEUDO_USERNAMES[username];
      if (pseudo) return { actorKind: pseudo, actorName: null };
      const u =
        one<{ displayName: string }>('SELECT display_name AS displayName FROM users WHERE id = ? ', userId) ??
        one<{ displayName: string }>('SELECT display_name AS displayName FROM users WHERE username = ?', username);
      return { actorKind: 'user', actorName: u?.displayName || username };
    },
    object(r: Omit<Raw, 'userId'>): Pick<AuditEntry, 'objectName' | 'facilityName'> {
      const id = r.entityId;
      const data = { ...json(r.before), ...json(r.after) };
      const none = { objectName: null, facilityName: null };
      switch (r.entity) {
        case 'resident':
          return { objectName: resident(id) ?? null, facilityName: null };
        case 'stay': {
          const s = one<{ residentId: number; facilityId: number }>('SELECT resident_id AS residentId, facility_id AS facilityId FROM stays WHERE id = ?', id === null ? null : Number(id));
          const rid = s?.residentId ?? data.residentId;
          const fid = s?.facilityId ?? data.facilityId;
          return { objectName: resident(rid) ?? null, facilityName: facility(fid) ?? null };
        }
        case 'assessment': {
          const a = one<{ residentId: number }>('SELECT resident_id AS residentId FROM assessments WHERE id = ?', id === null ? null : Number(id));
          return { objectName: resident(a?.residentId ?? data.residentId) ?? null, facilityName: null };
        }
        case 'facility': {
          const name = facility(id) ?? (typeof data.name === 'string' ? data.name : null);
          return { objectName: name, facilityName: name };
        }
        case 'bed': {
          const b = one<{ building: string; room: string; label: string; facilityId: number }>(
            'SELECT building, room, label, facility_id AS facilityId FROM beds WHERE id = ?',
            id === null ? null : Number(id),
          );
          const f = facility(b?.facilityId ?? data.facilityId) ?? null;
          const label = bedText(b ?? data);
          return { objectName: [f, label].filter(Boolean).join(' ') || null, facilityName: f };
        }
        case 'operator':
          return { objectName: one<{ name: string }>('SELECT name FROM operators WHERE id = ?', id === null ? null : Number(id))?.name ?? null, facilityName: null };
        case 'contract': {
          const c = one<{ contractNo: string; facilityId: number }>('SELECT contract_no AS contractNo, facility_id AS facilityId FROM contracts WHERE id = ?', id === null ? null : Number(id));
          const f = facility(c?.facilityId) ?? null;
          return { objectName: c?.contractNo || f, facilityName: f };
        }
        case 'region':
          return { objectName: region(id) ?? null, facilityName: null };
        case 'population': {
          const code = data.regionCode;
          const name = region(code);
          return { objectName: name ? `${name} ${String(data.year ?? '')}`.trim() : null, facilityName: null };
        }
        case 'target': {
          const name = region(data.regionCode);
          return { objectName: name ? `${name} ${String(data.year ?? '')}`.trim() : null, facilityName: null };
        }
        case 'user':
          return { objectName: one<{ displayName: string }>('SELECT display_name AS displayName FROM users WHERE id = ?', id === null ? null : Number(id))?.displayName ?? null, facilityName: null };
        case 'month':
          return { objectName: id, facilityName: null };
        case 'import':
          return { objectName: typeof data.fileName === 'string' ? data.fileName : null, facilityName: null };
        default:
          return none;
      }
    },
  };
}

/** How many entries the filter of `listAudit` finds (the page's count and its pager). */
export function countAudit(ctx: ServiceContext, input: z.infer<typeof auditListInput>): number {
  const { filter, params } = auditFilter(input);
  return (ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${filter}`).get(params) as { n: number }).n;
}

/** The SQL condition of an audit filter (account, entity, action, days), one for the list and its count. */
function auditFilter(input: z.infer<typeof auditListInput>): { filter: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
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
  return { filter: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
