/**
 * The browser-mode server on a temp database, over real HTTP, for the attack tests
 * (tests/security/server-*.test.ts). Not a test file itself.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../src-main/server/http-server';
import type { AppDb } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

export async function serve(db: AppDb, opts: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(dir, 'favicon.ico'), 'icon');
  const server = await startServer({ db, staticDir: dir, port: 0, token: 'test-token', ...opts });
  servers.push(server);
  return server;
}

export const API = { 'x-eldercare-client': '1' };
export const JSON_API = { ...API, 'content-type': 'application/json' };

export function cookieFrom(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The token's session (once: the token works a single time). */
export async function enter(server: RunningServer): Promise<string> {
  const res = await fetch(server.loginUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return cookieFrom(res);
}

export function query(server: RunningServer, proc: string, headers: Record<string, string>, input?: unknown) {
  const q = input === undefined ? '' : `${proc.includes('?') ? '&' : '?'}input=${encodeURIComponent(JSON.stringify(input))}`;
  return fetch(`${server.url}/api/${proc}${q}`, { headers: { ...API, ...headers } });
}

export function mutate(server: RunningServer, proc: string, headers: Record<string, string>, input?: unknown) {
  return fetch(`${server.url}/api/${proc}`, { method: 'POST', headers: { ...JSON_API, ...headers }, body: input === undefined ? undefined : JSON.stringify(input) });
}

export interface AppErrorJson {
  code: string;
  kind: string;
  zh: string;
  en: string;
}

/** The AppError of a refused call (single call, or every entry of a refused batch). */
export async function appError(res: Response): Promise<AppErrorJson | undefined> {
  const body = (await res.json()) as { error?: { data?: { app?: AppErrorJson } } } | Array<{ error?: { data?: { app?: AppErrorJson } } }>;
  return (Array.isArray(body) ? body[0] : body)?.error?.data?.app;
}

/** Logs in over HTTP (without a session first, as the login form does); the new session cookie. */
export async function loginAs(server: RunningServer, username: string, password: string): Promise<string> {
  const res = await mutate(server, 'account.login', {}, { username, password });
  expect(res.status, `login ${username}`).toBe(200);
  return cookieFrom(res);
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Sent as it is; a function writes the body itself (chunked, slowly, or not at all). */
  body?: string | Buffer | ((req: http.ClientRequest) => void);
  /** The client's own address (127.0.0.x), to act as another PC. */
  localAddress?: string;
}

/** One request by node:http: another client address, bodies without a length, a body cut short. */
export function raw(server: RunningServer, r: RawRequest): Promise<RawAnswer> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: u.hostname, port: u.port, method: r.method ?? 'POST', path: r.path, headers: { host: u.host, ...r.headers }, localAddress: r.localAddress, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    // Once the answer came, a write the server no longer reads may fail: that is the point.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    if (typeof r.body === 'function') r.body(req);
    else req.end(r.body);
  });
}

export function appOf(answer: RawAnswer): AppErrorJson | undefined {
  return (JSON.parse(answer.body) as { error?: { data?: { app?: AppErrorJson } } }).error?.data?.app;
}
