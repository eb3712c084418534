/**
 * 备份与恢复: administrators only — a restore replaces everyone's data, and a backup file
 * holds every resident's personal data.
 */
import { listBackups } from '../../db/backup';
import type { AppDb } from '../../db/open';
import type { StorageProblem } from '../../db/storage-errors';
import { endSessions } from '../../services/accounts';
import { backupList, createBackup, previewBackup, restoreBackup } from '../../services/backups';
import { lockouts } from '../../services/login-lockout';
import * as s from '../../contract/schemas';
import { adminProcedure, router } from '../trpc';
import { uploads } from '../uploads';

/** Backups are made daily; the dashboard warns when the newest is older than this. */
export const BACKUP_STALE_MS = 2 * 24 * 60 * 60 * 1000;

export interface BackupStatus {
  /** The newest automatic backup in the backups folder. */
  lastAutoBackup: { at: string; file: string } | null;
  /**
   * The automatic backup tried when this process opened the database failed (kept in memory
   * on AppDb); null once a newer backup is in the backups folder.
   */
  lastError: { at: string; message: string; problem?: StorageProblem } | null;
  /** The newest backup of any kind in the backups folder. */
  newestBackupAt: string | null;
  /** The newest backup is older than two days, or there is none though the database holds data. */
  stale: boolean;
}

export function backupStatus(db: AppDb, now = new Date()): BackupStatus {
  const backups = listBackups(db.file);
  const auto = backups.find((b) => b.kind === 'auto');
  const newest = backups[0];
  const tried = db.autoBackup;
  const failed = tried?.error !== undefined && !(newest && Date.parse(newest.at) > Date.parse(tried.at));
  const holdsData = !!db.sqlite.prepare('SELECT 1 FROM facilities LIMIT 1').get();
  return {
    lastAutoBackup: auto ? { at: auto.at, file: auto.file } : null,
    lastError: failed && tried?.error !== undefined ? { at: tried.at, message: tried.error, ...(tried.problem ? { problem: tried.problem } : {}) } : null,
    newestBackupAt: newest?.at ?? null,
    stale: newest ? now.getTime() - Date.parse(newest.at) > BACKUP_STALE_MS : holdsData,
  };
}

export const backupRouter = router({
  list: adminProcedure.query(({ ctx }) => backupList(ctx)),
  /** Whether automatic backups are being made (the dashboard's warning to administrators). */
  status: adminProcedure.query(({ ctx }) => backupStatus(ctx.db)),
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
