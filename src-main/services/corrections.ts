/**
 * What every correction of a record must pass, whichever record it corrects (a facility's
 * status history, a bed, a stay, an assessment …): a reason when it changes a date before
 * today, and a confirmation when it changes figures of a month already closed. The closed
 * month's snapshot stays as it was signed; after the correction its live figures differ, and
 * the month page shows the difference (services/month-close.ts `differences`).
 *
 * A change effective on date D changes the figures as of every month end on or after D, so
 * the closed months it reaches are those whose last day is D or later.
 */
import { monthEnd, todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import type { Tx } from './context';
import { monthCloses } from '../db/schema-office';
import { eq } from 'drizzle-orm';

/** The options every correction input carries (contract/schemas.ts `correctionOptions`). */
export interface CorrectionOptions {
  reason?: string | undefined;
  confirmClosedMonth?: boolean | undefined;
}

/** Closed months (YYYY-MM, oldest first) whose figures a change effective on `date` alters. */
export function closedMonthsFrom(tx: Tx, date: string): string[] {
  return tx
    .select({ month: monthCloses.month })
    .from(monthCloses)
    .where(eq(monthCloses.state, 'closed'))
    .all()
    .map((r) => r.month)
    .filter((m) => monthEnd(m) >= date)
    .sort();
}

/**
 * Checks a correction touching `dates` (the old and the new value of every date it changes;
 * nulls are ignored). Refuses without a reason when one of them is before today, and refuses
 * with CLOSED_MONTH (the months named) unless confirmed when one reaches a closed month.
 * Returns the closed months the correction changes, for the audit row.
 */
export function checkCorrection(tx: Tx, dates: readonly (string | null | undefined)[], options: CorrectionOptions): string[] {
  const known = dates.filter((d): d is string => typeof d === 'string' && d !== '');
  if (known.length === 0) return [];
  const earliest = known.reduce((a, b) => (a < b ? a : b));
  requireReason(earliest, options);
  return confirmClosedMonths(closedMonthsFrom(tx, earliest), options, 'correction');
}

/** The option every new entry dated in the past carries (contract/schemas.ts `entryOptions`). */
export interface EntryOptions {
  confirmClosedMonth?: boolean | undefined;
}

/**
 * Closed months (oldest first) a change holding from `from` until `until` (inclusive; null =
 * from then on) alters: those whose last day is `from` or later and whose first day is not
 * after `until`. A yearly population figure holds until the region's next yearly figure.
 */
export function closedMonthsBetween(tx: Tx, from: string, until: string | null): string[] {
  return closedMonthsFrom(tx, from).filter((m) => until === null || `${m}-01` <= until);
}

/** Refuses without a reason (at least 2 characters) a correction whose earliest date is before today. */
export function requireReason(earliest: string, options: CorrectionOptions): void {
  const reason = options.reason?.trim() ?? '';
  if (earliest < todayIso() && reason.length < 2)
    fail.validation(
      'REASON_REQUIRED',
      'reason',
      `更正涉及过去的日期（${earliest}），请填写更正原因（至少 2 个字）`,
      `The correction changes a past date (${earliest}); give the reason (at least 2 characters)`,
    );
}

/** Refuses with CLOSED_MONTH (the months named) unless confirmed; `what` says whether a correction or an entry asks. */
export function confirmClosedMonths(months: readonly string[], options: EntryOptions, what: 'correction' | 'entry'): string[] {
  if (months.length > 0 && !options.confirmClosedMonth) {
    const list = { zh: months.join('、'), en: months.join(', ') };
    fail.conflict(
      'CLOSED_MONTH',
      'confirmClosedMonth',
      what === 'entry'
        ? `此记录的日期落在已关账月份（${list.zh}）的统计期内，会改变该月的数字；确认后保存，该月将显示与关账时的差异`
        : `此更正会改变已关账月份（${list.zh}）的数字；确认后保存，该月将显示与关账时的差异`,
      what === 'entry'
        ? `This entry's date changes the figures of closed month(s) ${list.en}; confirm to save, and the month will show the difference from its close`
        : `This correction changes the figures of closed month(s) ${list.en}; confirm to save, and the month will show the difference from its close`,
    );
  }
  return [...months];
}

/**
 * Checks a new entry (an admission, discharge, transfer, leave, assessment, a facility or beds
 * registered) dated `date`: refused with CLOSED_MONTH (the months named) unless confirmed when
 * it changes the figures of a closed month (finding 19). No reason is asked — an entry is not a
 * correction. Returns the closed months it changes, for the audit row.
 */
export function checkEntry(tx: Tx, date: string, options: EntryOptions): string[] {
  return confirmClosedMonths(closedMonthsFrom(tx, date), options, 'entry');
}
