/**
 * The desktop shell's settings, asserted with `electron` faked: Electron cannot be installed
 * or even required on these machines (TOOLCHAIN.md), so the fakes below stand in for the few
 * pieces of its API the shell touches. The database behind the IPC handler is a real one in
 * a temp folder (ELDERCARE_DB), opened with the real migrations; userData is another temp
 * folder, where the database key is kept wrapped by a fake safeStorage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions, Session, WebContents } from 'electron';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const paths = { userData: '' };
  const windows: Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn>; once: ReturnType<typeof vi.fn> }> = [];
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    on: vi.fn((event: string, fn: Listener) => {
      appListeners.set(event, fn);
      return app;
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    // only userData, pointed at a temp folder: the test must never touch the real profile
    getPath: vi.fn((name: string) => {
      if (name !== 'userData' || !paths.userData) throw new Error(`the test gives only a temp userData, not ${name}`);
      return paths.userData;
    }),
  };
  class BrowserWindow {
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly once = vi.fn();
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
  }
  /** Reversible, and tied to this fake "user": enough to see the key is wrapped, not plain. */
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
    encryptStringAsync: vi.fn((text: string) => Promise.resolve(Buffer.concat([Buffer.from('fake-os:'), Buffer.from(text).reverse()]))),
    decryptStringAsync: vi.fn((bytes: Buffer) => Promise.resolve({ result: Buffer.from(bytes.subarray(8)).reverse().toString(), shouldReEncrypt: false })),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  };
  return {
    app,
    appListeners,
    paths,
    safeStorage,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn(), unhandle: vi.fn() },
    windows,
    BrowserWindow,
    ipcMain: { handle: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(() => Promise.resolve('reply')) },
    dialog: {
      showSaveDialog: vi.fn((): Promise<{ canceled: boolean; filePath?: string }> => Promise.resolve({ canceled: true })),
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })),
    },
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  ipcMain: fake.ipcMain,
  Menu: fake.Menu,
  session: fake.session,
  contextBridge: fake.contextBridge,
  ipcRenderer: fake.ipcRenderer,
  dialog: fake.dialog,
  safeStorage: fake.safeStorage,
  protocol: fake.protocol,
}));

// Imported after vi.mock (which vitest hoists), so these see the fakes.
import { API_CHANNEL, UPLOAD_CHANNEL } from '../../src-main/electron/channel';
import { createCaller } from '../../src-main/api/router';
import { keyFromHex, resolveKey } from '../../src-main/db/db-key';
import { openDatabase } from '../../src-main/db/open';
import { MAX_FILE_BYTES } from '../../src-main/import/decode';
import { menuTemplate } from '../../src-main/electron/menu';
import { exportPdf, PDF_OPTIONS } from '../../src-main/electron/print-pdf';
import { keyCreatedThisRun, keyProtection, WRAPPED_KEY_FILE_NAME } from '../../src-main/electron/db-key-store';
import { RECOVERY_SCHEME } from '../../src-main/electron/recovery-window';
import { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, isTrustedSender, mainWindowOptions } from '../../src-main/electron/security';

/** A WebContents that records what the shell registers on it. */
function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: vi.fn((event: string, fn: Listener) => {
      listeners.set(event, fn);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((fn: Listener) => {
      openHandler = fn;
    }),
  };
  return { contents, listeners, openHandler: () => openHandler };
}

/** A Session that records its handlers. */
function fakeSession() {
  let requestHandler: Listener | undefined;
  let checkHandler: Listener | undefined;
  let headersListener: Listener | undefined;
  const s = {
    setPermissionRequestHandler: vi.fn((fn: Listener) => {
      requestHandler = fn;
    }),
    setPermissionCheckHandler: vi.fn((fn: Listener) => {
      checkHandler = fn;
    }),
    webRequest: {
      onHeadersReceived: vi.fn((fn: Listener) => {
        headersListener = fn;
      }),
    },
  };
  return { session: s, requestHandler: () => requestHandler, checkHandler: () => checkHandler, headersListener: () => headersListener };
}

