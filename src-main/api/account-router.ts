/**
 * Accounts: login state, login and logout, own password, the first administrator; the
 * administrator's account list; browser-mode security settings.
 */
import {
  actorOfUser,
  changePassword,
  createUser,
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
import { IDLE_TIMEOUT_MINUTES } from '../domain/permissions';
import { z } from 'zod';
import * as a from './account-schemas';
import { entityId } from './schemas';
import { adminProcedure, publicProcedure, router, sessionProcedure } from './trpc';

export const accountRouter = router({
  /** Whether login is required and who is acting; answers before login. */
  status: publicProcedure.query(({ ctx }) => ({
    loginRequired: loginRequired(ctx),
    idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES,
    idleExpired: ctx.auth?.idleExpired === true,
    me: me(ctx.actor),
  })),
  login: publicProcedure.input(a.loginInput).mutation(({ ctx, input }) => {
    const u = login(ctx, input.username, input.password);
    ctx.auth?.login(u.id);
    return me(actorOfUser(u));
  }),
  logout: publicProcedure.mutation(({ ctx }) => {
    recordLogout(ctx);
    ctx.auth?.logout();
    return { ok: true };
  }),
  me: sessionProcedure.query(({ ctx }) => me(ctx.actor)),
  changePassword: sessionProcedure.input(a.changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, input.current, input.next)),
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
  resetPassword: adminProcedure.input(a.resetPasswordInput).mutation(({ ctx, input }) => resetPassword(ctx, input.id, input.password)),
  unlock: adminProcedure.input(z.object({ id: entityId })).mutation(({ ctx, input }) => unlockUser(ctx, input.id)),
});

export const securityRouter = router({
  get: adminProcedure.query(({ ctx }) => securitySettings(ctx)),
  update: adminProcedure.input(a.securityUpdateInput).mutation(({ ctx, input }) => updateSecurity(ctx, input)),
});
