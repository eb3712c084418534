/**
 * Lock-out after repeated wrong passwords, per account AND client address: five failures from
 * one address pause that address's logins to the account for 15 minutes, while the account's
 * owner elsewhere (another PC, loopback, the desktop window) logs in as usual — so nobody can
 * lock the administrator out from the LAN.
 *
 * Kept in memory (bounded; the database has no per-address column and this round adds no
 * migration). The users table's failed_logins / locked_until only show the administrator
 * that someone is locked out. An entry is void once the account's password changed (so a
 * `reset-password` from the CLI, in another process, unlocks too); an administrator's unlock
 * clears the account's entries, a restore those of the whole database.
 */
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../domain/permissions';

/** Whose logins from where: the database file, the account (id and creation time, so a restored row with the same id is someone else), the client address. */
export interface LockoutKey {
  file: string;
  userId: number;
  createdAt: string;
  client: string;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  /** The account's password_changed_at when the failures were counted. */
  stamp: string;
}

export const MAX_LOCKOUT_ENTRIES = 10_000;
const SEP = '\u0000';

const accountPrefix = (file: string, userId: number) => `${file}${SEP}${userId}${SEP}`;
const keyOf = (k: LockoutKey) => `${accountPrefix(k.file, k.userId)}${k.createdAt}${SEP}${k.client}`;

export class LoginLockout {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly max = MAX_LOCKOUT_ENTRIES) {}

  private current(key: string, stamp: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.stamp !== stamp) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  isLocked(k: LockoutKey, stamp: string, now: number): boolean {
    const e = this.current(keyOf(k), stamp);
    return e !== undefined && e.lockedUntil > now;
  }

  /** Counts a wrong password; the MAX_FAILED_LOGINS-th in a row locks this client out. */
  recordFailure(k: LockoutKey, stamp: string, now: number): { failures: number; lockedUntil: number | null } {
    const key = keyOf(k);
    const prev = this.current(key, stamp);
    const failures = (prev?.failures ?? 0) + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    const entry: Entry = { failures: lock ? 0 : failures, lockedUntil: lock ? now + LOCKOUT_MINUTES * 60_000 : 0, stamp };
    this.entries.delete(key);
    this.makeRoom(now);
    this.entries.set(key, entry);
    return { failures, lockedUntil: lock ? entry.lockedUntil : null };
  }

  /** A successful login from this client. */
  succeeded(k: LockoutKey): void {
    this.entries.delete(keyOf(k));
  }

  /** An administrator unlocked the account, or reset its password: every client may try again. */
  clearAccount(file: string, userId: number): void {
    const prefix = accountPrefix(file, userId);
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** The database was replaced (restore): its accounts are not the ones counted. */
  clearDatabase(file: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${file}${SEP}`)) this.entries.delete(key);
  }

  /** Bounded: first drop entries that lock nobody, then the oldest. */
  private makeRoom(now: number): void {
    if (this.entries.size < this.max) return;
    for (const [key, e] of this.entries) if (e.lockedUntil <= now) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.max) break;
      this.entries.delete(key);
    }
  }
}

/** The one book of this process (browser-mode server, desktop window, CLI). */
export const lockouts = new LoginLockout();
