/** The `month` namespace of the api (router.ts). */
import { closeMonth, listMonths, monthReport, monthStatus, reopenMonth, trends } from '../../services/month-close';
import { monthWorkbook } from '../../services/month-export';
import { parseStatPeriod, quarterWorkbook } from '../../services/quarter-export';
import { z } from 'zod';
import * as s from '../../contract/schemas';
import { cityManageProcedure, cityReportProcedure, readProcedure, router } from '../trpc';

export const monthRouter = router({
  list: readProcedure.query(({ ctx }) => listMonths(ctx)),
  status: readProcedure.input(s.monthInput).query(({ ctx, input }) => monthStatus(ctx, input.month)),
  report: cityReportProcedure.input(s.monthInput).query(({ ctx, input }) => monthReport(ctx, input.month)),
  trends: cityReportProcedure.query(({ ctx }) => trends(ctx)),
  close: cityManageProcedure.input(s.monthInput).mutation(({ ctx, input }) => closeMonth(ctx, input.month)),
  reopen: cityManageProcedure.input(s.reopenMonthInput).mutation(({ ctx, input }) => reopenMonth(ctx, input.month, input.reason)),
  /** The workbook as base64, for a download in the renderer. */
  workbook: cityReportProcedure.input(s.monthInput).query(async ({ ctx, input }) => {
    const wb = await monthWorkbook(ctx, input.month);
    return { fileName: wb.fileName, source: wb.source, base64: wb.data.toString('base64') };
  }),
  /** The 季报 ('2026Q3') or 年报 ('2026') workbook from closed snapshots, as base64 (quarter-export.ts). */
  statFormWorkbook: cityReportProcedure.input(z.object({ period: z.string().max(10) })).query(async ({ ctx, input }) => {
    const wb = await quarterWorkbook(ctx, parseStatPeriod(input.period));
    return { fileName: wb.fileName, currentClosed: wb.currentClosed, priorClosed: wb.priorClosed, base64: wb.data.toString('base64') };
  }),
});
