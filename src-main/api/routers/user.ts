/** `user.*`: The administrator's account list: create, update, reset a password, unlock. */
import { createUser, endSessions, listUsers, resetPassword, unlockUser, updateUser } from '../../services/accounts';
import { z } from 'zod';
import * as a from '../../contract/account-schemas';
import { entityId } from '../../contract/schemas';
import { adminProcedure, router } from '../trpc';

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
