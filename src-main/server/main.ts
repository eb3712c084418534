/**
 * `npm run serve [-- --db PATH --port N --cert FILE --key FILE]`: browser mode on 127.0.0.1;
 * with LAN access on (an administrator's setting, login required), HTTPS on all interfaces
 * with the given certificate (or ELDERCARE_TLS_CERT / ELDERCARE_TLS_KEY), otherwise one
 * generated and kept in tls/ beside the database (tls.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ownerOnlyFiles } from '../db/file-modes';
import { openDatabase } from '../db/open';
import { resolveDbPath } from '../db/paths';
import { securitySettings } from '../services/accounts';
import { clockFromEnv, clockNotice } from '../services/clock';
import { startServer } from './http-server';
import { lanTls, suppliedFiles } from './tls';

async function main(): Promise<void> {
  ownerOnlyFiles();
  // The one clock (ELDERCARE_TODAY): a bad value stops the start with its message.
  const today = clockFromEnv(process.env);
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { db: { type: 'string' }, port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' } },
    strict: true,
  });
  const file = resolveDbPath(values.db ? ['--db', values.db] : [], process.env);
  const port = values.port === undefined ? 5217 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 不是有效端口：${values.port}`);
  const supplied = suppliedFiles(values, process.env);
  const db = openDatabase(file);
  // LAN access only when an administrator turned it on and login is required; then HTTPS only.
  const security = securitySettings({ db });
  const lan = security.lanEnabled && security.loginRequired;
  const tls = lan ? await lanTls({ dbFile: file, supplied }) : undefined;
  if (!lan && supplied)
    process.stdout.write('局域网访问未开启：本机访问使用 HTTP，未使用所给证书 / LAN access is off: this PC uses plain HTTP; the certificate is not used.\n');
  const server = await startServer({
    db,
    // the built renderer (npm run serve builds it first); ELDERCARE_RENDERER_DIR points elsewhere
    staticDir: process.env.ELDERCARE_RENDERER_DIR ?? path.resolve(__dirname, '../../out/renderer'),
    port,
    host: lan ? '0.0.0.0' : '127.0.0.1',
    tls,
    // The token works once (anyone who later finds the address in a log or history gets nothing).
    onTokenUsed: () =>
      process.stdout.write(
        `访问口令已使用（只能用一次）/ The access token has been used (it works once).\n` +
          `设置账号后，在任何浏览器打开 ${server.url}/ 登录；否则要在另一个浏览器打开，请重新运行 npm run serve。\n` +
          `With accounts, open ${server.url}/ in any browser and log in; otherwise restart npm run serve to open another browser.\n`,
      ),
  });
  process.stdout.write(`${clockNotice(today)}数据库 / database: ${file}\n在浏览器中打开 / open in a browser:\n${server.loginUrl}\n`);
  if (lan && tls) {
    const source = tls.info.source === 'supplied' ? '管理员提供的证书 / supplied certificate' : '自动生成的自签名证书 / generated self-signed certificate';
    process.stdout.write(
      `局域网访问已开启（须登录，HTTPS）/ LAN access is on (login required, HTTPS):\n${server.lanUrls.join('\n')}\n` +
        `证书 / certificate: ${source}, ${tls.info.subject}, 有效期至 / valid to ${tls.info.validTo}\n` +
        `SHA-256 指纹 / fingerprint: ${tls.info.fingerprintSha256}\n` +
        `浏览器提示证书风险时，请核对其显示的 SHA-256 指纹与上面一致再继续 / when a browser warns about the certificate, continue only if the SHA-256 fingerprint it shows is the one above.\n` +
        tls.notes.map((n) => `${n}\n`).join(''),
    );
  }
  const stop = () => {
    void server.close().then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