const fakeEvent = () => ({ preventDefault: vi.fn() });

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/out/preload/index.js');
  const prefs = options.webPreferences;

  it('isolates the renderer from Node and Electron', () => {
    expect(prefs).toBeDefined();
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.nodeIntegrationInWorker).toBe(false);
    expect(prefs?.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs?.webviewTag).toBe(false);
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
  });

  it('passes the preload path through unchanged', () => {
    expect(prefs?.preload).toBe('/app/out/preload/index.js');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it("allows scripts from the app itself only, never eval", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    const scriptSrc = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('hardenWebContents', () => {
  const wc = fakeWebContents();
  hardenWebContents(wc.contents as unknown as WebContents);

  it('denies window.open', () => {
    const handler = wc.openHandler();
    expect(handler).toBeTypeOf('function');
    expect(handler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const listener = wc.listeners.get(name);
    expect(listener, `${name} listener registered`).toBeTypeOf('function');
    const event = fakeEvent();
    listener?.(event, 'https://evil.example');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('hardenSession', () => {
  const s = fakeSession();
  hardenSession(s.session as unknown as Session);

  it('denies every permission request', () => {
    const callback = vi.fn();
    s.requestHandler()?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    const geo = vi.fn();
    s.requestHandler()?.({}, 'geolocation', geo, {});
    expect(geo).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check with false', () => {
    expect(s.checkHandler()?.(null, 'notifications', 'file://', {})).toBe(false);
    expect(s.checkHandler()?.(null, 'clipboard-read', 'file://', {})).toBe(false);
  });

  it('adds the CSP header to every response and keeps the others', () => {
    const callback = vi.fn();
    s.headersListener()?.({ url: 'file:///app/index.html', responseHeaders: { 'Cache-Control': ['no-cache'] } }, callback);
    expect(callback).toHaveBeenCalledOnce();
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(headers['Cache-Control']).toEqual(['no-cache']);
  });
});

describe('isTrustedSender', () => {
  const own = 'file:///opt/eldercare/resources/app.asar/out/renderer/index.html';
  const dev = 'http://localhost:5173/';

  it('accepts our own bundled page, with or without a route in the hash', () => {
    expect(isTrustedSender(own, own)).toBe(true);
    expect(isTrustedSender(`${own}#/contracts`, own)).toBe(true);
  });

  it('accepts the dev server origin in development', () => {
    expect(isTrustedSender('http://localhost:5173/#/facilities', dev)).toBe(true);
  });

  it('rejects other files, other origins, nothing and garbage', () => {
    expect(isTrustedSender('file:///tmp/evil.html', own)).toBe(false);
    expect(isTrustedSender('file:///opt/eldercare/resources/app.asar/out/renderer/other.html', own)).toBe(false);
    expect(isTrustedSender('https://evil.example/', own)).toBe(false);
    expect(isTrustedSender('https://evil.example/', dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender('file:///opt/eldercare/resources/app.asar/out/renderer/index.html', dev)).toBe(false);
    expect(isTrustedSender(undefined, own)).toBe(false);
    expect(isTrustedSender('', own)).toBe(false);
    expect(isTrustedSender('not a url', own)).toBe(false);
    expect(isTrustedSender('javascript:alert(1)', own)).toBe(false);
  });
});

describe('menuTemplate', () => {
  const actions = () => ({ exportPdf: vi.fn(), print: vi.fn() });

  /** Every label in the menu, submenus included. */
  function labels(items: MenuItemConstructorOptions[]): string[] {
    return items.flatMap((i) => [...(i.label ? [i.label] : []), ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);
  }
  function flat(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
  }

  it.each([false, true])('labels every item in Chinese (mac: %s)', (isMac) => {
    const all = labels(menuTemplate(isMac, actions()));
    expect(all.length).toBeGreaterThan(5);
    for (const label of all) expect(label, label).toMatch(/^[\u4e00-\u9fff][\u4e00-\u9fffA-Z…]*$/);
  });

  it('gives every non-separator item a label', () => {
    const items = menuTemplate(false, actions()).flatMap((i) => (Array.isArray(i.submenu) ? i.submenu : []));
    for (const i of items) if (i.type !== 'separator') expect(i.label).toBeTruthy();
  });

  it('offers print and PDF export in the 文件 menu, wired to the shell', () => {
    const a = actions();
    const items = flat(menuTemplate(false, a));
    const click = (label: string) => (items.find((i) => i.label === label)?.click as (() => void) | undefined)?.();
    click('打印…');
    expect(a.print).toHaveBeenCalledOnce();
    expect(a.exportPdf).not.toHaveBeenCalled();
    click('导出PDF…');
    expect(a.exportPdf).toHaveBeenCalledOnce();
  });
});

describe('exportPdf', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-pdf-'));
    vi.clearAllMocks();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const pdfBytes = Buffer.from('%PDF-1.7 test');
  const fakeWin = () => ({ webContents: { printToPDF: vi.fn(() => Promise.resolve(pdfBytes)) } }) as unknown as Parameters<typeof exportPdf>[0];

  it('prints A4 landscape and writes the PDF where the user chose, leaving no temporary file', async () => {
    const file = path.join(dir, '月报.pdf');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
    const win = fakeWin();
    await expect(exportPdf(win)).resolves.toBe(file);
    expect(win.webContents.printToPDF).toHaveBeenCalledExactlyOnceWith(PDF_OPTIONS);
    expect(PDF_OPTIONS).toMatchObject({ landscape: true, pageSize: 'A4' });
    expect(fs.readFileSync(file)).toEqual(pdfBytes);
    expect(fs.readdirSync(dir)).toEqual(['月报.pdf']);
  });

  it('does nothing when the user cancels', async () => {
    const win = fakeWin();
    await expect(exportPdf(win)).resolves.toBeNull();
    expect(win.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it('explains in Chinese when the folder is gone, and writes nothing', async () => {
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(dir, 'missing', 'x.pdf') });
    await expect(exportPdf(fakeWin())).resolves.toBeNull();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledOnce();
    expect(String(fake.dialog.showErrorBox.mock.calls[0]![1])).toContain('文件夹不存在');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('preload', () => {
  beforeAll(async () => {
    await import('../../src-main/electron/preload');
  });

  it('exposes exactly one key, eldercare, with exactly two functions, call and upload', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, exposed] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(key).toBe('eldercare');
    expect(Object.keys(exposed)).toEqual(['call', 'upload']);
    expect(exposed.call).toBeTypeOf('function');
    expect(exposed.upload).toBeTypeOf('function');
  });

  it('call invokes the one api channel with the request and returns its reply', async () => {
    const [, exposed] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, { call(r: unknown): Promise<unknown> }];
    const request = { path: 'region.counties', type: 'query', input: undefined };
    await expect(exposed.call(request)).resolves.toBe('reply');
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(API_CHANNEL, request);
    expect(API_CHANNEL).toBe('eldercare:api');
  });

  it('upload sends the name and the bytes on the upload channel; a refusal rejects with its zh / en text', async () => {
    const [, exposed] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, { upload(n: string, b: Uint8Array): Promise<unknown> }];
    const bytes = new Uint8Array([1, 2, 3]);
    const receipt = { uploadId: 'u1', fileName: 'a.csv', bytes: 3 };
    fake.ipcRenderer.invoke.mockClear();
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, data: receipt } as never);
    await expect(exposed.upload('a.csv', bytes)).resolves.toEqual(receipt);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(UPLOAD_CHANNEL, 'a.csv', bytes);
    expect(UPLOAD_CHANNEL).toBe('eldercare:upload');
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'UPLOAD_EMPTY', zh: '文件是空的', en: 'The file is empty' } } as never);
    await expect(exposed.upload('a.csv', new Uint8Array())).rejects.toThrow('文件是空的 / The file is empty');
  });
});

describe('main', () => {
  let tmp = '';
  let start: () => void = () => {};

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-shell-'));
    process.env.ELDERCARE_DB = path.join(tmp, 'shell.db');
    fake.paths.userData = path.join(tmp, 'userData');
    delete process.env.ELECTRON_RENDERER_URL;
    expect(process.env.VITEST).toBeTruthy();
    ({ start } = await import('../../src-main/electron/main'));
  });

  beforeEach(() => {
    vi.clearAllMocks();
    fake.appListeners.clear();
    fake.windows.length = 0;
  });

  afterEach(() => {
    // Close the database the way the app does when it quits.
    fake.appListeners.get('will-quit')?.();
  });

  afterAll(() => {
    delete process.env.ELDERCARE_DB;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('does not start on import under vitest', async () => {
    vi.resetModules();
    await import('../../src-main/electron/main');
    expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(fake.app.on).not.toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock', () => {
    fake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    start();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.app.quit).toHaveBeenCalledOnce();
    expect(fake.app.on).not.toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('with the lock: hardens, opens one window and serves the api to our page only', async () => {
    start();
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(fake.appListeners.get('second-instance')).toBeTypeOf('function');
    expect(fake.appListeners.get('web-contents-created')).toBeTypeOf('function');

    // Every web contents created later is hardened.
    const wc = fakeWebContents();
    fake.appListeners.get('web-contents-created')?.({}, wc.contents);
    expect(wc.openHandler()?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });

    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const win = fake.windows[0]!;
    expect(win.options).toEqual(mainWindowOptions(path.resolve(__dirname, '../../src-main/preload/index.js')));
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(fake.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(fs.existsSync(path.join(tmp, 'shell.db'))).toBe(true);

    // The database key: made on this first run, wrapped with safeStorage into userData (owner
    // only), handed to the db layer before the store was opened, never written in plain.
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fake.safeStorage.isAsyncEncryptionAvailable).toHaveBeenCalled();
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledOnce();
    const wrappedFile = path.join(fake.paths.userData, WRAPPED_KEY_FILE_NAME);
    expect(fs.readdirSync(fake.paths.userData)).toEqual([WRAPPED_KEY_FILE_NAME]);
    if (process.platform !== 'win32') expect(fs.statSync(wrappedFile).mode & 0o777).toBe(0o600);
    const unwrapped = keyFromHex((await fake.safeStorage.decryptStringAsync(fs.readFileSync(wrappedFile))).result);
    expect(resolveKey()).toMatchObject({ source: 'provided', key: unwrapped });
    expect(keyCreatedThisRun()).toBe(true);
    expect(keyProtection()).toBe('os');
    expect(fake.protocol.handle).not.toHaveBeenCalled(); // no recovery window on a first run

    expect(win.loadURL).toHaveBeenCalledOnce();
    const pageUrl = String((win.loadURL.mock.calls[0] as unknown[])[0]);
    expect(pageUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);

    expect(fake.ipcMain.handle).toHaveBeenCalledTimes(2);
    const handlers = new Map(fake.ipcMain.handle.mock.calls as unknown as Array<[string, Listener]>);
    expect([...handlers.keys()]).toEqual([API_CHANNEL, UPLOAD_CHANNEL]);
    const handler = handlers.get(API_CHANNEL)!;

    const request = { path: 'region.counties', type: 'query', input: undefined };
    expect(() => handler({ senderFrame: { url: 'https://evil.example' } }, request)).toThrow('Untrusted sender');
    expect(() => handler({ senderFrame: null }, request)).toThrow('Untrusted sender');
    expect(() => handler({ senderFrame: { url: 'file:///tmp/evil.html' } }, request)).toThrow('Untrusted sender');
    expect(() => handler({ senderFrame: { url: pageUrl } }, { path: 42 })).toThrow('Malformed request');

    // Our own page reaches the real api over the real (temp) database.
    const reply = (await handler({ senderFrame: { url: `${pageUrl}#/contracts` } }, request)) as { ok: boolean; data?: unknown };
    expect(reply.ok).toBe(true);
    expect(Array.isArray(reply.data)).toBe(true);
    expect((reply.data as unknown[]).length).toBeGreaterThan(0);

    // The upload channel: the same sender check, then size and the window's permission.
    const upload = handlers.get(UPLOAD_CHANNEL)!;
    const own = { senderFrame: { url: pageUrl } };
    expect(() => upload({ senderFrame: { url: 'https://evil.example' } }, 'a.csv', new Uint8Array([1]))).toThrow('Untrusted sender');
    expect(() => upload({ senderFrame: null }, 'a.csv', new Uint8Array([1]))).toThrow('Untrusted sender');
    expect(() => upload(own, 42, new Uint8Array([1]))).toThrow('Malformed request');
    expect(() => upload(own, 'a.csv', 'not bytes')).toThrow('Malformed request');
    const ok = upload(own, 'C:\\导入\\老人.csv', new Uint8Array([0x61, 0x2c, 0x62])) as { ok: boolean; data: { uploadId: string; fileName: string; bytes: number } };
    expect(ok).toMatchObject({ ok: true, data: { fileName: '老人.csv', bytes: 3 } });
    expect(ok.data.uploadId).toMatch(/^[\w-]{20,}$/);
    expect(upload(own, 'a.csv', new Uint8Array())).toMatchObject({ ok: false, error: { code: 'UPLOAD_EMPTY' } });
    expect(upload(own, 'a.csv', new Uint8Array(MAX_FILE_BYTES + 1))).toMatchObject({ ok: false, error: { code: 'UPLOAD_TOO_LARGE', zh: expect.stringContaining('60 MB') } });
    // once login is required, the window (not logged in) may not upload
    const second = openDatabase(process.env.ELDERCARE_DB!);
    try {
      await createCaller(second).account.setupAdmin({ username: 'admin', displayName: '管理员', password: 'Passw0rd!' });
    } finally {
      second.close();
    }
    expect(upload(own, 'a.csv', new Uint8Array([1]))).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
  });

  it('focuses the existing window when a second instance starts', async () => {
    const wrappedFile = path.join(fake.paths.userData, WRAPPED_KEY_FILE_NAME);
    const wrapped = fs.readFileSync(wrappedFile);
    start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    // the second run unwraps the key it made on the first, and makes no new one
    expect(fake.safeStorage.decryptStringAsync).toHaveBeenCalledWith(wrapped);
    expect(fake.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(fs.readFileSync(wrappedFile)).toEqual(wrapped);
    expect(keyCreatedThisRun()).toBe(false);
    expect(fake.protocol.handle).not.toHaveBeenCalledWith(RECOVERY_SCHEME, expect.anything());
    const win = fake.windows[0]!;
    const focus = vi.spyOn(win as unknown as { focus(): void }, 'focus');
    fake.appListeners.get('second-instance')?.();
    expect(focus).toHaveBeenCalledOnce();
  });
});
