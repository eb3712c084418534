/** `report.*`: Statistics by county and the data-quality lists. */
import { roleHas } from '../../domain/permissions';
import { internalDataQualityList, scopedDataQuality } from '../../services/data-quality-list';
import { withoutNames } from '../../services/data-quality-summary';
import { statistics } from '../../services/statistics';
import * as s from '../../contract/schemas';
import { scopedCounties } from '../../services/scope';
import { reportProcedure, router, writeProcedure } from '../trpc';

export const reportRouter = router({
  /** County-limited accounts see their counties only. */
  statistics: reportProcedure
    .input(s.statisticsInput)
    .query(({ ctx, input }) => statistics(ctx, { ...input, counties: scopedCounties(ctx.actor, input.counties) })),
  /**
   * The findings within the account's counties. Residents are named only for accounts that
   * may change registers (they fix the findings); read-only accounts get each resident
   * finding unnamed, so their counts stay right.
   */
  dataQuality: reportProcedure.input(s.dateInput).query(({ ctx, input }) => {
    const items = scopedDataQuality(ctx, input.date);
    return roleHas(ctx.actor.role, 'write') ? items : withoutNames(items);
  }),
  /**
   * 数据质量明细（内部资料）(.xlsx, base64): the named list within the account's scope, for
   * facility managers, section staff and administrators; a mutation because every export is
   * audited.
   */
  dataQualityInternal: writeProcedure.input(s.dateInput).mutation(async ({ ctx, input }) => {
    const r = await internalDataQualityList(ctx, input.date);
    return { fileName: r.fileName, rows: r.rows, base64: r.data.toString('base64') };
  }),
});
