/**
 * The `form` namespace of the api (router.ts): printed forms (domain/printed-form.ts) for the
 * renderer's print page — the month report here; the per-facility and per-county printouts
 * beside it.
 */
import * as s from '../../contract/schemas';
import { todayIso } from '../../domain/dates';
import { countySummaryForm } from '../../services/county-form';
import { facilityBedsForm, facilityResidentsForm } from '../../services/facility-forms';
import { monthForm } from '../../services/month-form';
import { cityReportProcedure, readProcedure, reportProcedure, router } from '../trpc';

export const formRouter = router({
  month: cityReportProcedure.input(s.monthInput).query(({ ctx, input }) => monthForm(ctx, input.month)),
  /**
   * 床位一览表 and 在住老人名单 (内部资料): for whoever sees the facility's residents on screen
   * (read, the facility in scope). Queries, as resident.list is, though each call writes an
   * audit row: a read-only account calls no mutation (tests/security/c1-mask-candidates.test.ts).
   */
  facilityBeds: readProcedure.input(s.facilityFormInput).query(({ ctx, input }) => facilityBedsForm(ctx, input.facilityId, input.date ?? todayIso())),
  facilityResidents: readProcedure.input(s.facilityFormInput).query(({ ctx, input }) => facilityResidentsForm(ctx, input.facilityId, input.date ?? todayIso())),
  /** A county's one-page summary from the month report as reported; the county within the account's scope. */
  county: reportProcedure.input(s.countyFormInput).query(({ ctx, input }) => countySummaryForm(ctx, input.regionCode, input.month)),
});
