/** Select options and small formatters shared by screens, built from the domain's labelled enums. */
import { addDays, daysBetween, isIsoDate } from '@domain/dates';
import type { Labelled } from '@domain/enums';

export function enumOptions<K extends string>(map: Record<K, Labelled>, t: (l: Labelled) => string): Array<{ value: K; label: string }> {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: t(map[value]) }));
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Days from this machine's date to the server's today (the one clock: ELDERCARE_TODAY when set). */
let serverOffsetDays = 0;

/** Follows the server's today as `account.status` reports it (auth/AuthGate.tsx); the offset carries over midnight. */
export function followServerToday(serverToday: string): void {
  if (isIsoDate(serverToday)) serverOffsetDays = daysBetween(localToday(), serverToday);
}

/** Today on the server's clock. */
export function todayIso(): string {
  return serverOffsetDays === 0 ? localToday() : addDays(localToday(), serverOffsetDays);
}

export function lastMonthEnd(): string {
  return addDays(`${todayIso().slice(0, 7)}-01`, -1);
}
