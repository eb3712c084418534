/**
 * Login attempts per client address: a sliding one-minute window. Counted by the procedure
 * names a request really calls (decoded, each entry of a batch), so neither `account.%6Cogin`
 * nor a batch of fifty logins gets past it; password checks (the current password of
 * account.changePassword) count as attempts too.
 */
export const LOGIN_RATE_LIMIT = 10;
export const LOGIN_LIKE_PROCEDURES: ReadonlySet<string> = new Set(['account.login', 'account.changePassword']);
const WINDOW_MS = 60_000;
const MAX_CLIENTS = 10_000;

export class LoginLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Takes `count` attempts for `client`, all or none: a request that would pass the limit runs nothing. */
  allow(client: string, count: number): boolean {
    if (count === 0) return true;
    const now = this.now();
    const recent = (this.hits.get(client) ?? []).filter((t) => now - t < WINDOW_MS);
    this.hits.delete(client);
    if (recent.length + count > LOGIN_RATE_LIMIT) {
      this.hits.set(client, recent);
      return false;
    }
    for (let i = 0; i < count; i++) recent.push(now);
    this.makeRoom(now);
    this.hits.set(client, recent);
    return true;
  }

  /** Bounded: clients whose window is empty go first, then the least recent. */
  private makeRoom(now: number): void {
    if (this.hits.size < MAX_CLIENTS) return;
    for (const [k, v] of this.hits) if (v.every((t) => now - t >= WINDOW_MS)) this.hits.delete(k);
    for (const k of this.hits.keys()) {
      if (this.hits.size < MAX_CLIENTS) break;
      this.hits.delete(k);
    }
  }
}
