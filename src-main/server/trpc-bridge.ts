/**
 * Runs one api request through tRPC's fetch adapter with a body the server has already read
 * and checked (api-call.ts, limits.ts), and collects the whole answer before it is written:
 * when `callRouter` resolves, every procedure of the request has finished — which is when
 * the heavy-procedure gate may open again, even if the client went away meanwhile.
 */
import type http from 'node:http';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../api/router';
import type { Context } from '../api/trpc';
import { MAX_BATCH_SIZE } from './limits';

export interface RouterAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

const FORWARDED_HEADERS = ['content-type', 'accept', 'trpc-accept'] as const;

export async function callRouter(
  req: http.IncomingMessage,
  url: URL,
  body: string | undefined,
  createContext: (resHeaders: Headers) => Context,
): Promise<RouterAnswer> {
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const v = req.headers[name];
    if (typeof v === 'string') headers.set(name, v);
  }
  const method = req.method ?? 'GET';
  const request = new Request(url, { method, headers, body: method === 'POST' ? (body ?? '') : undefined });
  const response = await fetchRequestHandler({
    router: appRouter,
    req: request,
    endpoint: '/api',
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createContext(resHeaders),
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

export function sendAnswer(res: http.ServerResponse, answer: RouterAnswer): void {
  if (res.destroyed) return;
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.statusCode = answer.status;
  res.end(answer.body);
}
