/** `account.*`: Login state, login and logout, one's own password, the first administrator. */
import { actorOfUser, changePassword, endSessions, login, loginRequired, me, recordLogout, setupAdmin } from '../../services/accounts';
import { todayIso } from '../../domain/dates';
import { installKeeps } from '../../domain/install-place';
import { readIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import type { Actor } from '../../services/context';
import { IDLE_TIMEOUT_MINUTES } from '../../domain/permissions';
import * as a from '../../contract/account-schemas';
import { adminProcedure, publicProcedure, router, sessionProcedure } from '../trpc';

/** The account, and what this install keeps (the screens offer only those edits). */
function meHere(ctx: { actor: Actor; db: AppDb }) {
  return { ...me(ctx.actor), install: installKeeps(readIdentity(ctx.db.sqlite)?.level ?? 'city') };
}

export const accountRouter = router({
  /** Whether login is required and who is acting; answers before login. */
  status: publicProcedure.query(({ ctx }) => ({
    loginRequired: loginRequired(ctx),
    idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES,
    idleExpired: ctx.auth?.idleExpired === true,
    me: meHere(ctx),
    /** The server's today (the one clock, ELDERCARE_TODAY when set): the renderer's default dates follow it. */
    today: todayIso(),
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
  me: sessionProcedure.query(({ ctx }) => meHere(ctx)),
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
