/**
 * The shell's security settings, in one place so a unit test can assert them.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

import { CONTENT_SECURITY_POLICY } from '../api/csp';

export { CONTENT_SECURITY_POLICY };

const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '养老服务机构与床位管理',
    backgroundColor: '#f5f5f5',
    webPreferences: { preload: preloadPath, ...LOCKED_DOWN },
  };
}

/**
 * The recovery-key window (recovery-window.ts): the same isolation, and no preload at all,
 * since its page talks to the main process only through its own scheme's fetch handler.
 */
export function recoveryWindowOptions(): BrowserWindowConstructorOptions {
  return {
    width: 620,
    height: 460,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    show: false,
    title: '输入恢复密钥 / Enter the recovery key',
    backgroundColor: '#f5f5f5',
    webPreferences: { ...LOCKED_DOWN },
  };
}

/** Only our own page may call the api: the bundled file in production, the dev server in development. */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const frame = new URL(frameUrl);
    const own = new URL(rendererUrl);
    if (own.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === own.pathname;
    return frame.origin === own.origin;
  } catch {
    return false;
  }
}

/** No navigation away, no new windows, no webviews, no permissions. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
