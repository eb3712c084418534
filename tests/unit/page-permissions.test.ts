/** Which pages and import templates each role gets (src-renderer/src/layout/page-permissions.ts, domain/permissions.ts). */
import { describe, expect, it } from 'vitest';
import { roleHas } from '../../src-main/domain/permissions';
import { IMPORT_TEMPLATE_PERMISSION, PAGE_PERMISSION, pageKeptHere, pagePermission, PRINT_PAGE_PERMISSION } from '../../src-renderer/src/layout/page-permissions';
import { installKeeps, type InstallLevel } from '../../src-main/domain/install-place';
import type { Role } from '../../src-main/domain/enums';

const pagesOf = (role: Role) => Object.keys(PAGE_PERMISSION).filter((p) => roleHas(role, pagePermission(p)));

describe('pages by role', () => {
  it('a facility manager gets no 人口, 设置, 公建民营, 月报, 报送情况, 数据质量 or administration; 数据交换 sends its packages', () => {
    expect(pagesOf('facility')).toEqual(['/', '/facilities', '/residents', '/admission', '/import', '/exchange', '/help']);
    const templates = Object.entries(IMPORT_TEMPLATE_PERMISSION).filter(([, p]) => roleHas('facility', p)).map(([id]) => id);
    expect(templates).toEqual(['beds', 'residents', 'stays']);
  });

  it('section staff get everything but accounts and the audit log; read-only accounts no registering', () => {
    expect(pagesOf('section')).toEqual(Object.keys(PAGE_PERMISSION).filter((p) => p !== '/accounts' && p !== '/audit'));
    expect(pagesOf('readonly')).toEqual(['/', '/facilities', '/residents', '/contracts', '/month', '/reporting', '/population', '/data-quality', '/help']);
    expect(pagesOf('admin')).toEqual(Object.keys(PAGE_PERMISSION));
  });

  it('an install shows only the pages about what it keeps (installKeeps)', () => {
    const at = (level: InstallLevel) => Object.keys(PAGE_PERMISSION).filter((p) => !pageKeptHere(p, installKeeps(level)));
    expect(at('facility')).toEqual(['/contracts', '/reporting', '/population']);
    expect(at('county')).toEqual([]);
    expect(at('city')).toEqual([]);
  });

  it('pages under a menu entry need its permission', () => {
    expect(pagePermission('/facilities/:id')).toBe('read');
    expect(pagePermission('/residents/:id')).toBe('read');
  });

  it('a print page needs the permission of the page it prints from: 打印 of 月报 as 月报', () => {
    expect(pagePermission('/print/month/:month')).toBe(pagePermission('/month'));
    expect(pagePermission('/print/month/2026-11')).toBe('report');
    expect(Object.keys(PRINT_PAGE_PERMISSION)).toEqual(['/print/month', '/print/facility', '/print/county', '/print/reporting']);
    expect(pagePermission('/print/reporting/2026-11')).toBe(pagePermission('/reporting'));
    // A facility's named lists as its page (the server checks the facility is in scope); a county's summary needs report.
    expect(pagePermission('/print/facility/:id/beds')).toBe(pagePermission('/facilities/:id'));
    expect(roleHas('facility', pagePermission('/print/facility/:id/residents'))).toBe(true);
    expect(roleHas('facility', pagePermission('/print/county/:code/:month'))).toBe(false);
    expect(roleHas('facility', pagePermission('/print/month/:month'))).toBe(false);
    expect(roleHas('readonly', pagePermission('/print/month/:month'))).toBe(true);
    // A print kind not listed is not left open to every account.
    expect(pagePermission('/print/other/:x')).toBe('report');
  });
});
