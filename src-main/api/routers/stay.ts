/** `stay.*`: Stays: admission, discharge, transfer and leave. */
import { z } from 'zod';
import { admit, discharge, endLeave, leavesOf, listStays, recordLeave, transfer } from '../../services/stays';
import { correctStay, undoLastMove } from '../../services/stay-corrections';
import * as s from '../../contract/schemas';
import { readProcedure, router, writeProcedure } from '../trpc';

export const stayRouter = router({
  list: readProcedure.input(s.stayListInput).query(({ ctx, input }) => listStays(ctx, input)),
  leaves: readProcedure.input(z.object({ stayId: s.entityId })).query(({ ctx, input }) => leavesOf(ctx, input.stayId)),
  admit: writeProcedure.input(s.admitInput).mutation(({ ctx, input }) => admit(ctx, input)),
  discharge: writeProcedure.input(s.dischargeInput).mutation(({ ctx, input }) => discharge(ctx, input)),
  transfer: writeProcedure.input(s.transferInput).mutation(({ ctx, input }) => transfer(ctx, input)),
  recordLeave: writeProcedure.input(s.recordLeaveInput).mutation(({ ctx, input }) => recordLeave(ctx, input)),
  endLeave: writeProcedure.input(s.endLeaveInput).mutation(({ ctx, input }) => endLeave(ctx, input)),
  correct: writeProcedure.input(s.stayCorrectInput).mutation(({ ctx, input }) => correctStay(ctx, input)),
  undoLastMove: writeProcedure.input(s.undoLastMoveInput).mutation(({ ctx, input }) => undoLastMove(ctx, input)),
});
