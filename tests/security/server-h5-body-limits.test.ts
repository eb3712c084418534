/**
 * H5: request bodies had no size limit and were read before authentication (300 MB took the
 * server to 1.35 GB). Now an api call's body is at most 1 MB, counted while it streams, and
 * checked before the session is looked at; files come by the upload route (at most the import
 * limit, write permission first); slow or endless requests time out.
 */
import { unsealFile } from '../../src-main/import/upload-seal';
import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { uploadOwner, uploads } from '../../src-main/api/uploads';
import { MAX_FILE_BYTES } from '../../src-main/import/decode';
import { applyServerLimits, MAX_JSON_BODY_BYTES, SERVER_LIMITS } from '../../src-main/server/limits';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { API, appError, appOf, enter, loginAs, mutate, query, raw, serve } from './server-support';

const MB = 1024 * 1024;

/** Writes `total` bytes in 64 KB chunks without a length, and never ends the body. */
const endless = (total: number) => (req: http.ClientRequest) => {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  for (let sent = 0; sent < total; sent += chunk.length) req.write(chunk);
};

describe('H5: api bodies', () => {
  it('refuses an announced body over 1 MB with 413 before any session exists, in plain zh/en', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const big = { username: 'x', password: 'A'.repeat(2 * MB) };
    for (const proc of ['account.login', 'facility.create']) {
      const res = await mutate(server, proc, {}, big);
      expect(res.status, proc).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      const app = await appError(res);
      expect(app).toMatchObject({ code: 'BODY_TOO_LARGE', zh: expect.stringContaining('1 MB'), en: expect.stringContaining('1 MB') });
    }
  });

  it('counts a body without a length while it streams and stops reading past 1 MB (the body never ends)', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    // a login form's call: no stored session, the very case the review used
    const anonymous = await raw(server, {
      path: '/api/account.login',
      headers: { ...API, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: endless(3 * MB),
    });
    expect(anonymous.status).toBe(413);
    expect(anonymous.headers.connection).toBe('close');
    expect(appOf(anonymous)?.code).toBe('BODY_TOO_LARGE');

    const cookie = await loginAs(server, 'admin', PASSWORD);
    const loggedIn = await raw(server, {
      path: '/api/settings.update',
      headers: { ...API, cookie, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: endless(3 * MB),
    });
    expect(loggedIn.status).toBe(413);
    // the server still answers
    expect((await query(server, 'account.status', { cookie })).status).toBe(200);
  });

  it('still takes a body just under the limit', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const cookie = await loginAs(server, 'admin', PASSWORD);
    const res = await mutate(server, 'settings.update', { cookie }, { unitName: 'x'.repeat(MAX_JSON_BODY_BYTES - 100) });
    expect(res.status).toBe(400); // read and validated (too long a name), not refused for size
    expect((await appError(res))?.code).not.toBe('BODY_TOO_LARGE');
  });
});

describe('H5: the upload route', () => {
  const octet = (cookie: string) => ({ ...API, cookie, 'content-type': 'application/octet-stream' });

  it('takes a raw file over the JSON limit from an account that may write, and keeps it by id', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const server = await serve(db);
    const cookie = await loginAs(server, 'mgr-a', PASSWORD);
    const file = Buffer.alloc(2 * MB, 0x42);
    const res = await fetch(`${server.url}/api/upload?name=${encodeURIComponent('C:\\导入\\老人.xlsx')}`, { method: 'POST', headers: octet(cookie), body: file });
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as { uploadId: string; fileName: string; bytes: number };
    expect(receipt).toMatchObject({ fileName: '老人.xlsx', bytes: file.length });
    const kept = uploads.get(uploadOwner(actorOfUser(userById({ db }, w.users.managerA.id)!)), receipt.uploadId);
    // kept sealed (upload-seal.ts): the bytes on disk are not the file's, and unseal to it
    expect(fs.readFileSync(kept.file).includes(file.subarray(0, 64))).toBe(false);
    expect(unsealFile(kept.file).equals(file)).toBe(true);
    expect(fs.statSync(kept.file).mode & 0o777).toBe(0o600);
  });

  it(`refuses a file over ${MAX_FILE_BYTES / MB} MB, announced or streamed, naming the limit`, async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const cookie = await loginAs(server, 'mgr-a', PASSWORD);
    const announced = await raw(server, { path: '/api/upload?name=big.csv', headers: { ...octet(cookie), 'content-length': MAX_FILE_BYTES + 1 }, body: (req) => req.write('x') });
    expect(announced.status).toBe(413);
    expect(appOf(announced)).toMatchObject({ code: 'UPLOAD_TOO_LARGE', zh: expect.stringContaining('60 MB'), en: expect.stringContaining('60 MB') });
    const streamed = await raw(server, { path: '/api/upload?name=big.csv', headers: { ...octet(cookie), 'transfer-encoding': 'chunked' }, body: endless(MAX_FILE_BYTES + 2 * MB) });
    expect(streamed.status).toBe(413);
    expect(appOf(streamed)?.code).toBe('UPLOAD_TOO_LARGE');
  });

  it('refuses an empty file, a missing name and a body that is not a file', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const cookie = await loginAs(server, 'mgr-a', PASSWORD);
    const empty = await fetch(`${server.url}/api/upload?name=a.csv`, { method: 'POST', headers: octet(cookie), body: '' });
    expect(empty.status).toBe(400);
    expect(await appError(empty)).toMatchObject({ code: 'UPLOAD_EMPTY', zh: expect.stringContaining('空') });
    const noName = await fetch(`${server.url}/api/upload`, { method: 'POST', headers: octet(cookie), body: 'a' });
    expect(noName.status).toBe(400);
    const json = await fetch(`${server.url}/api/upload?name=a.csv`, { method: 'POST', headers: { ...octet(cookie), 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('checks session, client header, origin and permission before reading a byte', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const upload = (headers: Record<string, string | number>) =>
      raw(server, { path: '/api/upload?name=a.csv', headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked', ...headers }, body: endless(4 * MB) });
    const noSession = await upload(API);
    expect(noSession.status).toBe(401);
    expect(noSession.headers.connection).toBe('close');
    const reader = await loginAs(server, 'reader', PASSWORD);
    const readOnly = await upload({ ...API, cookie: reader });
    expect(readOnly.status).toBe(403);
    expect(appOf(readOnly)?.code).toBe('FORBIDDEN');
    const manager = await loginAs(server, 'mgr-a', PASSWORD);
    expect(appOf(await upload({ cookie: manager }))?.code).toBe('CSRF');
    expect(appOf(await upload({ ...API, cookie: manager, origin: 'http://evil.example' }))?.code).toBe('CSRF');
  });

  it('lets the local administrator upload while no account has a password', async () => {
    const { db } = freshDb();
    const server = await serve(db);
    const cookie = await enter(server);
    const res = await fetch(`${server.url}/api/upload?name=a.csv`, { method: 'POST', headers: octet(cookie), body: 'a,b\n1,2\n' });
    expect(res.status).toBe(200);
  });
});

describe('H5 and the notes: slow requests and connections', () => {
  it('sets request and header timeouts and a connection cap (Node allows 300 s and unlimited)', () => {
    const server = http.createServer();
    applyServerLimits(server);
    expect(server.requestTimeout).toBe(SERVER_LIMITS.requestTimeout);
    expect(server.requestTimeout).toBeLessThanOrEqual(60_000);
    expect(server.headersTimeout).toBeLessThanOrEqual(20_000);
    expect(server.maxConnections).toBe(200);
  });
});
