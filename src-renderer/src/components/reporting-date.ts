/**
 * The reporting date the user works on: one place in the renderer. It starts at the end of
 * last month on the one clock (`account.status.today`, components/options.ts) — on
 * 1 December an office reports November — and follows the date chosen on 首页, so a facility
 * or bed registered after looking at a date counts on that date. Forms that register
 * existing things (开办日期, 启用日期) default to it.
 */
import { useSyncExternalStore } from 'react';
import { lastMonthEnd } from './options';

let chosen: string | null = null;
const listeners = new Set<() => void>();

/** The date chosen on 首页, else the end of last month. */
export function reportingDate(): string {
  return chosen ?? lastMonthEnd();
}

/** What 首页's date picker sets. */
export function setReportingDate(date: string): void {
  chosen = date;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The reporting date and its setter, for screens that show and change it. */
export function useReportingDate(): [string, (date: string) => void] {
  const date = useSyncExternalStore(subscribe, reportingDate, reportingDate);
  return [date, setReportingDate];
}

/** "上月末" when the date is the end of last month, so the header can say which date it is. */
export function isLastMonthEnd(date: string): boolean {
  return date === lastMonthEnd();
}
