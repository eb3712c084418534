/**
 * Browser mode: the same renderer bundle and the same router over HTTP, on 127.0.0.1 unless
 * an administrator enabled LAN access (then login is required before anything answers).
 *
 * - The printed URL carries a per-run token, exchanged once for an HttpOnly, SameSite=Strict
 *   session cookie. While no account has a password, that session acts as the local
 *   administrator; once accounts exist, every session must log in (account.login).
 * - CSRF: api calls need the custom header `x-eldercare-client: 1` (a cross-site form or
 *   fetch cannot send it without a CORS preflight this server never grants), and an Origin
 *   or Sec-Fetch-Site header, when present, must say same-origin.
 * - Host header checked on loopback (DNS rebinding); security headers on every answer;
 *   login attempts rate-limited per client address.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { appRouter } from '../api/router';
import { SessionStore, type Session } from '../api/sessions';
import type { AppDb } from '../db/open';
import { loginRequired } from '../services/accounts';
import { CONTENT_SECURITY_POLICY } from './csp';

export const SESSION_COOKIE = 'eldercare_session';
export const API_HEADER = 'x-eldercare-client';
/** Login attempts per client address per minute. */
export const LOGIN_RATE_LIMIT = 10;

export interface ServerOptions {
  db: AppDb;
  staticDir: string;
  port?: number;
  /** 127.0.0.1 unless LAN access is enabled ('0.0.0.0'). */
  host?: string;
  /** Fixed secrets for tests; random per run otherwise. */
  token?: string;
  /** Idle timeout of a logged-in session (tests shorten it). */
  idleMs?: number;
}

export interface RunningServer {
  url: string;
  loginUrl: string;
  /** Addresses other PCs use when LAN access is on. */
  lanUrls: string[];
  close(): Promise<void>;
}

function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function safeEqual(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
}

function refuse(res: http.ServerResponse, status: number, code: string, zh: string, en: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { message: zh, data: { httpStatus: status, app: { code, kind: 'forbidden', zh, en } } } }));
}

function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
}

export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

/** Sliding one-minute window of login attempts per client address. */
class LoginLimiter {
  private readonly hits = new Map<string, number[]>();
  allow(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= LOGIN_RATE_LIMIT) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.hits.clear();
    return true;
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (!fs.existsSync(path.join(opts.staticDir, 'index.html')))
    throw new Error(`渲染界面未构建：${opts.staticDir}（先运行 npm run build）/ renderer bundle missing; run npm run build`);
  const host = opts.host ?? '127.0.0.1';
  const loopbackOnly = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const sessions = new SessionStore(opts.db, { via: 'browser', idleMs: opts.idleMs });
  const limiter = new LoginLimiter();
  const files = sirv(opts.staticDir, { dev: false, etag: true, single: true, dotfiles: false });
  const current = new WeakMap<http.IncomingMessage, Session>();
  const api = createHTTPHandler({
    router: appRouter,
    basePath: '/api/',
    createContext: ({ req, res }) => sessions.context(current.get(req)!, (id) => res.setHeader('Set-Cookie', sessionCookie(id))),
  });
  let port = 0;
  let allowedHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hostHeader = req.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) {
      refuse(res, 421, 'BAD_HOST', '请求的主机名不正确', 'Misdirected request (unexpected Host header)');
      return;
    }
    const required = loginRequired({ db: opts.db });
    if (!isLoopback(req.socket.remoteAddress) && !required) {
      refuse(res, 403, 'LAN_NEEDS_LOGIN', '局域网访问须先设置账号密码', 'LAN access needs accounts with passwords');
      return;
    }
    if (url.searchParams.has('token')) {
      if (!safeEqual(url.searchParams.get('token') ?? undefined, token)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('访问口令无效 / invalid access token');
        return;
      }
      const old = cookieOf(req, SESSION_COOKIE);
      if (old) sessions.delete(old);
      res.writeHead(302, { 'Set-Cookie': sessionCookie(sessions.create().id), Location: '/' });
      res.end();
      return;
    }
    let session = sessions.get(cookieOf(req, SESSION_COOKIE));
    if (url.pathname.startsWith('/api/')) {
      if (!session) {
        refuse(res, 401, 'NO_SESSION', '未授权：请使用启动时显示的地址打开，或重新登录', 'Unauthorized: open the address printed at start-up, or log in again');
        return;
      }
      if (req.headers[API_HEADER] !== '1') {
        refuse(res, 403, 'CSRF', '缺少客户端标识，已拒绝', 'Missing client header; refused (CSRF defence)');
        return;
      }
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      if ((origin !== undefined && origin !== `http://${hostHeader}`) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        refuse(res, 403, 'CSRF', '跨站请求，已拒绝', 'Cross-site request refused');
        return;
      }
      if (url.pathname.includes('account.login') && !limiter.allow(req.socket.remoteAddress ?? '?')) {
        refuse(res, 429, 'TOO_MANY_LOGINS', '登录尝试过于频繁，请一分钟后再试', 'Too many login attempts; wait a minute');
        return;
      }
      current.set(req, session);
      void api(req, res);
      return;
    }
    if (!session) {
      if (!required) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><meta charset="utf-8"><p>请使用启动时显示的完整地址打开（含访问口令）。<br>Open the full address printed at start-up (it carries the access token).</p>');
        return;
      }
      // Login is required: anyone may load the page and its login form, nothing more.
      session = sessions.create();
      res.setHeader('Set-Cookie', sessionCookie(session.id));
    }
    files(req, res, () => {
      res.writeHead(404).end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const names = loopbackOnly ? ['127.0.0.1', 'localhost'] : ['127.0.0.1', 'localhost', ...lanAddresses(), os.hostname()];
  allowedHosts = new Set(names.map((n) => `${n}:${port}`));
  const shown = loopbackOnly ? host : '127.0.0.1';
  const base = `http://${shown}:${port}`;
  return {
    url: base,
    loginUrl: `${base}/?token=${token}`,
    lanUrls: loopbackOnly ? [] : lanAddresses().map((a) => `http://${a}:${port}/`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
