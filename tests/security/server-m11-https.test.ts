/**
 * M11: LAN mode was plain HTTP — passwords, session cookies (no `Secure`) and ID numbers
 * crossed the office LAN or Wi-Fi in cleartext. Now a server started in LAN mode (as
 * `npm run serve` does: lanTls, then startServer on 0.0.0.0 with the certificate) speaks
 * HTTPS only, with the administrator's certificate or one generated and kept beside the
 * database, and `security.tls` gives the fingerprint the settings page shows.
 *
 * Over real HTTPS on 127.0.0.1 (the LAN port of a server on 0.0.0.0: the same listener and
 * the same certificate other PCs reach); the certificate is pinned as the only CA.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { lanAddresses, type RunningServer } from '../../src-main/server/http-server';
import { CERT_FILE, KEY_FILE, lanTls, RENEW_BEFORE_DAYS, suppliedFiles, TLS_DIR, tlsDirOf, type TlsMaterial } from '../../src-main/server/tls';
import { freshDb, tempDir } from '../support/temp-db';
import { callerFor, PASSWORD } from '../support/two-facilities';
import { serve } from './server-support';

const DAY_MS = 86_400_000;
const POSIX = process.platform !== 'win32';

/** A database with an administrator who turned LAN access on, as `npm run serve` finds it. */
async function lanDb() {
  const fresh = freshDb();
  const admin = await fresh.api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
  await callerFor(fresh.db, admin.id).security.update({ lanEnabled: true });
  return fresh;
}

async function lanServer(material: TlsMaterial, db: Awaited<ReturnType<typeof lanDb>>['db']): Promise<RunningServer> {
  return serve(db, { host: '0.0.0.0', tls: material });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTPS request to 127.0.0.1 trusting only `ca` (or the system's CAs when it is undefined). */
function httpsCall(server: RunningServer, ca: string | undefined, r: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: u.port, method: r.method ?? 'GET', path: r.path, headers: r.headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

const API = { 'x-eldercare-client': '1' };
const JSON_API = { ...API, 'content-type': 'application/json' };

async function loginOverHttps(server: RunningServer, ca: string): Promise<{ cookie: string; setCookie: string }> {
  const res = await httpsCall(server, ca, { method: 'POST', path: '/api/account.login', headers: JSON_API, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  expect(res.status).toBe(200);
  const setCookie = String(res.headers['set-cookie']?.[0] ?? '');
  return { cookie: setCookie.split(';')[0]!, setCookie };
}

async function tlsStatus(server: RunningServer, ca: string | undefined, cookie: string) {
  const res = ca === undefined ? await fetch(`${server.url}/api/security.tls`, { headers: { ...API, cookie } }) : await httpsCall(server, ca, { path: '/api/security.tls', headers: { ...API, cookie } });
  const body = typeof (res as Response).json === 'function' ? await (res as Response).json() : JSON.parse((res as Answer).body);
  return (body as { result: { data: { enabled: boolean; fingerprintSha256: string | null; subject: string | null; validTo: string | null; altNames: string[]; source: string | null } } }).result.data;
}

/** The certificate the server presents, as the TLS layer itself sees it. */
function servedFingerprint(server: RunningServer, ca: string): Promise<string> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca }, () => {
      const fp = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fp);
    });
    socket.on('error', reject);
  });
}

