/**
 * Backups and restore for the app's screens: list the automatic and safety copies, write a
 * verified copy to a folder the user picks (a USB stick), preview a file, restore it. The
 * work itself lives in db/backup.ts and db/restore.ts; here paths are checked and failures
 * become messages a user can act on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupFileName, backupOnline, backupsFolder, listBackups, type BackupEntry } from '../db/backup';
import { inspectBackup, restoreDatabase, type BackupPreview, type RestoreOutcome } from '../db/restore';
import { storageProblem } from '../db/storage-errors';
import { AppError, fail } from '../domain/errors';
import { audit, write, type ServiceContext } from './context';
import { INSTALL } from '../domain/ownership';

export function backupList(ctx: ServiceContext): { folder: string; database: string; backups: BackupEntry[] } {
  return { folder: backupsFolder(ctx.db.file), database: path.resolve(ctx.db.file), backups: listBackups(ctx.db.file) };
}

function absolute(p: string, field: string): string {
  if (!path.isAbsolute(p))
    fail.validation('PATH_NOT_ABSOLUTE', field, `请填写完整路径（如 D:\\备份 或 /media/usb）：${p}`, `Give a full path (e.g. D:\\backup or /media/usb): ${p}`);
  return path.normalize(p);
}

/**
 * A backup that could not be written, in words a user can act on: a full disk, a read-only
 * folder or drive, a file-size limit (db/storage-errors.ts), else SQLite's own words.
 */
export function writeFailure(e: unknown, folder: string): AppError {
  const problem = storageProblem(e, folder);
  if (problem) return new AppError({ code: problem.code, kind: 'storage', field: 'folder', zh: `${problem.zh}。备份未写入`, en: `${problem.en}. No backup was written` });
  const msg = e instanceof Error ? e.message : String(e);
  return new AppError({
    code: 'BACKUP_WRITE_FAILED',
    kind: 'internal',
    field: 'folder',
    zh: `无法在该文件夹写入备份，备份未写入：${folder}（${msg}）`,
    en: `The backup could not be written to the folder; no backup was written: ${folder} (${msg})`,
  });
}

/** A verified copy in `folder` (default: the backups folder beside the database). */
export async function createBackup(ctx: ServiceContext, folderInput?: string): Promise<{ file: string; sizeBytes: number }> {
  const folder = folderInput ? absolute(folderInput, 'folder') : backupsFolder(ctx.db.file);
  if (!folderInput) fs.mkdirSync(folder, { recursive: true });
  let isDir = false;
  try {
    isDir = fs.statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) fail.validation('FOLDER_NOT_FOUND', 'folder', `文件夹不存在：${folder}`, `Folder not found: ${folder}`);
  const dest = backupFileName(ctx.db.file, 'manual', new Date(), folder);
  try {
    await backupOnline(ctx.db.sqlite, dest);
  } catch (e) {
    throw writeFailure(e, folder);
  }
  write(ctx, INSTALL, (tx) => audit(tx, ctx.actor, 'backup.create', 'database', null, null, { file: dest }));
  return { file: dest, sizeBytes: fs.statSync(dest).size };
}

export function previewBackup(ctx: ServiceContext, file: string): BackupPreview {
  return inspectBackup(absolute(file, 'file'), ctx.db.migrationsFolder);
}

/** Replace the data with a backup's, after a safety copy of the current database. */
export async function restoreBackup(ctx: ServiceContext, file: string): Promise<RestoreOutcome> {
  const from = absolute(file, 'file');
  const outcome = await restoreDatabase({ dbFile: ctx.db.file, from, live: ctx.db });
  // Recorded in the restored database, which is the one that lives on; the account may not
  // exist in it (an older backup), so the user id is kept only when it does.
  const known = ctx.actor.userId !== null && !!ctx.db.sqlite.prepare('SELECT 1 FROM users WHERE id = ?').get(ctx.actor.userId);
  const actor = { ...ctx.actor, userId: known ? ctx.actor.userId : null };
  write(ctx, INSTALL, (tx) => audit(tx, actor, 'backup.restore', 'database', null, null, { from, safetyBackup: outcome.safetyBackup }));
  return outcome;
}
