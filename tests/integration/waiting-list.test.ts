/**
 * The admission waiting list (轮候, issue 20 part 3) on real SQLite files: applications added in
 * the list's order with the category and level of the record at the time; bad input refused
 * naming the field with nothing changed; admitted from the list in the admission's own
 * transaction; the account's scope; and the applications travelling from a facility's install
 * to its county and the city.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import type { AppDb } from '../../src-main/db/open';
import { setToday, todayIso } from '../../src-main/domain/dates';
import { priorityApplicantsWaiting } from '../../src-main/services/waiting-list';
import { localActor } from '../../src-main/services/local-actor';
import { facilityChain, send } from '../support/facility-chain';
import { twoFacilities } from '../support/two-facilities';
import { FULL_SCORES, freshDb, refusedUnchanged, rejection, snapshot, tempDir } from '../support/temp-db';
import { idFor, TOMORROW } from './helpers';

afterEach(() => setToday(null));

const D = '2026-12-01';

async function home() {
  setToday(D);
  const { db, api } = freshDb();
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01' });
  const beds = await api.bed.add({ facilityId: f.id, count: 4, nursingCount: 2, labelPattern: '{n}', inServiceFrom: '2020-03-01' });
  const person = (n: number, name: string, flags: { tekun?: boolean; dibao?: boolean; lowIncome?: boolean; shidu?: boolean; youfu?: boolean } = {}) =>
    api.resident.create({ name, idNumber: idFor(n), ...flags, ...(flags.tekun ? { tekunSelfCare: 'partial' as const } : {}) });
  const assess = (residentId: number, assessedOn: string, scores = FULL_SCORES) =>
    api.assessment.record({ residentId, assessedOn, reason: 'first', scores, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' });
  return { db, api, f, beds, person, assess };
}

const statusOf = (db: AppDb, id: number) =>
  db.sqlite.prepare('SELECT status, closed_on AS closedOn, stay_id AS stayId, withdraw_reason AS withdrawReason FROM waiting_applications WHERE id = ?').get(id);

/** Scores of a GB/T 42195 total of 0 (完全失能, level 4). */
const NONE_SCORES = Object.fromEntries(Object.keys(FULL_SCORES).map((k) => [k, 0])) as typeof FULL_SCORES;

