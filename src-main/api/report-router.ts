import { listAudit } from '../services/audit-log';
import { dataQuality } from '../services/data-quality';
import { deleteTarget, getSettings, listTargets, updateSettings, upsertTarget } from '../services/settings';
import { statistics } from '../services/statistics';
import * as s from './schemas';
import { readProcedure, router, writeProcedure } from './trpc';

export const reportRouter = router({
  statistics: readProcedure.input(s.statisticsInput).query(({ ctx, input }) => statistics(ctx, input)),
  dataQuality: readProcedure.input(s.dateInput).query(({ ctx, input }) => dataQuality(ctx, input.date)),
});

export const settingsRouter = router({
  get: readProcedure.query(({ ctx }) => getSettings(ctx)),
  update: writeProcedure.input(s.settingsUpdateInput).mutation(({ ctx, input }) => updateSettings(ctx, input)),
  targets: readProcedure.query(({ ctx }) => listTargets(ctx)),
  upsertTarget: writeProcedure.input(s.targetUpsertInput).mutation(({ ctx, input }) => upsertTarget(ctx, input)),
  deleteTarget: writeProcedure.input(s.targetDeleteInput).mutation(({ ctx, input }) => deleteTarget(ctx, input.id)),
});

export const auditRouter = router({
  list: readProcedure.input(s.auditListInput).query(({ ctx, input }) => listAudit(ctx, input)),
});
