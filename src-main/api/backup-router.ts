/**
 * 备份与恢复: administrators only — a restore replaces everyone's data, and a backup file
 * holds every resident's personal data.
 */
import { endSessions } from '../services/accounts';
import { backupList, createBackup, previewBackup, restoreBackup } from '../services/backups';
import { lockouts } from '../services/login-lockout';
import * as s from './schemas';
import { adminProcedure, router } from './trpc';
import { uploads } from './uploads';

export const backupRouter = router({
  list: adminProcedure.query(({ ctx }) => backupList(ctx)),
  create: adminProcedure.input(s.backupCreateInput).mutation(({ ctx, input }) => createBackup(ctx, input?.folder || undefined)),
  preview: adminProcedure.input(s.backupFileInput).query(({ ctx, input }) => previewBackup(ctx, input.file)),
  /**
   * The restored accounts are not the ones logged in: every session of the database ends
   * (browser mode and the desktop window), uploads and lock-outs (keyed by account id) are
   * dropped, and the restoring window carries on signed out — it logs in again if the restored
   * data has accounts, or acts as the local administrator if it has none.
   */
  restore: adminProcedure.input(s.backupFileInput).mutation(async ({ ctx, input }) => {
    const outcome = await restoreBackup(ctx, input.file);
    endSessions(ctx.db);
    uploads.clear();
    lockouts.clearDatabase(ctx.db.file);
    ctx.auth?.logout();
    return outcome;
  }),
});
