/**
 * `npm run serve [-- --db PATH --port N]`: browser mode on 127.0.0.1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ownerOnlyFiles } from '../db/file-modes';
import { openDatabase } from '../db/open';
import { resolveDbPath } from '../db/paths';
import { securitySettings } from '../services/accounts';
import { startServer } from './http-server';

async function main(): Promise<void> {
  ownerOnlyFiles();
  const { values } = parseArgs({ args: process.argv.slice(2), options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true });
  const file = resolveDbPath(values.db ? ['--db', values.db] : [], process.env);
  const port = values.port === undefined ? 5217 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 不是有效端口：${values.port}`);
  const db = openDatabase(file);
  // LAN access only when an administrator turned it on and login is required.
  const security = securitySettings({ db });
  const lan = security.lanEnabled && security.loginRequired;
  const server = await startServer({
    db,
    staticDir: path.resolve(__dirname, '../../out/renderer'),
    port,
    host: lan ? '0.0.0.0' : '127.0.0.1',
    // The token works once (anyone who later finds the address in a log or history gets nothing).
    onTokenUsed: () =>
      process.stdout.write(
        `访问口令已使用（只能用一次）/ The access token has been used (it works once).\n` +
          `设置账号后，在任何浏览器打开 ${server.url}/ 登录；否则要在另一个浏览器打开，请重新运行 npm run serve。\n` +
          `With accounts, open ${server.url}/ in any browser and log in; otherwise restart npm run serve to open another browser.\n`,
      ),
  });
  process.stdout.write(`数据库 / database: ${file}\n在浏览器中打开 / open in a browser:\n${server.loginUrl}\n`);
  if (lan)
    process.stdout.write(`局域网访问已开启（须登录）/ LAN access is on (login required):\n${server.lanUrls.join('\n')}\n`);
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
