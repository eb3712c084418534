/**
 * A facility's history of stays written at once (services/stay-bulk.ts, used by the
 * generator) stores exactly what the same admissions, leaves, transfers and discharges one
 * by one store — the same rows, audit rows and changes with the same owner and audience — and
 * refuses a history holding any action a single one would refuse, writing nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AppDb } from '../../src-main/db/open';
import { localActor } from '../../src-main/services/local-actor';
import { StayHistory } from '../../src-main/services/stay-bulk';
import { admit, discharge, recordLeave, transfer } from '../../src-main/services/stays';
import { freshDb, snapshot } from '../support/temp-db';
import { idFor, TOMORROW } from './helpers';

/** A home with four beds and three registered people (none admitted), and a bed of another home. */
async function home() {
  const { db, api } = freshDb();
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区测试养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01' });
  const beds = (await api.bed.add({ facilityId: f.id, count: 4, nursingCount: 2, labelPattern: '{n}', inServiceFrom: '2019-01-01' })).map((b) => b.id);
  const other = await api.facility.create({ regionCode: '520602', name: '碧江区另一养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01' });
  const [otherBed] = (await api.bed.add({ facilityId: other.id, count: 1, nursingCount: 0, labelPattern: '{n}', inServiceFrom: '2019-01-01' })).map((b) => b.id);
  const people: number[] = [];
  for (let i = 0; i < 3; i++) people.push((await api.resident.create({ name: `老人${i}`, idNumber: idFor(i + 1, '520602', '19400101') })).id);
  return { db, api, facilityId: f.id, beds, otherBed: otherBed!, people };
}

type Home = Awaited<ReturnType<typeof home>>;

/** The history, as steps that either path can take: a step receives the stays opened so far. */
type Step =
  | { t: 'admit'; person: number; bed: number; on: string; note?: string }
  | { t: 'discharge'; stay: number; on: string; reason: 'home' | 'death' | 'other'; note?: string }
  | { t: 'transfer'; stay: number; bed: number; on: string }
  | { t: 'leave'; stay: number; on: string; endOn: string | null; reason: string };

const HISTORY: Step[] = [
  { t: 'admit', person: 0, bed: 0, on: '2020-01-01' }, // stay 0
  { t: 'admit', person: 1, bed: 1, on: '2020-02-01', note: '家属送来' }, // stay 1
  { t: 'leave', stay: 0, on: '2020-03-01', endOn: '2020-03-10', reason: '回家探亲' },
  { t: 'leave', stay: 1, on: '2020-04-01', endOn: null, reason: '住院治疗' },
  { t: 'transfer', stay: 1, bed: 2, on: '2020-05-01' }, // stay 2; ends the open leave
  { t: 'discharge', stay: 0, on: '2021-01-01', reason: 'home', note: '回家' },
  { t: 'admit', person: 2, bed: 0, on: '2021-02-01' }, // stay 3, on the bed stay 0 left
  { t: 'leave', stay: 3, on: '2021-03-01', endOn: null, reason: '外出就医' },
  { t: 'discharge', stay: 3, on: '2022-01-01', reason: 'death' }, // ends the open leave
];

/** The steps as single actions (continuing the stays `ids` already opened); an admission names the home, as the batch does. */
function oneByOne(h: Home, steps: Step[], ids: number[] = []) {
  const ctx = { db: h.db, actor: localActor(h.db) };
  for (const s of steps) {
    if (s.t === 'admit') ids.push(admit(ctx, { residentId: h.people[s.person]!, facilityId: h.facilityId, bedId: h.beds[s.bed] ?? h.otherBed, admittedOn: s.on, note: s.note }).id);
    else if (s.t === 'discharge') discharge(ctx, { stayId: ids[s.stay]!, dischargedOn: s.on, dischargeReason: s.reason, note: s.note });
    else if (s.t === 'transfer') ids.push(transfer(ctx, { stayId: ids[s.stay]!, toBedId: h.beds[s.bed]!, transferOn: s.on, note: '调换床位' }).opened.id);
    else recordLeave(ctx, { stayId: ids[s.stay]!, startOn: s.on, endOn: s.endOn, reason: s.reason });
  }
  return ids;
}

