/**
 * Browser-mode addresses a clerk types or bookmarks: a screen's path without '#' is sent to
 * the hash route, and a bookmarked address without the token explains (zh and en) where the
 * full address is — the token rule itself stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-main/server/http-server';
import { freshDb, tempDir } from '../support/temp-db';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve() {
  const { db } = freshDb();
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(dir, 'app.js'), 'void 0;');
  const server = await startServer({ db, staticDir: dir, port: 0, token: 'test-token' });
  servers.push(server);
  return server;
}

describe('browser-mode addresses', () => {
  it('sends /data-quality to /#/data-quality (query kept), leaves files and the api alone', async () => {
    const server = await serve();
    const r = await fetch(`${server.url}/data-quality`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/#/data-quality');
    const q = await fetch(`${server.url}/facilities/3?x=1`, { redirect: 'manual' });
    expect(q.headers.get('location')).toBe('/#/facilities/3?x=1');
    const enter = await fetch(server.loginUrl, { redirect: 'manual' });
    const cookie = (enter.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${server.url}/app.js`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/facility.list`, { headers: { cookie }, redirect: 'manual' })).status).not.toBe(302);
  });

  it('answers a bookmarked address without the token with 401 and how to get the full address', async () => {
    const server = await serve();
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('npm run serve');
    expect(html).toContain('桌面快捷方式');
    expect(html).toContain('desktop shortcut');
    expect(html).toContain('?token=');
  });
});
