/** `waiting.*`: a facility's admission waiting list (轮候); admission from it is `stay.admit` with `waitingApplicationId`. */
import { waitingAddInput, waitingDefaultsInput, waitingGetInput, waitingListInput, waitingReopenInput, waitingWithdrawInput } from '../../contract/waiting-list';
import { addWaiting, getWaiting, listWaiting, reopenWaiting, waitingDefaults, withdrawWaiting } from '../../services/waiting-list';
import { readProcedure, router, writeProcedure } from '../trpc';

export const waitingRouter = router({
  /** The waiting applications in the list's order (rank 1 is admitted next); closed ones too with status 'all'. */
  list: readProcedure.input(waitingListInput).query(({ ctx, input }) => listWaiting(ctx, input)),
  get: readProcedure.input(waitingGetInput).query(({ ctx, input }) => getWaiting(ctx, input)),
  /** The category and ability level a new application of the resident would get. */
  defaults: readProcedure.input(waitingDefaultsInput).query(({ ctx, input }) => waitingDefaults(ctx, input)),
  add: writeProcedure.input(waitingAddInput).mutation(({ ctx, input }) => addWaiting(ctx, input)),
  withdraw: writeProcedure.input(waitingWithdrawInput).mutation(({ ctx, input }) => withdrawWaiting(ctx, input)),
  reopen: writeProcedure.input(waitingReopenInput).mutation(({ ctx, input }) => reopenWaiting(ctx, input)),
});
