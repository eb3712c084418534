/**
 * Calendar dates are ISO strings (YYYY-MM-DD) everywhere: they sort and compare as text,
 * and SQLite stores them as such. Parsing is strict: 2026-02-30 is not a date.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < 1800 || year > 2200) return false;
  // the calendar's own rule, without a date library's parse (an import checks thousands of dates)
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

/** The day the server was told to take as today (ELDERCARE_TODAY, services/clock.ts); null: the machine's date. */
let fixedToday: string | null = null;

/**
 * Sets (or, with null, clears) the one clock's day. Called once at start by each transport
 * (services/clock.ts reads ELDERCARE_TODAY), by the import worker with its owner's day, and
 * by the renderer with the day the api reports.
 */
export function setToday(iso: string | null): void {
  if (iso !== null && !isIsoDate(iso)) throw new Error(`not a date (YYYY-MM-DD): ${iso}`);
  fixedToday = iso;
}

/** Today on the one clock: the day set by setToday, else the machine's local date. With `now`: that moment's local date. */
export function todayIso(now?: Date): string {
  if (now === undefined && fixedToday !== null) return fixedToday;
  return dayjs(now ?? new Date()).format('YYYY-MM-DD');
}

/** This moment on the one clock, as an ISO instant: on today's day as todayIso says it (local), at the machine's time of day. */
export function clockNowIso(): string {
  if (fixedToday === null) return new Date().toISOString();
  return dayjs(`${fixedToday}T${dayjs().format('HH:mm:ss.SSS')}`).toISOString();
}

/** The local day (YYYY-MM-DD) of an ISO instant, as the office's calendar has it. */
export function localDayOf(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD');
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function addDays(date: string, days: number): string {
  return dayjs(date, 'YYYY-MM-DD', true).add(days, 'day').format('YYYY-MM-DD');
}

/** Recent results of addMonths: a month's data quality asks it for every resident, over a few thousand distinct dates. */
const monthsAdded = new Map<string, string>();

export function addMonths(date: string, months: number): string {
  const key = `${date}|${months}`;
  let out = monthsAdded.get(key);
  if (out === undefined) {
    out = dayjs(date, 'YYYY-MM-DD', true).add(months, 'month').format('YYYY-MM-DD');
    if (monthsAdded.size >= 20_000) monthsAdded.clear();
    monthsAdded.set(key, out);
  }
  return out;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayjs(b, 'YYYY-MM-DD', true).diff(dayjs(a, 'YYYY-MM-DD', true), 'day');
}

/** Last calendar day of a month given as YYYY-MM. */
export function monthEnd(month: string): string {
  return dayjs(`${month}-01`, 'YYYY-MM-DD', true).endOf('month').format('YYYY-MM-DD');
}

/**
 * The latest birth date of someone at least `age` years old on `on`, as ageOn counts (a
 * 29 February birthday turns on 28 February in common years): `birth_date <= this` in SQL.
 * It may name a day that does not exist (1941-02-29); as text it still orders right.
 */
export function latestBirthForAge(age: number, on: string): string {
  const year = Number(on.slice(0, 4));
  const common = !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const day = on.slice(5) === '02-28' && common ? '02-29' : on.slice(5);
  return `${String(year - age).padStart(4, '0')}-${day}`;
}

/** Age in whole years on a date. */
export function ageOn(birthDate: string, on: string): number {
  // Text arithmetic rather than dayjs: lists compute this for every row (20,000 residents),
  // where parsing dates cost more than the query. A 29 February birthday falls on
  // 28 February in common years, as dayjs's year difference counts it.
  const year = Number(on.slice(0, 4));
  let birthday = birthDate.slice(5);
  if (birthday === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) birthday = '02-28';
  return year - Number(birthDate.slice(0, 4)) - (on.slice(5) < birthday ? 1 : 0);
}