function atOnce(h: Home, steps: Step[]) {
  const history = new StayHistory({ db: h.db, actor: localActor(h.db) }, h.facilityId);
  const refs: number[] = [];
  for (const s of steps) {
    if (s.t === 'admit') refs.push(history.admit({ residentId: h.people[s.person]!, bedId: h.beds[s.bed] ?? h.otherBed, admittedOn: s.on, note: s.note }));
    else if (s.t === 'discharge') history.discharge(refs[s.stay]!, { dischargedOn: s.on, dischargeReason: s.reason, note: s.note });
    else if (s.t === 'transfer') refs.push(history.transfer(refs[s.stay]!, { toBedId: h.beds[s.bed]!, transferOn: s.on, note: '调换床位' }));
    else history.recordLeave(refs[s.stay]!, { startOn: s.on, endOn: s.endOn, reason: s.reason });
  }
  return history.insert();
}

/** Stays, leaves, their audit rows and changes, with every uid (drawn afresh in each store) named by what it stands for. */
function stored(db: AppDb) {
  const names = new Map<string, string>();
  for (const r of db.sqlite.prepare('SELECT uid, name FROM facilities').all() as Array<{ uid: string; name: string }>) names.set(r.uid, `facility ${r.name}`);
  for (const r of db.sqlite.prepare('SELECT uid, label FROM beds').all() as Array<{ uid: string; label: string }>) names.set(r.uid, `bed ${r.label}`);
  for (const r of db.sqlite.prepare('SELECT uid, id_number FROM residents').all() as Array<{ uid: string; id_number: string }>) names.set(r.uid, `resident ${r.id_number}`);
  for (const r of db.sqlite.prepare('SELECT uid, id FROM stays').all() as Array<{ uid: string; id: number }>) names.set(r.uid, `stay ${r.id}`);
  for (const r of db.sqlite.prepare('SELECT uid, id FROM leaves').all() as Array<{ uid: string; id: number }>) names.set(r.uid, `leave ${r.id}`);
  const named = (v: unknown) => {
    let s = JSON.stringify(v);
    for (const [uid, name] of names) s = s.replaceAll(uid, name);
    return JSON.parse(s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'T')) as unknown;
  };
  return {
    stays: named(db.sqlite.prepare('SELECT * FROM stays ORDER BY id').all()),
    leaves: named(db.sqlite.prepare('SELECT * FROM leaves ORDER BY id').all()),
    audits: named(db.sqlite.prepare("SELECT user_id, username, action, entity, entity_id, before, after, owner FROM audit_log WHERE entity = 'stay' ORDER BY id").all()),
    changes: named(db.sqlite.prepare("SELECT tbl, op, owner, audience, before, after FROM change_log WHERE tbl IN ('stays', 'leaves') ORDER BY seq").all()),
  };
}

