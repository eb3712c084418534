/**
 * Accounts: login state, login and logout, own password, the first administrator; the
 * administrator's account list; browser-mode security settings; the recovery key shown once.
 */
import {
  actorOfUser,
  changePassword,
  createUser,
  endSessions,
  listUsers,
  login,
  loginRequired,
  me,
  recordLogout,
  resetPassword,
  securitySettings,
  setupAdmin,
  unlockUser,
  updateSecurity,
  updateUser,
} from '../services/accounts';
import { acknowledgeRecoveryKey, recoveryKeyStatus } from '../services/recovery-key';
import { IDLE_TIMEOUT_MINUTES } from '../domain/permissions';
import { z } from 'zod';
import * as a from '../contract/account-schemas';
import { entityId } from '../contract/schemas';
import { adminProcedure, publicProcedure, router, sessionProcedure, type TlsInfo } from './trpc';

export const accountRouter = router({
  /** Whether login is required and who is acting; answers before login. */
  status: publicProcedure.query(({ ctx }) => ({
    loginRequired: loginRequired(ctx),
    idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES,
    idleExpired: ctx.auth?.idleExpired === true,
    me: me(ctx.actor),
  })),
  login: publicProcedure.input(a.loginInput).mutation(async ({ ctx, input }) => {
    const u = await login(ctx, input.username, input.password, { client: ctx.auth?.client });
    ctx.auth?.login(u.id);
    return me(actorOfUser(u));
  }),
  logout: publicProcedure.mutation(({ ctx }) => {
    recordLogout(ctx);
    ctx.auth?.logout();
    return { ok: true };
  }),
  me: sessionProcedure.query(({ ctx }) => me(ctx.actor)),
  /** Ends the account's other sessions; this one carries on under a new id. */
  changePassword: sessionProcedure.input(a.changePasswordInput).mutation(async ({ ctx, input }) => {
    const r = await changePassword(ctx, input.current, input.next);
    if (ctx.actor.userId !== null) {
      endSessions(ctx.db, ctx.actor.userId);
      ctx.auth?.login(ctx.actor.userId);
    }
    return r;
  }),
  /** The first administrator with a password; from then on everyone logs in. */
  setupAdmin: adminProcedure.input(a.setupAdminInput).mutation(({ ctx, input }) => {
    const u = setupAdmin(ctx, input);
    ctx.auth?.login(u.id);
    return u;
  }),
});

export const userRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx)),
  create: adminProcedure.input(a.userCreateInput).mutation(({ ctx, input }) => createUser(ctx, input)),
  update: adminProcedure.input(a.userUpdateInput).mutation(({ ctx, input }) => updateUser(ctx, input)),
  /** Ends every session of the account (the administrator's own carries on when it is theirs). */
  resetPassword: adminProcedure.input(a.resetPasswordInput).mutation(({ ctx, input }) => {
    const r = resetPassword(ctx, input.id, input.password);
    endSessions(ctx.db, input.id);
    if (input.id === ctx.actor.userId) ctx.auth?.login(input.id);
    return r;
  }),
  unlock: adminProcedure.input(z.object({ id: entityId })).mutation(({ ctx, input }) => unlockUser(ctx, input.id)),
});

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
