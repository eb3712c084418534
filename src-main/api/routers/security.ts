/** `security.*`: Browser-mode security settings, the LAN certificate, and the recovery key shown once. */
import { securitySettings, updateSecurity } from '../../services/accounts';
import { acknowledgeRecoveryKey, recoveryKeyStatus } from '../../services/recovery-key';
import * as a from '../../contract/account-schemas';
import { adminProcedure, router, type TlsInfo } from '../trpc';

/** The HTTPS certificate of the server answering this call (M11); not enabled in the desktop window or on 127.0.0.1 alone. */
function tlsStatus(tls: TlsInfo | undefined) {
  if (!tls) return { enabled: false as const, fingerprintSha256: null, subject: null, validFrom: null, validTo: null, altNames: [] as string[], source: null };
  return { enabled: true as const, ...tls };
}

export const securityRouter = router({
  get: adminProcedure.query(({ ctx }) => securitySettings(ctx)),
  /** Shown beside the LAN switch, so colleagues can check the fingerprint their browser shows. */
  tls: adminProcedure.query(({ ctx }) => tlsStatus(ctx.tls)),
  update: adminProcedure.input(a.securityUpdateInput).mutation(({ ctx, input }) => updateSecurity(ctx, input)),
  /** The recovery key to print, while this key's has not been confirmed as printed (services/recovery-key.ts). */
  recoveryKey: adminProcedure.query(({ ctx }) => recoveryKeyStatus(ctx)),
  /** Printed and locked away: the recovery key is not sent again. */
  acknowledgeRecoveryKey: adminProcedure.mutation(({ ctx }) => acknowledgeRecoveryKey(ctx)),
});
