/**
 * Closing a reporting month: open → closed → (reopened with a reason → closed again). A
 * closed month's figures come from its frozen snapshot, so later corrections to the
 * register do not silently change what went to the province; the live figure is shown
 * beside it where they differ.
 */
import { eq } from 'drizzle-orm';
import { monthCloses, monthSnapshots } from '../db/schema';
import { monthEnd, todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import type { Figure } from '../domain/metrics';
import { COMPARED_FIELDS, type ComparedField, type MonthState } from '../domain/month';
import { actorDisplayName } from './audit-log';
import { audit, write, type ServiceContext } from './context';
import { CITY } from '../domain/ownership';
import { reportDataQuality } from './data-quality-summary';
import { buildMonthReport, type MonthReport } from './month-report';
import type { StatisticsRow } from './statistics';

export type { MonthState } from '../domain/month';

function closeRow(ctx: ServiceContext, month: string) {
  return ctx.db.orm.select().from(monthCloses).where(eq(monthCloses.month, month)).get();
}

function snapshotOf(ctx: ServiceContext, id: number | null): { report: MonthReport; takenAt: string; takenBy: string } | null {
  if (id === null) return null;
  const s = ctx.db.orm.select().from(monthSnapshots).where(eq(monthSnapshots.id, id)).get();
  return s ? { report: storedReport(s.data), takenAt: s.takenAt, takenBy: s.takenBy } : null;
}

/** A snapshot as stored, its data quality counted whatever version wrote it (no names leave an old snapshot). */
function storedReport(data: string): MonthReport {
  const report = JSON.parse(data) as MonthReport;
  return { ...report, dataQuality: reportDataQuality(report.dataQuality ?? []) };
}

function hasDataBy(ctx: ServiceContext, date: string): boolean {
  return !!ctx.db.sqlite.prepare('SELECT 1 FROM facility_status_changes WHERE effective_on <= ? LIMIT 1').get(date);
}

export function assertReportable(ctx: ServiceContext, month: string): void {
  if (!hasDataBy(ctx, monthEnd(month)))
    fail.validation('NO_DATA_FOR_MONTH', 'month', `${month} 月底前没有任何机构数据，无法生成月报`, `There is no facility data up to the end of ${month}`);
}

export function closeMonth(ctx: ServiceContext, month: string) {
  const end = monthEnd(month);
  if (end >= todayIso())
    fail.validation('MONTH_NOT_ENDED', 'month', `${month} 尚未结束（月末为 ${end}），不能关账`, `${month} has not ended yet (its last day is ${end})`);
  assertReportable(ctx, month);
  return write(ctx, CITY, (tx) => {
    const before = closeRow(ctx, month);
    if (before?.state === 'closed')
      fail.conflict('MONTH_ALREADY_CLOSED', 'month', `${month} 已关账；如需修改请先重新开账并说明原因`, `${month} is already closed; reopen it with a reason to change it`);
    const report = buildMonthReport(ctx, month);
    const snapshot = tx.insert(monthSnapshots).values({ month, takenBy: ctx.actor.username, data: JSON.stringify(report) }).returning({ id: monthSnapshots.id }).get();
    const now = new Date().toISOString();
    const values = { state: 'closed' as const, closedAt: now, closedBy: ctx.actor.username, snapshotId: snapshot.id };
    if (before) tx.update(monthCloses).set(values).where(eq(monthCloses.month, month)).run();
    else tx.insert(monthCloses).values({ month, ...values }).run();
    audit(tx, ctx.actor, 'month.close', 'month', month, before ?? null, { ...values, month });
    return monthStatus(ctx, month);
  });
}

export function reopenMonth(ctx: ServiceContext, month: string, reason: string) {
  return write(ctx, CITY, (tx) => {
    const before = closeRow(ctx, month);
    if (before?.state !== 'closed') fail.conflict('MONTH_NOT_CLOSED', 'month', `${month} 未关账，无需重新开账`, `${month} is not closed`);
    const values = { state: 'reopened' as const, reopenedAt: new Date().toISOString(), reopenedBy: ctx.actor.username, reopenReason: reason };
    tx.update(monthCloses).set(values).where(eq(monthCloses.month, month)).run();
    audit(tx, ctx.actor, 'month.reopen', 'month', month, before, { ...values, month });
    return monthStatus(ctx, month);
  });
}

export interface MonthHistoryEntry {
  at: string;
  username: string;
  /** The display name of who did it (the 关账记录 shows this). */
  displayName: string;
  action: string;
  reason: string | null;
}

export function monthStatus(ctx: ServiceContext, month: string) {
  const row = closeRow(ctx, month);
  const history = (
    ctx.db.sqlite
      .prepare("SELECT at, username, action, after FROM audit_log WHERE entity = 'month' AND entity_id = ? ORDER BY id")
      .all(month) as Array<{ at: string; username: string; action: string; after: string | null }>
  ).map<MonthHistoryEntry>((h) => ({ at: h.at, username: h.username, displayName: actorDisplayName(ctx, h.username), action: h.action, reason: h.after ? ((JSON.parse(h.after) as { reopenReason?: string }).reopenReason ?? null) : null }));
  return {
    month,
    state: (row?.state ?? 'open') as MonthState,
    closedAt: row?.closedAt ?? null,
    closedBy: row?.closedBy ?? null,
    /** Who closed it as people read it (王科员, 本机用户, 命令行), not the username. */
    closedByName: row?.closedBy ? actorDisplayName(ctx, row.closedBy) : null,
    reopenedAt: row?.reopenedAt ?? null,
    reopenedBy: row?.reopenedBy ?? null,
    reopenedByName: row?.reopenedBy ? actorDisplayName(ctx, row.reopenedBy) : null,
    reopenReason: row?.reopenReason ?? null,
    history,
  };
}

export function listMonths(ctx: ServiceContext) {
  return ctx.db.orm.select().from(monthCloses).all();
}


export interface FigureDifference {
  code: string;
  name: string;
  field: ComparedField;
  closed: Figure;
  live: Figure;
}

/** Where today's live figures for the month differ from the closed snapshot. */
export function differences(closed: MonthReport, live: MonthReport): FigureDifference[] {
  const out: FigureDifference[] = [];
  const rows = (r: MonthReport): StatisticsRow[] => [...r.statistics.rows, r.statistics.total];
  const liveByCode = new Map(rows(live).map((r) => [r.code, r]));
  for (const c of rows(closed)) {
    const l = liveByCode.get(c.code);
    if (!l) continue;
    for (const field of COMPARED_FIELDS) {
      const a = c[field];
      const b = l[field];
      const same = a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
      if (!same) out.push({ code: c.code, name: c.name, field, closed: a, live: b });
    }
  }
  return out;
}

/** The contract fields a closed month's contract list is checked against. */
const CONTRACT_FIELDS = ['operatorName', 'contractNo', 'startOn', 'endOn', 'terminatedOn', 'annualFeeFen', 'depositFen', 'reservedBeds', 'assetValueFen'] as const;

export interface ContractDifference {
  contractId: number;
  facilityName: string;
  /** A field of the contract, or 'listed' when the contract was or now is in force in the month and not both. */
  field: (typeof CONTRACT_FIELDS)[number] | 'listed';
  closed: string | number | boolean | null;
  live: string | number | boolean | null;
}

/** Where today's contracts in force in the month differ from the closed snapshot's (a corrected or un-terminated contract). */
export function contractDifferences(closed: MonthReport, live: MonthReport): ContractDifference[] {
  const out: ContractDifference[] = [];
  const liveById = new Map((live.contracts ?? []).map((c) => [c.id, c]));
  const closedIds = new Set((closed.contracts ?? []).map((c) => c.id));
  for (const c of closed.contracts ?? []) {
    const l = liveById.get(c.id);
    if (!l) {
      out.push({ contractId: c.id, facilityName: c.facilityName, field: 'listed', closed: true, live: false });
      continue;
    }
    for (const field of CONTRACT_FIELDS) if (c[field] !== l[field]) out.push({ contractId: c.id, facilityName: c.facilityName, field, closed: c[field], live: l[field] });
  }
  for (const l of live.contracts ?? []) if (!closedIds.has(l.id)) out.push({ contractId: l.id, facilityName: l.facilityName, field: 'listed', closed: false, live: true });
  return out;
}

/**
 * The month's report as it was (or would be) reported: the frozen snapshot while closed, the
 * live figures otherwise. What an export needs; no comparison is made.
 */
export function reportedMonth(ctx: ServiceContext, month: string) {
  assertReportable(ctx, month);
  const status = monthStatus(ctx, month);
  const snap = snapshotOf(ctx, closeRow(ctx, month)?.snapshotId ?? null);
  if (status.state === 'closed' && snap) return { status, source: 'snapshot' as const, report: snap.report, snapshot: snap };
  return { status, source: 'live' as const, report: buildMonthReport(ctx, month), snapshot: snap };
}

/**
 * The month's report as the 月报 screen shows it: reportedMonth, plus where today's live
 * figures differ from the (last) closed snapshot.
 */
export function monthReport(ctx: ServiceContext, month: string) {
  const { status, source, report, snapshot } = reportedMonth(ctx, month);
  const live = source === 'live' ? report : buildMonthReport(ctx, month);
  return {
    status,
    source,
    report,
    snapshotTakenAt: snapshot?.takenAt ?? null,
    differences: snapshot ? differences(snapshot.report, live) : [],
    contractDifferences: snapshot ? contractDifferences(snapshot.report, live) : [],
  };
}

/** Beds per thousand and nursing-type share over the closed months, by county, from the snapshots. */
export function trends(ctx: ServiceContext) {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT c.month, s.data FROM month_closes c JOIN month_snapshots s ON s.id = c.snapshot_id
       WHERE c.state = 'closed' ORDER BY c.month`,
    )
    .all() as Array<{ month: string; data: string }>;
  return rows.map((r) => {
    const report = JSON.parse(r.data) as MonthReport;
    const pick = (x: StatisticsRow) => ({ code: x.code, name: x.name, bedsPerThousand: x.bedsPerThousand, nursingShare: x.nursingShare });
    return { month: r.month, rows: report.statistics.rows.map(pick), total: pick(report.statistics.total) };
  });
}
