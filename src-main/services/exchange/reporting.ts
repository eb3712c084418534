/**
 * 报送情况: which offices below this one have sent their data for a month, by the deadline.
 * An office has reported a month once a package it made after the month's last day has reached
 * this install (directly, or relayed by its county) and every change it carried is in (not
 * waiting for an earlier package), so a package without changes still says "nothing happened
 * through that day". Days are the office's local calendar days. It is late when
 * that package arrived after the deadline (setting reportDeadlineDay of the next month, default
 * the 5th). An office enrolled after the month ended owes nothing for it. An office handed its
 * enrolment file whose first package has not arrived yet is listed too (未报送).
 */
import { installIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { addMonths, localDayOf, monthEnd, todayIso } from '../../domain/dates';
import { getSettings } from '../settings';
import { relatives } from './batch';

export type ReportingState = 'reported' | 'late' | 'missing' | 'notDue';

export interface ReportingRow {
  /** The install's uid; `enrolment:<id>` for an office given its enrolment file and not heard from yet. */
  uid: string;
  level: 'county' | 'facility';
  /** The facility's name, or the county's. */
  name: string;
  regionCode: string;
  regionName: string;
  /** When this install first knew of it (its enrolment here). */
  enrolledAt: string;
  /** The last package of it that arrived here, when it was made, and through which of its changes. */
  lastReceivedAt: string | null;
  madeThrough: string | null;
  seq: number | null;
  /** Its changes stored here that wait for an earlier package (a package missing). */
  waiting: number;
  /** For the month asked: reported on time, late, not (yet) — or not due (enrolled after it). */
  state: ReportingState;
  /** When the first package covering the month arrived here. */
  reportedAt: string | null;
}

export interface ReportingStatus {
  month: string;
  /** The last day an office's data for the month is due (inclusive). */
  deadline: string;
  /** Whether the deadline has passed (today after it). */
  overdue: boolean;
  rows: ReportingRow[];
  counts: Record<ReportingState, number>;
  /** Reported (on time or late) of those due; null when none is due. */
  share: number | null;
}

export function reportingStatus(db: AppDb, month: string): ReportingStatus {
  const sqlite = db.sqlite;
  const me = installIdentity(sqlite);
  const { below } = relatives(sqlite, me.uid);
  const end = monthEnd(month);
  const deadline = `${addMonths(`${month}-01`, 1).slice(0, 7)}-${String(getSettings({ db }).reportDeadlineDay).padStart(2, '0')}`;
  const installs = sqlite
    .prepare(
      `SELECT i.uid, i.level, i.region_code AS regionCode, coalesce(r.name, i.region_code) AS regionName, coalesce(f.name, r.name, i.region_code) AS name, i.created_at AS enrolledAt
       FROM installs i LEFT JOIN regions r ON r.code = i.region_code LEFT JOIN facilities f ON f.uid = i.facility_uid
       WHERE i.revoked_at IS NULL AND i.level IN ('county', 'facility') ORDER BY i.region_code, i.level, name`,
    )
    .all() as Array<Pick<ReportingRow, 'uid' | 'level' | 'regionCode' | 'regionName' | 'name' | 'enrolledAt'>>;
  const reports = sqlite.prepare('SELECT made_at AS madeAt, received_at AS receivedAt, seq FROM exchange_reports WHERE origin = ? ORDER BY received_at');
  const processed = sqlite.prepare('SELECT through FROM exchange_progress WHERE origin = ?').pluck();
  const waiting = sqlite.prepare("SELECT count(*) FROM change_log WHERE origin = ? AND state = 'pending'").pluck();
  const rows = installs
    .filter((i) => below.has(i.uid))
    .map((i): ReportingRow => {
      const all = reports.all(i.uid) as Array<{ madeAt: string; receivedAt: string; seq: number }>;
      const through = (processed.get(i.uid) as number | undefined) ?? 0;
      // a month is reported by a package made after its last day (local calendar) whose every change is in here —
      // one whose changes wait for an earlier package does not count until that package arrives
      const covering = all.filter((r) => localDayOf(r.madeAt) > end && r.seq <= through);
      const reportedAt = covering.length > 0 ? covering.reduce((a, b) => (a.receivedAt <= b.receivedAt ? a : b)).receivedAt : null;
      const last = all.at(-1);
      const madeThrough = all.reduce<string | null>((m, r) => (m === null || r.madeAt > m ? r.madeAt : m), null);
      const state: ReportingState =
        localDayOf(i.enrolledAt) > end ? 'notDue' : reportedAt === null ? 'missing' : localDayOf(reportedAt) <= deadline ? 'reported' : 'late';
      return {
        ...i,
        lastReceivedAt: last?.receivedAt ?? null,
        madeThrough,
        seq: all.length > 0 ? Math.max(...all.map((r) => r.seq)) : null,
        waiting: waiting.get(i.uid) as number,
        state,
        reportedAt,
      };
    });
  // an office handed its enrolment file but not yet heard from is due like the others
  const handedOut = sqlite
    .prepare(
      `SELECT e.id, e.level, e.region_code AS regionCode, coalesce(r.name, e.region_code) AS regionName, coalesce(f.name, r.name, e.region_code) AS name, e.created_at AS enrolledAt
       FROM enrolments e LEFT JOIN regions r ON r.code = e.region_code LEFT JOIN facilities f ON f.uid = e.facility_uid
       WHERE e.used_by IS NULL
         AND NOT EXISTS (SELECT 1 FROM installs i WHERE i.level = e.level AND i.region_code = e.region_code AND i.facility_uid IS e.facility_uid AND i.revoked_at IS NULL)
         AND e.id = (SELECT max(id) FROM enrolments x WHERE x.level = e.level AND x.region_code = e.region_code AND x.facility_uid IS e.facility_uid)`,
    )
    .all() as Array<{ id: number; level: 'county' | 'facility'; regionCode: string; regionName: string; name: string; enrolledAt: string }>;
  for (const e of handedOut)
    rows.push({
      uid: `enrolment:${e.id}`,
      level: e.level,
      name: e.name,
      regionCode: e.regionCode,
      regionName: e.regionName,
      enrolledAt: e.enrolledAt,
      lastReceivedAt: null,
      madeThrough: null,
      seq: null,
      waiting: 0,
      state: localDayOf(e.enrolledAt) > end ? 'notDue' : 'missing',
      reportedAt: null,
    });
  const counts: Record<ReportingState, number> = { reported: 0, late: 0, missing: 0, notDue: 0 };
  for (const r of rows) counts[r.state]++;
  const due = counts.reported + counts.late + counts.missing;
  return { month, deadline, overdue: todayIso() > deadline, rows, counts, share: due === 0 ? null : (counts.reported + counts.late) / due };
}
