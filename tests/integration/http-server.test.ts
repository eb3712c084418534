/**
 * Browser mode over real HTTP (server on port 0): the session cookie, CSRF defences,
 * security headers, Host checking, login required once accounts exist, logout, rate limits.
 * The attacks of the security review each have their own file in tests/security/server-*.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_RATE_LIMIT, startServer, type RunningServer } from '../../src-main/server/http-server';
import { freshDb, tempDir } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(db: ReturnType<typeof freshDb>['db'], opts: { idleMs?: number } = {}) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
  const server = await startServer({ db, staticDir: dir, port: 0, token: 'test-token', ...opts });
  servers.push(server);
  return server;
}

const API = { 'x-eldercare-client': '1' };

function cookieFrom(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

async function enter(server: RunningServer): Promise<string> {
  const res = await fetch(server.loginUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return cookieFrom(res);
}

async function query(server: RunningServer, proc: string, headers: Record<string, string>, input?: unknown) {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return fetch(`${server.url}/api/${proc}${q}`, { headers });
}

async function mutate(server: RunningServer, proc: string, headers: Record<string, string>, input: unknown) {
  return fetch(`${server.url}/api/${proc}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input) });
}

async function appCode(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { error?: { data?: { app?: { code: string } } } };
  return body.error?.data?.app?.code;
}

describe('browser mode before any account exists', () => {
  it('needs the token; the cookie is HttpOnly and SameSite=Strict; headers are set', async () => {
    const { db } = freshDb();
    const server = await serve(db);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(401);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    expect((await fetch(`${server.url}/?token=wrong`, { redirect: 'manual' })).status).toBe(403);
    const res = await fetch(server.loginUrl, { redirect: 'manual' });
    expect(res.headers.get('set-cookie')).toMatch(/^eldercare_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const cookie = cookieFrom(res);
    expect((await fetch(`${server.url}/`, { headers: { cookie } })).status).toBe(200);
    const ok = await query(server, 'facility.list', { cookie, ...API });
    expect(ok.status).toBe(200);
  });

  it('refuses api calls without the cookie, without the client header, or from another origin', async () => {
    const { db } = freshDb();
    const server = await serve(db);
    const cookie = await enter(server);
    const before = db.sqlite.prepare('SELECT count(*) AS n FROM facilities').get();
    const create = { regionCode: '520602', name: '新院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-01-01' };

    const noCookie = await mutate(server, 'facility.create', API, create);
    expect(noCookie.status).toBe(401);
    const badCookie = await mutate(server, 'facility.create', { ...API, cookie: 'eldercare_session=forged' }, create);
    expect(badCookie.status).toBe(401);
    const noHeader = await mutate(server, 'facility.create', { cookie }, create);
    expect(noHeader.status).toBe(403);
    expect(await appCode(noHeader)).toBe('CSRF');
    const forged = await mutate(server, 'facility.create', { cookie, ...API, origin: 'http://evil.example' }, create);
    expect(forged.status).toBe(403);
    const crossSite = await mutate(server, 'facility.create', { cookie, ...API, 'sec-fetch-site': 'cross-site' }, create);
    expect(crossSite.status).toBe(403);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM facilities').get()).toEqual(before);

    const sameOrigin = await mutate(server, 'facility.create', { cookie, ...API, origin: server.url, 'sec-fetch-site': 'same-origin' }, create);
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a Host header other than the loopback address (DNS rebinding)', async () => {
    const { db } = freshDb();
    const server = await serve(db);
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(server.loginUrl);
      http
        .get({ host: '127.0.0.1', port: u.port, path: `${u.pathname}${u.search}`, headers: { host: `evil.example:${u.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
  });
});

describe('browser mode once accounts exist', () => {
  it('makes login mandatory: the token session is nobody until it logs in; logout ends it', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);

    // the page (a login form) loads without the token, and no session is kept for it
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    // the token's session is nobody until it logs in
    let cookie = await enter(server);
    const refused = await query(server, 'facility.list', { cookie, ...API });
    expect(refused.status).toBe(403);
    expect(await appCode(refused)).toBe('LOGIN_REQUIRED');
    // without any session, only the login form's calls answer
    expect((await query(server, 'facility.list', API)).status).toBe(401);
    const status = (await (await query(server, 'account.status', API)).json()) as { result: { data: { loginRequired: boolean } } };
    expect(status.result.data.loginRequired).toBe(true);

    const wrong = await mutate(server, 'account.login', { cookie, ...API }, { username: 'reader', password: 'nope' });
    expect(await appCode(wrong)).toBe('LOGIN_FAILED');
    const login = await mutate(server, 'account.login', { cookie, ...API }, { username: 'reader', password: PASSWORD });
    expect(login.status).toBe(200);
    const anonymous = cookie;
    cookie = cookieFrom(login);
    expect(cookie).not.toBe(anonymous); // rotated at login
    expect((await query(server, 'facility.list', { cookie, ...API })).status).toBe(200);
    expect((await query(server, 'facility.list', { cookie: anonymous, ...API })).status).toBe(401);
    // read-only account: a write is refused
    const write = await mutate(server, 'facility.update', { cookie, ...API }, { id: 1, name: 'x' });
    expect(write.status).toBe(403);

    const out = await mutate(server, 'account.logout', { cookie, ...API }, undefined);
    expect(out.status).toBe(200);
    const after = await query(server, 'facility.list', { cookie, ...API });
    expect(after.status).toBe(401); // the logged-out session id is gone
    const next = cookieFrom(out);
    expect(await appCode(await query(server, 'facility.list', { cookie: next, ...API }))).toBe('LOGIN_REQUIRED');
  });

  it('logs out idle sessions', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db, { idleMs: 300 });
    const login = await mutate(server, 'account.login', API, { username: 'reader', password: PASSWORD });
    const cookie = cookieFrom(login);
    expect((await query(server, 'facility.list', { cookie, ...API })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(await appCode(await query(server, 'facility.list', { cookie, ...API }))).toBe('SESSION_EXPIRED');
  });

  it('rate-limits login attempts per client address', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_RATE_LIMIT + 2; i++)
      codes.push((await mutate(server, 'account.login', API, { username: `nobody${i}`, password: 'x' })).status);
    expect(codes.slice(0, LOGIN_RATE_LIMIT).every((c) => c === 400)).toBe(true);
    expect(codes.slice(LOGIN_RATE_LIMIT)).toEqual([429, 429]);
  });
});
