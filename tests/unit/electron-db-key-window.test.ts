/**
 * The recovery-key window (src-main/electron/recovery-window.ts) with `electron` faked: the
 * scheme handler answered with real fetch Requests, the page's own script run in a VM against
 * a minimal DOM whose fetch goes to that handler, and the window's life (accept, cancel,
 * close) against fakes of BrowserWindow and protocol.
 */
import vm from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const windows: Array<{ options: unknown; listeners: Map<string, Listener>; loadURL: ReturnType<typeof vi.fn>; close(): void; destroyed: boolean }> = [];
  class BrowserWindow {
    readonly listeners = new Map<string, Listener>();
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly removeMenu = vi.fn();
    readonly show = vi.fn();
    destroyed = false;
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.listeners.get('closed')?.();
    }
  }
  const handlers = new Map<string, (r: Request) => Promise<Response>>();
  return {
    windows,
    BrowserWindow,
    handlers,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: (r: Request) => Promise<Response>) => void handlers.set(scheme, fn)),
      unhandle: vi.fn((scheme: string) => void handlers.delete(scheme)),
    },
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })), showErrorBox: vi.fn() },
  };
});
vi.mock('electron', () => ({ BrowserWindow: fake.BrowserWindow, protocol: fake.protocol, dialog: fake.dialog }));

import type { NeedsRecovery } from '../../src-main/electron/db-key-store';
import {
  askForRecoveryKey,
  CANCELLED_MESSAGE,
  explainCancelledRecovery,
  RECOVERY_ORIGIN,
  RECOVERY_PAGE_SCRIPT,
  RECOVERY_SCHEME,
  recoveryRequestHandler,
  registerRecoveryScheme,
  type RecoveryPageActions,
} from '../../src-main/electron/recovery-window';
import { CONTENT_SECURITY_POLICY, recoveryWindowOptions } from '../../src-main/electron/security';

const get = (handler: (r: Request) => Promise<Response>, p: string) => handler(new Request(`${RECOVERY_ORIGIN}${p}`));
const post = (handler: (r: Request) => Promise<Response>, p: string, body = '') => handler(new Request(`${RECOVERY_ORIGIN}${p}`, { method: 'POST', body }));

function actions(over: Partial<RecoveryPageActions> = {}): RecoveryPageActions & { submit: ReturnType<typeof vi.fn>; cancel: ReturnType<typeof vi.fn> } {
  return { reason: 'no-key', submit: vi.fn(async (t: string) => (t === 'GOOD' ? null : `wrong: ${t}`)), cancel: vi.fn(), ...over } as never;
}

beforeEach(() => {
  vi.clearAllMocks();
  fake.windows.length = 0;
  fake.handlers.clear();
});