describe('a history of stays written at once', () => {
  it('stores the same stays, leaves, audit rows and changes as the same actions one by one', async () => {
    const one = await home();
    const bulk = await home();
    const ids = oneByOne(one, HISTORY);
    expect(atOnce(bulk, HISTORY)).toEqual(ids);
    const a = stored(one.db);
    const b = stored(bulk.db);
    expect(b.stays).toHaveLength(4);
    expect(b.leaves).toHaveLength(3);
    expect(b.stays).toEqual(a.stays);
    expect(b.leaves).toEqual(a.leaves);
    expect(b.audits).toEqual(a.audits);
    expect(b.changes).toEqual(a.changes);
    const audits = b.audits as Array<{ action: string; after: string; owner: string }>;
    expect(audits.map((x) => x.action)).toEqual(['stay.admit', 'stay.admit', 'stay.recordLeave', 'stay.recordLeave', 'stay.transfer', 'stay.discharge', 'stay.admit', 'stay.recordLeave', 'stay.discharge']);
    // the transfer and the death each closed an open leave, and say which (so an undo reopens it)
    expect(JSON.parse(audits[4]!.after)).toMatchObject({ closedLeaveId: 2, closed: { dischargeReason: 'transfer' }, opened: { transferredFromStayId: ids[1] } });
    expect(JSON.parse(audits[8]!.after)).toMatchObject({ closedLeaveId: 3, dischargeReason: 'death' });
    expect(audits.every((x) => x.owner === 'facility:facility 碧江区测试养老院')).toBe(true);
    const changes = b.changes as Array<{ owner: string; audience: string }>;
    // four stays and three leaves opened; one stay closed by the transfer, two by discharges; two leaves ended
    expect(changes.map((c) => `${(c as { tbl?: string }).tbl} ${(c as { op?: string }).op}`)).toEqual([
      'stays insert', 'stays insert', 'leaves insert', 'leaves insert', 'leaves update', 'stays update', 'stays insert',
      'stays update', 'stays insert', 'leaves insert', 'leaves update', 'stays update',
    ]);
    expect(changes.every((c) => c.owner === 'facility:facility 碧江区测试养老院' && c.audience === 'county:520602/facility:facility 碧江区测试养老院')).toBe(true);
  });

  it('refuses a history holding one action a single one would refuse, writing nothing', async () => {
    const h = await home();
    const cases: Array<[string, Step, { code: string; field: string }]> = [
      ['a bed held from that day', { t: 'admit', person: 0, bed: 2, on: '2021-06-01' }, { code: 'BED_OCCUPIED', field: 'bedId' }],
      ['a person in care elsewhere', { t: 'admit', person: 1, bed: 3, on: '2021-06-01' }, { code: 'RESIDENT_IN_CARE', field: 'residentId' }],
      ['a person who has died', { t: 'admit', person: 2, bed: 3, on: '2022-02-01' }, { code: 'RESIDENT_DECEASED', field: 'residentId' }],
      ['a bed of another home', { t: 'admit', person: 0, bed: 9, on: '2021-06-01' }, { code: 'BED_NOT_IN_FACILITY', field: 'bedId' }],
      ['a discharge before the admission', { t: 'discharge', stay: 2, on: '2020-04-30', reason: 'home' }, { code: 'DISCHARGE_BEFORE_ADMISSION', field: 'dischargedOn' }],
      ['a stay already ended', { t: 'discharge', stay: 0, on: '2021-06-01', reason: 'home' }, { code: 'STAY_CLOSED', field: 'stayId' }],
      ['a leave overlapping another', { t: 'leave', stay: 0, on: '2020-03-05', endOn: '2020-03-20', reason: '' }, { code: 'LEAVE_OVERLAP', field: 'startOn' }],
      ['a transfer to the same bed', { t: 'transfer', stay: 2, bed: 2, on: '2021-06-01' }, { code: 'SAME_BED', field: 'toBedId' }],
      ['a date after today', { t: 'admit', person: 0, bed: 3, on: TOMORROW }, { code: 'DATE_IN_FUTURE', field: 'admittedOn' }],
      ['an admission before the birth', { t: 'admit', person: 0, bed: 3, on: '1939-12-31' }, { code: 'ADMISSION_BEFORE_BIRTH', field: 'admittedOn' }],
    ];
    const before = snapshot(h.db);
    for (const [what, bad, expected] of cases) {
      // the single action refuses it too, with the same code and field
      const single = await home();
      const ids = oneByOne(single, HISTORY);
      expect(() => oneByOne(single, [bad], ids), what).toThrow(expect.objectContaining(expected) as Error);
      expect(() => atOnce(h, [...HISTORY, bad]), what).toThrow(expect.objectContaining(expected) as Error);
      expect(snapshot(h.db), what).toEqual(before);
    }
  });

  it('refuses a history reaching a closed month, naming it', async () => {
    const h = await home();
    await h.api.month.close({ month: '2025-06' });
    const before = snapshot(h.db);
    expect(() => atOnce(h, [...HISTORY, { t: 'admit', person: 0, bed: 3, on: '2025-06-15' }])).toThrow(
      expect.objectContaining({ code: 'CLOSED_MONTH', zh: expect.stringContaining('2025-06') as string }) as Error,
    );
    expect(snapshot(h.db)).toEqual(before);
  });
});
