/**
 * The print pages: outside the app's layout (no side menu, no header), each a form the server
 * describes (domain/printed-form.ts) under a toolbar. One entry per kind of printout; each
 * needs the permission of the page it prints from (page-permissions.ts, PRINT_PAGE_PERMISSION).
 */
import type { ReactElement } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useMe } from '../auth/AuthGate';
import { NotForThisAccount } from './not-for-account';
import { page } from './routes';

// each printout in its own chunk, loaded when it is opened (AppRoutes: Suspense)
const PrintCountyPage = page(() => import('../pages/print/PrintCountyPage'), 'PrintCountyPage');
const PrintFacilityPage = page<'PrintFacilityPage', { list: 'beds' | 'residents' }>(() => import('../pages/print/PrintFacilityPage'), 'PrintFacilityPage');
const PrintMonthPage = page(() => import('../pages/print/PrintMonthPage'), 'PrintMonthPage');
const PrintReportingPage = page(() => import('../pages/reporting/PrintReportingPage'), 'PrintReportingPage');
import { pagePermission } from './page-permissions';

export const PRINT_PREFIX = '/print/';

export const PRINT_ROUTES: Array<{ path: string; element: ReactElement }> = [
  { path: '/print/month/:month', element: <PrintMonthPage /> },
  { path: '/print/facility/:id/beds', element: <PrintFacilityPage list="beds" /> },
  { path: '/print/facility/:id/residents', element: <PrintFacilityPage list="residents" /> },
  { path: '/print/county/:code/:month', element: <PrintCountyPage /> },
  { path: '/print/reporting/:month', element: <PrintReportingPage /> },
];

export function isPrintPath(pathname: string): boolean {
  return pathname.startsWith(PRINT_PREFIX);
}

export function PrintRoutes() {
  const { can } = useMe();
  return (
    <Routes>
      {PRINT_ROUTES.map((r) => (
        <Route key={r.path} path={r.path} element={can(pagePermission(r.path)) ? r.element : <div style={{ padding: 24 }}><NotForThisAccount /></div>} />
      ))}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
