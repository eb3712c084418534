/**
 * The recovery key shown once at set-up: the database key written for paper (db-key.ts), for
 * an administrator to print and keep in the office safe. It is offered while this database's
 * settings row `_recoveryKeyShownFor` does not name the key the store is open with (by its
 * fingerprint, which is not secret); once an administrator confirms it is printed, the row is
 * written, audited, and the key is never sent again. A new key (a re-keyed or recovered store)
 * has another fingerprint, so its recovery key is offered afresh. An in-memory store has no key.
 */
import { eq } from 'drizzle-orm';
import { keyFingerprint, recoveryKeyOf } from '../db/db-key';
import { settings } from '../db/schema';
import { audit, write, type ServiceContext } from './context';
import { INSTALL } from '../domain/ownership';

/** An internal settings row (outside SETTINGS_SCHEMA, like `_defaultTargetsSeeded`). */
export const RECOVERY_KEY_SHOWN_FOR = '_recoveryKeyShownFor';

export interface RecoveryKeyStatus {
  /** The recovery key of the current key has not been confirmed as printed yet. */
  pending: boolean;
  /** The recovery key (57 characters in groups of 5), only while pending. */
  recoveryKey: string | null;
  /** The key's fingerprint (密钥编号), to tell which paper belongs to which key. */
  keyId: string | null;
}

function shownFor(ctx: ServiceContext): string | null {
  const row = ctx.db.orm.select({ value: settings.value }).from(settings).where(eq(settings.key, RECOVERY_KEY_SHOWN_FOR)).get();
  if (!row) return null;
  try {
    const v: unknown = JSON.parse(row.value);
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function recoveryKeyStatus(ctx: ServiceContext): RecoveryKeyStatus {
  const key = ctx.db.key;
  if (!key) return { pending: false, recoveryKey: null, keyId: null };
  const keyId = keyFingerprint(key);
  if (shownFor(ctx) === keyId) return { pending: false, recoveryKey: null, keyId };
  return { pending: true, recoveryKey: recoveryKeyOf(key), keyId };
}

/** The administrator has printed (or copied) the recovery key: it is not shown again. Idempotent. */
export function acknowledgeRecoveryKey(ctx: ServiceContext): RecoveryKeyStatus {
  const key = ctx.db.key;
  if (!key) return recoveryKeyStatus(ctx);
  const keyId = keyFingerprint(key);
  write(ctx, INSTALL, (tx) => {
    const before = shownFor(ctx);
    if (before === keyId) return;
    const value = JSON.stringify(keyId);
    tx.insert(settings)
      .values({ key: RECOVERY_KEY_SHOWN_FOR, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } })
      .run();
    // The fingerprints only: the key itself never goes into the audit log.
    audit(tx, ctx.actor, 'security.recoveryKeyAcknowledged', 'settings', RECOVERY_KEY_SHOWN_FOR, before === null ? null : { keyId: before }, { keyId });
  });
  return recoveryKeyStatus(ctx);
}
