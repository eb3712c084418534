/**
 * `npm run hub -- --pg postgres://USER@HOST/DB --root <fingerprint> [--port N] [--listen ADDR]
 * [--cert FILE --key FILE] [--data DIR] [--key-file FILE]`: the central server installs sync
 * with (services/hub/engine.ts, docs/exchange.md "Sync with the hub"). --root is the
 * `exchange identity` fingerprint of the city (or province) install it trusts. The hub key
 * (ID numbers and phones are stored encrypted with it; the working copy is encrypted with it)
 * is ELDERCARE_HUB_KEY, else --key-file, else hub.key in the data folder, made on first start:
 * keep it, and a copy of it, outside the database server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ownerOnlyFiles } from '../db/file-modes';
import { openPg } from '../db/pg/connection';
import { hubKey } from '../db/pg/personal-cipher';
import { Hub, normaliseFingerprint } from '../services/hub/engine';
import { clockFromEnv } from '../services/clock';
import { startHubServer } from './hub-server';

async function main(): Promise<void> {
  ownerOnlyFiles();
  clockFromEnv(process.env);
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      pg: { type: 'string' },
      root: { type: 'string' },
      port: { type: 'string' },
      listen: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      data: { type: 'string' },
      'key-file': { type: 'string' },
    },
    strict: true,
  });
  if (!values.pg) throw new Error('需要 --pg postgres://用户@主机/数据库 / --pg is required');
  if (!values.root || normaliseFingerprint(values.root).length !== 64)
    throw new Error('需要 --root 市级（或省级）安装的公钥指纹（exchange identity 显示的 64 位十六进制）/ --root needs the root install\'s fingerprint (64 hex digits, as exchange identity prints it)');
  const port = values.port === undefined ? 5218 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 不是有效端口：${values.port}`);
  if (!!values.cert !== !!values.key) throw new Error('--cert 与 --key 要一起给出 / give --cert and --key together');
  const dataDir = path.resolve(values.data ?? 'hub-data');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = hubKey(values['key-file'] ?? path.join(dataDir, 'hub.key'), { create: !values['key-file'] });
  const pg = await openPg(values.pg, { max: 20 });
  const hub = await Hub.open({ pg, dataDir, hubKey: key, rootFingerprint: values.root, log: (line) => process.stdout.write(`${line}\n`) });
  const tls = values.cert && values.key ? { cert: fs.readFileSync(values.cert), key: fs.readFileSync(values.key) } : undefined;
  const server = await startHubServer({ hub, port, host: values.listen ?? '127.0.0.1', tls });
  const id = hub.identity();
  process.stdout.write(
    `中心服务器已启动 / hub running: ${server.url}\n` +
      `中心服务器公钥指纹 / hub fingerprint: ${id.fingerprint}\n` +
      `信任的根安装 / trusted root: ${values.root}\n` +
      (tls ? '' : '未给证书：使用 HTTP，只应在本机或可信网络中使用 / no certificate: plain HTTP, for loopback or a trusted network only\n'),
  );
  const stop = () => {
    void server.close().then(() => hub.close()).then(() => pg.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
