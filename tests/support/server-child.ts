/**
 * Browser mode in a process of its own, for tests that measure the server (peak RSS) or kill
 * it: `node --import tsx tests/support/server-child.ts DB_FILE`. Prints one JSON line with the
 * addresses once it listens; a placeholder page stands in for the renderer bundle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src-main/db/open';
import { startServer } from '../../src-main/server/http-server';

async function main(file: string): Promise<void> {
  const db = openDatabase(file);
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  const server = await startServer({ db, staticDir, port: 0 });
  process.stdout.write(`${JSON.stringify({ url: server.url, loginUrl: server.loginUrl, pid: process.pid })}\n`);
}

void main(process.argv[2] ?? 'server-child.db');
