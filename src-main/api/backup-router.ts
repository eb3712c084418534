/**
 * 备份与恢复: administrators only — a restore replaces everyone's data, and a backup file
 * holds every resident's personal data.
 */
import { backupList, createBackup, previewBackup, restoreBackup } from '../services/backups';
import * as s from './schemas';
import { adminProcedure, router } from './trpc';

export const backupRouter = router({
  list: adminProcedure.query(({ ctx }) => backupList(ctx)),
  create: adminProcedure.input(s.backupCreateInput).mutation(({ ctx, input }) => createBackup(ctx, input?.folder || undefined)),
  preview: adminProcedure.input(s.backupFileInput).query(({ ctx, input }) => previewBackup(ctx, input.file)),
  restore: adminProcedure.input(s.backupFileInput).mutation(({ ctx, input }) => restoreBackup(ctx, input.file)),
});
