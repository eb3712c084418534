/**
 * Local accounts: scrypt password hashes (node:crypto, random salt, timing-safe compare),
 * lock-out after repeated failures (per account and client address, services/login-lockout.ts),
 * the first administrator, and the account list an administrator manages. Login is required
 * as soon as one active account has a password; until then the app acts as the local
 * administrator (one PC, one user).
 */
import { eq } from 'drizzle-orm';
import type { AppDb } from '../db/open';
import { LOCAL_USERNAME } from '../db/reference-data';
import { users } from '../db/schema';
import { ROLE, type Role } from '../domain/enums';
import { AppError, fail } from '../domain/errors';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, passwordProblem, permissionsOf } from '../domain/permissions';
import { audit, write, type Actor, type ServiceContext } from './context';
import { INSTALL } from '../domain/ownership';
import { ENTITY } from './entities';
import { lockouts } from './login-lockout';
import { hashPassword, hashPasswordAsync, verifyPassword } from './passwords';

export { hashPassword, hashPasswordAsync, verifyPassword } from './passwords';

type UserRow = typeof users.$inferSelect;

function parseList<T>(json: string, ok: (v: unknown) => v is T): T[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter(ok) : [];
  } catch {
    return [];
  }
}
const isCode = (v: unknown): v is string => typeof v === 'string' && /^\d{6}$/.test(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export function actorOfUser(u: UserRow): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    counties: parseList(u.counties, isCode),
    facilityIds: parseList(u.facilityIds, isId),
  };
}

export const ANONYMOUS: Actor = { userId: null, username: 'anonymous', role: 'readonly', anonymous: true };

/** Login is required once any active account has a password. */
export function loginRequired(ctx: Pick<ServiceContext, 'db'>): boolean {
  return ctx.db.sqlite.prepare('SELECT 1 FROM users WHERE password_hash IS NOT NULL AND active = 1 LIMIT 1').get() !== undefined;
}

export function userById(ctx: Pick<ServiceContext, 'db'>, id: number): UserRow | undefined {
  return ctx.db.orm.select().from(users).where(eq(users.id, id)).get();
}

/**
 * Who an account is, for a session to stay attached to it: id, name, creation time and the
 * last password change. A restored database whose row with this id is someone else, or a
 * password changed anywhere (another session, an administrator, the CLI), no longer matches.
 */
export function accountBinding(u: Pick<UserRow, 'id' | 'username' | 'createdAt' | 'passwordChangedAt'>): string {
  return JSON.stringify([u.id, u.username, u.createdAt, u.passwordChangedAt ?? '']);
}

/** What keeps sessions of a database (the browser-mode server, the desktop window). */
export interface SessionHolder {
  endSessions(file: string, userId?: number): void;
}
const holders = new Set<WeakRef<SessionHolder>>();

export function registerSessionHolder(holder: SessionHolder): void {
  holders.add(new WeakRef(holder));
}

/** Ends every session of the database (a restore), or every session of one account (a password change). */
export function endSessions(db: Pick<AppDb, 'file'>, userId?: number): void {
  for (const ref of holders) {
    const h = ref.deref();
    if (h) h.endSessions(db.file, userId);
    else holders.delete(ref);
  }
}

/** What the renderer needs to know about the account in use. */
export function me(actor: Actor) {
  return {
    userId: actor.userId,
    username: actor.username,
    /** The header and home page show this, not the username. */
    displayName: actor.displayName ?? actor.username,
    role: actor.role,
    roleLabel: ROLE[actor.role],
    counties: actor.counties ?? [],
    facilityIds: actor.facilityIds ?? [],
    permissions: actor.anonymous ? ['public' as const] : permissionsOf(actor.role),
    anonymous: actor.anonymous === true,
  };
}

/**
 * One answer for an unknown name, a wrong password and a locked account (no enumeration); it
 * says that repeated failures pause logins, so a locked-out user knows to wait.
 */
