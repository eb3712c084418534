/** `contract.*`: 公建民营 contracts and their evaluations. */
import { z } from 'zod';
import { addEvaluation, createContract, listContracts, listEvaluations, terminateContract, undoTermination, updateContract } from '../../services/contracts';
import * as s from '../../contract/schemas';
import { readProcedure, router, writeProcedure } from '../trpc';

export const contractRouter = router({
  list: readProcedure.input(s.contractListInput).query(({ ctx, input }) => listContracts(ctx, input)),
  create: writeProcedure.input(s.contractCreateInput).mutation(({ ctx, input }) => createContract(ctx, input)),
  update: writeProcedure.input(s.contractUpdateInput).mutation(({ ctx, input }) => updateContract(ctx, input)),
  terminate: writeProcedure.input(s.contractTerminateInput).mutation(({ ctx, input }) => terminateContract(ctx, input)),
  undoTermination: writeProcedure.input(s.contractUndoTerminationInput).mutation(({ ctx, input }) => undoTermination(ctx, input)),
  evaluations: readProcedure.input(z.object({ id: s.entityId })).query(({ ctx, input }) => listEvaluations(ctx, input.id)),
  addEvaluation: writeProcedure.input(s.evaluationAddInput).mutation(({ ctx, input }) => addEvaluation(ctx, input)),
});
