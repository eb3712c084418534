/**
 * Who may do what. Every api procedure declares one permission; a role holds a fixed set.
 * Scope (which counties or facilities) is a second, separate filter: see services/scope.ts.
 */
import type { Role } from './enums';

export const PERMISSION = {
  /** No login needed: the login itself and whether login is required. */
  public: { zh: '公开', en: 'Public' },
  /** Any logged-in account: its own profile, password, logout. */
  session: { zh: '已登录', en: 'Logged in' },
  read: { zh: '查看', en: 'Read' },
  /** Registers within the account's scope: facilities, beds, residents, stays, assessments, contracts. */
  write: { zh: '登记修改', en: 'Write' },
  /** City-level data and statistics: operators, population, targets, month close. */
  manage: { zh: '业务管理', en: 'Manage' },
  /** Figures by county and the monthly report. */
  report: { zh: '统计报表', en: 'Reports' },
  /** Full ID and phone numbers; every reveal is audited. */
  revealPersonal: { zh: '查看完整个人信息', en: 'Reveal personal data' },
  /** Accounts, settings, security, the audit log. */
  admin: { zh: '系统管理', en: 'Administration' },
} as const;
export type Permission = keyof typeof PERMISSION;
export const PERMISSIONS = Object.keys(PERMISSION) as Permission[];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['public', 'session', 'read', 'write', 'manage', 'report', 'revealPersonal', 'admin'],
  section: ['public', 'session', 'read', 'write', 'manage', 'report', 'revealPersonal'],
  facility: ['public', 'session', 'read', 'write', 'revealPersonal'],
  readonly: ['public', 'session', 'read', 'report'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/** Lock-out and session rules. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_TIMEOUT_MINUTES = 30;
export const MIN_PASSWORD_LENGTH = 8;

/** A password needs 8+ characters with at least two kinds (letters, digits, other). */
export function passwordProblem(pw: string): { zh: string; en: string } | null {
  if (pw.length < MIN_PASSWORD_LENGTH)
    return { zh: `密码至少 ${MIN_PASSWORD_LENGTH} 位`, en: `The password needs at least ${MIN_PASSWORD_LENGTH} characters` };
  if (pw.length > 200) return { zh: '密码过长（最多 200 位）', en: 'The password is too long (at most 200 characters)' };
  const kinds = [/[a-zA-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(pw)).length;
  if (kinds < 2) return { zh: '密码须包含字母、数字、符号中的至少两类', en: 'The password needs at least two of: letters, digits, symbols' };
  return null;
}
