/**
 * Whether a request from another PC is answered, decided per request from the current
 * security settings (security review L2): turning LAN access off takes effect at once, not at
 * the next `npm run serve`. A request from this PC itself (any loopback address) is never
 * refused here.
 */
import type { AppErrorData } from '../domain/errors';
import { REFUSAL } from './responses';

export const LAN_REFUSAL = {
  lanOff: { code: 'LAN_OFF', kind: 'forbidden', zh: '局域网访问已关闭', en: 'LAN access is turned off' },
} as const satisfies Record<string, AppErrorData>;

/** What `securitySettings` returns: the state the answer depends on. */
export interface LanState {
  lanEnabled: boolean;
  loginRequired: boolean;
}

/** 127.0.0.0/8 and ::1, plain or IPv4-mapped: only this PC can send from them. */
export function isLoopbackAddress(addr: string | undefined): boolean {
  if (addr === undefined) return false;
  const v4 = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The refusal for a request from `remoteAddress`, or null when it may go on (403 either way). */
export function lanRefusal(remoteAddress: string | undefined, state: LanState): AppErrorData | null {
  if (isLoopbackAddress(remoteAddress)) return null;
  if (!state.loginRequired) return REFUSAL.lanNeedsLogin;
  if (!state.lanEnabled) return LAN_REFUSAL.lanOff;
  return null;
}
