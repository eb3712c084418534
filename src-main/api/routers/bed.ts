/** `bed.*`: Beds: the board, adding, retiring, correcting. */
import { addBeds, bedBoard, retireBeds, updateBed } from '../../services/beds';
import { correctBed } from '../../services/bed-corrections';
import * as s from '../../contract/schemas';
import { readProcedure, router, writeProcedure } from '../trpc';

export const bedRouter = router({
  board: readProcedure.input(s.bedListInput).query(({ ctx, input }) => bedBoard(ctx, input)),
  add: writeProcedure.input(s.addBedsInput).mutation(({ ctx, input }) => addBeds(ctx, input)),
  retire: writeProcedure.input(s.retireBedsInput).mutation(({ ctx, input }) => retireBeds(ctx, input)),
  update: writeProcedure.input(s.updateBedInput).mutation(({ ctx, input }) => updateBed(ctx, input)),
  correct: writeProcedure.input(s.correctBedInput).mutation(({ ctx, input }) => correctBed(ctx, input)),
});
