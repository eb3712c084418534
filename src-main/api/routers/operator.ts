/** `operator.*`: Operators of 公建民营 homes. */
import { createOperator, listOperators, updateOperator } from '../../services/contracts';
import * as s from '../../contract/schemas';
import { manageProcedure, readProcedure, router } from '../trpc';

export const operatorRouter = router({
  list: readProcedure.input(s.operatorListInput).query(({ ctx, input }) => listOperators(ctx, input)),
  create: manageProcedure.input(s.operatorCreateInput).mutation(({ ctx, input }) => createOperator(ctx, input)),
  update: manageProcedure.input(s.operatorUpdateInput).mutation(({ ctx, input }) => updateOperator(ctx, input)),
});
