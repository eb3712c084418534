/**
 * Browser mode: the same renderer bundle and the same router over HTTP, on 127.0.0.1 unless
 * an administrator enabled LAN access (then login is required before anything answers, and
 * `npm run serve` passes a certificate: the server answers HTTPS only, loopback included,
 * and the session cookie is `Secure` — security review M11, tls.ts).
 *
 * - The printed URL carries a per-run token, exchanged ONCE for an HttpOnly, SameSite=Strict
 *   session cookie. While no account has a password, that session acts as the local
 *   administrator; once accounts exist, every session must log in (account.login).
 * - No session is kept for a browser that has not logged in: the page and the login form's
 *   calls (account.status, account.login) work without one (api/sessions.ts).
 * - CSRF: api calls need the custom header `x-eldercare-client: 1` (a cross-site form or
 *   fetch cannot send it without a CORS preflight this server never grants), and an Origin
 *   or Sec-Fetch-Site header, when present, must say same-origin.
 * - Host header checked (DNS rebinding); security headers on every answer; bodies, batches,
 *   login attempts, heavy reports and connections are limited (limits.ts, api-call.ts,
 *   login-limiter.ts, heavy.ts); files arrive by the upload route (upload-route.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sirv from 'sirv';
import { SessionStore, type Session } from '../api/sessions';
import type { AppDb } from '../db/open';
import type { AppErrorData } from '../domain/errors';
import { loginRequired, securitySettings } from '../services/accounts';
import { CALL_REFUSAL, inputProblem, isJsonContentType, isRefusal, parseCall, PRE_LOGIN_PROCEDURES } from './api-call';
import { BUSY_REPORT, HEAVY_BATCH, HEAVY_PROCEDURES, HeavyGate } from './heavy';
import { announcedTooLarge, applyServerLimits, MAX_BATCH_SIZE, MAX_JSON_BODY_BYTES, MAX_UPLOAD_BYTES, readBody } from './limits';
import { LOGIN_LIKE_PROCEDURES, LoginLimiter } from './login-limiter';
import { clientOf, cookieOf, limiterKeyOf, REFUSAL, refuse, safeEqual, securityHeaders, SESSION_COOKIE, sessionCookie } from './responses';
import { callRouter, sendAnswer } from './trpc-bridge';
import { handleUpload, UPLOAD_PATH, UPLOAD_REFUSAL } from './upload-route';
import { lanRefusal } from './lan-access';
import { lanAddresses } from './lan-addresses';
import type { TlsInfo, TlsMaterial } from './tls';

export { SESSION_COOKIE } from './responses';
export { LOGIN_RATE_LIMIT } from './login-limiter';
export { HEAVY_PROCEDURES } from './heavy';
export const API_HEADER = 'x-eldercare-client';
/** A client that opens a connection and never finishes the TLS handshake is dropped after this. */
export const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

export interface ServerOptions {
  db: AppDb;
  staticDir: string;
  port?: number;
  /** 127.0.0.1 unless LAN access is enabled ('0.0.0.0'); other PCs are still refused once it is turned off (lan-access.ts). */
  host?: string;
  /**
   * Answer HTTPS with this certificate (and nothing in cleartext). `npm run serve` always gives
   * one with '0.0.0.0' (tls.ts); without it the server speaks plain HTTP.
   */
  tls?: Pick<TlsMaterial, 'cert' | 'key' | 'info'>;
  /** Fixed secrets for tests; random per run otherwise. */
  token?: string;
  /** Idle timeout of a logged-in session (tests shorten it). */
  idleMs?: number;
  /** Absolute lifetime of a logged-in session. */
  lifetimeMs?: number;
  /** The sessions' clock (tests move it). */
  now?: () => number;
  /** Told once, when the access token has been exchanged (npm run serve prints what to do next). */
  onTokenUsed?: () => void;
}

export interface RunningServer {
  url: string;
  loginUrl: string;
  /** Addresses other PCs use when LAN access is on. */
  lanUrls: string[];
  /** The certificate served (HTTPS), or null (plain HTTP). */
  tls: TlsInfo | null;
  close(): Promise<void>;
}

/** Re-exported for the callers (and tests) that know it from here. */
export { lanAddresses };

/**
 * What a bookmarked address without the access token answers (401): the token rule stays
 * (a new one every start), and the page says where the full address is found.
 */
