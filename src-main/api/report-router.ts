import { z } from 'zod';
import { roleHas } from '../domain/permissions';
import { listRefusals } from '../services/access-refusals';
import { listAudit } from '../services/audit-log';
import { internalDataQualityList, scopedDataQuality } from '../services/data-quality-list';
import { withoutNames } from '../services/data-quality-summary';
import { deleteTarget, getSettings, listTargets, updateSettings, upsertTarget } from '../services/settings';
import { statistics } from '../services/statistics';
import * as s from '../contract/schemas';
import { scopedCounties } from '../services/scope';
import { adminProcedure, cityManageProcedure, readProcedure, reportProcedure, router, writeProcedure } from './trpc';

const refusalListInput = z
  .object({
    username: z.string().trim().max(50).optional(),
    procedure: z.string().trim().max(100).optional(),
    from: s.isoDate.optional(),
    to: s.isoDate.optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .optional();

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

export const settingsRouter = router({
  get: readProcedure.query(({ ctx }) => getSettings(ctx)),
  update: adminProcedure.input(s.settingsUpdateInput).mutation(({ ctx, input }) => updateSettings(ctx, input)),
  targets: readProcedure.query(({ ctx }) => listTargets(ctx)),
  upsertTarget: cityManageProcedure.input(s.targetUpsertInput).mutation(({ ctx, input }) => upsertTarget(ctx, input)),
  deleteTarget: cityManageProcedure.input(s.targetDeleteInput).mutation(({ ctx, input }) => deleteTarget(ctx, input.id)),
});

export const auditRouter = router({
  list: adminProcedure.input(s.auditListInput).query(({ ctx, input }) => listAudit(ctx, input)),
  /** 拒绝的访问: refused calls counted per account, procedure and hour. */
  refusals: adminProcedure.input(refusalListInput).query(({ ctx, input }) => listRefusals(ctx, input)),
});
