import { closeMonth, listMonths, monthReport, monthStatus, reopenMonth, trends } from '../services/month-close';
import { monthWorkbook } from '../services/month-export';
import * as s from './schemas';
import { readProcedure, router, writeProcedure } from './trpc';

export const monthRouter = router({
  list: readProcedure.query(({ ctx }) => listMonths(ctx)),
  status: readProcedure.input(s.monthInput).query(({ ctx, input }) => monthStatus(ctx, input.month)),
  report: readProcedure.input(s.monthInput).query(({ ctx, input }) => monthReport(ctx, input.month)),
  trends: readProcedure.query(({ ctx }) => trends(ctx)),
  close: writeProcedure.input(s.monthInput).mutation(({ ctx, input }) => closeMonth(ctx, input.month)),
  reopen: writeProcedure.input(s.reopenMonthInput).mutation(({ ctx, input }) => reopenMonth(ctx, input.month, input.reason)),
  /** The workbook as base64, for a download in the renderer. */
  workbook: readProcedure.input(s.monthInput).query(async ({ ctx, input }) => {
    const wb = await monthWorkbook(ctx, input.month);
    return { fileName: wb.fileName, source: wb.source, base64: wb.data.toString('base64') };
  }),
});