export const NO_TOKEN_PAGE = `<!doctype html><meta charset="utf-8"><title>养老床位统计 · 请用完整地址打开</title>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.6">
<h2>请使用启动时显示的完整地址打开</h2>
<p>为保护数据，浏览器模式每次启动都会生成新的访问口令，收藏的地址（不含口令）不能直接打开。</p>
<ul>
<li>在运行 <code>npm run serve</code> 的终端窗口中，复制“在浏览器中打开”下面以 <code>?token=</code> 结尾的完整地址，粘贴到浏览器地址栏；</li>
<li>或者使用桌面快捷方式打开本系统（桌面版不需要地址）；</li>
<li>已启用账号登录时，打开本地址即显示登录页。</li>
</ul>
<hr>
<h2 lang="en">Open the full address printed at start-up</h2>
<p lang="en">To protect the data, browser mode makes a new access token every time it starts, so a bookmarked address (without the token) does not open.</p>
<ul lang="en">
<li>In the terminal window running <code>npm run serve</code>, copy the full address under “open in a browser” (it ends in <code>?token=…</code>) into the address bar;</li>
<li>or open the app with its desktop shortcut (the desktop app needs no address);</li>
<li>once accounts are enabled, this address shows the login page.</li>
</ul>
</body>`;

/** `/data-quality?date=…` → `/#/data-quality?date=…`: a path that is no file (no dot) and no api call. */
export function appScreenRedirect(method: string | undefined, url: URL): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const p = url.pathname;
  if (p === '/' || p.startsWith('/api/') || p.split('/').at(-1)!.includes('.')) return null;
  const path = p.replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9_-]+)+$/.test(path)) return null;
  return `/#${path}${url.search}`;
}

