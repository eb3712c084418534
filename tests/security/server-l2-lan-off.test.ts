/**
 * L2: turning LAN access off needed a restart — a server listening on all interfaces went on
 * answering other PCs, because the per-request check tested only "login required". Now every
 * request from a non-loopback address also needs LAN access to be on at that moment (403
 * LAN_OFF, 局域网访问已关闭, otherwise).
 *
 * The rule itself is `lanRefusal` (unit cases below). Over real HTTP, "another PC" is this
 * machine's own non-loopback IPv4 address: a request sent to it arrives from it.
 */
import { describe, expect, it } from 'vitest';
import { lanAddresses } from '../../src-main/server/http-server';
import { isLoopbackAddress, LAN_REFUSAL, lanRefusal } from '../../src-main/server/lan-access';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { API, appError, loginAs, mutate, query, serve } from './server-support';

describe('L2: lanRefusal (the per-request rule)', () => {
  const on = { lanEnabled: true, loginRequired: true };
  const off = { lanEnabled: false, loginRequired: true };
  const noLogin = { lanEnabled: false, loginRequired: false };

  it('never refuses this PC (any loopback address, plain or IPv4-mapped)', () => {
    for (const a of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '::ffff:127.0.0.1', '::ffff:127.0.0.3'])
      for (const state of [on, off, noLogin]) expect(lanRefusal(a, state), `${a} ${JSON.stringify(state)}`).toBeNull();
  });

  it('refuses another PC once LAN access is off, with 局域网访问已关闭', () => {
    for (const a of ['192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', '128.0.0.1', '127.0.0.1.evil', undefined]) {
      const r = lanRefusal(a, off);
      expect(r, String(a)).toEqual(LAN_REFUSAL.lanOff);
      expect(r?.kind).toBe('forbidden'); // 403
      expect(r?.zh).toBe('局域网访问已关闭');
      expect(r?.en).toBe('LAN access is turned off');
    }
  });

  it('lets another PC in while LAN access is on and login is required', () => {
    expect(lanRefusal('192.168.1.20', on)).toBeNull();
    expect(lanRefusal('::ffff:192.168.1.20', on)).toBeNull();
  });

  it('still refuses another PC while no login is required, whatever the LAN setting says', () => {
    expect(lanRefusal('192.168.1.20', noLogin)?.code).toBe('LAN_NEEDS_LOGIN');
    expect(lanRefusal('192.168.1.20', { lanEnabled: true, loginRequired: false })?.code).toBe('LAN_NEEDS_LOGIN');
  });

  it('counts only real loopback addresses as this PC', () => {
    expect(isLoopbackAddress('127.0.0.9')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.1.2.3')).toBe(true);
    for (const a of ['192.0.2.2', '::ffff:192.0.2.2', '0.0.0.0', '::', '', '127.0.0', 'x127.0.0.1', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });
});

const lanIp = lanAddresses()[0];

describe('L2: over HTTP, a server on 0.0.0.0 consults the setting at every request', () => {
  if (!lanIp) it.skip('skipped: this machine has no non-loopback IPv4 address to act as another PC (the rule is covered by the unit cases above)', () => {});
  else
    it(`another PC (${lanIp}) is refused as soon as the administrator turns LAN access off, and let in again when it is turned on — no restart`, async () => {
      const { db } = freshDb();
      await twoFacilities(db);
      const server = await serve(db, { host: '0.0.0.0' });
      const admin = await loginAs(server, 'admin', PASSWORD); // from this PC (127.0.0.1)
      expect((await mutate(server, 'security.update', { cookie: admin }, { lanEnabled: true })).status).toBe(200);

      const lan = new URL(server.lanUrls.find((u) => u.includes(lanIp)) ?? '');
      const fromLan = (p: string, headers: Record<string, string> = {}, init: RequestInit = {}) => fetch(`${lan.origin}${p}`, { ...init, headers: { ...API, ...headers } });
      const lanLogin = await fromLan('/api/account.login', { 'content-type': 'application/json' }, { method: 'POST', body: JSON.stringify({ username: 'reader', password: PASSWORD }) });
      expect(lanLogin.status).toBe(200);
      const reader = (lanLogin.headers.get('set-cookie') ?? '').split(';')[0]!;
      expect((await fromLan('/api/account.me', { cookie: reader })).status).toBe(200);
      expect((await fromLan('/')).status).toBe(200);

      // The administrator turns LAN access off through the api; the same server, same session.
      expect((await mutate(server, 'security.update', { cookie: admin }, { lanEnabled: false })).status).toBe(200);
      for (const [p, headers] of [
        ['/api/account.me', { cookie: reader }],
        ['/api/account.status', {}],
        ['/', {}],
        ['/?token=test-token', {}],
      ] as const) {
        const res = await fromLan(p, headers);
        expect(res.status, p).toBe(403);
        const app = await appError(res);
        expect(app?.code, p).toBe('LAN_OFF');
        expect(app?.zh).toBe('局域网访问已关闭');
      }
      // This PC carries on.
      expect((await query(server, 'account.me', { cookie: admin })).status).toBe(200);

      // And back on, still without a restart: the reader's session was kept.
      expect((await mutate(server, 'security.update', { cookie: admin }, { lanEnabled: true })).status).toBe(200);
      expect((await fromLan('/api/account.me', { cookie: reader })).status).toBe(200);
    });
});