const BAD_LOGIN = {
  code: 'LOGIN_FAILED',
  kind: 'validation',
  field: 'password',
  zh: `用户名或密码错误（连续输错 ${MAX_FAILED_LOGINS} 次将锁定 ${LOCKOUT_MINUTES} 分钟）`,
  en: `Wrong user name or password (${MAX_FAILED_LOGINS} wrong tries in a row lock the login for ${LOCKOUT_MINUTES} minutes)`,
} as const;

export interface LoginOptions {
  /** The client address (browser mode), 'desktop' for the window; lock-out counts per address. */
  client?: string;
  now?: Date;
}

/** Checks a password; counts failures per client address and locks that address out after too many. */
export async function login(ctx: ServiceContext, username: string, password: string, opts: LoginOptions = {}): Promise<UserRow> {
  const now = opts.now ?? new Date();
  const u = ctx.db.orm.select().from(users).where(eq(users.username, username)).get();
  if (!u || !u.passwordHash || !u.active) {
    await verifyPassword(password, null);
    throw new AppError(BAD_LOGIN);
  }
  const key = { file: ctx.db.file, userId: u.id, createdAt: u.createdAt, client: opts.client ?? 'local' };
  const stamp = u.passwordChangedAt ?? '';
  if (lockouts.isLocked(key, stamp, now.getTime())) {
    await verifyPassword(password, null);
    throw new AppError(BAD_LOGIN);
  }
  if (!(await verifyPassword(password, u.passwordHash))) {
    const r = lockouts.recordFailure(key, stamp, now.getTime());
    const until = r.lockedUntil === null ? null : new Date(r.lockedUntil).toISOString();
    write(ctx, INSTALL, (tx) => {
      // The columns only inform the administrator's list: failures since the last success, and
      // the latest end of a lock-out of any client.
      const cur = tx.select({ failed: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, u.id)).get();
      const lockedUntil = until !== null && (!cur?.lockedUntil || cur.lockedUntil < until) ? until : (cur?.lockedUntil ?? null);
      tx.update(users).set({ failedLogins: (cur?.failed ?? 0) + 1, lockedUntil }).where(eq(users.id, u.id)).run();
      audit(tx, { userId: u.id, username: u.username, role: u.role }, until ? 'account.locked' : 'account.loginFailed', 'user', u.id, null, { failed: r.failures, client: key.client });
    });
    throw new AppError(BAD_LOGIN);
  }
  lockouts.succeeded(key);
  write(ctx, INSTALL, (tx) => {
    tx.update(users).set({ failedLogins: 0, lastLoginAt: now.toISOString() }).where(eq(users.id, u.id)).run();
    audit(tx, { userId: u.id, username: u.username, role: u.role }, 'account.login', 'user', u.id, null, null);
  });
  return { ...u, failedLogins: 0 };
}

export function recordLogout(ctx: ServiceContext): void {
  if (ctx.actor.userId === null || ctx.actor.anonymous) return;
  write(ctx, INSTALL, (tx) => audit(tx, ctx.actor, 'account.logout', 'user', ctx.actor.userId, null, null));
}

function checkPassword(pw: string, field: string): void {
  const p = passwordProblem(pw);
  if (p) fail.validation('PASSWORD_WEAK', field, p.zh, p.en);
}

export async function changePassword(ctx: ServiceContext, current: string, next: string): Promise<{ ok: true }> {
  const u = ctx.actor.userId === null ? undefined : userById(ctx, ctx.actor.userId);
  if (!u || !u.passwordHash)
    return fail.validation('NO_PASSWORD', undefined, '本机账号没有密码；请先创建管理员账号', 'The local account has no password; create an administrator account first');
  if (!(await verifyPassword(current, u.passwordHash))) fail.validation('PASSWORD_WRONG', 'current', '当前密码不正确', 'The current password is wrong');
  checkPassword(next, 'next');
  if (current === next) fail.validation('PASSWORD_SAME', 'next', '新密码不能与当前密码相同', 'The new password must differ from the current one');
  const passwordHash = await hashPasswordAsync(next);
  write(ctx, INSTALL, (tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: new Date().toISOString() }).where(eq(users.id, u.id)).run();
    audit(tx, ctx.actor, 'account.changePassword', 'user', u.id, null, null);
  });
  return { ok: true };
}

