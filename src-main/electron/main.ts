/**
 * The desktop shell: one window, one IPC channel into the same router the browser mode
 * serves, and one for file uploads (raw bytes, checked as the browser mode's upload route
 * checks them). Kept thin: everything that can live outside Electron does.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { dispatch, isApiRequest } from '../api/dispatch';
import { toAppError } from '../api/errors';
import { SessionStore } from '../api/sessions';
import { keyOpens } from '../db/connection';
import { useDatabaseKey, type DbKey } from '../db/db-key';
import { ownerOnlyFiles } from '../db/file-modes';
import { clockFromEnv } from '../services/clock';
import type { AppDb } from '../db/open';
import { desktopDatabaseKey, type ReadyKey } from './db-key-store';
import { askForRecoveryKey, explainCancelledRecovery, explainKeyFailure, registerRecoveryScheme } from './recovery-window';
import { openOrRecover } from './open-or-recover';
import { DB_FILE_NAME, dbArg } from '../db/paths';
import { hardenSession, hardenWebContents, isTrustedSender, mainWindowOptions } from './security';
import { menuTemplate } from './menu';
import { exportPdf } from './print-pdf';
import { acceptUpload } from '../api/upload-acceptance';
import { API_CHANNEL, UPLOAD_CHANNEL, type UploadReply } from './channel';

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && dev) return dev;
  return pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;
}

function databaseFile(): string {
  return dbArg(process.argv) ?? process.env.ELDERCARE_DB ?? path.join(app.getPath('userData'), DB_FILE_NAME);
}

export function start(): void {
  ownerOnlyFiles();
  // The one clock (ELDERCARE_TODAY, services/clock.ts); a bad value: said, and no start.
  try {
    clockFromEnv(process.env);
  } catch (e) {
    dialog.showErrorBox('ELDERCARE_TODAY', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before ready, as Electron requires: the scheme the recovery-key window is served from.
  registerRecoveryScheme();
  let win: BrowserWindow | null = null;
  let db: AppDb | null = null;
  // While the key is being unlocked the recovery window may be the only one, and closing it
  // after a good recovery key must not quit the app.
  let unlocking = true;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (!unlocking) app.quit();
  });
  app.on('will-quit', () => db?.close());

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform === 'darwin', {
          exportPdf: () => void (win && exportPdf(win)),
          print: () => win?.webContents.print({ landscape: true, pageSize: 'A4', printBackground: true }),
        }),
      ),
    );
    const dbFile = databaseFile();
    // The database key, before the store is opened: unwrapped by the OS (safeStorage), made on
    // first run, or typed from the paper recovery key (db-key-store.ts, recovery-window.ts).
    let unlocked: ReadyKey | null;
    try {
      unlocked = await desktopDatabaseKey({
        safeStorage,
        dir: app.getPath('userData'),
        databaseFile: dbFile,
        verify: (key: DbKey) => keyOpens(dbFile, key),
        ask: askForRecoveryKey,
      });
    } catch (e) {
      explainKeyFailure(e);
      app.quit();
      return;
    }
    if (!unlocked) {
      await explainCancelledRecovery();
      app.quit();
      return;
    }
    useDatabaseKey(unlocked.key);
    // never starts on a damaged file: it is moved aside and the newest backup offered
    db = await openOrRecover(dbFile, {
      migrationsFolder: app.isPackaged ? path.join(process.resourcesPath, 'drizzle') : undefined,
    });
    if (!db) {
      app.quit();
      return;
    }
    const url = rendererUrl();
    const openDb = db;
    // One session for the window: the local administrator until accounts exist, then a login.
    const sessions = new SessionStore(openDb, { via: 'desktop' });
    let windowSession = sessions.create(null, 'desktop');
    const windowContext = () =>
      sessions.context(windowSession, (id) => {
        windowSession = sessions.get(id) ?? sessions.create(null, 'desktop');
      });
    ipcMain.handle(API_CHANNEL, (event: IpcMainInvokeEvent, request: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, url)) throw new Error('Untrusted sender');
      if (!isApiRequest(request)) throw new Error('Malformed request');
      return dispatch(windowContext(), request);
    });
    ipcMain.handle(UPLOAD_CHANNEL, (event: IpcMainInvokeEvent, fileName: unknown, bytes: unknown): UploadReply => {
      if (!isTrustedSender(event.senderFrame?.url, url)) throw new Error('Untrusted sender');
      if (typeof fileName !== 'string' || fileName.length > 1000 || !(bytes instanceof Uint8Array)) throw new Error('Malformed request');
      try {
        return { ok: true, data: acceptUpload(windowContext().actor, fileName, bytes) };
      } catch (e) {
        const app = toAppError(e);
        return { ok: false, error: { code: app.code, zh: app.zh, en: app.en } };
      }
    });
    win = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/index.js')));
    unlocking = false;
    win.once('ready-to-show', () => win?.show());
    void win.loadURL(url);
  });
}

if (!process.env.VITEST) start();
