/**
 * The hub with a real PostgreSQL server and real HTTP, on the demo chain (city → 碧江区 →
 * one home, tests/support/facility-chain.ts): every office syncs and the hub's figures are
 * the city's; a sync whose answer is lost applies once when it runs again; forged files are
 * refused and stored nowhere; the hub restored from pg_dump into an empty database, with its
 * working copy gone, gives the same figures and syncs on.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { installIdentity, keyFingerprint } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { openPg, runOnPg, type PgDb } from '../../src-main/db/pg/connection';
import { startHubServer, type RunningHubServer } from '../../src-main/server/hub-server';
import { makeHubBatch } from '../../src-main/services/exchange/batch';
import { exportPackage } from '../../src-main/services/exchange/enrolment';
import { writePackageTo } from '../../src-main/services/exchange/package-file';
import { Hub } from '../../src-main/services/hub/engine';
import { syncWithHub } from '../../src-main/services/hub/sync-client';
import { localActor } from '../../src-main/services/local-actor';
import { statistics, statisticsProgram } from '../../src-main/services/statistics';
import { facilityChain, type FacilityChain } from '../support/facility-chain';
import { freshDatabase } from '../support/pg-server';
import { tempDir } from '../support/temp-db';

const DATES = ['2025-12-31', '2026-06-30', '2026-11-30'];
const hubKey = randomBytes(32);

let dir: string;
let chain: FacilityChain;
let url: string;
let pg: PgDb;
let hub: Hub;
let server: RunningHubServer;

async function startHub(dbUrl: string, dataDir: string): Promise<void> {
  pg = await openPg(dbUrl);
  hub = await Hub.open({ pg, dataDir, hubKey, rootFingerprint: keyFingerprint(installIdentity(chain.city.sqlite).publicKey) });
  server = await startHubServer({ hub });
}

async function stopHub(): Promise<void> {
  await server.close();
  await hub.close();
  await pg.close();
}

async function figuresAgree(): Promise<void> {
  for (const date of DATES) {
    const fromCity = statistics({ db: chain.city, actor: localActor(chain.city) }, { date });
    const fromHub = await runOnPg(pg, statisticsProgram(localActor(chain.city), { date }, 'pg'));
    expect(fromHub, date).toEqual(fromCity);
  }
}

const count = async (sql: string): Promise<number> => (await pg.pool.query<{ n: number }>(sql)).rows[0]!.n;
const duplicates = (db: AppDb) => db.sqlite.prepare('SELECT count(*) FROM (SELECT origin, seq FROM change_log GROUP BY origin, seq HAVING count(*) > 1)').pluck().get() as number;
const refusedAt = (db: AppDb) => db.sqlite.prepare("SELECT count(*) FROM change_log WHERE state = 'refused'").pluck().get() as number;

describe('the hub on the demo chain', () => {
  beforeAll(async () => {
    dir = tempDir();
    chain = await facilityChain(dir);
    url = await freshDatabase('hub_chain');
    await startHub(url, path.join(dir, 'hub'));
  }, 120_000);

  afterAll(async () => {
    await stopHub().catch(() => undefined);
    for (const db of [chain.city, chain.county, chain.fac]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every office syncs: the hub holds the register the city holds, figures equal for three dates', async () => {
    const first = await syncWithHub(chain.city, server.url);
    expect(first.firstContact).toBe(true);
    expect(first.hub_package.outcome).toBe('applied');
    expect(first.hub_package.changes).toBeGreaterThan(1000);
    for (const db of [chain.county, chain.fac, chain.city, chain.county, chain.fac]) {
      const r = await syncWithHub(db, server.url);
      expect(r.hub_package.outcome).toBe('applied');
      for (const p of r.pulled) expect(p.outcome.refused ?? p.outcome.report!.refused).toEqual([]);
    }
    await figuresAgree();
    expect(refusedAt(hub.engineDb)).toBe(0);
    const origins = (await pg.pool.query<{ origin: string }>('SELECT DISTINCT origin FROM hub_changes')).rows.map((r) => r.origin);
    // the home has made no change of its own yet (its register came from the county)
    expect(origins.sort()).toEqual([chain.city, chain.county].map((db) => installIdentity(db.sqlite).uid).sort());
  }, 120_000);

  it('a sync whose answer was lost runs again and applies everything once', async () => {
    const api = createCaller(chain.fac);
    const facilityId = chain.fac.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(chain.home.uid) as number;
    await api.facility.update({ id: facilityId, staffCount: 77 });
    const changesBefore = await count('SELECT count(*) AS n FROM hub_changes');
    // the connection drops after the hub took the file for it, before its answer arrives
    const cut: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (String(input).endsWith('/hub/v1/push') && init?.body && Buffer.from(init.body as Uint8Array).length > 0) {
        const body = (await answer.clone().json()) as { kind: string };
        if (body.kind === 'applied') throw new TypeError('fetch failed: the connection was reset');
      }
      return answer;
    };
    await expect(syncWithHub(chain.fac, server.url, { fetch: cut })).rejects.toThrow(/连接不上中心服务器/);
    const afterCut = await count('SELECT count(*) AS n FROM hub_changes');
    expect(afterCut).toBeGreaterThan(changesBefore);
    const again = await syncWithHub(chain.fac, server.url);
    expect(again.hub_package.outcome).toBe('applied');
    expect(await count('SELECT count(*) AS n FROM hub_changes')).toBe(afterCut);
    expect(duplicates(hub.engineDb)).toBe(0);
    expect(refusedAt(hub.engineDb)).toBe(0);
    // the county and the city take the home's change through the hub; the city's figures follow
    await syncWithHub(chain.county, server.url);
    await syncWithHub(chain.city, server.url);
    expect(chain.city.sqlite.prepare('SELECT staff_count FROM facilities WHERE uid = ?').pluck().get(chain.home.uid)).toBe(77);
    const staffAtHub = (await pg.pool.query<{ n: number }>('SELECT staff_count AS n FROM facilities WHERE uid = $1', [chain.home.uid])).rows[0]!.n;
    expect(staffAtHub).toBe(77);
    const fromHome = (await pg.pool.query<{ n: number }>('SELECT count(*) AS n FROM hub_changes WHERE origin = $1', [installIdentity(chain.fac.sqlite).uid])).rows[0]!.n;
    expect(fromHome).toBe(1);
    await figuresAgree();
  }, 120_000);

  it('refuses a forged file, a file from a stranger and bytes that are no package, storing none of them', async () => {
    const packages = await count('SELECT count(*) AS n FROM hub_packages');
    const changes = await count('SELECT count(*) AS n FROM hub_changes');
    const post = (bytes: Buffer) => fetch(`${server.url}/hub/v1/push`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
    const real = exportPackage(chain.county).file;
    const forged = Buffer.from(real);
    forged.writeUInt8(forged.readUInt8(forged.length - 100) ^ 0x01, forged.length - 100);
    const a = await post(forged);
    expect(a.status).toBe(400);
    expect(((await a.json()) as { code: string }).code).toBe('BAD_SIGNATURE');
    // a city install of its own, which the hub's root never enrolled
    const stranger = openDatabase(path.join(dir, 'stranger.db'));
    const hubId = hub.identity();
    const b = await post(writePackageTo(stranger, makeHubBatch(stranger, hubId.uid), hubId));
    stranger.close();
    expect(b.status).toBe(409);
    expect(((await b.json()) as { code: string }).code).toBe('UNKNOWN_SENDER');
    const c = await post(randomBytes(2000));
    expect(c.status).toBe(400);
    expect(((await c.json()) as { code: string }).code).toBe('NOT_A_PACKAGE');
    expect(await count('SELECT count(*) AS n FROM hub_packages')).toBe(packages);
    expect(await count('SELECT count(*) AS n FROM hub_changes')).toBe(changes);
    // an unsigned inbox request proves nothing
    expect((await fetch(`${server.url}/hub/v1/inbox?after=0`)).status).toBe(401);
  }, 60_000);

  it('restored from pg_dump into an empty database, with its working copy gone: the same figures, and it syncs on', async () => {
    const bin = fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`)[0]!;
    const dump = path.join(dir, 'hub.dump');
    const d = spawnSync(`${bin}/pg_dump`, ['-Fc', '-f', dump, url], { encoding: 'utf8' });
    expect(d.status, d.stderr).toBe(0);
    await stopHub();
    const restoredUrl = await freshDatabase('hub_restored');
    const r = spawnSync(`${bin}/pg_restore`, ['--no-owner', '-d', restoredUrl, dump], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    await startHub(restoredUrl, path.join(dir, 'hub-new'));
    await figuresAgree();
    // a new write at the home travels home → hub → county and city as before
    const api = createCaller(chain.fac);
    const facilityId = chain.fac.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(chain.home.uid) as number;
    await api.facility.update({ id: facilityId, staffCount: 78 });
    for (const db of [chain.fac, chain.county, chain.city]) expect((await syncWithHub(db, server.url)).hub_package.outcome).toBe('applied');
    expect((await pg.pool.query<{ n: number }>('SELECT staff_count AS n FROM facilities WHERE uid = $1', [chain.home.uid])).rows[0]!.n).toBe(78);
    expect(duplicates(hub.engineDb)).toBe(0);
    await figuresAgree();
  }, 120_000);
});
