/**
 * What an api request asks for, read the way tRPC will read it (the same URL, decoded, a
 * batch split on commas), so the server's own checks — batch size, login attempts, heavy
 * procedures, pre-login calls — count exactly the procedures that will run. And the body
 * checked before tRPC sees it: JSON or nothing, never a parser's message or a 500.
 */
import type http from 'node:http';
import type { AppErrorData } from '../domain/errors';
import { MAX_BATCH_SIZE, MAX_JSON_BODY_BYTES, mb } from './limits';

export interface ApiCall {
  /** Procedure paths, one per batch entry. */
  names: string[];
  batch: boolean;
}

/** Calls a browser without a session may make while login is required: the login form's. */
export const PRE_LOGIN_PROCEDURES: ReadonlySet<string> = new Set(['account.status', 'account.login']);

const bad = (code: string, zh: string, en: string): AppErrorData => ({ code, kind: 'validation', zh, en });

export const CALL_REFUSAL = {
  badPath: bad('BAD_PATH', '请求地址不正确', 'Malformed request path'),
  batchTooLarge: bad('BATCH_TOO_LARGE', `一次请求最多包含 ${MAX_BATCH_SIZE} 个操作`, `A batch may hold at most ${MAX_BATCH_SIZE} procedure calls`),
  method: bad('METHOD_NOT_ALLOWED', '不支持的请求方法', 'Unsupported request method'),
  contentType: bad('BAD_CONTENT_TYPE', '请求内容须为 JSON（application/json）', 'The request body must be JSON (application/json)'),
  badJson: bad('BAD_JSON', '请求内容不是有效的 JSON', 'The request body is not valid JSON'),
  badInput: bad('BAD_JSON', '请求参数 input 不是有效的 JSON', 'The input parameter is not valid JSON'),
  tooLarge: {
    code: 'BODY_TOO_LARGE',
    kind: 'validation',
    zh: `请求内容过大（超过 ${mb(MAX_JSON_BODY_BYTES)} MB）；文件请通过上传发送`,
    en: `The request body is too large (over ${mb(MAX_JSON_BODY_BYTES)} MB); send files by upload`,
  },
} as const satisfies Record<string, AppErrorData>;

const trimSlashes = (p: string) => p.replace(/^\//, '').replace(/\/$/, '');

/** The procedures of `/api/<path>` (as tRPC's fetch adapter derives them from the same URL); the batch cap is checked by the caller, after the login limit has counted them. */
export function parseCall(url: URL): ApiCall | AppErrorData {
  const raw = trimSlashes(trimSlashes(url.pathname).slice('api'.length));
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return CALL_REFUSAL.badPath;
  }
  const batch = url.searchParams.get('batch') === '1';
  return { names: batch ? path.split(',') : [path], batch };
}

export const isRefusal = (v: unknown): v is AppErrorData => typeof v === 'object' && v !== null && 'code' in v && 'zh' in v;

export function isJsonContentType(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A GET's `input` parameter, or a POST's body, that tRPC could not parse. */
export function inputProblem(method: string, url: URL, body: string | undefined): AppErrorData | null {
  if (method === 'GET') {
    const input = url.searchParams.get('input');
    return input !== null && input !== '' && !parses(input) ? CALL_REFUSAL.badInput : null;
  }
  return body !== undefined && body !== '' && !parses(body) ? CALL_REFUSAL.badJson : null;
}
