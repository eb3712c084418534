/**
 * M3: one request could block the server for tens of seconds — no batch cap, and heavy
 * procedures (a batch of 100 rosters held the event loop 22.6 s; read-only accounts may send
 * it). Now a batch holds at most 10 calls and at most one heavy procedure, and heavy
 * procedures run one at a time: another is refused at once with BUSY_REPORT.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { HEAVY_PROCEDURES } from '../../src-main/server/http-server';
import { MAX_BATCH_SIZE } from '../../src-main/server/limits';
import { freshDb } from '../support/temp-db';
import { PASSWORD, twoFacilities } from '../support/two-facilities';
import { appError, JSON_API, loginAs, mutate, query, serve } from './server-support';

const batchOf = (names: string[]) => `${names.join(',')}?batch=1`;
const inputs = (n: number, input: unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), input]));

describe('M3: batches', () => {
  it('refuses a batch of 100 rosters, and any batch of more than 10 calls', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const reader = await loginAs(server, 'reader', PASSWORD);
    const rosters = await mutate(server, batchOf(Array(100).fill('resident.roster')), { cookie: reader }, inputs(100, {}));
    expect(rosters.status).toBe(400);
    expect(await appError(rosters)).toMatchObject({ code: 'BATCH_TOO_LARGE', zh: expect.stringContaining(`最多包含 ${MAX_BATCH_SIZE} 个`) });

    const eleven = await query(server, batchOf(Array(MAX_BATCH_SIZE + 1).fill('facility.list')), { cookie: reader }, inputs(MAX_BATCH_SIZE + 1, {}));
    expect(eleven.status).toBe(400);
    const ten = await query(server, batchOf(Array(MAX_BATCH_SIZE).fill('facility.list')), { cookie: reader }, inputs(MAX_BATCH_SIZE, {}));
    expect(ten.status).toBe(200);
    expect(((await ten.json()) as unknown[]).length).toBe(MAX_BATCH_SIZE);
  });

  it('refuses a batch with more than one heavy procedure', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const admin = await loginAs(server, 'admin', PASSWORD);
    const two = await mutate(server, batchOf(['resident.roster', 'import.exportRegister']), { cookie: admin }, { 0: {}, 1: { template: 'residents' } });
    expect(two.status).toBe(400);
    expect((await appError(two))?.code).toBe('HEAVY_BATCH');
    const one = await mutate(server, batchOf(['resident.roster']), { cookie: admin }, { 0: {} });
    expect(one.status).toBe(200);
  });

  it('lists the workbook builders as heavy', () => {
    for (const p of ['resident.roster', 'import.exportRegister', 'month.workbook', 'import.template']) expect(HEAVY_PROCEDURES.has(p), p).toBe(true);
  });
});

describe('M3: one heavy procedure at a time', () => {
  it('refuses a second heavy call at once with BUSY_REPORT while one runs, and takes the next one after it', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const server = await serve(db);
    const admin = await loginAs(server, 'admin', PASSWORD);
    const u = new URL(server.url);

    // The first roster is accepted (its headers are in; the server holds the gate) and its body is held back.
    const body = JSON.stringify({});
    const first = http.request({
      host: u.hostname,
      port: u.port,
      method: 'POST',
      path: '/api/resident.roster',
      agent: false,
      headers: { host: u.host, ...JSON_API, cookie: admin, 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    const answered = new Promise<number>((resolve, reject) => {
      first.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      first.on('error', reject);
    });
    const accepted = new Promise((resolve) => first.once('continue', resolve));
    first.flushHeaders();
    await accepted;

    const second = await mutate(server, 'import.exportRegister', { cookie: admin }, { template: 'residents' });
    expect(second.status).toBe(503);
    expect(await appError(second)).toMatchObject({ code: 'BUSY_REPORT', zh: '另一个报表正在生成，请稍后再试' });
    const workbook = await query(server, 'import.template', { cookie: admin }, { template: 'residents' });
    expect(workbook.status).toBe(503);
    // light calls are not held up
    expect((await query(server, 'facility.list', { cookie: admin }, {})).status).toBe(200);

    first.end(body);
    expect(await answered).toBe(200);
    expect((await mutate(server, 'import.exportRegister', { cookie: admin }, { template: 'residents' })).status).toBe(200);
  });
});