const TOKEN_USED =
  '访问口令已使用（每个口令只能使用一次）。已打开的浏览器可继续使用；设置账号后直接打开本地址（不带口令）登录，否则请重新启动 npm run serve 获取新地址。\n' +
  'The access token was already used (it works once). The browser that opened it carries on; with accounts, open this address without the token and log in, otherwise restart npm run serve for a new address.';

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (!fs.existsSync(path.join(opts.staticDir, 'index.html')))
    throw new Error(`渲染界面未构建：${opts.staticDir}（先运行 npm run build）/ renderer bundle missing; run npm run build`);
  const host = opts.host ?? '127.0.0.1';
  const loopbackOnly = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const scheme = opts.tls ? 'https' : 'http';
  const tlsInfo = opts.tls?.info;
  const cookie = (id: string) => sessionCookie(id, { secure: !!opts.tls });
  let tokenUsed = false;
  const sessions = new SessionStore(opts.db, { via: 'browser', idleMs: opts.idleMs, lifetimeMs: opts.lifetimeMs, now: opts.now });
  const limiter = new LoginLimiter(opts.now);
  const heavy = new HeavyGate();
  const files = sirv(opts.staticDir, { dev: false, etag: true, single: true, dotfiles: false });
  let port = 0;
  let allowedHosts = new Set<string>();

  /** Session, client header and origin: every api call, the upload route included. */
  function transportProblem(req: http.IncomingMessage, hostHeader: string): AppErrorData | null {
    if (req.headers[API_HEADER] !== '1') return REFUSAL.noClientHeader;
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if ((origin !== undefined && origin !== `${scheme}://${hostHeader}`) || (site !== undefined && site !== 'same-origin' && site !== 'none')) return REFUSAL.crossSite;
    return null;
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, hostHeader: string): Promise<void> {
    const upload = url.pathname === UPLOAD_PATH;
    // Body limits first, before the session is even looked at.
    if (announcedTooLarge(req, upload ? MAX_UPLOAD_BYTES : MAX_JSON_BODY_BYTES))
      return refuse(req, res, upload ? UPLOAD_REFUSAL.tooLarge : CALL_REFUSAL.tooLarge, 413);
    const call = upload ? { names: [], batch: false } : parseCall(url);
    if (isRefusal(call)) return refuse(req, res, call);
    const client = clientOf(req);
    let session: Session | undefined = sessions.get(cookieOf(req, SESSION_COOKIE));
    // The login form works without a stored session; a login makes one (sessions.unsaved).
    if (!session && !upload && loginRequired({ db: opts.db }) && call.names.every((n) => PRE_LOGIN_PROCEDURES.has(n))) session = sessions.unsaved(client);
    if (!session) return refuse(req, res, REFUSAL.noSession, 401);
    const problem = transportProblem(req, hostHeader);
    if (problem) return refuse(req, res, problem);
    const current = session;
    const contextOf = (setCookie: (value: string) => void) => ({ ...sessions.context(current, (id) => setCookie(cookie(id))), tls: tlsInfo });
    if (upload) return handleUpload(req, res, url, contextOf((v) => res.setHeader('Set-Cookie', v)).actor);

    if (req.method !== 'GET' && req.method !== 'POST') return refuse(req, res, CALL_REFUSAL.method, 405);
    if (!limiter.allow(limiterKeyOf(client), call.names.filter((n) => LOGIN_LIKE_PROCEDURES.has(n)).length)) return refuse(req, res, REFUSAL.tooManyLogins, 429);
    if (call.names.length > MAX_BATCH_SIZE) return refuse(req, res, CALL_REFUSAL.batchTooLarge);
    const heavyCount = call.names.filter((n) => HEAVY_PROCEDURES.has(n)).length;
    if (heavyCount > 1) return refuse(req, res, HEAVY_BATCH);
    const release = heavyCount === 1 ? heavy.tryEnter() : () => {};
    if (!release) return refuse(req, res, BUSY_REPORT, 503);
    try {
      let body: string | undefined;
      if (req.method === 'POST') {
        if (!isJsonContentType(req)) return refuse(req, res, CALL_REFUSAL.contentType);
        const read = await readBody(req, MAX_JSON_BODY_BYTES);
        if (!read.ok) return read.reason === 'too_large' ? refuse(req, res, CALL_REFUSAL.tooLarge, 413) : undefined;
        body = read.body.toString('utf8');
      }
      const bad = inputProblem(req.method, url, body);
      if (bad) return refuse(req, res, bad);
      const answer = await callRouter(req, url, body, (resHeaders) => contextOf((v) => resHeaders.set('Set-Cookie', v)));
      release();
      sendAnswer(res, answer);
    } finally {
      release();
    }
  }

  function exchangeToken(req: http.IncomingMessage, res: http.ServerResponse, given: string | null): void {
    if (!safeEqual(given, token)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('访问口令无效 / invalid access token');
      return;
    }
    if (tokenUsed) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(TOKEN_USED);
      return;
    }
    tokenUsed = true;
    const old = cookieOf(req, SESSION_COOKIE);
    if (old) sessions.delete(old);
    res.writeHead(302, { 'Set-Cookie': cookie(sessions.create(null, clientOf(req)).id), Location: '/' });
    res.end();
    opts.onTokenUsed?.();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    securityHeaders(res);
    const hostHeader = req.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) return refuse(req, res, REFUSAL.badHost, 421);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `${scheme}://${hostHeader}`);
    } catch {
      return refuse(req, res, CALL_REFUSAL.badPath);
    }
    // Read per request: turning LAN access off (or the last password away) acts at once.
    const security = securitySettings({ db: opts.db });
    const required = security.loginRequired;
    const lanProblem = lanRefusal(req.socket.remoteAddress, security);
    if (lanProblem) return refuse(req, res, lanProblem);
    if (url.searchParams.has('token')) return exchangeToken(req, res, url.searchParams.get('token'));
    if (url.pathname.startsWith('/api/')) return api(req, res, url, hostHeader);
    // The page and its files: with a session, or (login required) for the login form —
    // without creating a session for it.
    // A screen's address typed without '#' (/data-quality): the app routes by hash, so send it there.
    const screen = appScreenRedirect(req.method, url);
    if (screen) {
      res.writeHead(302, { Location: screen }).end();
      return;
    }
    if (!sessions.get(cookieOf(req, SESSION_COOKIE)) && !required) {
      res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(NO_TOKEN_PAGE);
      return;
    }
    files(req, res, () => {
      res.writeHead(404).end();
    });
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch(() => {
      // Nothing user-caused gets here (every refusal above is answered); never a stack trace.
      if (!res.headersSent) refuse(req, res, { code: 'INTERNAL', kind: 'internal', zh: '服务器内部错误', en: 'Internal server error' });
      else res.destroy();
    });
  };
  // With a certificate, one TLS listener and nothing in cleartext: a plain-HTTP request gets no
  // answer (the handshake fails), so no page, cookie or ID number crosses the LAN unencrypted.
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2', handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS }, onRequest)
    : http.createServer(onRequest);
  applyServerLimits(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const names = loopbackOnly ? ['127.0.0.1', 'localhost'] : ['127.0.0.1', 'localhost', ...lanAddresses(), os.hostname()];
  allowedHosts = new Set(names.map((n) => `${n}:${port}`));
  const shown = loopbackOnly ? host : '127.0.0.1';
  const base = `${scheme}://${shown}:${port}`;
  return {
    url: base,
    loginUrl: `${base}/?token=${token}`,
    lanUrls: loopbackOnly ? [] : lanAddresses().map((a) => `${scheme}://${a}:${port}/`),
    tls: tlsInfo ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
