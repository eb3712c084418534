/**
 * L1: the printed access token was reusable for the life of the process — while no account
 * has a password, anyone who saw the URL (history, scrollback, a log) got the local
 * administrator. Now it works once; the server says so (and `npm run serve` prints what to do).
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/temp-db';
import { cookieFrom, query, serve } from './server-support';

describe('L1: the access token', () => {
  it('works once: the same URL then answers 403 “访问口令已使用”, and the first browser carries on', async () => {
    const { db } = freshDb();
    let told = 0;
    const server = await serve(db, { onTokenUsed: () => told++ });
    const first = await fetch(server.loginUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = cookieFrom(first);
    expect(told).toBe(1);

    const again = await fetch(server.loginUrl, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    const text = await again.text();
    expect(text).toContain('访问口令已使用');
    expect(text).toContain('already used');
    expect(told).toBe(1);

    // the browser that used it: the page (reloads) and the api as the local administrator
    expect((await fetch(`${server.url}/`, { headers: { cookie } })).status).toBe(200);
    expect((await query(server, 'facility.list', { cookie }, {})).status).toBe(200);
    // a wrong token still says “invalid”, and nothing without a cookie
    expect(await (await fetch(`${server.url}/?token=wrong`)).text()).toContain('访问口令无效');
    expect((await fetch(`${server.url}/`)).status).toBe(401);
  });
});
