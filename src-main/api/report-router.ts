import { z } from 'zod';
import { listRefusals } from '../services/access-refusals';
import { listAudit } from '../services/audit-log';
import { dataQuality } from '../services/data-quality';
import { deleteTarget, getSettings, listTargets, updateSettings, upsertTarget } from '../services/settings';
import { statistics } from '../services/statistics';
import * as s from './schemas';
import { scopedCounties, scopeOf } from '../services/scope';
import { adminProcedure, cityManageProcedure, readProcedure, reportProcedure, router } from './trpc';

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
  dataQuality: reportProcedure.input(s.dateInput).query(({ ctx, input }) => {
    const items = dataQuality(ctx, input.date);
    const scope = scopeOf(ctx.actor);
    return scope.kind === 'counties' ? items.filter((i) => i.regionCode !== null && scope.counties.includes(i.regionCode)) : items;
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