export interface UserInput {
  username: string;
  displayName: string;
  role: Role;
  counties?: string[];
  facilityIds?: number[];
  password: string;
}

function publicUser(u: UserRow) {
  const { passwordHash, ...rest } = u;
  const a = actorOfUser(u);
  return { ...rest, counties: [...(a.counties ?? [])], facilityIds: [...(a.facilityIds ?? [])], hasPassword: passwordHash !== null, local: u.username === LOCAL_USERNAME };
}
export type PublicUser = ReturnType<typeof publicUser>;

export function listUsers(ctx: ServiceContext): PublicUser[] {
  return ctx.db.orm.select().from(users).orderBy(users.id).all().map(publicUser);
}

function checkScopeFields(ctx: ServiceContext, role: Role, counties: string[], facilityIds: number[]): void {
  if (role === 'facility' && facilityIds.length === 0)
    fail.validation('FACILITIES_REQUIRED', 'facilityIds', '机构管理员须指定所管理的机构', 'A facility manager needs at least one facility');
  for (const c of counties) {
    const r = ctx.db.sqlite.prepare("SELECT 1 FROM regions WHERE code = ? AND level = 'county'").get(c);
    if (!r) fail.validation('UNKNOWN_COUNTY', 'counties', `区县代码 ${c} 不存在`, `County ${c} does not exist`);
  }
  for (const f of facilityIds) {
    const r = ctx.db.sqlite.prepare('SELECT 1 FROM facilities WHERE id = ?').get(f);
    if (!r) fail.notFound(ENTITY.facility, f, 'facilityIds');
  }
}

function assertUsernameFree(ctx: ServiceContext, username: string, exceptId?: number) {
  const clash = ctx.db.orm.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
  if (clash && clash.id !== exceptId) fail.conflict('USERNAME_TAKEN', 'username', `用户名“${username}”已存在`, `The user name "${username}" is taken`);
}

/** The first administrator with a password; from then on login is required. */
export function setupAdmin(ctx: ServiceContext, input: Omit<UserInput, 'role' | 'counties' | 'facilityIds'>): PublicUser {
  if (loginRequired(ctx))
    fail.conflict('ALREADY_SET_UP', undefined, '已有带密码的账号，请由管理员在“账号管理”中添加账号', 'Accounts already exist; an administrator adds accounts under Users');
  return createUser(ctx, { ...input, role: 'admin', counties: [], facilityIds: [] }, true);
}

export function createUser(ctx: ServiceContext, input: UserInput, firstAdmin = false): PublicUser {
  if (!firstAdmin && !loginRequired(ctx))
    fail.conflict('SETUP_FIRST', undefined, '请先创建第一个管理员账号', 'Create the first administrator account first');
  checkPassword(input.password, 'password');
  const counties = input.role === 'section' || input.role === 'readonly' ? (input.counties ?? []) : [];
  const facilityIds = input.role === 'facility' ? (input.facilityIds ?? []) : [];
  checkScopeFields(ctx, input.role, counties, facilityIds);
  return write(ctx, INSTALL, (tx) => {
    assertUsernameFree(ctx, input.username);
    const row = tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        counties: JSON.stringify(counties),
        facilityIds: JSON.stringify(facilityIds),
        passwordHash: hashPassword(input.password),
        passwordChangedAt: new Date().toISOString(),
      })
      .returning()
      .get();
    audit(tx, ctx.actor, firstAdmin ? 'account.setupAdmin' : 'user.create', 'user', row.id, null, publicUser(row));
    return publicUser(row);
  });
}

