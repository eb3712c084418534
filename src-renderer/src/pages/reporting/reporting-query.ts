/**
 * 报送情况 as the renderer asks for it (exchange.reporting): which offices below this install
 * have sent their data for a month. Shared by the 报送情况 page, its printout, the month-close
 * warning on 月报 and the line on 首页.
 */
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { InstallKeeps } from '@domain/install-place';
import { api, type AppRouter } from '../../api/client';

export type ReportingStatus = inferRouterOutputs<AppRouter>['exchange']['reporting'];
export type ReportingRow = ReportingStatus['rows'][number];
export type ReportingState = ReportingRow['state'];

/** Only a county or city install has offices below it that report to it (a facility has nobody below). */
export function reportsComeHere(keeps: InstallKeeps): boolean {
  return keeps.level === 'county' || keeps.level === 'city';
}

export function useReporting(month: string, enabled = true) {
  return useQuery({ queryKey: ['exchange.reporting', month], queryFn: () => api.exchange.reporting.query({ month }), enabled });
}

/** The offices that have sent nothing covering the month yet. */
export function missingRows(status: ReportingStatus): ReportingRow[] {
  return status.rows.filter((r) => r.state === 'missing');
}
