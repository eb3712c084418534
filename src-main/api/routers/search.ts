/** `search.*`: the header search across facilities, residents and operators, within the account's scope. */
import { searchAll } from '../../services/search';
import * as s from '../../contract/schemas';
import { readProcedure, router } from '../trpc';

export const searchRouter = router({
  all: readProcedure.input(s.searchAllInput).query(({ ctx, input }) => searchAll(ctx, input)),
});
