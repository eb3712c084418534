/**
 * The recovery-key window, shown before the database is opened when this computer has no key
 * for it (db-key-store.ts: `needs-recovery`).
 *
 * The page cannot be a data: URL (the CSP allows scripts from the page's own origin only, and
 * a data: page has none) and the build ships no extra files or preloads, so it is served from
 * a scheme of its own, `eldercare-key://recovery/`, registered only while the window is open:
 * the HTML, its script, and two POST endpoints the script calls with fetch (same origin, so
 * `connect-src 'self'` allows it). No preload, no IPC, no Node in the page; every answer
 * carries the app's Content-Security-Policy.
 */
import { BrowserWindow, dialog, protocol } from 'electron';
import type { AskForRecoveryKey, NeedsRecovery, RecoveryReason } from './db-key-store';
import { CONTENT_SECURITY_POLICY, recoveryWindowOptions } from './security';

export const RECOVERY_SCHEME = 'eldercare-key';
export const RECOVERY_ORIGIN = `${RECOVERY_SCHEME}://recovery`;
/** Longer than any recovery key with spaces and dashes; anything longer is not one. */
export const MAX_RECOVERY_TEXT = 500;
const SHOW_ANYWAY_MS = 5000;

/** Called once, before the app is ready (Electron allows it only then). */
export function registerRecoveryScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RECOVERY_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export const RECOVERY_TEXT: Record<RecoveryReason, { zh: string; en: string }> = {
  'no-key': {
    zh: '此电脑上没有本数据库的密钥。请输入设置时打印的恢复密钥。',
    en: 'This computer does not have the key to this database. Please enter the recovery key that was printed when the app was set up.',
  },
  undecryptable: {
    zh: '此电脑上保存的数据库密钥无法解开（可能换了系统用户、重装了系统或恢复了用户配置）。请输入设置时打印的恢复密钥。原来的密钥文件不会被删除。',
    en: 'The database key saved on this computer cannot be unlocked (another user account, a reinstalled system or a restored profile). Please enter the recovery key that was printed when the app was set up. The old key file is not deleted.',
  },
  'os-unavailable': {
    zh: '系统的密钥保护（钥匙串）现在不可用，保存的数据库密钥无法解开。请输入设置时打印的恢复密钥。',
    en: 'The system’s key protection (keyring) is not available now, so the saved database key cannot be unlocked. Please enter the recovery key that was printed when the app was set up.',
  },
};