describe('the waiting list', () => {
  it('lists the applications by category, then level, then date; each keeps what the record said when the person applied', async () => {
    const h = await home();
    const wang = await h.person(1, '王大爷');
    const li = await h.person(2, '李奶奶', { dibao: true, lowIncome: true });
    const zhao = await h.person(3, '赵爷爷', { tekun: true });
    const sun = await h.person(4, '孙奶奶', { dibao: true });
    const qian = await h.person(5, '钱大爷', { dibao: true });
    // 孙: level 4 kept; a later wrong assessment voided counts nowhere
    await h.assess(sun.id, '2026-10-01', NONE_SCORES);
    const wrong = await h.assess(sun.id, '2026-11-01');
    await h.api.assessment.void({ assessmentId: wrong.id, reason: '录入错误，评分填反' });
    await h.assess(qian.id, '2026-09-01');

    expect(await h.api.waiting.defaults({ facilityId: h.f.id, residentId: sun.id })).toEqual({ category: 'dibao', assessmentLevel: 4, assessedOn: '2026-10-01' });
    expect(await h.api.waiting.defaults({ facilityId: h.f.id, residentId: wang.id })).toEqual({ category: 'other', assessmentLevel: null, assessedOn: null });

    const add = (residentId: number, appliedOn: string) => h.api.waiting.add({ facilityId: h.f.id, residentId, appliedOn });
    const aWang = await add(wang.id, '2026-01-05');
    const aLi = await add(li.id, '2026-06-01');
    const aZhao = await add(zhao.id, '2026-11-20');
    const aSun = await add(sun.id, '2026-11-02');
    const aQian = await add(qian.id, '2026-03-01');
    expect([aWang, aLi, aZhao, aSun, aQian].map((a) => [a.category, a.assessmentLevel])).toEqual([['other', null], ['dibao', null], ['tekun', null], ['dibao', 4], ['dibao', 0]]);
    const added = h.db.sqlite.prepare("SELECT owner, entity, entity_id AS entityId FROM audit_log WHERE action = 'waiting.add' ORDER BY id").all();
    expect(added).toHaveLength(5);
    expect(added[0]).toMatchObject({ owner: expect.stringMatching(/^facility:/), entity: 'resident', entityId: String(wang.id) });

    // 特困 first; among 低保 the level 4, then level 0, then not assessed; 其他 last
    const list = await h.api.waiting.list({ facilityId: h.f.id });
    expect(list.map((r) => [r.rank, r.name, r.category, r.assessmentLevel, r.appliedOn, r.waitingDays])).toEqual([
      [1, '赵爷爷', 'tekun', null, '2026-11-20', 11],
      [2, '孙奶奶', 'dibao', 4, '2026-11-02', 29],
      [3, '钱大爷', 'dibao', 0, '2026-03-01', 275],
      [4, '李奶奶', 'dibao', null, '2026-06-01', 183],
      [5, '王大爷', 'other', null, '2026-01-05', 330],
    ]);
    expect(list[0]!.idNumberMasked).not.toContain(idFor(3).slice(6, 14));

    // the record changes later; the application keeps what it said
    await h.api.resident.update({ id: wang.id, tekun: true, tekunSelfCare: 'none' });
    expect((await h.api.waiting.list({ facilityId: h.f.id })).find((r) => r.id === aWang.id)).toMatchObject({ category: 'other', rank: 5 });

    // a clerk may give the category and level the papers show
    const zhou = await h.person(6, '周奶奶');
    const aZhou = await h.api.waiting.add({ facilityId: h.f.id, residentId: zhou.id, appliedOn: '2026-11-30', category: 'shidu', assessmentLevel: 3, note: '街道转介' });
    expect(aZhou).toMatchObject({ category: 'shidu', assessmentLevel: 3, note: '街道转介', status: 'waiting' });

    // 特困, 低保 and 低收入 waiting on a date: applied by then and not closed by then
    const ctx = { db: h.db, actor: localActor(h.db) };
    expect(priorityApplicantsWaiting(ctx, h.f.id, D)).toBe(4);
    expect(priorityApplicantsWaiting(ctx, h.f.id, '2026-06-01')).toBe(2);
    expect(priorityApplicantsWaiting(ctx, h.f.id, '2026-02-28')).toBe(0);
    await h.api.waiting.withdraw({ facilityId: h.f.id, applicationId: aLi.id, withdrawReason: '家属接回自行照料', withdrawnOn: '2026-11-01' });
    expect(priorityApplicantsWaiting(ctx, h.f.id, '2026-10-31')).toBe(2);
    expect(priorityApplicantsWaiting(ctx, h.f.id, '2026-11-01')).toBe(1);
    expect(priorityApplicantsWaiting(ctx, h.f.id, D)).toBe(3);
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    const h = await home();
    const a = await h.person(1, '王大爷');
    const b = await h.person(2, '李奶奶', { dibao: true });
    const c = await h.person(3, '赵爷爷');
    const dayCare = await h.api.facility.create({ regionCode: '520602', name: '碧江区日间照料中心', kind: 'day_care', ownership: 'public', status: 'operating', statusDate: '2020-03-01' });
    const other = await h.api.facility.create({ regionCode: '520602', name: '碧江区第二敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01' });
    await h.api.stay.admit({ residentId: c.id, bedId: h.beds[0]!.id, admittedOn: '2026-01-01' });
    const appA = await h.api.waiting.add({ facilityId: h.f.id, residentId: a.id, appliedOn: '2026-05-01' });
    const appB = await h.api.waiting.add({ facilityId: h.f.id, residentId: b.id, appliedOn: '2026-05-01' });
    await h.api.waiting.withdraw({ facilityId: h.f.id, applicationId: appB.id, withdrawReason: '已去世' });
    const f = h.f.id;
    const cases: Array<[string, () => Promise<unknown>, { code: string; field: string }]> = [
      ['an application date after today', () => h.api.waiting.add({ facilityId: f, residentId: b.id, appliedOn: TOMORROW }), { code: 'DATE_IN_FUTURE', field: 'appliedOn' }],
      ['a malformed application date', () => h.api.waiting.add({ facilityId: f, residentId: b.id, appliedOn: '2026-02-30' }), { code: 'DATE_INVALID', field: 'appliedOn' }],
      ['an application before birth', () => h.api.waiting.add({ facilityId: f, residentId: b.id, appliedOn: '1930-01-01' }), { code: 'WAITING_BEFORE_BIRTH', field: 'appliedOn' }],
      ['a level outside 0–4', () => h.api.waiting.add({ facilityId: f, residentId: b.id, appliedOn: '2026-05-01', assessmentLevel: 5 }), { code: 'TOO_BIG', field: 'assessmentLevel' }],
      ['a resident staying there already', () => h.api.waiting.add({ facilityId: f, residentId: c.id, appliedOn: '2026-05-01' }), { code: 'WAITING_ALREADY_STAYING', field: 'residentId' }],
      ['a second waiting application', () => h.api.waiting.add({ facilityId: f, residentId: a.id, appliedOn: '2026-06-01' }), { code: 'WAITING_ALREADY_LISTED', field: 'residentId' }],
      ['a facility that takes no residents', () => h.api.waiting.add({ facilityId: dayCare.id, residentId: b.id, appliedOn: '2026-05-01' }), { code: 'WAITING_NOT_RESIDENTIAL', field: 'facilityId' }],
      ['withdrawing a withdrawn application', () => h.api.waiting.withdraw({ facilityId: f, applicationId: appB.id, withdrawReason: '重复' }), { code: 'WAITING_NOT_OPEN', field: 'applicationId' }],
      ['withdrawing without a reason', () => h.api.waiting.withdraw({ facilityId: f, applicationId: appA.id, withdrawReason: ' ' }), { code: 'REQUIRED', field: 'withdrawReason' }],
      ['withdrawing before the application', () => h.api.waiting.withdraw({ facilityId: f, applicationId: appA.id, withdrawReason: '不再需要', withdrawnOn: '2026-04-30' }), { code: 'WITHDRAWN_BEFORE_APPLIED', field: 'withdrawnOn' }],
      ['an application named with another facility', () => h.api.waiting.withdraw({ facilityId: other.id, applicationId: appA.id, withdrawReason: '不再需要' }), { code: 'NOT_FOUND', field: 'applicationId' }],
      ['reopening a waiting application', () => h.api.waiting.reopen({ facilityId: f, applicationId: appA.id, reason: '误操作' }), { code: 'WAITING_NOT_WITHDRAWN', field: 'applicationId' }],
      ['admitting from a withdrawn application', () => h.api.stay.admit({ residentId: b.id, bedId: h.beds[1]!.id, admittedOn: D, waitingApplicationId: appB.id }), { code: 'WAITING_NOT_OPEN', field: 'waitingApplicationId' }],
      ['admitting another resident from an application', () => h.api.stay.admit({ residentId: b.id, bedId: h.beds[1]!.id, admittedOn: D, waitingApplicationId: appA.id }), { code: 'WAITING_OTHER_RESIDENT', field: 'waitingApplicationId' }],
      ['admitting before the application', () => h.api.stay.admit({ residentId: a.id, bedId: h.beds[1]!.id, admittedOn: '2026-04-30', waitingApplicationId: appA.id }), { code: 'ADMITTED_BEFORE_APPLIED', field: 'admittedOn' }],
    ];
    for (const [title, call, expected] of cases) {
      const err = await refusedUnchanged(h.db, call, expected).catch((e: unknown) => {
        throw new Error(`${title}: ${String(e)}`);
      });
      expect(err.zh, title).not.toBe('');
    }
    // an application of one facility cannot admit to another
    const [otherBed] = await h.api.bed.add({ facilityId: other.id, count: 1, nursingCount: 0, labelPattern: 'B{n}', inServiceFrom: '2020-03-01' });
    await refusedUnchanged(h.db, () => h.api.stay.admit({ residentId: a.id, bedId: otherBed!.id, admittedOn: D, waitingApplicationId: appA.id }), { code: 'WAITING_OTHER_FACILITY', field: 'waitingApplicationId' });
  });

  it('admits from the list in the admission’s own transaction: a refused or failing admission leaves the application waiting', async () => {
    const h = await home();
    const a = await h.person(1, '王大爷', { lowIncome: true });
    const b = await h.person(2, '李奶奶');
    const app = await h.api.waiting.add({ facilityId: h.f.id, residentId: a.id, appliedOn: '2026-10-01' });
    await h.api.stay.admit({ residentId: b.id, bedId: h.beds[0]!.id, admittedOn: '2026-11-01' });

    // the bed is taken: refused, nothing changed, still waiting
    await refusedUnchanged(h.db, () => h.api.stay.admit({ residentId: a.id, bedId: h.beds[0]!.id, admittedOn: D, waitingApplicationId: app.id }), { code: 'BED_OCCUPIED', field: 'bedId' });
    expect(statusOf(h.db, app.id)).toMatchObject({ status: 'waiting', stayId: null });

    // a fault after the stay is written (the application's update fails): the stay goes too
    h.db.sqlite.exec("CREATE TEMP TRIGGER fail_admit BEFORE UPDATE ON waiting_applications WHEN NEW.status = 'admitted' BEGIN SELECT RAISE(ABORT, 'injected fault'); END");
    const before = snapshot(h.db);
    await rejection(h.api.stay.admit({ residentId: a.id, bedId: h.beds[1]!.id, admittedOn: D, waitingApplicationId: app.id }));
    expect(snapshot(h.db)).toEqual(before);
    h.db.sqlite.exec('DROP TRIGGER temp.fail_admit');

    const stay = await h.api.stay.admit({ residentId: a.id, bedId: h.beds[1]!.id, admittedOn: D, waitingApplicationId: app.id });
    expect(statusOf(h.db, app.id)).toEqual({ status: 'admitted', closedOn: D, stayId: stay.id, withdrawReason: '' });
    expect(await h.api.waiting.list({ facilityId: h.f.id })).toEqual([]);
    const all = await h.api.waiting.list({ facilityId: h.f.id, status: 'all' });
    expect(all.map((r) => [r.name, r.status, r.rank, r.closedOn, r.waitingDays])).toEqual([['王大爷', 'admitted', null, D, 61]]);
    const trail = h.db.sqlite.prepare("SELECT action FROM audit_log WHERE action IN ('stay.admit', 'waiting.admit') ORDER BY id DESC LIMIT 2").pluck().all();
    expect(trail).toEqual(['waiting.admit', 'stay.admit']);
    // an admitted application is not withdrawn or reopened
    await refusedUnchanged(h.db, () => h.api.waiting.withdraw({ facilityId: h.f.id, applicationId: app.id, withdrawReason: '撤回' }), { code: 'WAITING_NOT_OPEN', field: 'applicationId' });
    await refusedUnchanged(h.db, () => h.api.waiting.reopen({ facilityId: h.f.id, applicationId: app.id, reason: '误操作' }), { code: 'WAITING_NOT_WITHDRAWN', field: 'applicationId' });
    // once admitted, a new application of the same person is refused: they stay there
    await refusedUnchanged(h.db, () => h.api.waiting.add({ facilityId: h.f.id, residentId: a.id, appliedOn: D }), { code: 'WAITING_ALREADY_STAYING', field: 'residentId' });
  });

  it('closes the waiting application of a person admitted there without naming it; a withdrawal made in error is reopened', async () => {
    const h = await home();
    const a = await h.person(1, '王大爷');
    const b = await h.person(2, '李奶奶');
    const appA = await h.api.waiting.add({ facilityId: h.f.id, residentId: a.id, appliedOn: '2026-10-01' });
    const stay = await h.api.stay.admit({ residentId: a.id, bedId: h.beds[0]!.id, admittedOn: '2026-11-15' });
    expect(statusOf(h.db, appA.id)).toMatchObject({ status: 'admitted', closedOn: '2026-11-15', stayId: stay.id });

    const appB = await h.api.waiting.add({ facilityId: h.f.id, residentId: b.id, appliedOn: '2026-10-01' });
    await h.api.waiting.withdraw({ facilityId: h.f.id, applicationId: appB.id, withdrawReason: '家属要求' });
    expect(statusOf(h.db, appB.id)).toMatchObject({ status: 'withdrawn', closedOn: D, withdrawReason: '家属要求' });
    expect(await h.api.waiting.list({ facilityId: h.f.id })).toEqual([]);
    await refusedUnchanged(h.db, () => h.api.waiting.reopen({ facilityId: h.f.id, applicationId: appB.id, reason: '' }), { code: 'REQUIRED', field: 'reason' });
    await h.api.waiting.reopen({ facilityId: h.f.id, applicationId: appB.id, reason: '误撤回，家属仍需入住' });
    expect(statusOf(h.db, appB.id)).toMatchObject({ status: 'waiting', closedOn: null, withdrawReason: '' });
    expect((await h.api.waiting.list({ facilityId: h.f.id })).map((r) => [r.name, r.rank, r.appliedOn])).toEqual([['李奶奶', 1, '2026-10-01']]);
    const reopened = h.db.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'waiting.reopen'").pluck().get() as string;
    expect(JSON.parse(reopened)).toMatchObject({ reason: '误撤回，家属仍需入住', status: 'waiting' });
    // reopening while the person waits again elsewhere on the list is refused by the same rule
    await h.api.waiting.withdraw({ facilityId: h.f.id, applicationId: appB.id, withdrawReason: '再次撤回' });
    await h.api.waiting.add({ facilityId: h.f.id, residentId: b.id, appliedOn: D });
    await refusedUnchanged(h.db, () => h.api.waiting.reopen({ facilityId: h.f.id, applicationId: appB.id, reason: '误操作' }), { code: 'WAITING_ALREADY_LISTED', field: 'residentId' });
  });

  it('keeps to the account’s scope: a manager its own facility, a county section its county', async () => {
    setToday(D);
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const mine = await w.as.managerA.resident.create({ name: '甲院申请人', idNumber: idFor(11) });
    await w.as.managerA.waiting.add({ facilityId: w.a.facility.id, residentId: mine.id, appliedOn: '2026-11-01' });
    expect((await w.as.managerA.waiting.list({ facilityId: w.a.facility.id })).map((r) => r.name)).toEqual(['甲院申请人']);
    const theirs = await w.as.admin.resident.create({ name: '万山申请人', idNumber: idFor(12, '520603') });
    const inB = await w.as.admin.waiting.add({ facilityId: w.b.facility.id, residentId: theirs.id, appliedOn: '2026-11-01' });

    for (const call of [
      () => w.as.managerA.waiting.list({ facilityId: w.b.facility.id }),
      () => w.as.managerA.waiting.add({ facilityId: w.b.facility.id, residentId: mine.id, appliedOn: '2026-11-02' }),
      () => w.as.managerA.waiting.withdraw({ facilityId: w.b.facility.id, applicationId: inB.id, withdrawReason: '越权' }),
      // a person the manager may not change, onto its own list
      () => w.as.managerA.waiting.add({ facilityId: w.a.facility.id, residentId: theirs.id, appliedOn: '2026-11-02' }),
      () => w.as.sectionBijiang.waiting.get({ facilityId: w.b.facility.id, applicationId: inB.id }),
      () => w.as.sectionBijiang.waiting.add({ facilityId: w.b.facility.id, residentId: theirs.id, appliedOn: '2026-11-02' }),
      () => w.as.reader.waiting.add({ facilityId: w.a.facility.id, residentId: mine.id, appliedOn: '2026-11-02' }),
    ]) {
      const before = snapshot(db);
      expect((await rejection(call())).code).toBe('FORBIDDEN');
      expect(snapshot(db)).toEqual(before);
    }
    // the county section works its county's list; the city section every list
    const bj = await w.as.sectionBijiang.resident.create({ name: '碧江申请人', idNumber: idFor(13) });
    await w.as.sectionBijiang.waiting.add({ facilityId: w.a.facility.id, residentId: bj.id, appliedOn: '2026-11-03' });
    expect((await w.as.sectionCity.waiting.list({ facilityId: w.b.facility.id })).map((r) => r.name)).toEqual(['万山申请人']);
    expect(await w.as.reader.waiting.list({ facilityId: w.a.facility.id })).toHaveLength(2);
  });
});