describe('the recovery page', () => {
  it('explains in Chinese and English why the key is asked for', async () => {
    const res = await get(recoveryRequestHandler(actions()), '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('此电脑上没有本数据库的密钥。请输入设置时打印的恢复密钥。');
    expect(html).toContain('This computer does not have the key to this database.');
    expect(html).toContain('<html lang="zh-CN">');
    // one script, from the page's own origin; nothing inline
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/recovery.js">']);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const other = await (await get(recoveryRequestHandler(actions({ reason: 'undecryptable' })), '/')).text();
    expect(other).toContain('无法解开');
    expect(other).toContain('不会被删除');
  });

  it('every answer carries the app’s CSP, nosniff and no-store', async () => {
    const handler = recoveryRequestHandler(actions());
    for (const res of [await get(handler, '/'), await get(handler, '/recovery.js'), await post(handler, '/unlock', 'x'), await get(handler, '/nope')]) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await get(handler, '/recovery.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('POST /unlock hands the text to submit and answers its error, or ok once', async () => {
    const a = actions();
    const handler = recoveryRequestHandler(a);
    expect(await (await post(handler, '/unlock', 'BAD')).json()).toEqual({ ok: false, error: 'wrong: BAD' });
    expect(await (await post(handler, '/unlock', 'GOOD')).json()).toEqual({ ok: true });
    expect(a.submit).toHaveBeenCalledTimes(2);
    // settled: nothing more is tried, and a late cancel does nothing
    expect((await post(handler, '/unlock', 'GOOD')).status).toBe(409);
    await post(handler, '/cancel');
    expect(a.submit).toHaveBeenCalledTimes(2);
    expect(a.cancel).not.toHaveBeenCalled();
  });

  it('refuses text too long to be a recovery key without trying it', async () => {
    const a = actions();
    const reply = (await (await post(recoveryRequestHandler(a), '/unlock', 'A'.repeat(501))).json()) as { ok: boolean; error: string };
    expect(reply.ok).toBe(false);
    expect(reply.error).toContain('Too long');
    expect(a.submit).not.toHaveBeenCalled();
  });

  it('POST /cancel cancels once; wrong methods, paths and hosts are refused', async () => {
    const a = actions();
    const handler = recoveryRequestHandler(a);
    await post(handler, '/cancel');
    await post(handler, '/cancel');
    expect(a.cancel).toHaveBeenCalledOnce();
    expect((await get(handler, '/unlock')).status).toBe(405);
    expect((await post(handler, '/')).status).toBe(405);
    expect((await get(handler, '/../../etc/passwd')).status).toBe(404);
    expect((await handler(new Request(`${RECOVERY_SCHEME}://elsewhere/`))).status).toBe(404);
    expect((await handler(new Request('https://recovery/'))).status).toBe(404);
  });
});

/** The page's script in a VM, with the few DOM pieces it uses; its fetch goes to the handler. */
function runPage(handler: (r: Request) => Promise<Response>) {
  const el = () => {
    const listeners = new Map<string, Listener>();
    return { textContent: '', value: '', disabled: false, readOnly: false, focus: vi.fn(), select: vi.fn(), listeners, addEventListener: (t: string, f: Listener) => void listeners.set(t, f) };
  };
  const els = { form: el(), key: el(), error: el(), status: el(), ok: el(), cancel: el() };
  const fetch = vi.fn((p: string, init: RequestInit) => handler(new Request(new URL(p, `${RECOVERY_ORIGIN}/`), init)));
  vm.runInNewContext(RECOVERY_PAGE_SCRIPT, { document: { getElementById: (id: keyof typeof els) => els[id] }, fetch });
  const submit = async (text: string) => {
    els.key.value = text;
    const event = { preventDefault: vi.fn() };
    els.form.listeners.get('submit')?.(event);
    expect(event.preventDefault).toHaveBeenCalledOnce(); // never a real form submission (form-action 'none')
    await vi.waitFor(() => expect(els.ok.disabled && els.status.textContent.includes('Checking')).toBe(false));
  };
  return { els, fetch, submit };
}

describe('the page’s script', () => {
  it('posts the typed key, shows the error and lets the user try again, then says it is opening', async () => {
    const a = actions();
    const page = runPage(recoveryRequestHandler(a));
    expect(page.els.key.focus).toHaveBeenCalled();
    await page.submit('BAD');
    expect(page.els.error.textContent).toBe('wrong: BAD');
    expect(page.els.ok.disabled).toBe(false);
    expect(page.els.key.readOnly).toBe(false);
    await page.submit('GOOD');
    expect(page.els.error.textContent).toBe('');
    expect(page.els.status.textContent).toContain('opening the database');
    expect(page.fetch.mock.calls.map((c) => [c[0], (c[1] as RequestInit).method, (c[1] as RequestInit).body])).toEqual([
      ['/unlock', 'POST', 'BAD'],
      ['/unlock', 'POST', 'GOOD'],
    ]);
    expect(a.submit.mock.calls).toEqual([['BAD'], ['GOOD']]);
  });

  it('the cancel button posts /cancel', async () => {
    const a = actions();
    const page = runPage(recoveryRequestHandler(a));
    page.els.cancel.listeners.get('click')?.({});
    await vi.waitFor(() => expect(a.cancel).toHaveBeenCalledOnce());
  });
});

describe('askForRecoveryKey', () => {
  const state: NeedsRecovery = { state: 'needs-recovery', reason: 'no-key', protection: 'os' };

  it('registers its scheme as a standard, secure, fetch-capable one', () => {
    registerRecoveryScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([{ scheme: RECOVERY_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens a locked-down window without preload on its page, and resolves true once a key is accepted', async () => {
    const attempt = vi.fn(async (t: string) => (t === 'GOOD' ? null : 'wrong'));
    const asked = askForRecoveryKey(state, attempt);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options).toEqual(recoveryWindowOptions());
    const prefs = recoveryWindowOptions().webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith(`${RECOVERY_ORIGIN}/`);
    const handler = fake.handlers.get(RECOVERY_SCHEME)!;
    expect(handler).toBeTypeOf('function');
    expect(await (await post(handler, '/unlock', 'typo')).json()).toEqual({ ok: false, error: 'wrong' });
    expect(await (await post(handler, '/unlock', 'GOOD')).json()).toEqual({ ok: true });
    await expect(asked).resolves.toBe(true);
    expect(win.destroyed).toBe(true);
    expect(fake.protocol.unhandle).toHaveBeenCalledExactlyOnceWith(RECOVERY_SCHEME);
    expect(fake.handlers.size).toBe(0);
  });

  it('resolves false on cancel, and when the window is closed', async () => {
    const cancelled = askForRecoveryKey(state, async () => 'never');
    await post(fake.handlers.get(RECOVERY_SCHEME)!, '/cancel');
    await expect(cancelled).resolves.toBe(false);
    expect(fake.windows[0]!.destroyed).toBe(true);

    const closed = askForRecoveryKey(state, async () => 'never');
    fake.windows[1]!.close();
    await expect(closed).resolves.toBe(false);
    expect(fake.protocol.unhandle).toHaveBeenCalledTimes(2);
  });

  it('closing the window just after a key was accepted is not a cancel', async () => {
    const asked = askForRecoveryKey(state, async () => null);
    await post(fake.handlers.get(RECOVERY_SCHEME)!, '/unlock', 'GOOD');
    fake.windows[0]!.close();
    await expect(asked).resolves.toBe(true);
  });

  it('a cancelled recovery is explained before the app quits', async () => {
    await explainCancelledRecovery();
    const options = (fake.dialog.showMessageBox.mock.calls[0] as unknown as [{ message: string }])[0];
    expect(options.message).toBe(CANCELLED_MESSAGE);
    expect(CANCELLED_MESSAGE).toMatch(/程序将退出.*没有改动.*will quit.*not changed/);
  });
});
