/**
 * The one way the renderer reaches the api. In the desktop app the preload exposes
 * `window.eldercare.call` (IPC); in browser mode requests go to /api on the same origin.
 * Pages do not know the difference.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '../../../src-main/api/router';

export type { AppRouter };

interface DesktopBridge {
  call(request: { path: string; type: 'query' | 'mutation'; input: unknown }): Promise<{ ok: true; data: unknown } | { ok: false; error: unknown }>;
}

declare global {
  interface Window {
    eldercare?: DesktopBridge;
  }
}

function ipcLink(bridge: DesktopBridge): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type === 'subscription') {
          observer.error(new TRPCClientError('Subscriptions are not supported'));
          return;
        }
        bridge
          .call({ path: op.path, type: op.type, input: op.input })
          .then((reply) => {
            if (reply.ok) {
              observer.next({ result: { type: 'data', data: reply.data } });
              observer.complete();
            } else {
              observer.error(TRPCClientError.from({ error: reply.error as never }));
            }
          })
          .catch((e: unknown) => observer.error(TRPCClientError.from(e instanceof Error ? e : new Error(String(e)))));
      });
}

const links: TRPCLink<AppRouter>[] = window.eldercare
  ? [ipcLink(window.eldercare)]
  : [httpBatchLink({ url: '/api', headers: { 'x-eldercare-client': '1' }, maxItems: 10 })];

export const api = createTRPCClient<AppRouter>({ links });

export interface ApiErrorInfo {
  code: string;
  field?: string;
  zh: string;
  en: string;
  /** The record the refusal is about, when the account may see it (ID_NUMBER_TAKEN: the resident holding the number). */
  ref?: { entity: 'resident'; id: number; name: string };
}

/** The user-facing error of a failed call, in both languages. */
export function apiError(e: unknown): ApiErrorInfo {
  if (e instanceof TRPCClientError) {
    const app = (e.data as { app?: ApiErrorInfo } | undefined)?.app;
    if (app) return app;
    return { code: 'NETWORK', zh: `无法连接服务：${e.message}`, en: e.message };
  }
  // A refused upload (api/upload.ts) carries the server's message already.
  const info = (e as { info?: ApiErrorInfo } | null)?.info;
  if (info && typeof info.zh === 'string') return info;
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'UNKNOWN', zh: msg, en: msg };
}
