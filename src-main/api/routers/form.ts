/**
 * The `form` namespace of the api (router.ts): printed forms (domain/printed-form.ts) for the
 * renderer's print page — the month report here; the per-facility and per-county printouts
 * beside it.
 */
import * as s from '../../contract/schemas';
import { monthForm } from '../../services/month-form';
import { monthWorkbook } from '../../services/month-export';
import { cityReportProcedure, router } from '../trpc';

export const formRouter = router({
  month: cityReportProcedure.input(s.monthInput).query(({ ctx, input }) => monthForm(ctx, input.month)),
  /** The month form as an xlsx workbook (services/form-xlsx.ts), base64 for a download. */
  monthXlsx: cityReportProcedure.input(s.monthInput).query(async ({ ctx, input }) => {
    const wb = await monthWorkbook(ctx, input.month);
    return { fileName: wb.fileName, base64: wb.data.toString('base64') };
  }),
});
