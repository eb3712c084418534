/**
 * Accounts: scrypt hashes, the first administrator, lock-out after repeated failures,
 * password change, the last administrator kept, idle sessions, personal-data reveal and
 * the audit log (filterable, not editable).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FULL_ID_NOTICE, MASKED_ID_NOTICE } from '../../src-main/services/export-cover';
import { appRouter, createCaller } from '../../src-main/api/router';
import { SessionStore } from '../../src-main/api/sessions';
import { ANONYMOUS, hashPassword, hashPasswordAsync, login, verifyPassword } from '../../src-main/services/accounts';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { callerFor, PASSWORD, twoFacilities } from '../support/two-facilities';

describe('passwords', () => {
  it('are hashed with scrypt and a random salt, and verified (asynchronously, off the event loop)', async () => {
    const a = hashPassword('Secret123');
    const b = await hashPasswordAsync('Secret123');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(b).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Secret123', a)).toBe(true);
    expect(await verifyPassword('Secret123', b)).toBe(true);
    expect(await verifyPassword('Secret124', a)).toBe(false);
    expect(await verifyPassword('Secret123', null)).toBe(false);
  });
});

describe('first administrator', () => {
  it('turns login on; accounts can be added only after it, and it only once', async () => {
    const { db, api } = freshDb();
    expect((await api.account.status()).loginRequired).toBe(false);
    const err = await rejection(api.user.create({ username: 'x', displayName: 'x', role: 'readonly', password: PASSWORD }));
    expect(err.code).toBe('SETUP_FIRST');
    const weak = await rejection(api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: 'short' }));
    expect({ code: weak.code, field: weak.field }).toEqual({ code: 'PASSWORD_WEAK', field: 'password' });
    const admin = await api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
    expect(admin).not.toHaveProperty('passwordHash');
    expect((await api.account.status()).loginRequired).toBe(true);
    expect((await rejection(api.account.setupAdmin({ username: 'admin2', displayName: '管理员', password: PASSWORD }))).code).toBe('ALREADY_SET_UP');
    const row = db.sqlite.prepare('SELECT password_hash AS h FROM users WHERE id = ?').get(admin.id) as { h: string };
    expect(row.h.startsWith('scrypt$')).toBe(true);
    expect(row.h).not.toContain(PASSWORD);
  });
});

describe('login', () => {
  it('locks the account after 5 wrong passwords for 15 minutes, answering as for a wrong password, and audits it', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const api = createCaller(db, ANONYMOUS);
    const ok = await api.account.login({ username: 'reader', password: PASSWORD });
    expect(ok.username).toBe('reader');
    const wrong = await rejection(api.account.login({ username: 'reader', password: 'wrong' }));
    expect(wrong.code).toBe('LOGIN_FAILED');
    expect(wrong.zh).toContain('用户名或密码错误');
    for (let i = 2; i <= 5; i++) expect((await rejection(api.account.login({ username: 'reader', password: 'wrong' }))).code).toBe('LOGIN_FAILED');
    // even the right password is refused while locked — with the very same answer (no enumeration)
    const locked = await rejection(api.account.login({ username: 'reader', password: PASSWORD }));
    expect(locked.toJSON()).toEqual(wrong.toJSON());
    // unknown names say the same
    expect((await rejection(api.account.login({ username: 'nobody', password: 'x' }))).toJSON()).toEqual(wrong.toJSON());
    // 16 minutes later it opens again
    const ctx = { db, actor: ANONYMOUS };
    expect((await login(ctx, 'reader', PASSWORD, { now: new Date(Date.now() + 16 * 60_000) })).username).toBe('reader');
    const actions = (await createCaller(db).audit.list({ username: 'reader' })).map((r) => (r as { action: string }).action);
    expect(actions).toContain('account.locked');
    expect(actions.filter((a) => a === 'account.loginFailed')).toHaveLength(4);
  });

  it('locks out only the client address the failures came from', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const ctx = { db, actor: ANONYMOUS };
    for (let i = 0; i < 5; i++) await rejection(login(ctx, 'admin', 'wrong', { client: '192.168.1.50' }));
    expect((await rejection(login(ctx, 'admin', PASSWORD, { client: '192.168.1.50' }))).code).toBe('LOGIN_FAILED');
    expect((await login(ctx, 'admin', PASSWORD, { client: '127.0.0.1' })).username).toBe('admin');
    expect((await login(ctx, 'admin', PASSWORD, { client: 'desktop' })).username).toBe('admin');
    // the administrator's list shows the account as locked (for some client)
    const row = db.sqlite.prepare("SELECT locked_until AS l FROM users WHERE username = 'admin'").get() as { l: string | null };
    expect(row.l! > new Date().toISOString()).toBe(true);
  });

  it('an administrator can unlock an account', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const api = createCaller(db, ANONYMOUS);
    for (let i = 0; i < 5; i++) await rejection(api.account.login({ username: 'reader', password: 'wrong' }));
    expect((await rejection(api.account.login({ username: 'reader', password: PASSWORD }))).code).toBe('LOGIN_FAILED');
    await w.as.admin.user.unlock({ id: w.users.reader.id });
    expect((await api.account.login({ username: 'reader', password: PASSWORD })).username).toBe('reader');
  });
});

describe('password change', () => {
  it('needs the current password and a strong new one', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const me = w.as.reader;
    expect((await rejection(me.account.changePassword({ current: 'wrong', next: 'NewPass123' }))).code).toBe('PASSWORD_WRONG');
    expect((await rejection(me.account.changePassword({ current: PASSWORD, next: 'abcdefgh' }))).code).toBe('PASSWORD_WEAK');
    await me.account.changePassword({ current: PASSWORD, next: 'NewPass123' });
    const api = createCaller(db, ANONYMOUS);
    await rejection(api.account.login({ username: 'reader', password: PASSWORD }));
    expect((await api.account.login({ username: 'reader', password: 'NewPass123' })).username).toBe('reader');
  });
});

describe('the last administrator', () => {
  it('cannot be demoted or deactivated', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const before = snapshot(db);
    expect((await rejection(w.as.admin.user.update({ id: w.users.admin.id, role: 'readonly' }))).code).toBe('LAST_ADMIN');
    expect((await rejection(w.as.admin.user.update({ id: w.users.admin.id, active: false }))).code).toBe('LAST_ADMIN');
    expect(snapshot(db)).toEqual(before);
    // a second administrator makes it possible
    await w.as.admin.user.update({ id: w.users.sectionCity.id, role: 'admin' });
    await w.as.admin.user.update({ id: w.users.admin.id, active: false });
    expect((await rejection(createCaller(db, ANONYMOUS).account.login({ username: 'admin', password: PASSWORD }))).code).toBe('LOGIN_FAILED');
  });

  it('a deactivated account loses its session at the next call', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const store = new SessionStore(db, { via: 'test' });
    const s = store.create(w.users.reader.id);
    expect(store.context(s, () => {}).actor.username).toBe('reader');
    await w.as.admin.user.update({ id: w.users.reader.id, active: false });
    expect(store.context(s, () => {}).actor.anonymous).toBe(true);
  });
});

describe('sessions', () => {
  it('act as the local administrator until login is required, then as nobody', async () => {
    const { db, api } = freshDb();
    const store = new SessionStore(db, { via: 'browser' });
    const s = store.create();
    expect(store.context(s, () => {}).actor).toMatchObject({ role: 'admin', username: 'browser' });
    await api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
    expect(store.context(s, () => {}).actor.anonymous).toBe(true);
  });

  it('drop the account after the idle timeout and say so', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    let now = 1_000_000;
    const store = new SessionStore(db, { via: 'browser', idleMs: 30 * 60_000, now: () => now });
    let id = store.create().id;
    const ctx = store.context(store.get(id)!, (n) => (id = n));
    ctx.auth!.login(w.users.reader.id);
    now += 29 * 60_000;
    expect(store.context(store.get(id)!, () => {}).actor.username).toBe('reader');
    now += 31 * 60_000;
    const later = store.context(store.get(id)!, () => {});
    expect(later.actor.anonymous).toBe(true);
    expect(later.auth!.idleExpired).toBe(true);
    const err = await rejection(createCaller(db, later.actor).facility.list());
    expect(err.code).toBe('LOGIN_REQUIRED');
  });

  it('login and logout rotate the session id', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const store = new SessionStore(db, { via: 'browser' });
    const first = store.create().id;
    let id = first;
    await appRouter.createCaller(store.context(store.get(id)!, (n) => (id = n))).account.login({ username: 'reader', password: PASSWORD });
    expect(id).not.toBe(first);
    expect(store.get(first)).toBeUndefined();
    expect(store.context(store.get(id)!, () => {}).actor.userId).toBe(w.users.reader.id);
    const loggedIn = id;
    await appRouter.createCaller(store.context(store.get(id)!, (n) => (id = n))).account.logout();
    expect(store.get(loggedIn)).toBeUndefined();
    expect(store.context(store.get(id)!, () => {}).actor.anonymous).toBe(true);
  });
});

describe('personal data', () => {
  it('lists mask ID numbers; a reveal needs the permission and is audited', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const list = await w.as.sectionCity.resident.list();
    for (const r of list.rows) {
      expect(r).not.toHaveProperty('idNumber');
      // Only the province is kept (C1: tests/security/c1-mask-candidates.test.ts).
      expect(r.idNumberMasked).toMatch(/^\d{2}\*{16}$/);
    }
    expect(JSON.stringify(await w.as.sectionCity.resident.get({ id: w.a.resident.id }))).not.toMatch(/\d{17}[\dX]/);
    const full = await w.as.sectionCity.resident.revealIdNumber({ id: w.a.resident.id });
    expect(full.idNumber).toHaveLength(18);
    const audit = await w.as.admin.audit.list({ action: 'resident.revealIdNumber' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: 'city', entity: 'resident', entityId: String(w.a.resident.id) });
    expect((await rejection(w.as.reader.resident.revealIdNumber({ id: w.a.resident.id }))).kind).toBe('forbidden');
  });
});

async function sheets(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const text = (name: string) => {
    const out: string[] = [];
    wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')));
    return out;
  };
  const roster = wb.getWorksheet('老人名册')!;
  return { cover: text('封面').join('\n'), rows: text('老人名册').slice(1), header: text('老人名册')[0], roster, coverSheet: wb.getWorksheet('封面')! };
}

describe('the resident roster export', () => {
  it('masks ID and phone numbers by default; full numbers need the permission, say so on the cover, and are audited', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const fullA = (await w.as.admin.resident.revealIdNumber({ id: w.a.resident.id })).idNumber;

    const masked = await sheets((await w.as.reader.resident.roster({})).base64);
    expect(masked.cover).toContain(MASKED_ID_NOTICE);
    expect(masked.rows).toHaveLength(2);
    expect(masked.rows.join()).not.toContain(fullA);
    expect(masked.rows.join()).not.toContain('13800000001');

    const before = snapshot(db);
    expect((await rejection(w.as.reader.resident.roster({ fullIdNumbers: true }))).kind).toBe('forbidden');
    expect(snapshot(db)).toEqual(before);

    const full = await w.as.sectionCity.resident.roster({ fullIdNumbers: true });
    expect(full.fileName).toContain('含完整身份证号');
    const book = await sheets(full.base64);
    expect(book.cover).toContain(FULL_ID_NOTICE);
    expect(book.rows.join()).toContain(fullA);
    // the sheet as a clerk opens it: the header, ID numbers kept as text, the header frozen; the cover's statement in red
    expect(book.header).toBe('姓名|身份证号|性别|出生日期|年龄|联系电话|所在机构|床位|入住日期|特困');
    expect(book.roster.getCell('B2').numFmt).toBe('@');
    expect(book.roster.getCell('B2').value).toBe(book.rows[0]!.split('|')[1]);
    expect(book.roster.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(book.roster.getCell('A1').font.bold).toBe(true);
    expect(book.roster.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    const statement = book.coverSheet.getColumn(2).values.findIndex((v) => String(v).startsWith('内部资料'));
    expect(book.coverSheet.getCell(statement, 2).font.color?.argb).toBe('FFC00000');
    expect(book.coverSheet.getCell(1, 1).font.bold).toBe(true);
    expect(await w.as.admin.audit.list({ action: 'resident.exportFullIds' })).toHaveLength(1);

    // a facility manager's roster holds their residents only
    const mine = await sheets((await w.as.managerA.resident.roster({ fullIdNumbers: true })).base64);
    expect(mine.rows).toHaveLength(1);
    expect(mine.rows[0]).toContain(fullA);
  });
});

describe('the audit log', () => {
  it('filters by account, entity and date', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    await w.as.managerA.facility.update({ id: w.a.facility.id, phone: '0856-1' });
    const admin = w.as.admin;
    const byUser = await admin.audit.list({ username: 'mgr-a' });
    expect(byUser.map((r) => (r as { action: string }).action)).toEqual(['facility.update']);
    const byEntity = await admin.audit.list({ entity: 'user' });
    expect(byEntity.length).toBeGreaterThanOrEqual(5);
    expect(byEntity.every((r) => (r as { entity: string }).entity === 'user')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.audit.list({ from: today, to: today })).length).toBeGreaterThan(10);
    expect(await admin.audit.list({ to: '2000-01-01' })).toEqual([]);
    // the count is of the same filter, whatever page is asked for; the pages add up to it
    const all = await admin.audit.count({ from: today, to: today });
    expect(all).toBe((await admin.audit.list({ from: today, to: today, limit: 1000 })).length);
    const firstPage = await admin.audit.list({ from: today, to: today, limit: 5 });
    const secondPage = await admin.audit.list({ from: today, to: today, limit: 5, offset: 5 });
    expect(firstPage.length + secondPage.length).toBe(Math.min(10, all));
    expect(new Set([...firstPage, ...secondPage].map((e) => e.id)).size).toBe(firstPage.length + secondPage.length);
    expect(await admin.audit.count({ to: '2000-01-01' })).toBe(0);
    expect((await rejection(admin.audit.list({ from: '2026-13-01' }))).field).toBe('from');
  });

  it('cannot be edited: no procedure writes it, and SQLite refuses updates and deletes', () => {
    const { db } = freshDb();
    const procs = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const auditProcs = Object.keys(procs).filter((p) => p.startsWith('audit.'));
    expect(auditProcs).toContain('audit.list');
    // only reads: no procedure of the audit router changes anything
    expect(auditProcs.filter((p) => procs[p]!._def.type !== 'query')).toEqual([]);
    db.sqlite.prepare("INSERT INTO audit_log (username, action, entity) VALUES ('t', 't', 't')").run();
    expect(() => db.sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('callerFor', () => {
  it('is the helper the other tests rely on', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    expect((await callerFor(db, w.users.managerA.id).account.me()).facilityIds).toEqual([w.a.facility.id]);
  });
});
