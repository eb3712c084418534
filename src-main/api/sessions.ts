/**
 * Sessions of the browser mode and the desktop window, in memory: a random id (the cookie,
 * or the window's variable) maps to the logged-in account, or to none. A session without an
 * account acts as the local administrator while no account has a password, and as nobody
 * once login is required. Login and logout rotate the id.
 *
 * A session stays attached to its account only while the account is the same one (id, name,
 * creation time, last password change: services/accounts.ts accountBinding), is active, was
 * used within the idle timeout and is younger than the absolute lifetime. A restore ends every
 * session, a password change every session of the account (endSessions in services/accounts.ts).
 *
 * Sessions without an account are capped per client address and in total; making room drops
 * only those, never a logged-in session.
 */
import crypto from 'node:crypto';
import type { AppDb } from '../db/open';
import { IDLE_TIMEOUT_MINUTES } from '../domain/permissions';
import { ANONYMOUS, accountBinding, actorOfUser, loginRequired, registerSessionHolder, userById } from '../services/accounts';
import { localActor } from '../services/local-actor';
import type { Context } from './trpc';

export interface Session {
  id: string;
  userId: number | null;
  /** accountBinding of the account at login; null without an account. */
  binding: string | null;
  /** The client address (browser mode) or 'desktop'. */
  client: string;
  /** When the account logged in (the absolute lifetime counts from here). */
  created: number;
  lastSeen: number;
  /** The account was dropped for inactivity (told once to the renderer). */
  expired: boolean;
}

/** A logged-in session ends this long after login, however busy. */
export const SESSION_LIFETIME_HOURS = 12;
export const ANONYMOUS_PER_CLIENT = 20;
export const ANONYMOUS_TOTAL = 2000;
export const LOGGED_IN_TOTAL = 5000;
/**
 * Logged-in sessions one account keeps (its oldest go first): one password, logged in over
 * and over, cannot push everyone else's sessions out of the total.
 */
export const LOGGED_IN_PER_ACCOUNT = 20;

export interface SessionOptions {
  /** Who acts in the audit log while login is not required ("browser", "desktop"). */
  via: string;
  idleMs?: number;
  /** Absolute lifetime of a logged-in session. */
  lifetimeMs?: number;
  now?: () => number;
  maxSessions?: number;
  maxAnonymousPerClient?: number;
  maxAnonymous?: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly lifetimeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: AppDb,
    private readonly opts: SessionOptions,
  ) {
    this.idleMs = opts.idleMs ?? IDLE_TIMEOUT_MINUTES * 60_000;
    this.lifetimeMs = opts.lifetimeMs ?? SESSION_LIFETIME_HOURS * 3_600_000;
    this.now = opts.now ?? Date.now;
    registerSessionHolder(this);
  }

  /** A stored session: logged in as `userId`, or without an account. */
  create(userId: number | null = null, client = 'local'): Session {
    const u = userId === null ? undefined : userById({ db: this.db }, userId);
    const s = this.unsaved(client);
    if (u) {
      s.userId = u.id;
      s.binding = accountBinding(u);
    }
    this.makeRoom(s);
    this.sessions.set(s.id, s);
    return s;
  }

  /**
   * A session that is not stored: what a cookieless login form works with. Nothing is kept for
   * it unless it logs in (the login rotates it into a stored session).
   */
  unsaved(client: string): Session {
    const now = this.now();
    return { id: crypto.randomBytes(32).toString('base64url'), userId: null, binding: null, client, created: now, lastSeen: now, expired: false };
  }

  get(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** How many sessions are stored, with and without an account (tests, diagnostics). */
  counts(): { loggedIn: number; anonymous: number } {
    let loggedIn = 0;
    for (const s of this.sessions.values()) if (s.userId !== null) loggedIn++;
    return { loggedIn, anonymous: this.sessions.size - loggedIn };
  }

  /** SessionHolder: ends every session of this database, or those of one account. */
  endSessions(file: string, userId?: number): void {
    if (file !== this.db.file) return;
    for (const [id, s] of this.sessions) {
      if (userId !== undefined && s.userId !== userId) continue;
      // A caller holding the object (the desktop window) loses the account as well.
      s.userId = null;
      s.binding = null;
      this.sessions.delete(id);
    }
  }

  private stale(s: Session, now: number): boolean {
    return now - s.lastSeen > this.idleMs || now - s.created > this.lifetimeMs;
  }

  /** Room for `s`: sessions without an account go first (this client's oldest, then the oldest of all). */
  private makeRoom(s: Session): void {
    const now = this.now();
    const anonymous = [...this.sessions.values()].filter((x) => x.userId === null);
    if (s.userId === null) {
      const mine = anonymous.filter((x) => x.client === s.client);
      const perClient = this.opts.maxAnonymousPerClient ?? ANONYMOUS_PER_CLIENT;
      for (const x of mine.slice(0, Math.max(0, mine.length - perClient + 1))) this.sessions.delete(x.id);
      const left = anonymous.filter((x) => this.sessions.has(x.id));
      const total = this.opts.maxAnonymous ?? ANONYMOUS_TOTAL;
      for (const x of left.slice(0, Math.max(0, left.length - total + 1))) this.sessions.delete(x.id);
      return;
    }
    const same = [...this.sessions.values()].filter((x) => x.userId === s.userId && x.id !== s.id);
    for (const x of same.slice(0, Math.max(0, same.length - LOGGED_IN_PER_ACCOUNT + 1))) this.sessions.delete(x.id);
    const max = this.opts.maxSessions ?? LOGGED_IN_TOTAL;
    if (this.sessions.size - anonymous.length < max) return;
    for (const [id, x] of this.sessions) if (x.userId !== null && this.stale(x, now)) this.sessions.delete(id);
    const loggedIn = [...this.sessions.values()].filter((x) => x.userId !== null);
    for (const x of loggedIn.slice(0, Math.max(0, loggedIn.length - max + 1))) this.sessions.delete(x.id);
  }

  /** The api context of one call in session `s`; `rotated` receives the new id after login/logout. */
  context(s: Session, rotated: (id: string) => void): Context {
    const now = this.now();
    if (s.userId !== null && this.stale(s, now)) {
      s.userId = null;
      s.binding = null;
      s.expired = true;
    }
    s.lastSeen = now;
    let actor = ANONYMOUS;
    if (s.userId !== null) {
      const u = userById({ db: this.db }, s.userId);
      if (u && u.active && accountBinding(u) === s.binding) actor = actorOfUser(u);
      else {
        s.userId = null;
        s.binding = null;
      }
    }
    if (s.userId === null && !loginRequired({ db: this.db })) actor = localActor(this.db, this.opts.via);
    const idleExpired = s.expired && s.userId === null;
    const rotate = (userId: number | null) => {
      this.sessions.delete(s.id);
      rotated(this.create(userId, s.client).id);
    };
    return {
      db: this.db,
      actor,
      auth: { login: (userId) => rotate(userId), logout: () => rotate(null), idleExpired, client: s.client },
    };
  }
}
