/**
 * The hub's HTTP(S) server (services/hub/engine.ts): the sync protocol installs speak
 * (services/hub/sync-client.ts). JSON answers; every refusal has a code and a zh-CN + en
 * message and changes nothing.
 *
 *   POST /hub/v1/hello            {install: registry row}        → the hub's identity
 *   POST /hub/v1/push             a package file (octet-stream)  → applied / relayed / refused
 *   GET  /hub/v1/inbox?after=N    signed by the install          → files kept for it
 *   GET  /hub/v1/packages/<sha>   signed by the install          → one of them
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Hub, RegistryRow } from '../services/hub/engine';
import { announcedTooLarge, applyServerLimits, readBody } from './limits';
import { securityHeaders } from './responses';

/** A county's package at province scale is tens of megabytes; a file past this is refused whole. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;
const MAX_HELLO_BYTES = 64 * 1024;

export interface HubServerOptions {
  hub: Hub;
  port?: number;
  host?: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface RunningHubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  securityHeaders(res);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function refusal(res: http.ServerResponse, status: number, code: string, zh: string, en: string): void {
  send(res, status, { code, zh, en });
}

const STATUS_OF_REFUSAL: Record<string, number> = { UNKNOWN_SENDER: 409, NOT_A_PACKAGE: 400, BAD_SIGNATURE: 400, REVOKED_KEY: 403, NEEDS_UPGRADE: 409 };

async function handle(hub: Hub, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const route = `${req.method} ${url.pathname}`;
  if (route === 'POST /hub/v1/hello') {
    const body = await readBody(req, MAX_HELLO_BYTES);
    if (!body.ok) return refusal(res, 413, 'TOO_LARGE', '请求过大', 'The request is too large');
    let install: RegistryRow;
    try {
      install = (JSON.parse(body.body.toString('utf8')) as { install: RegistryRow }).install;
      if (typeof install?.uid !== 'string' || typeof install.public_key !== 'string') throw new Error('no install');
    } catch {
      return refusal(res, 400, 'BAD_REQUEST', '请求内容不是本程序的同步请求', 'Not a sync request of this app');
    }
    return send(res, 200, await hub.hello(install));
  }
  if (route === 'POST /hub/v1/push') {
    if (announcedTooLarge(req, MAX_PACKAGE_BYTES)) return refusal(res, 413, 'TOO_LARGE', '交换包过大', 'The package is too large');
    const body = await readBody(req, MAX_PACKAGE_BYTES);
    if (!body.ok) return refusal(res, body.reason === 'too_large' ? 413 : 400, 'TOO_LARGE', '交换包过大或未传完', 'The package is too large or did not arrive whole');
    const outcome = await hub.push(body.body);
    return send(res, outcome.kind === 'refused' ? (STATUS_OF_REFUSAL[outcome.code] ?? 422) : 200, outcome);
  }
  if (req.method === 'GET' && (url.pathname === '/hub/v1/inbox' || url.pathname.startsWith('/hub/v1/packages/'))) {
    const who = hub.requester(req.headers, 'GET', url.pathname + url.search);
    if (!who) return refusal(res, 401, 'NOT_SIGNED', '请求未由已登记的安装签名', 'The request is not signed by an enrolled install');
    if (url.pathname === '/hub/v1/inbox') {
      const after = Number(url.searchParams.get('after') ?? '0');
      if (!Number.isSafeInteger(after) || after < 0) return refusal(res, 400, 'BAD_REQUEST', 'after 应为非负整数', 'after is a non-negative integer');
      return send(res, 200, await hub.inbox(who, after));
    }
    const sha = url.pathname.slice('/hub/v1/packages/'.length);
    const bytes = /^[0-9a-f]{64}$/.test(sha) ? await hub.packageBytes(sha, who) : null;
    if (!bytes) return refusal(res, 404, 'NOT_FOUND', '没有给本单位的这个文件', 'No such file for this office');
    securityHeaders(res);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    res.end(bytes);
    return;
  }
  return refusal(res, 404, 'NOT_FOUND', '没有这个地址', 'No such address');
}

export function startHubServer(options: HubServerOptions): Promise<RunningHubServer> {
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(options.hub, req, res).catch((e: unknown) => {
      process.stderr.write(`hub: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      if (!res.headersSent) refusal(res, 500, 'HUB_ERROR', '中心服务器内部错误，未改变任何数据；请稍后重试', 'The hub failed inside; nothing was changed; try again later');
      else res.destroy();
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(listener);
  applyServerLimits(server);
  // a large package takes longer than an api call
  server.requestTimeout = 30 * 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
      resolve({
        url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
