/**
 * Browser mode: the same renderer bundle and the same router over HTTP, on 127.0.0.1 only.
 * Access needs the per-run secret: the printed URL carries a token that is exchanged once
 * for an HttpOnly, SameSite=Strict session cookie. API calls also need a custom header,
 * which a cross-site form cannot send (CSRF).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { appRouter, localActor } from '../api/router';
import type { AppDb } from '../db/open';
import { CONTENT_SECURITY_POLICY } from './csp';

export const SESSION_COOKIE = 'eldercare_session';
export const API_HEADER = 'x-eldercare-client';



export interface ServerOptions {
  db: AppDb;
  staticDir: string;
  port?: number;
  host?: string;
  /** Fixed secrets for tests; random per run otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  loginUrl: string;
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
  res.setHeader('Cache-Control', 'no-store');
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (!fs.existsSync(path.join(opts.staticDir, 'index.html')))
    throw new Error(`渲染界面未构建：${opts.staticDir}（先运行 npm run build）/ renderer bundle missing; run npm run build`);
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const session = crypto.randomBytes(32).toString('base64url');
  const files = sirv(opts.staticDir, { dev: false, etag: true, single: true, dotfiles: false });
  const api = createHTTPHandler({
    router: appRouter,
    basePath: '/api/',
    createContext: () => ({ db: opts.db, actor: localActor(opts.db, 'browser') }),
  });

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.has('token')) {
      if (!safeEqual(url.searchParams.get('token') ?? undefined, token)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('访问口令无效 / invalid access token');
        return;
      }
      res.writeHead(302, {
        'Set-Cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      res.end();
      return;
    }
    const authed = safeEqual(cookieOf(req, SESSION_COOKIE), session);
    if (url.pathname.startsWith('/api/')) {
      if (!authed || req.headers[API_HEADER] !== '1') {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: '未授权 / unauthorized' } }));
        return;
      }
      void api(req, res);
      return;
    }
    if (!authed) {
      res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><p>请使用启动时显示的完整地址打开（含访问口令）。<br>Open the full address printed at start-up (it carries the access token).</p>');
      return;
    }
    files(req, res, () => {
      res.writeHead(404).end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://${host}:${port}`;
  return {
    url: base,
    loginUrl: `${base}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