describe('the waiting list across installs', () => {
  it('goes from the home’s install to its county and the city, admitted there too; the county cannot write the home’s list', async () => {
    const { city, county, fac, home } = await facilityChain(tempDir());
    const idAt = (db: AppDb) => db.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(home.uid) as number;
    const rowsAt = (db: AppDb) =>
      db.sqlite
        .prepare(
          `SELECT w.uid, r.uid AS resident, w.applied_on AS appliedOn, w.category, w.status, w.closed_on AS closedOn, s.uid AS stay
           FROM waiting_applications w JOIN residents r ON r.id = w.resident_id JOIN facilities f ON f.id = w.facility_id LEFT JOIN stays s ON s.id = w.stay_id
           WHERE f.uid = ? ORDER BY w.uid`,
        )
        .all(home.uid);
    const today = todayIso();

    const atHome = createCaller(fac);
    const person = await atHome.resident.create({ name: '轮候老人', idNumber: idFor(901), dibao: true });
    const app = await atHome.waiting.add({ facilityId: idAt(fac), residentId: person.id, appliedOn: '2026-01-10' });
    const change = fac.sqlite.prepare("SELECT owner, audience FROM change_log WHERE tbl = 'waiting_applications' ORDER BY id DESC LIMIT 1").get();
    expect(change).toEqual({ owner: `facility:${home.uid}`, audience: `county:520602/facility:${home.uid}` });
    send(fac, county);
    send(county, city);
    for (const db of [county, city]) expect(rowsAt(db)).toEqual(rowsAt(fac));
    expect(rowsAt(city)).toEqual([expect.objectContaining({ uid: app.uid, appliedOn: '2026-01-10', category: 'dibao', status: 'waiting', stay: null })]);

    // the county may not write the home's list
    const atCounty = createCaller(county);
    const countyPerson = (await atCounty.resident.create({ name: '区县登记老人', idNumber: idFor(902) })).id;
    const countyApp = county.sqlite.prepare('SELECT id FROM waiting_applications WHERE uid = ?').pluck().get(app.uid) as number;
    for (const call of [
      () => atCounty.waiting.withdraw({ facilityId: idAt(county), applicationId: countyApp, withdrawReason: '区县撤回' }),
      () => atCounty.waiting.add({ facilityId: idAt(county), residentId: countyPerson, appliedOn: '2026-02-01', category: 'other' }),
    ]) {
      const before = snapshot(county);
      expect((await rejection(call())).code).toBe('NOT_HELD_HERE');
      expect(snapshot(county)).toEqual(before);
    }

    // admitted at the home: the application and its stay reach the county and the city
    const bed = fac.sqlite.prepare("SELECT b.id FROM beds b WHERE b.facility_id = ? AND b.retired_on IS NULL AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.discharged_on IS NULL) ORDER BY b.id LIMIT 1").pluck().get(idAt(fac)) as number;
    const stay = await atHome.stay.admit({ residentId: person.id, bedId: bed, admittedOn: today, waitingApplicationId: app.id });
    send(fac, county);
    send(county, city);
    const stayUid = fac.sqlite.prepare('SELECT uid FROM stays WHERE id = ?').pluck().get(stay.id) as string;
    for (const db of [fac, county, city]) expect(rowsAt(db)).toEqual([expect.objectContaining({ uid: app.uid, status: 'admitted', closedOn: today, stay: stayUid })]);
  }, 120_000);
});
