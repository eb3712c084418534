/** `settings.*`: Administrator settings and plan targets. */
import { deleteTarget, getSettings, listTargets, updateSettings, upsertTarget } from '../../services/settings';
import * as s from '../../contract/schemas';
import { adminProcedure, cityManageProcedure, readProcedure, router } from '../trpc';

export const settingsRouter = router({
  get: readProcedure.query(({ ctx }) => getSettings(ctx)),
  update: adminProcedure.input(s.settingsUpdateInput).mutation(({ ctx, input }) => updateSettings(ctx, input)),
  targets: readProcedure.query(({ ctx }) => listTargets(ctx)),
  upsertTarget: cityManageProcedure.input(s.targetUpsertInput).mutation(({ ctx, input }) => upsertTarget(ctx, input)),
  deleteTarget: cityManageProcedure.input(s.targetDeleteInput).mutation(({ ctx, input }) => deleteTarget(ctx, input.id)),
});
