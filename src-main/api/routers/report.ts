/** `report.*`: Statistics by county and the data-quality lists. */
import { dataQualityList, internalDataQualityList } from '../../services/data-quality-list';
import { statistics } from '../../services/statistics';
import { getSettings } from '../../services/settings';
import { firstRunChecklist } from '../../db/queries/first-run';
import * as s from '../../contract/schemas';
import { reportProcedure, router, writeProcedure } from '../trpc';

export const reportRouter = router({
  /** County-limited accounts see their counties only. */
  statistics: reportProcedure.input(s.statisticsInput).query(({ ctx, input }) => statistics(ctx, input)),
  /** The findings within the account's counties; residents named only for accounts that may write. */
  dataQuality: reportProcedure.input(s.dateInput).query(({ ctx, input }) => dataQualityList(ctx, input.date)),
  /**
   * 数据质量明细（内部资料）(.xlsx, base64): the named list within the account's scope, for
   * facility managers, section staff and administrators; a mutation because every export is
   * audited.
   */
  dataQualityInternal: writeProcedure.input(s.dateInput).mutation(async ({ ctx, input }) => {
    const r = await internalDataQualityList(ctx, input.date);
    return { fileName: r.fileName, rows: r.rows, base64: r.data.toString('base64') };
  }),
  /** The first-run checklist (单位信息 → 人口 → 机构与床位 → 老人与入住 → 关账): each step done or not, as of the reporting date's year. */
  checklist: reportProcedure
    .input(s.dateInput)
    .query(({ ctx, input }) => firstRunChecklist(ctx.db.sqlite, getSettings(ctx).homeRegion, Number(input.date.slice(0, 4)))),
});
