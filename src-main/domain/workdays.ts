/**
 * Working days (工作日) by the State Council's yearly holiday notice (国务院办公厅关于某年部分节假日
 * 安排的通知): a day is a working day when the notice makes it one (调休上班), is not one when the
 * notice gives it off (放假), and otherwise when it falls Monday to Friday. The calendar is data
 * (the setting workCalendar, shipped for the current year in resources/work-calendar.json with its
 * source); a year the calendar lacks is counted Monday to Friday and reported as missing, so a
 * deadline is never silently computed from a guess.
 */
import { addDays, isIsoDate, yearOf } from './dates';

export interface CalendarYear {
  /** Every day off by the notice, weekends inside a holiday included (YYYY-MM-DD). */
  holidays: string[];
  /** Weekend days the notice makes working days (调休上班). */
  workdays: string[];
  /** The notice the dates come from (title, date, where published). */
  source: string;
}

export type WorkCalendar = Record<string, CalendarYear>;

/** Day of the week of an ISO date, 0 = Sunday … 6 = Saturday (the date itself, no time zone). */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkday(date: string, calendar: WorkCalendar): boolean {
  const year = calendar[String(yearOf(date))];
  if (year?.workdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

/**
 * The `n`th working day after `date` (the day itself not counted): "within 10 working days of
 * the first admission" ends on addWorkdays(admittedOn, 10), that day included.
 */
export function addWorkdays(date: string, n: number, calendar: WorkCalendar): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkday(d, calendar)) left -= 1;
  }
  return d;
}

/** The years from `from` to `to` (dates) that the calendar does not hold. */
export function yearsMissing(from: string, to: string, calendar: WorkCalendar): number[] {
  const out: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) if (!calendar[String(y)]) out.push(y);
  return out;
}

/** Lines of dates and ranges ("2026-02-15 至 2026-02-23", "2026-02-15~2026-02-23", "2026-10-10") as the dates they name. */
export function datesOfLines(text: string): { dates: string[]; bad: string[] } {
  const dates: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(/[\n,，;；、]+/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|~|～|—|--)\s*(\d{4}-\d{2}-\d{2}))?$/.exec(line);
    const start = m?.[1];
    const end = m?.[2] ?? start;
    if (!start || !end || !isIsoDate(start) || !isIsoDate(end) || end < start || yearOf(start) !== yearOf(end)) {
      bad.push(line);
      continue;
    }
    for (let d = start; d <= end; d = addDays(d, 1)) dates.push(d);
  }
  return { dates: [...new Set(dates)].sort(), bad };
}

/** The dates written back as lines, consecutive days joined into one range. */
export function linesOfDates(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const lines: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && addDays(sorted[j]!, 1) === sorted[j + 1]) j++;
    lines.push(i === j ? sorted[i]! : `${sorted[i]} 至 ${sorted[j]}`);
    i = j + 1;
  }
  return lines.join('\n');
}
