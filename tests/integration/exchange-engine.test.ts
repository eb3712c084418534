/**
 * The exchange engine on real SQLite files (docs/exchange.md): every write records its changes
 * in its own transaction, ownership is refused locally and on apply, and applying is
 * idempotent, in sequence per origin, with gaps waiting and refusals consuming their number.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { CAPTURED_TABLES, registerRows } from '../../src-main/db/change-capture';
import { installIdentity, keyFingerprint } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import type { Batch } from '../../src-main/db/exchange/types';
import type { InstallPlace } from '../../src-main/domain/install-place';
import { makeBatch } from '../../src-main/services/exchange/batch';
import { enrolInstall } from '../../src-main/services/exchange/enrol';
import { receiveBatch } from '../../src-main/services/exchange/receive';
import { dataQuality } from '../../src-main/services/data-quality';
import { localActor } from '../../src-main/services/local-actor';
import { freshDb, rejection, snapshot, tempDir } from '../support/temp-db';
import { statusReport, statusText } from '../../src-main/cli/exchange-commands';
import { idFor } from './helpers';

const BIJIANG = '520602';
const WANSHAN = '520603';

function install(place: InstallPlace): AppDb {
  return openDatabase(path.join(tempDir(), 'install.db'), { install: place });
}
const uidOf = (db: AppDb) => installIdentity(db.sqlite).uid;
const facilityUid = (db: AppDb, id: number) => db.sqlite.prepare('SELECT uid FROM facilities WHERE id = ?').pluck().get(id) as string;
const localId = (db: AppDb, table: string, uid: string) => db.sqlite.prepare(`SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number;
const send = (from: AppDb, to: AppDb) => receiveBatch(to, makeBatch(from, uidOf(to)));

/** The city with two facilities in 碧江区 and one in 万山区; 碧江区 enrolled, with the first facility enrolled by it. */
async function chain() {
  const { db: city, api: cityApi } = freshDb();
  const homes = [];
  for (const [region, name] of [[BIJIANG, '碧江区第一敬老院'], [BIJIANG, '碧江区第二敬老院'], [WANSHAN, '万山区敬老院']] as const) {
    const f = await cityApi.facility.create({ regionCode: region, name, kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2025-01-01', initialBeds: { count: 4, nursingCount: 1 } });
    homes.push(f);
  }
  const county = install({ level: 'county', regionCode: BIJIANG });
  enrolInstall(city, county);
  send(city, county);
  const home = install({ level: 'facility', regionCode: BIJIANG, facilityUid: facilityUid(city, homes[0]!.id) });
  enrolInstall(county, home);
  send(county, home);
  return { city, cityApi, county, countyApi: createCaller(county), home, homeApi: createCaller(home), homes };
}

function bedAt(db: AppDb, fUid: string, n = 0): number {
  return db.sqlite.prepare('SELECT b.id FROM beds b JOIN facilities f ON f.id = b.facility_id WHERE f.uid = ? ORDER BY b.id LIMIT 1 OFFSET ?').pluck().get(fUid, n) as number;
}

describe('the change log', () => {
  it('has capture triggers for every shared table and captures every column but the local id', () => {
    const { db } = freshDb();
    const triggers = db.sqlite.prepare("SELECT tbl_name AS t, count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change\\_%' ESCAPE '\\' GROUP BY tbl_name").all() as Array<{ t: string; n: number }>;
    expect(Object.fromEntries(triggers.map((r) => [r.t, r.n]))).toEqual(Object.fromEntries(CAPTURED_TABLES.map((t) => [t.name, 3])));
    for (const t of CAPTURED_TABLES) {
      const columns = (db.sqlite.prepare(`SELECT name FROM pragma_table_info('${t.name}')`).pluck().all() as string[]).filter((c) => c !== 'id');
      expect(t.columns.sort(), t.name).toEqual(columns.sort());
    }
  });

  it('records a write’s changes in its own transaction, foreign keys as uids, with owner and one txn', async () => {
    const { db, api } = freshDb();
    const f = await api.facility.create({ regionCode: BIJIANG, name: '碧江区福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2025-01-01', initialBeds: { count: 2, nursingCount: 1 } });
    const rows = db.sqlite.prepare("SELECT tbl, op, owner, audience, txn, last, after FROM change_log WHERE txn = (SELECT max(txn) FROM change_log) ORDER BY seq").all() as Array<{ tbl: string; op: string; owner: string; audience: string; txn: number; last: number; after: string }>;
    const fUid = facilityUid(db, f.id);
    expect(rows.map((r) => r.tbl).sort()).toEqual(['beds', 'beds', 'facilities', 'facility_status_changes']);
    expect(rows.filter((r) => r.last === 1)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.audience))).toEqual(new Set([`county:${BIJIANG}/facility:${fUid}`]));
    const bed = rows.find((r) => r.tbl === 'beds')!;
    expect(bed.owner).toBe(`facility:${fUid}`);
    expect(JSON.parse(bed.after)).toMatchObject({ facility_id: fUid, care_type: expect.any(String) });
    expect(rows.find((r) => r.tbl === 'facilities')!.owner).toBe(`county:${BIJIANG}`);
  });

  it('captures raw SQL too, never the install-local settings, and a refused write leaves no change', async () => {
    const { db, api } = freshDb();
    const before = db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
    db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('_somethingLocal', '1')").run();
    db.sqlite.prepare("UPDATE settings SET value = '\"某单位\"' WHERE key = 'unitName'").run();
    const after = db.sqlite.prepare("SELECT tbl, row_uid AS k FROM change_log ORDER BY seq DESC LIMIT 1").get();
    expect(after).toEqual({ tbl: 'settings', k: 'unitName' });
    expect(db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before + 1);
    const shot = snapshot(db);
    await rejection(api.facility.create({ regionCode: BIJIANG, name: ' ', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2025-01-01' }));
    expect(snapshot(db)).toEqual(shot);
  });
});

describe('ownership', () => {
  it('refuses locally a write to a record another office holds, naming whose it is, and changes nothing', async () => {
    const { city, cityApi, home, homeApi, homes } = await chain();
    // the city enrolled 碧江区: its facilities' beds are no longer the city's to write
    const shot = snapshot(city);
    const e1 = await rejection(cityApi.bed.add({ facilityId: homes[1]!.id, count: 1, nursingCount: 0, inServiceFrom: '2025-02-01' }));
    expect(e1.code).toBe('NOT_HELD_HERE');
    expect(e1.zh).toContain('区县端');
    expect(snapshot(city)).toEqual(shot);
    // 万山区 has no install: the city still keeps it
    await cityApi.bed.add({ facilityId: homes[2]!.id, count: 1, nursingCount: 0, inServiceFrom: '2025-02-01' });
    // the facility keeps its staff counts, not its register fields
    const own = localId(home, 'facilities', facilityUid(city, homes[0]!.id));
    await homeApi.facility.update({ id: own, staffCount: 7 });
    const e2 = await rejection(homeApi.facility.update({ id: own, name: '改名敬老院' }));
    expect(e2.code).toBe('NOT_HELD_HERE');
    expect(e2.zh).toContain('区县');
  });

  it('refuses on apply a change whose origin does not hold the record, consuming its number, and applies the rest', async () => {
    const { city, county, countyApi, homes } = await chain();
    const fUid = facilityUid(city, homes[1]!.id);
    await countyApi.facility.update({ id: localId(county, 'facilities', fUid), address: '碧江区河西街道 1 号' });
    await countyApi.facility.update({ id: localId(county, 'facilities', fUid), township: '河西街道' });
    const batch = makeBatch(county, uidOf(city));
    // a forged change in the middle: the county writes a bed of a facility in 万山区
    const forged = batch.changes.findIndex((c) => c.tbl === 'facilities' && c.after!.address === '碧江区河西街道 1 号');
    const wanshanBed = JSON.parse(city.sqlite.prepare("SELECT after FROM change_log WHERE tbl = 'beds' AND after LIKE ? LIMIT 1").pluck().get(`%${facilityUid(city, homes[2]!.id)}%`) as string) as Record<string, string>;
    const c = batch.changes[forged]!;
    batch.changes[forged] = { ...c, tbl: 'beds', rowUid: wanshanBed.uid!, op: 'update', before: wanshanBed, after: { ...wanshanBed, label: '伪造' } };
    const report = receiveBatch(city, batch);
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0]).toMatchObject({ origin: uidOf(county), seq: c.seq, tbl: 'beds' });
    expect(report.refused[0]!.reason).toContain('发送方不维护该记录');
    expect(city.sqlite.prepare('SELECT label FROM beds WHERE uid = ?').pluck().get(wanshanBed.uid)).not.toBe('伪造');
    // the change after it applied: the township is there
    expect(city.sqlite.prepare('SELECT township FROM facilities WHERE uid = ?').pluck().get(fUid)).toBe('河西街道');
    expect(city.sqlite.prepare("SELECT state, reason FROM change_log WHERE origin = ? AND seq = ?").get(uidOf(county), c.seq)).toMatchObject({ state: 'refused' });
    // exchange status says it: the county processed through its last change, one refused
    const status = statusReport(city).origins.find((o) => o.uid === uidOf(county))!;
    expect(status).toMatchObject({ level: 'county', holds: '碧江区', through: batch.ranges[uidOf(county)]!.through, pending: 0, refused: 1 });
    expect(statusText(statusReport(city))).toContain('拒绝 1');
    // the refusal is audited with its reason
    const audited = city.sqlite.prepare("SELECT entity_id AS sender, after FROM audit_log WHERE action = 'exchange.receive' ORDER BY id DESC LIMIT 1").get() as { sender: string; after: string };
    expect(audited.sender).toBe(uidOf(county));
    expect(JSON.parse(audited.after)).toMatchObject({ refused: [{ origin: uidOf(county), seq: c.seq, reason: expect.stringContaining('发送方不维护该记录') }] });
  });
});

describe('applying batches', () => {
  it('is idempotent, waits at a gap, and applies the rest once the missing batch arrives', async () => {
    const { city, county, home, homeApi, homes } = await chain();
    const fUid = facilityUid(city, homes[0]!.id);
    const r = await homeApi.resident.create({ name: '王大', idNumber: idFor(1) });
    const first = makeBatch(home, uidOf(county));
    await homeApi.stay.admit({ residentId: r.id, bedId: bedAt(home, fUid), admittedOn: '2026-03-01' });
    const both = makeBatch(home, uidOf(county));
    // a batch holding only the second write: its range starts after the first
    const second: Batch = { ...both, changes: both.changes.filter((c) => !first.changes.some((f) => f.seq === c.seq && f.origin === c.origin)), ranges: { [uidOf(home)]: { after: first.ranges[uidOf(home)]!.through, through: both.ranges[uidOf(home)]!.through } } };
    const early = receiveBatch(county, second);
    expect(early.applied).toBe(0);
    expect(early.waiting).toBeGreaterThan(0);
    expect(county.sqlite.prepare('SELECT count(*) FROM stays').pluck().get()).toBe(0);
    const late = receiveBatch(county, first);
    expect(late.waiting).toBe(0);
    expect(county.sqlite.prepare('SELECT count(*) FROM stays').pluck().get()).toBe(1);
    const again = receiveBatch(county, both);
    expect(again.applied).toBe(0);
    expect(again.alreadyHad).toBe(both.changes.length);
    // sent direct before the city knows the facility: stored, waiting for the enrolment
    const direct = send(home, city);
    expect(direct).toMatchObject({ applied: 0, waiting: both.changes.length });
    // relayed by the county with its enrolment of the facility: everything applies, once
    const relayed = send(county, city);
    expect(relayed).toMatchObject({ applied: 1 + both.changes.length, waiting: 0, refused: [] });
    expect(relayed.alreadyHad).toBe(both.changes.length);
    const tables = ['residents', 'stays'];
    expect(registerRows(city.sqlite, tables)).toEqual(registerRows(home.sqlite, tables));
    expect(registerRows(county.sqlite, tables)).toEqual(registerRows(home.sqlite, tables));
    // the facility holds its own beds and no other facility's
    const homeBeds = registerRows(home.sqlite, ['beds']).beds!;
    expect(Object.keys(homeBeds)).toHaveLength(4);
    for (const [k, v] of Object.entries(homeBeds)) expect(registerRows(city.sqlite, ['beds']).beds![k]).toBe(v);
  });

  it('sends back only what the receiver lacks once its acknowledgements arrive', async () => {
    const { city, county } = await chain();
    expect(makeBatch(county, uidOf(city)).changes.length).toBeGreaterThan(0);
    send(county, city);
    send(city, county); // carries the city's acknowledgements
    expect(makeBatch(county, uidOf(city)).changes).toEqual([]);
  });

  it('keeps a county’s and a facility’s edits of the same facility, in either order', async () => {
    const { city, county, countyApi, home, homeApi, homes } = await chain();
    const fUid = facilityUid(city, homes[0]!.id);
    await countyApi.facility.update({ id: localId(county, 'facilities', fUid), address: '碧江区滑石乡' });
    await homeApi.facility.update({ id: localId(home, 'facilities', fUid), careWorkerCount: 5 });
    send(home, county);
    send(county, home);
    send(home, city);
    send(county, city);
    for (const db of [city, county, home])
      expect(db.sqlite.prepare('SELECT address, care_worker_count AS c FROM facilities WHERE uid = ?').get(fUid)).toEqual({ address: '碧江区滑石乡', c: 5 });
  });

  it('stores an overtaking admission and clears the overlap when the discharge arrives; one ID is one resident whose record follows the latest admission', async () => {
    const { city, cityApi, county, home, homeApi, homes } = await chain();
    const aUid = facilityUid(city, homes[0]!.id);
    const bUid = facilityUid(city, homes[2]!.id); // 万山区, kept by the city
    const id = idFor(7);
    const atA = await homeApi.resident.create({ name: '李四', idNumber: id, phone: '111' });
    const stayA = await homeApi.stay.admit({ residentId: atA.id, bedId: bedAt(home, aUid), admittedOn: '2026-02-01' });
    send(home, city);
    send(county, city); // the county's enrolment of the home: the city now knows it, and applies what waited
    // the person moves; A's discharge is not sent yet. The city admits them at B (another county):
    const cityResident = localId(city, 'residents', city.sqlite.prepare('SELECT uid FROM residents').pluck().get() as string);
    await expect(cityApi.stay.admit({ residentId: cityResident, bedId: bedAt(city, bUid), admittedOn: '2026-03-01' })).rejects.toMatchObject({ cause: { code: 'RESIDENT_IN_CARE' } });
    // … as a home of its own would: a second install registers the same ID and admits
    const b = install({ level: 'county', regionCode: WANSHAN });
    enrolInstall(city, b);
    send(city, b);
    const bApi = createCaller(b);
    const atB = await bApi.resident.create({ name: '李四', idNumber: id, phone: '222' });
    await bApi.stay.admit({ residentId: atB.id, bedId: bedAt(b, bUid), admittedOn: '2026-03-01' });
    send(b, city);
    expect(city.sqlite.prepare('SELECT count(*) FROM residents').pluck().get()).toBe(1);
    expect(city.sqlite.prepare('SELECT phone FROM residents').pluck().get()).toBe('222');
    const overlap = () => dataQuality({ db: city, actor: localActor(city) }, '2026-03-15').filter((i) => i.code === 'STAYS_OVERLAP');
    expect(overlap()).toHaveLength(1);
    // A's discharge arrives: the overlap clears; a late edit of the record at A no longer wins
    await homeApi.stay.discharge({ stayId: stayA.id, dischargedOn: '2026-03-01', dischargeReason: 'transfer' });
    await homeApi.resident.update({ id: atA.id, phone: '333' });
    const report = send(home, city);
    expect(report.refused).toEqual([]);
    expect(overlap()).toEqual([]);
    expect(city.sqlite.prepare('SELECT phone FROM residents').pluck().get()).toBe('222');
  });
});

describe('exchange identity (CLI)', () => {
  it('prints the uid, level, what the install holds and the key fingerprint, as text and as JSON', () => {
    const { db, file } = freshDb();
    const me = installIdentity(db.sqlite);
    db.close();
    const root = path.resolve(__dirname, '../..');
    const run = (...args: string[]) => spawnSync('npx', ['tsx', 'src-main/cli/main.ts', 'exchange', 'identity', '--db', file, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
    const text = run();
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(me.uid);
    expect(text.stdout).toContain('市级 / city');
    expect(text.stdout).toContain('铜仁市（520600）');
    expect(text.stdout).toContain(keyFingerprint(me.publicKey));
    const json = JSON.parse(run('--json').stdout) as { uid: string; level: string; fingerprint: string; knownInstalls: number };
    expect(json).toMatchObject({ uid: me.uid, level: 'city', fingerprint: keyFingerprint(me.publicKey), knownInstalls: 1 });
  });
});
