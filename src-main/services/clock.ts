/**
 * The one clock's setting: `ELDERCARE_TODAY=YYYY-MM-DD` makes that day "today" for the whole
 * process (domain/dates.ts todayIso), so that a test, a demonstration or an office entering
 * last month's data works on a fixed date whatever the machine's clock says. Read here, once,
 * by each transport at start (server, CLI, desktop); the domain itself never reads the
 * environment. The renderer takes the server's day from `account.status`.
 */
import { isIsoDate, setToday } from '../domain/dates';

export const TODAY_ENV = 'ELDERCARE_TODAY';

/** A bad ELDERCARE_TODAY: the process does not start (a wrong "today" would misdate every entry). */
export class ClockSettingError extends Error {
  constructor(readonly value: string) {
    super(
      `环境变量 ${TODAY_ENV} 不是有效日期（应为 YYYY-MM-DD，如 2026-12-01）：${value}\n` +
        `${TODAY_ENV} is not a valid date (YYYY-MM-DD, e.g. 2026-12-01): ${value}`,
    );
    this.name = 'ClockSettingError';
  }
}

/** Sets the clock from the environment: the day set, or null when ELDERCARE_TODAY is unset or empty (the machine's date). */
export function clockFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env[TODAY_ENV];
  const value = raw?.trim() ?? '';
  if (value === '') {
    setToday(null);
    return null;
  }
  if (!isIsoDate(value)) throw new ClockSettingError(raw ?? '');
  setToday(value);
  return value;
}

/** The startup line saying the clock is fixed, or '' when it is not. */
export function clockNotice(day: string | null): string {
  return day ? `今天按 ${TODAY_ENV} 取 ${day} / today is ${day} (${TODAY_ENV})\n` : '';
}
