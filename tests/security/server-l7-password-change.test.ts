/**
 * L7: sessions were not ended by a password change and had no absolute lifetime. Now a
 * password change (one's own, or an administrator's reset) ends the account's other sessions
 * — the changing session carries on under a new id — and a logged-in session ends 12 hours
 * after login however busy it is.
 */
import { describe, expect, it } from 'vitest';
import { SESSION_LIFETIME_HOURS } from '../../src-main/api/sessions';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { appError, cookieFrom, loginAs, mutate, query, serve } from './server-support';

const NEW_PASSWORD = 'N3w-passw0rd';

describe('L7: a password change', () => {
  it('ends the account’s other sessions; the changing one carries on under a new id', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const here = await loginAs(server, 'reader', PASSWORD);
    const stolen = await loginAs(server, 'reader', PASSWORD);
    const other = await loginAs(server, 'mgr-a', PASSWORD);
    const change = await mutate(server, 'account.changePassword', { cookie: here }, { current: PASSWORD, next: NEW_PASSWORD });
    expect(change.status).toBe(200);
    const rotated = cookieFrom(change);
    expect(rotated).toMatch(/^eldercare_session=/);
    expect(rotated).not.toBe(here);

    expect((await query(server, 'account.me', { cookie: stolen })).status).toBe(401);
    expect((await query(server, 'account.me', { cookie: here })).status).toBe(401);
    expect((await query(server, 'account.me', { cookie: rotated })).status).toBe(200);
    // other accounts are not touched
    expect((await query(server, 'account.me', { cookie: other })).status).toBe(200);
  });

  it('by an administrator ends every session of the account', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const server = await serve(db);
    const reader = await loginAs(server, 'reader', PASSWORD);
    const admin = await loginAs(server, 'admin', PASSWORD);
    expect((await mutate(server, 'user.resetPassword', { cookie: admin }, { id: w.users.reader.id, password: NEW_PASSWORD })).status).toBe(200);
    expect((await query(server, 'account.me', { cookie: reader })).status).toBe(401);
    expect((await query(server, 'account.me', { cookie: admin })).status).toBe(200);
    await loginAs(server, 'reader', NEW_PASSWORD);
  });

  it('made elsewhere (another process on the same file: the CLI) detaches the session at its next call', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const server = await serve(db);
    const reader = await loginAs(server, 'reader', PASSWORD);
    db.sqlite.prepare('UPDATE users SET password_changed_at = ? WHERE id = ?').run(new Date(Date.now() + 1000).toISOString(), w.users.reader.id);
    const me = await query(server, 'account.me', { cookie: reader });
    expect(me.status).toBe(403);
    expect((await appError(me))?.code).toBe('LOGIN_REQUIRED');
  });
});

describe('L7: the absolute lifetime', () => {
  it(`ends a logged-in session ${SESSION_LIFETIME_HOURS} hours after login, even one in constant use`, async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    let now = Date.parse('2026-12-01T08:00:00Z');
    const server = await serve(db, { now: () => now });
    const cookie = await loginAs(server, 'reader', PASSWORD);
    // used every 20 minutes, so never idle
    for (let t = 20; t < SESSION_LIFETIME_HOURS * 60; t += 20) {
      now += 20 * 60_000;
      expect((await query(server, 'account.me', { cookie })).status, `after ${t} minutes`).toBe(200);
    }
    now += 21 * 60_000; // 12 h 1 min after login
    const late = await query(server, 'account.me', { cookie });
    expect(late.status).toBe(403);
    expect((await appError(late))?.code).toBe('SESSION_EXPIRED');
  });
});