export const CANCELLED_TITLE = '未输入恢复密钥 / No recovery key entered';
export const CANCELLED_MESSAGE =
  '没有恢复密钥就无法打开数据库，程序将退出。数据库和密钥文件都没有改动；找到恢复密钥后请重新打开程序。 / The database cannot be opened without the recovery key, so the app will quit. The database and the key files were not changed; open the app again once you have the recovery key.';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function recoveryPageHtml(reason: RecoveryReason): string {
  const text = RECOVERY_TEXT[reason];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>输入恢复密钥 / Enter the recovery key</title>
<style>
  body { font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 24px 28px; color: #1f1f1f; background: #f5f5f5; }
  h1 { font-size: 18px; margin: 0 0 12px; }
  p { margin: 0 0 6px; }
  .en { color: #595959; }
  label { display: block; margin: 16px 0 6px; font-weight: 600; }
  input { box-sizing: border-box; width: 100%; padding: 8px 10px; font: 15px/1.4 Consolas, "DejaVu Sans Mono", monospace; letter-spacing: .5px; border: 1px solid #d9d9d9; border-radius: 6px; }
  input:focus { outline: 2px solid #1677ff; border-color: #1677ff; }
  .hint { color: #8c8c8c; font-size: 12px; margin-top: 4px; }
  #error { color: #cf1322; min-height: 3em; margin: 10px 0 0; white-space: pre-wrap; }
  #status { color: #389e0d; min-height: 1.6em; }
  .buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 8px; }
  button { font: inherit; padding: 6px 16px; border-radius: 6px; border: 1px solid #d9d9d9; background: #fff; cursor: pointer; }
  button[type=submit] { background: #1677ff; border-color: #1677ff; color: #fff; }
  button:disabled { opacity: .6; cursor: default; }
</style>
</head>
<body>
<h1>输入恢复密钥 / Enter the recovery key</h1>
<p id="reason">${escapeHtml(text.zh)}</p>
<p class="en">${escapeHtml(text.en)}</p>
<form id="form" autocomplete="off">
  <label for="key">恢复密钥 / Recovery key</label>
  <input id="key" name="key" type="text" maxlength="${MAX_RECOVERY_TEXT}" spellcheck="false" autocapitalize="characters" placeholder="XXXXX-XXXXX-XXXXX-…">
  <div class="hint">57 个字母和数字，连字符和空格可有可无，不分大小写 / 57 letters and digits; dashes, spaces and case do not matter</div>
  <div id="error" role="alert" aria-live="assertive"></div>
  <div id="status" aria-live="polite"></div>
  <div class="buttons">
    <button type="button" id="cancel">取消并退出 / Cancel and quit</button>
    <button type="submit" id="ok">确定 / OK</button>
  </div>
</form>
<script src="/recovery.js"></script>
</body>
</html>
`;
}

/** The page's script: plain ES2017, no modules, no eval; it only posts to its own origin. */
export const RECOVERY_PAGE_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('form');
  var input = document.getElementById('key');
  var error = document.getElementById('error');
  var status = document.getElementById('status');
  var ok = document.getElementById('ok');
  var cancel = document.getElementById('cancel');
  var busy = false;
  function setBusy(b) {
    busy = b;
    ok.disabled = b;
    cancel.disabled = b;
    input.readOnly = b;
  }
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=utf-8' }, body: body }).then(function (r) {
      return r.json();
    });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) return;
    error.textContent = '';
    status.textContent = '正在检查… / Checking…';
    setBusy(true);
    post('/unlock', input.value).then(
      function (reply) {
        if (reply && reply.ok) {
          status.textContent = '恢复密钥正确，正在打开数据库… / The recovery key is right; opening the database…';
          return;
        }
        status.textContent = '';
        error.textContent = (reply && reply.error) || '恢复密钥未被接受 / The recovery key was not accepted';
        setBusy(false);
        input.focus();
        input.select();
      },
      function (e) {
        status.textContent = '';
        error.textContent = '无法检查恢复密钥 / Could not check the recovery key: ' + e;
        setBusy(false);
      }
    );
  });
  cancel.addEventListener('click', function () {
    if (busy) return;
    setBusy(true);
    post('/cancel', '');
  });
  input.focus();
})();
`;

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function reply(body: string, status: number, type: string): Response {
  return new Response(body, { status, headers: { ...HEADERS, 'Content-Type': type } });
}
const json = (value: unknown, status = 200) => reply(JSON.stringify(value), status, 'application/json; charset=utf-8');

export interface RecoveryPageActions {
  reason: RecoveryReason;
  /** Try a typed recovery key: null when accepted, else the error to show. */
  submit(text: string): Promise<string | null>;
  cancel(): void;
}

/**
 * The scheme's handler: GET / (the page), GET /recovery.js, POST /unlock (a recovery key, as
 * text), POST /cancel. Anything else is 404; a wrong method is 405.
 */
export function recoveryRequestHandler(actions: RecoveryPageActions): (request: Request) => Promise<Response> {
  let settled = false;
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return reply('Not found', 404, 'text/plain; charset=utf-8');
    }
    // (not url.origin: Node's URL gives "null" for a scheme it does not know)
    if (url.protocol !== `${RECOVERY_SCHEME}:` || url.host !== 'recovery') return reply('Not found', 404, 'text/plain; charset=utf-8');
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
      case 'GET /index.html':
        return reply(recoveryPageHtml(actions.reason), 200, 'text/html; charset=utf-8');
      case 'GET /recovery.js':
        return reply(RECOVERY_PAGE_SCRIPT, 200, 'text/javascript; charset=utf-8');
      case 'POST /unlock': {
        if (settled) return json({ ok: false, error: '已处理 / Already done' }, 409);
        const text = await request.text();
        if (text.length > MAX_RECOVERY_TEXT) return json({ ok: false, error: '输入太长，不是恢复密钥 / Too long to be a recovery key' });
        const error = await actions.submit(text);
        if (error !== null) return json({ ok: false, error });
        settled = true;
        return json({ ok: true });
      }
      case 'POST /cancel':
        if (!settled) {
          settled = true;
          actions.cancel();
        }
        return json({ ok: true });
      default:
        if (['/', '/index.html', '/recovery.js', '/unlock', '/cancel'].includes(url.pathname)) return reply('Method not allowed', 405, 'text/plain; charset=utf-8');
        return reply('Not found', 404, 'text/plain; charset=utf-8');
    }
  };
}

/**
 * Shows the window until a recovery key is accepted (true) or the user cancels or closes it
 * (false). The scheme is served only while the window is open.
 */
export const askForRecoveryKey: AskForRecoveryKey = (state: NeedsRecovery, attempt) =>
  new Promise<boolean>((resolve) => {
    let done = false;
    // set as soon as a key is accepted (and kept): closing the window then is no cancel
    let accepted = false;
    let win: BrowserWindow | null = null;
    const finish = () => {
      if (done) return;
      done = true;
      protocol.unhandle(RECOVERY_SCHEME);
      if (win && !win.isDestroyed()) win.close();
      resolve(accepted);
    };
    protocol.handle(
      RECOVERY_SCHEME,
      recoveryRequestHandler({
        reason: state.reason,
        submit: async (text) => {
          const error = await attempt(text);
          if (error === null) {
            accepted = true;
            // after the reply has gone out, so the page can show its last line
            setTimeout(finish, 300);
          }
          return error;
        },
        cancel: () => setTimeout(finish, 0),
      }),
    );
    win = new BrowserWindow(recoveryWindowOptions());
    win.removeMenu();
    win.once('ready-to-show', () => win?.show());
    // should the page not load, a blank window the user can close beats an invisible wait
    setTimeout(() => {
      if (!done) win?.show();
    }, SHOW_ANYWAY_MS).unref();
    win.on('closed', finish);
    void win.loadURL(`${RECOVERY_ORIGIN}/`);
  });

/** After a cancelled recovery: say why the app quits, and that nothing was changed. */
export async function explainCancelledRecovery(): Promise<void> {
  await dialog.showMessageBox({ type: 'info', title: CANCELLED_TITLE, message: CANCELLED_MESSAGE, buttons: ['退出 / Quit'] });
}

/** A failure to read or make the key (a folder that cannot be written, say): shown before the app quits. */
export function explainKeyFailure(e: unknown): void {
  dialog.showErrorBox('无法读取数据库密钥 / Cannot read the database key', e instanceof Error ? e.message : String(e));
}
