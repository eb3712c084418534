/**
 * The `form` namespace of the api (router.ts): printed forms (domain/printed-form.ts) for the
 * renderer's print page, and each as an xlsx workbook (services/form-xlsx.ts, base64 for a
 * download): the month report, a facility's bed and resident lists, a county's summary.
 */
import * as s from '../../contract/schemas';
import { todayIso } from '../../domain/dates';
import type { PrintedForm } from '../../domain/printed-form';
import { countySummaryForm } from '../../services/county-form';
import { facilityBedsForm, facilityResidentsForm } from '../../services/facility-forms';
import { formXlsxBuffer } from '../../services/form-xlsx';
import { monthForm } from '../../services/month-form';
import { monthWorkbook } from '../../services/month-export';
import { cityReportProcedure, readProcedure, reportProcedure, router } from '../trpc';

async function xlsx(form: PrintedForm) {
  return { fileName: form.fileName, base64: (await formXlsxBuffer(form)).toString('base64') };
}

export const formRouter = router({
  month: cityReportProcedure.input(s.monthInput).query(({ ctx, input }) => monthForm(ctx, input.month)),
  monthXlsx: cityReportProcedure.input(s.monthInput).query(async ({ ctx, input }) => {
    const wb = await monthWorkbook(ctx, input.month);
    return { fileName: wb.fileName, base64: wb.data.toString('base64') };
  }),
  /**
   * 床位一览表 and 在住老人名单 (内部资料): for whoever sees the facility's residents on screen
   * (read, the facility in scope). Queries, as resident.list is, though each call writes an
   * audit row: a read-only account calls no mutation (tests/security/c1-mask-candidates.test.ts).
   */
  facilityBeds: readProcedure.input(s.facilityFormInput).query(({ ctx, input }) => facilityBedsForm(ctx, input.facilityId, input.date ?? todayIso())),
  facilityBedsXlsx: readProcedure.input(s.facilityFormInput).query(({ ctx, input }) => xlsx(facilityBedsForm(ctx, input.facilityId, input.date ?? todayIso()))),
  facilityResidents: readProcedure.input(s.facilityFormInput).query(({ ctx, input }) => facilityResidentsForm(ctx, input.facilityId, input.date ?? todayIso())),
  facilityResidentsXlsx: readProcedure.input(s.facilityFormInput).query(({ ctx, input }) => xlsx(facilityResidentsForm(ctx, input.facilityId, input.date ?? todayIso()))),
  /** A county's one-page summary from the month report as reported; the county within the account's scope. */
  county: reportProcedure.input(s.countyFormInput).query(({ ctx, input }) => countySummaryForm(ctx, input.regionCode, input.month)),
  countyXlsx: reportProcedure.input(s.countyFormInput).query(({ ctx, input }) => xlsx(countySummaryForm(ctx, input.regionCode, input.month))),
});
