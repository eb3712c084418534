/**
 * M2: every cookieless request made a session once login was required, and at 5,000 the
 * oldest were evicted, logged-in ones included: anyone who could reach the server logged
 * everyone out. Now a browser that has not logged in gets no stored session at all (the login
 * form's calls work without one), and sessions without an account are capped per client and
 * in total, making room among themselves only.
 */
import { describe, expect, it } from 'vitest';
import { ANONYMOUS_PER_CLIENT, ANONYMOUS_TOTAL, LOGGED_IN_PER_ACCOUNT, SessionStore } from '../../src-main/api/sessions';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { API, loginAs, mutate, query, serve } from './server-support';

describe('M2: sessions for everyone', () => {
  it('5,200 cookieless requests create no session and log nobody out', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const manager = await loginAs(server, 'mgr-a', PASSWORD);
    const requests = [
      () => fetch(`${server.url}/favicon.ico`),
      () => fetch(`${server.url}/`),
      () => query(server, 'account.status', {}),
      () => fetch(`${server.url}/api/account.status`, { headers: API }),
    ];
    const cookies: string[] = [];
    for (let i = 0; i < 5200; i += 40) {
      const batch = await Promise.all(Array.from({ length: 40 }, (_, j) => requests[(i + j) % requests.length]!()));
      for (const res of batch) {
        expect(res.status).toBe(200);
        const c = res.headers.get('set-cookie');
        if (c) cookies.push(c);
        await res.arrayBuffer();
      }
    }
    expect(cookies).toEqual([]);
    const me = await query(server, 'account.me', { cookie: manager });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { result: { data: { username: string } } }).result.data.username).toBe('mgr-a');
  }, 120_000);

  it('a login without a prior session works and is the only thing that stores one', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const wrong = await mutate(server, 'account.login', {}, { username: 'mgr-a', password: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const ok = await mutate(server, 'account.login', {}, { username: 'mgr-a', password: PASSWORD });
    expect(ok.headers.get('set-cookie')).toMatch(/^eldercare_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    // any other call without a session is still refused
    expect((await query(server, 'facility.list', {})).status).toBe(401);
  });
});

describe('M2: sessions without an account are capped and make room among themselves', () => {
  it(`keeps at most ${ANONYMOUS_PER_CLIENT} per client and ${ANONYMOUS_TOTAL} in all; logged-in sessions are never dropped for them`, async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const store = new SessionStore(db, { via: 'browser' });
    const loggedIn = [store.create(w.users.admin.id, '10.0.0.1'), store.create(w.users.reader.id, '10.0.0.9')];
    for (let i = 0; i < ANONYMOUS_PER_CLIENT + 15; i++) store.create(null, '10.0.0.66');
    expect(store.counts()).toEqual({ loggedIn: 2, anonymous: ANONYMOUS_PER_CLIENT });
    for (let i = 0; i < ANONYMOUS_TOTAL + 500; i++) store.create(null, `10.1.${i >> 8}.${i & 255}`);
    expect(store.counts()).toEqual({ loggedIn: 2, anonymous: ANONYMOUS_TOTAL });
    for (const s of loggedIn) expect(store.context(store.get(s.id)!, () => {}).actor.anonymous).toBeUndefined();
  });

  it(`one password logged in over and over keeps at most ${LOGGED_IN_PER_ACCOUNT} sessions and pushes nobody else out`, async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const store = new SessionStore(db, { via: 'browser', maxSessions: 50 });
    const admin = store.create(w.users.admin.id, '10.0.0.1');
    for (let i = 0; i < 200; i++) store.create(w.users.reader.id, `10.2.${i >> 8}.${i & 255}`);
    expect(store.counts().loggedIn).toBe(1 + LOGGED_IN_PER_ACCOUNT);
    expect(store.context(store.get(admin.id)!, () => {}).actor.username).toBe('admin');
  });
});