/** Everything the port sends back to a plain-HTTP request, until it closes the connection. */
function plainHttp(server: RunningServer, requestPath: string): Promise<string> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port }, () =>
      socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-eldercare-client: 1\r\nConnection: close\r\n\r\n`),
    );
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', done);
    socket.setTimeout(3000, () => socket.destroy());
  });
}

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

describe('M11: LAN mode serves HTTPS only', () => {
  it('with a generated certificate: nothing in cleartext, pinned HTTPS works, Secure cookies, the API fingerprint is the served one', async () => {
    const { db, file } = await lanDb();
    const material = await lanTls({ dbFile: file, supplied: null });
    const server = await lanServer(material, db);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.loginUrl.startsWith('https://')).toBe(true);
    for (const u of server.lanUrls) expect(u).toMatch(/^https:\/\//);

    // Kept beside the database, readable by the owner only.
    const dir = path.join(path.dirname(file), TLS_DIR);
    expect(tlsDirOf(file)).toBe(dir);
    expect(fs.readFileSync(path.join(dir, CERT_FILE), 'utf8')).toBe(material.cert);
    if (POSIX) {
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, CERT_FILE)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    }

    // Plain HTTP to the LAN port: no HTTP answer at all — no page, no cookie, no data.
    for (const p of ['/', '/?token=test-token', '/api/account.status']) {
      const got = await plainHttp(server, p);
      expect(got, p).not.toMatch(/HTTP\/1\.[01]/);
      expect(got, p).not.toContain('<title>app');
      expect(got, p).not.toContain('eldercare_session');
    }
    // Unpinned, the certificate is not trusted (a browser warns: hence the fingerprint).
    await expect(httpsCall(server, undefined, { path: '/' })).rejects.toThrow(/self[- ]signed/i);

    // Pinned as the CA, HTTPS works; the certificate names 127.0.0.1 (Node checks it).
    const page = await httpsCall(server, material.cert, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app');

    // Session cookies are Secure: the token's and a login's.
    const token = await httpsCall(server, material.cert, { path: '/?token=test-token' });
    expect(token.status).toBe(302);
    expect(String(token.headers['set-cookie'])).toMatch(/; Secure/);
    const { cookie, setCookie } = await loginOverHttps(server, material.cert);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);

    // The same-origin check knows the page is https://.
    const crossScheme = await httpsCall(server, material.cert, {
      method: 'POST',
      path: '/api/account.logout',
      headers: { ...JSON_API, cookie, origin: `http://127.0.0.1:${new URL(server.url).port}` },
      body: '{}',
    });
    expect(crossScheme.status).toBe(403);
    expect((JSON.parse(crossScheme.body) as { error: { data: { app: { code: string } } } }).error.data.app.code).toBe('CSRF');

    // What the settings page shows is the certificate the TLS layer presents.
    const status = await tlsStatus(server, material.cert, cookie);
    const served = await servedFingerprint(server, material.cert);
    expect(status.enabled).toBe(true);
    expect(status.source).toBe('generated');
    expect(status.fingerprintSha256).toMatch(FINGERPRINT);
    expect(status.fingerprintSha256).toBe(served);
    expect(status.fingerprintSha256).toBe(new crypto.X509Certificate(material.cert).fingerprint256);
    expect(status.fingerprintSha256).toBe(
      crypto
        .createHash('sha256')
        .update(new crypto.X509Certificate(material.cert).raw)
        .digest('hex')
        .toUpperCase()
        .match(/../g)!
        .join(':'),
    );
    expect(Date.parse(status.validTo ?? '') - Date.now()).toBeGreaterThan(300 * DAY_MS);
    expect(status.subject).toContain('CN=');
    // Subject alt names: this PC's LAN addresses and loopback.
    for (const ip of ['127.0.0.1', ...lanAddresses()]) expect(status.altNames).toContain(ip);
    expect(status.altNames).toContain('localhost');
    expect(status.altNames).toContain('::1');
  });

  it('keeps the generated certificate across starts and makes a new one within 30 days of expiry', async () => {
    const { file } = await lanDb();
    const first = await lanTls({ dbFile: file, supplied: null });
    const again = await lanTls({ dbFile: file, supplied: null });
    expect(again.info.fingerprintSha256).toBe(first.info.fingerprintSha256);
    expect(again.key).toBe(first.key);
    expect(again.notes).toEqual([]);

    const validTo = Date.parse(first.info.validTo);
    const stillGood = await lanTls({ dbFile: file, supplied: null, now: new Date(validTo - (RENEW_BEFORE_DAYS + 1) * DAY_MS) });
    expect(stillGood.info.fingerprintSha256).toBe(first.info.fingerprintSha256);

    const nearExpiry = new Date(validTo - (RENEW_BEFORE_DAYS - 1) * DAY_MS);
    const renewed = await lanTls({ dbFile: file, supplied: null, now: nearExpiry });
    expect(renewed.info.fingerprintSha256).not.toBe(first.info.fingerprintSha256);
    expect(Date.parse(renewed.info.validTo)).toBeGreaterThan(nearExpiry.getTime() + 300 * DAY_MS);
    expect(fs.readFileSync(path.join(tlsDirOf(file), CERT_FILE), 'utf8')).toBe(renewed.cert);
    expect(renewed.notes.join()).toContain('expires');

    // A damaged kept pair is replaced, not served.
    fs.writeFileSync(path.join(tlsDirOf(file), KEY_FILE), 'not a key');
    const repaired = await lanTls({ dbFile: file, supplied: null, now: nearExpiry });
    expect(repaired.info.fingerprintSha256).not.toBe(renewed.info.fingerprintSha256);
    expect(crypto.createPrivateKey(fs.readFileSync(path.join(tlsDirOf(file), KEY_FILE), 'utf8')).asymmetricKeyType).toBe('ec');
  });

  it('uses the administrator’s certificate and key instead of generating one', async () => {
    const { db, file } = await lanDb();
    // The office's own certificate (here self-signed too, with a name of its own).
    const own = await generate([{ name: 'commonName', value: 'register.office.example' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'register.office.example' }, { type: 7, ip: '127.0.0.1' }] }],
    });
    const dir = tempDir();
    const certFile = path.join(dir, 'office.crt');
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(certFile, own.cert);
    fs.writeFileSync(keyFile, own.private);

    // From the environment (npm run serve reads ELDERCARE_TLS_CERT/KEY; --cert/--key win).
    const supplied = suppliedFiles({}, { ELDERCARE_TLS_CERT: certFile, ELDERCARE_TLS_KEY: keyFile });
    expect(supplied).toEqual({ certFile, keyFile });
    expect(suppliedFiles({ cert: 'a.pem', key: 'b.pem' }, { ELDERCARE_TLS_CERT: certFile, ELDERCARE_TLS_KEY: keyFile })?.certFile).toBe(path.resolve('a.pem'));
    expect(suppliedFiles({}, {})).toBeNull();
    expect(() => suppliedFiles({ cert: certFile }, {})).toThrow(/together/);

    const material = await lanTls({ dbFile: file, supplied });
    expect(material.info.source).toBe('supplied');
    expect(fs.existsSync(tlsDirOf(file))).toBe(false); // nothing generated
    const server = await lanServer(material, db);
    const expected = new crypto.X509Certificate(own.cert).fingerprint256;
    expect(await servedFingerprint(server, own.cert)).toBe(expected);
    const { cookie, setCookie } = await loginOverHttps(server, own.cert);
    expect(setCookie).toMatch(/; Secure/);
    const status = await tlsStatus(server, own.cert, cookie);
    expect(status).toMatchObject({ enabled: true, source: 'supplied', fingerprintSha256: expected });
    expect(status.subject).toContain('CN=register.office.example');

    // A key that is not the certificate's is refused: the server does not start with it.
    const other = await generate(undefined, { keyType: 'ec', algorithm: 'sha256' });
    const wrongKey = path.join(dir, 'other.key');
    fs.writeFileSync(wrongKey, other.private);
    await expect(lanTls({ dbFile: file, supplied: { certFile, keyFile: wrongKey } })).rejects.toThrow(/不匹配|do not belong/);
    // An expired one too.
    await expect(lanTls({ dbFile: file, supplied, now: new Date(Date.now() + 400 * DAY_MS) })).rejects.toThrow(/not valid now/);
  });

  it('loopback-only mode (the default) stays plain HTTP on 127.0.0.1, and says so', async () => {
    const fresh = freshDb();
    const admin = await fresh.api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
    expect(admin.id).toBeGreaterThan(0);
    const server = await serve(fresh.db);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(server.tls).toBeNull();
    const login = await fetch(`${server.url}/api/account.login`, { method: 'POST', headers: JSON_API, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).not.toMatch(/Secure/);
    const status = await tlsStatus(server, undefined, setCookie.split(';')[0]!);
    expect(status).toMatchObject({ enabled: false, fingerprintSha256: null, source: null });
  });
});
