/** Path → page. Each page lives in its own folder under pages/. */
import type { ReactElement } from 'react';
import { AccountsPage } from '../pages/accounts/AccountsPage';
import { AuditPage } from '../pages/accounts/AuditPage';
import { AdmissionPage } from '../pages/admission/AdmissionPage';
import { ContractsPage } from '../pages/contracts/ContractsPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { DataQualityPage } from '../pages/data-quality/DataQualityPage';
import { FacilitiesPage } from '../pages/facilities/FacilitiesPage';
import { ExchangePage } from '../pages/exchange/ExchangePage';
import { FacilityDetailPage } from '../pages/facilities/FacilityDetailPage';
import { HelpPage } from '../pages/help/HelpPage';
import { ImportPage } from '../pages/import/ImportPage';
import { MonthPage } from '../pages/month/MonthPage';
import { PopulationPage } from '../pages/population/PopulationPage';
import { ReportingPage } from '../pages/reporting/ReportingPage';
import { ResidentRecordPage } from '../pages/residents/ResidentRecordPage';
import { ResidentsPage } from '../pages/residents/ResidentsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';

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
