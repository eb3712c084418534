/**
 * The small pieces every answer of the browser-mode server shares: security headers, the
 * session cookie, and refusals as the same JSON the api sends for an AppError.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { AppErrorData } from '../domain/errors';
import { CONTENT_SECURITY_POLICY } from '../api/csp';

export const SESSION_COOKIE = 'eldercare_session';

export function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** `Secure` when the server answers HTTPS (LAN mode, M11): the browser then never sends it in cleartext. */
export function sessionCookie(id: string, opts: { secure?: boolean } = {}): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/${opts.secure ? '; Secure' : ''}`;
}

export function safeEqual(a: string | undefined | null, b: string): boolean {
  if (a === undefined || a === null) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  res.setHeader('Cache-Control', 'no-store');
}

export function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
}

/** The client's address as lock-out and rate limits count it. */
/**
 * The key the login limit counts under: every loopback address (127.0.0.0/8, ::1) is one
 * client, so a program on this PC cannot get a fresh allowance by changing its source address.
 */
export function limiterKeyOf(client: string): string {
  return client === '::1' || /^127\./.test(client) ? 'loopback' : client;
}

export function clientOf(req: http.IncomingMessage): string {
  const a = req.socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** Whether a request body is announced and not yet read to its end. */
function bodyPending(req: http.IncomingMessage): boolean {
  const announced = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  return announced && !req.readableEnded;
}

const STATUS_OF: Record<AppErrorData['kind'], number> = { validation: 400, conflict: 409, not_found: 404, forbidden: 403, internal: 500, storage: 507 };
const KEY_OF: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Answers with an AppError, shaped as the api's own errors (a JSON-RPC code, as tRPC's client
 * requires, and the AppError in `error.data.app`, which the renderer shows). A body still on its way is not read: the connection closes after the
 * answer, so a refused upload costs no memory and no more reading.
 */
export function refuse(req: http.IncomingMessage, res: http.ServerResponse, app: AppErrorData, status = STATUS_OF[app.kind]): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (bodyPending(req)) {
    req.pause();
    res.setHeader('Connection', 'close');
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  const key = KEY_OF[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  res.end(JSON.stringify({ error: { message: app.zh, code: TRPC_ERROR_CODES_BY_KEY[key], data: { code: key, httpStatus: status, app } } }));
}

/** Refusals of the transport itself, before any procedure runs. */
export const REFUSAL = {
  badHost: { code: 'BAD_HOST', kind: 'forbidden', zh: '请求的主机名不正确', en: 'Misdirected request (unexpected Host header)' },
  lanNeedsLogin: { code: 'LAN_NEEDS_LOGIN', kind: 'forbidden', zh: '局域网访问须先设置账号密码', en: 'LAN access needs accounts with passwords' },
  noSession: {
    code: 'NO_SESSION',
    kind: 'forbidden',
    zh: '未授权：请使用启动时显示的地址打开，或重新登录',
    en: 'Unauthorized: open the address printed at start-up, or log in again',
  },
  noClientHeader: { code: 'CSRF', kind: 'forbidden', zh: '缺少客户端标识，已拒绝', en: 'Missing client header; refused (CSRF defence)' },
  crossSite: { code: 'CSRF', kind: 'forbidden', zh: '跨站请求，已拒绝', en: 'Cross-site request refused' },
  tooManyLogins: { code: 'TOO_MANY_LOGINS', kind: 'forbidden', zh: '登录尝试过于频繁，请一分钟后再试', en: 'Too many login attempts; wait a minute' },
} as const satisfies Record<string, AppErrorData>;
