/**
 * Opening the database in the desktop app: a damaged file has already been moved aside by
 * openDatabase; here the user is offered the newest good backup (or told there is none) and
 * the app starts only on a sound file. Any other failure to open is shown, then the app quits.
 */
import { dialog } from 'electron';
import { DatabaseDamagedError, DatabaseOpenError, openDatabase, type AppDb, type OpenOptions } from '../db/open';
import { restoreDatabase } from '../db/restore';

export const RESTORE_BUTTON = '恢复最新备份 / Restore the newest backup';
export const QUIT_BUTTON = '退出 / Quit';

/** The open database, or null when the app should quit. */
export async function openOrRecover(file: string, options: OpenOptions = {}): Promise<AppDb | null> {
  try {
    return openDatabase(file, options);
  } catch (e) {
    if (e instanceof DatabaseDamagedError) {
      const buttons = e.newestBackup ? [RESTORE_BUTTON, QUIT_BUTTON] : [QUIT_BUTTON];
      const choice = await dialog.showMessageBox({
        type: 'error',
        title: '数据库已损坏 / The database is damaged',
        message: '数据库文件已损坏，已移到一旁保存（未删除）。 / The database file is damaged and was moved aside (not deleted).',
        detail: e.message,
        buttons,
        defaultId: 0,
        cancelId: buttons.length - 1,
      });
      if (!e.newestBackup || buttons[choice.response] !== RESTORE_BUTTON) return null;
      try {
        await restoreDatabase({ dbFile: file, from: e.newestBackup, migrationsFolder: options.migrationsFolder });
        return openDatabase(file, options);
      } catch (err) {
        dialog.showErrorBox('恢复失败 / Restore failed', err instanceof Error ? err.message : String(err));
        return null;
      }
    }
    if (e instanceof DatabaseOpenError && e.code === 'NEWER_VERSION') {
      dialog.showErrorBox('请升级程序 / Please upgrade the app', e.message);
      return null;
    }
    if (e instanceof DatabaseOpenError) {
      dialog.showErrorBox('无法打开数据库 / Cannot open the database', e.message);
      return null;
    }
    throw e;
  }
}
