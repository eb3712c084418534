/**
 * Which permission each page needs (domain/permissions.ts): the side menu lists only the pages
 * the account may use, and a page opened by address without it says so instead of offering
 * buttons the api would refuse. Inside a page, edit buttons ask `useMe().can(...)` for the
 * permission of the procedure they call (e.g. 人口 cells need 'manage', 设置 保存 'admin').
 *
 * - 人口, 公建民营: county figures and the city's contracts — 'report' (read-only accounts
 *   see them, editing needs 'manage'); a facility manager has neither.
 * - 设置: the office's settings and targets — 'manage' (saving the settings needs 'admin').
 * - 月报, 数据质量: 'report' (关账 / 重新开账 need 'manage').
 * - 报送情况: 'report', at a county or city install only (pageKeptHere).
 * - 数据交换: 'write' (a facility manager sends its packages; 登记下级 needs 'manage').
 * - 导入: 'write'; the city templates (机构, 人口) need 'manage' (IMPORT_TEMPLATE_PERMISSION).
 * - The print pages (layout/print-routes.tsx): the permission of the page they print from
 *   (PRINT_PAGE_PERMISSION), e.g. /print/month/:month as 月报.
 */
import type { InstallKeeps } from '@domain/install-place';
import type { Permission } from '@domain/permissions';
import type { TemplateId } from '@contract/template-ids';

export const PAGE_PERMISSION: Record<string, Permission> = {
  '/': 'read',
  '/facilities': 'read',
  '/residents': 'read',
  '/admission': 'write',
  '/contracts': 'report',
  '/month': 'report',
  '/reporting': 'report',
  '/population': 'report',
  '/import': 'write',
  '/exchange': 'write',
  '/data-quality': 'report',
  '/settings': 'manage',
  '/accounts': 'admin',
  '/audit': 'admin',
  '/help': 'read',
};

/** The print pages, by their first two segments (/print/month/:month → /print/month). Not in the side menu. */
export const PRINT_PAGE_PERMISSION: Record<string, Permission> = {
  '/print/month': PAGE_PERMISSION['/month']!,
  // A facility's named lists: whoever sees the facility (the server checks its scope).
  '/print/facility': PAGE_PERMISSION['/facilities']!,
  // A county's summary: the county figures of 首页.
  '/print/county': 'report',
  // The not-reported list: as 报送情况.
  '/print/reporting': PAGE_PERMISSION['/reporting']!,
};

/** The permission a route needs: its own, or that of the page it lies under (/facilities/:id → /facilities). */
export function pagePermission(path: string): Permission {
  if (path in PAGE_PERMISSION) return PAGE_PERMISSION[path]!;
  const print = path.split('/').slice(0, 3).join('/');
  if (path.startsWith('/print/')) return PRINT_PAGE_PERMISSION[print] ?? 'report';
  const base = `/${path.split('/')[1] ?? ''}`;
  return PAGE_PERMISSION[base] ?? 'read';
}

/** 导入: the templates of city-level registers need 'manage'; a facility manager imports beds, residents, stays only. */
export const IMPORT_TEMPLATE_PERMISSION: Record<TemplateId, Permission> = {
  facilities: 'manage',
  beds: 'write',
  residents: 'write',
  stays: 'write',
  population: 'manage',
  'national-list': 'manage',
};

/**
 * Pages about records this install does not keep (domain/install-place.ts installKeeps): a
 * facility install has no 人口 and 公建民营 to edit, so they leave its menu (the figures it
 * holds are on 首页 and 机构); nor 报送情况, as nobody reports to it.
 */
export function pageKeptHere(path: string, keeps: InstallKeeps): boolean {
  if (path === '/population') return keeps.population;
  if (path === '/contracts') return keeps.register;
  if (path === '/reporting') return keeps.level === 'county' || keeps.level === 'city';
  return true;
}
