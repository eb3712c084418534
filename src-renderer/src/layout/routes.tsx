/**
 * Path → page. Each page lives in its own folder under pages/ and, but for the dashboard (the
 * first screen), in its own chunk of the bundle, loaded the first time it is opened: the start
 * loads only what the dashboard shows (AppRoutes wraps the pages in Suspense).
 */
import { lazy, type ComponentType, type ReactElement } from 'react';
import { DashboardPage } from '../pages/dashboard/DashboardPage';

const loaders: Array<() => Promise<unknown>> = [];

/** A page module's named export as a lazily loaded component. */
export function page<K extends string, P extends object = object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  loaders.push(load);
  return lazy(async () => ({ default: (await load())[name] }));
}

/**
 * Fetch every page's code once the first screen is up and the browser is idle, so that the
 * first visit to 老人 or 机构 does not wait for its chunk (a loaded module is not fetched again).
 */
export function preloadPages(): void {
  for (const load of loaders) void load().catch(() => undefined);
}

const AccountsPage = page(() => import('../pages/accounts/AccountsPage'), 'AccountsPage');
const AuditPage = page<'AuditPage'>(() => import('../pages/accounts/AuditPage'), 'AuditPage');
const AdmissionPage = page(() => import('../pages/admission/AdmissionPage'), 'AdmissionPage');
const ContractsPage = page(() => import('../pages/contracts/ContractsPage'), 'ContractsPage');
const DataQualityPage = page(() => import('../pages/data-quality/DataQualityPage'), 'DataQualityPage');
const FacilitiesPage = page(() => import('../pages/facilities/FacilitiesPage'), 'FacilitiesPage');
const ExchangePage = page(() => import('../pages/exchange/ExchangePage'), 'ExchangePage');
const FacilityDetailPage = page(() => import('../pages/facilities/FacilityDetailPage'), 'FacilityDetailPage');
const HelpPage = page(() => import('../pages/help/HelpPage'), 'HelpPage');
const ImportPage = page(() => import('../pages/import/ImportPage'), 'ImportPage');
const MonthPage = page(() => import('../pages/month/MonthPage'), 'MonthPage');
const PopulationPage = page(() => import('../pages/population/PopulationPage'), 'PopulationPage');
const ReportingPage = page(() => import('../pages/reporting/ReportingPage'), 'ReportingPage');
const ResidentRecordPage = page(() => import('../pages/residents/ResidentRecordPage'), 'ResidentRecordPage');
const ResidentsPage = page(() => import('../pages/residents/ResidentsPage'), 'ResidentsPage');
const SettingsPage = page(() => import('../pages/settings/SettingsPage'), 'SettingsPage');

export const ROUTES: Array<{ path: string; element: ReactElement }> = [
  { path: '/', element: <DashboardPage /> },
  { path: '/facilities', element: <FacilitiesPage /> },
  { path: '/facilities/:id', element: <FacilityDetailPage /> },
  { path: '/residents', element: <ResidentsPage /> },
  { path: '/residents/:id', element: <ResidentRecordPage /> },
  { path: '/admission', element: <AdmissionPage /> },
  { path: '/contracts', element: <ContractsPage /> },
  { path: '/month', element: <MonthPage /> },
  { path: '/reporting', element: <ReportingPage /> },
  { path: '/population', element: <PopulationPage /> },
  { path: '/import', element: <ImportPage /> },
  { path: '/exchange', element: <ExchangePage /> },
  { path: '/data-quality', element: <DataQualityPage /> },
  { path: '/settings', element: <SettingsPage /> },
  { path: '/accounts', element: <AccountsPage /> },
  { path: '/audit', element: <AuditPage /> },
  { path: '/help', element: <HelpPage /> },
];
