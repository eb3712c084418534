/**
 * One call of the router by path, for transports that are not HTTP (the desktop IPC).
 * The reply carries either the data or the same error shape the HTTP adapter sends.
 */
import { callTRPCProcedure, getTRPCErrorShape, getTRPCErrorFromUnknown } from '@trpc/server';
import { appRouter } from './router';
import type { Context } from './trpc';

export interface ApiRequest {
  path: string;
  type: 'query' | 'mutation';
  input: unknown;
}

export type ApiReply = { ok: true; data: unknown } | { ok: false; error: unknown };

export function isApiRequest(v: unknown): v is ApiRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.path === 'string' && r.path.length < 200 && (r.type === 'query' || r.type === 'mutation');
}

export async function dispatch(ctx: Context, req: ApiRequest): Promise<ApiReply> {
  try {
    const data = await callTRPCProcedure({
      router: appRouter,
      path: req.path,
      getRawInput: async () => req.input,
      ctx,
      type: req.type,
      signal: undefined,
      batchIndex: 0,
    });
    return { ok: true, data };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    const shape = getTRPCErrorShape({
      config: appRouter._def._config,
      error,
      type: req.type,
      path: req.path,
      input: req.input,
      ctx,
    });
    return { ok: false, error: shape };
  }
}