/** The last active administrator with a password cannot be demoted or deactivated. */
function assertAdminRemains(ctx: ServiceContext, id: number, role: Role, active: boolean): void {
  if (role === 'admin' && active) return;
  const others = ctx.db.sqlite
    .prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND password_hash IS NOT NULL AND id <> ?")
    .get(id) as { n: number };
  if (others.n === 0)
    fail.conflict('LAST_ADMIN', 'role', '至少要保留一个可登录的管理员账号', 'At least one active administrator with a password must remain');
}

export function updateUser(
  ctx: ServiceContext,
  input: { id: number; displayName?: string; role?: Role; counties?: string[]; facilityIds?: number[]; active?: boolean },
): PublicUser {
  const before = userById(ctx, input.id);
  if (!before) return fail.notFound(ENTITY.user, input.id, 'id');
  if (before.username === LOCAL_USERNAME) fail.validation('LOCAL_ACCOUNT', 'id', '本机账号不能修改', 'The local account cannot be changed');
  const role = input.role ?? before.role;
  const active = input.active ?? before.active;
  const prev = actorOfUser(before);
  const counties = role === 'section' || role === 'readonly' ? (input.counties ?? [...(prev.counties ?? [])]) : [];
  const facilityIds = role === 'facility' ? (input.facilityIds ?? [...(prev.facilityIds ?? [])]) : [];
  checkScopeFields(ctx, role, counties, facilityIds);
  if (before.role === 'admin' && before.active) assertAdminRemains(ctx, before.id, role, active);
  return write(ctx, INSTALL, (tx) => {
    const row = tx
      .update(users)
      .set({ displayName: input.displayName ?? before.displayName, role, active, counties: JSON.stringify(counties), facilityIds: JSON.stringify(facilityIds) })
      .where(eq(users.id, input.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'user.update', 'user', row.id, publicUser(before), publicUser(row));
    return publicUser(row);
  });
}

export function resetPassword(ctx: ServiceContext, id: number, password: string): { ok: true } {
  const u = userById(ctx, id);
  if (!u) return fail.notFound(ENTITY.user, id, 'id');
  if (u.username === LOCAL_USERNAME) fail.validation('LOCAL_ACCOUNT', 'id', '本机账号不能设置密码', 'The local account has no password');
  checkPassword(password, 'password');
  write(ctx, INSTALL, (tx) => {
    tx.update(users).set({ passwordHash: hashPassword(password), passwordChangedAt: new Date().toISOString(), failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
    audit(tx, ctx.actor, 'user.resetPassword', 'user', id, null, null);
  });
  lockouts.clearAccount(ctx.db.file, id);
  return { ok: true };
}

export function unlockUser(ctx: ServiceContext, id: number): { ok: true } {
  const u = userById(ctx, id);
  if (!u) return fail.notFound(ENTITY.user, id, 'id');
  write(ctx, INSTALL, (tx) => {
    tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
    audit(tx, ctx.actor, 'user.unlock', 'user', id, null, null);
  });
  lockouts.clearAccount(ctx.db.file, id);
  return { ok: true };
}

// ——— browser-mode security settings (kept in the settings table, outside SETTINGS_SCHEMA) ———
const LAN_KEY = 'security.lanEnabled';

export function securitySettings(ctx: Pick<ServiceContext, 'db'>) {
  const row = ctx.db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(LAN_KEY) as { value: string } | undefined;
  return { lanEnabled: row?.value === 'true', loginRequired: loginRequired(ctx) };
}

export function updateSecurity(ctx: ServiceContext, input: { lanEnabled: boolean }) {
  if (input.lanEnabled && !loginRequired(ctx))
    fail.validation('LAN_NEEDS_LOGIN', 'lanEnabled', '开启局域网访问前须先创建管理员账号（登录后才能访问）', 'Create an administrator account (login required) before enabling LAN access');
  const before = securitySettings(ctx);
  write(ctx, INSTALL, (tx) => {
    ctx.db.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
      .run(LAN_KEY, String(input.lanEnabled));
    audit(tx, ctx.actor, 'security.update', 'settings', LAN_KEY, before, input);
  });
  return securitySettings(ctx);
}
