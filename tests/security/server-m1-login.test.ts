/**
 * M1: login protections could be bypassed and abused — the limiter matched the raw path
 * (`account.%6Cogin` passed), a batch of N logins counted once and ran N synchronous scrypts
 * on the event loop, a locked account answered differently from an unknown one, and five
 * tries from anywhere locked the administrator out for everyone.
 */
import { describe, expect, it } from 'vitest';
import { LOGIN_RATE_LIMIT } from '../../src-main/server/http-server';
import { verifyPassword, hashPassword } from '../../src-main/services/accounts';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { API, appError, appOf, loginAs, mutate, query, raw, serve, type RawAnswer } from './server-support';
import type { RunningServer } from '../../src-main/server/http-server';

const auditCount = (db: ReturnType<typeof freshDb>['db'], action: string) =>
  (db.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

/** A login from another client address (127.0.0.x stands for another PC). */
function loginFrom(server: RunningServer, localAddress: string, username: string, password: string): Promise<RawAnswer> {
  const body = JSON.stringify({ username, password });
  return raw(server, { path: '/api/account.login', localAddress, headers: { ...API, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body });
}

describe('M1: the login rate limit', () => {
  it('counts the decoded procedure name: account.%6Cogin is a login', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_RATE_LIMIT; i++) codes.push((await mutate(server, 'account.%6Cogin', {}, { username: `nobody${i}`, password: 'x' })).status);
    expect(codes.slice(0, LOGIN_RATE_LIMIT).every((c) => c === 400)).toBe(true);
    expect(codes[LOGIN_RATE_LIMIT]).toBe(429);
  });

  it('counts every loopback address as one client: rotating 127.0.0.x gets no fresh allowance', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_RATE_LIMIT; i++) codes.push((await loginFrom(server, `127.0.0.${2 + i}`, 'admin', `guess-${i}`)).status);
    expect(codes.slice(0, LOGIN_RATE_LIMIT).every((c) => c === 400)).toBe(true);
    expect(codes[LOGIN_RATE_LIMIT]).toBe(429);
  });

  it('counts every login of a batch: a batch of 15 is refused whole, and none of its passwords is tried', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const n = 15;
    const path = Array.from({ length: n }, () => 'account.login').join(',');
    const inputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), { username: 'admin', password: `guess${i}` }]));
    const over = await mutate(server, `${path}?batch=1`, {}, inputs);
    expect(over.status).toBe(429);
    expect((await appError(over))?.code).toBe('TOO_MANY_LOGINS');
    expect(auditCount(db, 'account.loginFailed')).toBe(0);
    // all or none: the refused batch took nothing from the budget…
    expect((await mutate(server, 'account.login', {}, { username: 'admin', password: 'guess' })).status).toBe(400);
    // …and ten more do not fit in what is left of it
    const ten = Array.from({ length: 10 }, () => 'account.login').join(',');
    const refused = await mutate(server, `${ten}?batch=1`, {}, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i), { username: 'admin', password: `g${i}` }])));
    expect(refused.status).toBe(429);
    expect(auditCount(db, 'account.loginFailed')).toBe(1);
  });

  it('checks passwords off the event loop: other requests are answered while a batch of logins is checked', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const order: string[] = [];
    const path = Array.from({ length: 8 }, () => 'account.login').join(',');
    const logins = mutate(server, `${path}?batch=1`, {}, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [String(i), { username: 'admin', password: `g${i}` }]))).then(() => order.push('logins'));
    const status = query(server, 'account.status', {}).then(() => order.push('status'));
    await Promise.all([logins, status]);
    expect(order).toEqual(['status', 'logins']);
  });

  it('verifyPassword yields to the event loop (crypto.scrypt, not scryptSync)', async () => {
    const stored = hashPassword('Secret123');
    const order: string[] = [];
    const check = verifyPassword('Secret123', stored).then(() => order.push('scrypt'));
    setImmediate(() => order.push('tick'));
    await check;
    expect(order).toEqual(['tick', 'scrypt']);
  });
});

describe('M1: lock-out', () => {
  it('answers a locked account exactly like a wrong password or an unknown name', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const wrong = appOf(await loginFrom(server, '127.0.0.2', 'admin', 'wrong-1'));
    for (let i = 2; i <= 5; i++) await loginFrom(server, '127.0.0.2', 'admin', `wrong-${i}`);
    const locked = await loginFrom(server, '127.0.0.2', 'admin', PASSWORD);
    const unknown = await loginFrom(server, '127.0.0.2', 'ghost', 'x');
    expect(locked.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(appOf(locked)).toEqual(wrong);
    expect(appOf(unknown)).toEqual(wrong);
    expect(wrong).toMatchObject({ code: 'LOGIN_FAILED', zh: expect.stringContaining('用户名或密码错误') });
    expect(locked.body).toBe(unknown.body);
    expect(auditCount(db, 'account.locked')).toBe(1);
  });

  it("locks the account for the failing client only: the administrator elsewhere still logs in, and can unlock", async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    for (let i = 1; i <= 5; i++) await loginFrom(server, '127.0.0.2', 'admin', `wrong-${i}`);
    expect(appOf(await loginFrom(server, '127.0.0.2', 'admin', PASSWORD))?.code).toBe('LOGIN_FAILED');
    // from another address (and from loopback) the administrator is not locked out
    expect((await loginFrom(server, '127.0.0.3', 'admin', PASSWORD)).status).toBe(200);
    const admin = await loginAs(server, 'admin', PASSWORD);
    // the administrator's list shows the lock, and the unlock works
    const users = (await (await query(server, 'user.list', { cookie: admin })).json()) as { result: { data: Array<{ username: string; lockedUntil: string | null; id: number }> } };
    const row = users.result.data.find((u) => u.username === 'admin')!;
    expect(row.lockedUntil! > new Date().toISOString()).toBe(true);
    expect((await mutate(server, 'user.unlock', { cookie: admin }, { id: row.id })).status).toBe(200);
    expect((await loginFrom(server, '127.0.0.2', 'admin', PASSWORD)).status).toBe(200);
  });
});
