/**
 * Sessions of the browser mode and the desktop window, in memory: a random id (the cookie,
 * or the window's variable) maps to the logged-in account, or to none. A session without an
 * account acts as the local administrator while no account has a password, and as nobody
 * once login is required. Idle sessions lose their account; login and logout rotate the id.
 */
import crypto from 'node:crypto';
import type { AppDb } from '../db/open';
import { IDLE_TIMEOUT_MINUTES } from '../domain/permissions';
import { ANONYMOUS, actorOfUser, loginRequired, userById } from '../services/accounts';
import { localActor } from './router';
import type { Context } from './trpc';

export interface Session {
  id: string;
  userId: number | null;
  lastSeen: number;
  /** The account was dropped for inactivity (told once to the renderer). */
  expired: boolean;
}

export interface SessionOptions {
  /** Who acts in the audit log while login is not required ("browser", "desktop"). */
  via: string;
  idleMs?: number;
  now?: () => number;
  maxSessions?: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly max: number;

  constructor(
    private readonly db: AppDb,
    private readonly opts: SessionOptions,
  ) {
    this.idleMs = opts.idleMs ?? IDLE_TIMEOUT_MINUTES * 60_000;
    this.now = opts.now ?? Date.now;
    this.max = opts.maxSessions ?? 5000;
  }

  create(userId: number | null = null): Session {
    if (this.sessions.size >= this.max) this.prune();
    const s: Session = { id: crypto.randomBytes(32).toString('base64url'), userId, lastSeen: this.now(), expired: false };
    this.sessions.set(s.id, s);
    return s;
  }

  get(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Drops sessions idle for twice the timeout, then the oldest if still too many. */
  private prune(): void {
    const cutoff = this.now() - 2 * this.idleMs;
    for (const [id, s] of this.sessions) if (s.lastSeen < cutoff) this.sessions.delete(id);
    const over = this.sessions.size - this.max + 1;
    if (over > 0) [...this.sessions.keys()].slice(0, over).forEach((id) => this.sessions.delete(id));
  }

  /** The api context of one call in session `s`; `rotated` receives the new id after login/logout. */
  context(s: Session, rotated: (id: string) => void): Context {
    const now = this.now();
    if (s.userId !== null && now - s.lastSeen > this.idleMs) {
      s.userId = null;
      s.expired = true;
    }
    s.lastSeen = now;
    let actor = ANONYMOUS;
    if (s.userId !== null) {
      const u = userById({ db: this.db }, s.userId);
      if (u && u.active) actor = actorOfUser(u);
      else s.userId = null;
    }
    if (s.userId === null && !loginRequired({ db: this.db })) actor = localActor(this.db, this.opts.via);
    const idleExpired = s.expired && s.userId === null;
    const rotate = (userId: number | null) => {
      this.sessions.delete(s.id);
      rotated(this.create(userId).id);
    };
    return {
      db: this.db,
      actor,
      auth: { login: (userId) => rotate(userId), logout: () => rotate(null), idleExpired },
    };
  }
}
