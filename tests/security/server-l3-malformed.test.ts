/**
 * L3: malformed input got 500 INTERNAL with the raw parser or V8 text. Now a body that is not
 * JSON, a broken `input` parameter, a wrong content type or a broken path get 400 with a plain
 * zh/en message, before any procedure runs.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { API, appError, loginAs, serve } from './server-support';

const V8_TEXT = /Unexpected|JSON\.parse|SyntaxError|position \d|内部错误|Internal/;

describe('L3: malformed requests', () => {
  it('answers 400 with a plain zh/en message for broken JSON, a broken input parameter, a non-JSON body and a broken path', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const cookie = await loginAs(server, 'admin', PASSWORD);
    const json = { ...API, cookie, 'content-type': 'application/json' };
    const cases: Array<[string, Promise<Response>, string]> = [
      ['truncated JSON', fetch(`${server.url}/api/settings.update`, { method: 'POST', headers: json, body: '{"unitName":' }), 'BAD_JSON'],
      ['not JSON at all', fetch(`${server.url}/api/settings.update`, { method: 'POST', headers: json, body: 'unitName=x' }), 'BAD_JSON'],
      ['a batch body that is not JSON', fetch(`${server.url}/api/settings.update?batch=1`, { method: 'POST', headers: json, body: '{0:' }), 'BAD_JSON'],
      ['a broken input parameter', fetch(`${server.url}/api/facility.list?input=%7B%22a`, { headers: { ...API, cookie } }), 'BAD_JSON'],
      ['a form body', fetch(`${server.url}/api/settings.update`, { method: 'POST', headers: { ...API, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'unitName=x' }), 'BAD_CONTENT_TYPE'],
      ['text/plain', fetch(`${server.url}/api/settings.update`, { method: 'POST', headers: { ...API, cookie, 'content-type': 'text/plain' }, body: '{}' }), 'BAD_CONTENT_TYPE'],
      ['a broken escape in the path', fetch(`${server.url}/api/settings.%E0%A4%A`, { headers: { ...API, cookie } }), 'BAD_PATH'],
    ];
    for (const [name, pending, code] of cases) {
      const res = await pending;
      expect(res.status, name).toBe(400);
      const app = await appError(res);
      expect(app?.code, name).toBe(code);
      expect(app?.kind, name).toBe('validation');
      expect(app?.zh, name).toMatch(/[\u4e00-\u9fff]/);
      expect(`${app?.zh} ${app?.en}`, name).not.toMatch(V8_TEXT);
    }
    // the unit name is unchanged
    expect((db.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.update'").get() as { n: number }).n).toBe(0);
  });

  it('still answers well-formed calls as before', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const cookie = await loginAs(server, 'admin', PASSWORD);
    const ok = await fetch(`${server.url}/api/settings.update`, { method: 'POST', headers: { ...API, cookie, 'content-type': 'application/json; charset=utf-8' }, body: '{"unitName":"铜仁市民政局"}' });
    expect(ok.status).toBe(200);
  });
});
