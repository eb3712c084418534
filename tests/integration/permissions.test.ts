/**
 * Roles and scope are enforced in the api, for every procedure: each declares a permission;
 * a facility manager of A cannot read or change B by any procedure; a county-limited
 * section account sees its county only; read-only accounts change nothing.
 */
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../src-main/api/router';
import { PERMISSIONS } from '../../src-main/domain/permissions';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

type Proc = { _def: { type: string; meta?: { permission?: string } } };

describe('every procedure declares a permission', () => {
  it('walks appRouter and finds none without one', () => {
    const procs = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>);
    expect(procs.length).toBeGreaterThan(50);
    const missing = procs.filter(([, p]) => !PERMISSIONS.includes(p._def.meta?.permission as never)).map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('only the account status, login and logout answer without one', () => {
    const open = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>)
      .filter(([, p]) => p._def.meta?.permission === 'public')
      .map(([path]) => path)
      .sort();
    expect(open).toEqual(['account.login', 'account.logout', 'account.status']);
  });
});

describe('a facility manager of A and facility B', () => {
  it('cannot read B by any reading procedure', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const m = w.as.managerA;
    const B = w.b;
    const today = '2026-06-30';

    // lists come back without B
    const facilities = await m.facility.list();
    expect(facilities.rows.map((r) => r.id)).toEqual([w.a.facility.id]);
    expect(facilities.total).toBe(1);
    expect((await m.facility.occupancy({ date: today })).map((r) => r.facilityId)).toEqual([w.a.facility.id]);
    const residents = await m.resident.list();
    expect(residents.rows.map((r) => r.id)).toEqual([w.a.resident.id]);
    expect(residents.total).toBe(1);
    expect((await m.stay.list()).map((s) => (s as { id: number }).id)).toEqual([w.a.stay.id]);
    expect((await m.contract.list()).map((c) => c.id)).toEqual([w.a.contract.id]);

    // single records of B are refused
    const refusedReads: Array<[string, () => Promise<unknown>]> = [
      ['facility.detail', () => m.facility.detail({ id: B.facility.id })],
      ['facility.statusHistory', () => m.facility.statusHistory({ id: B.facility.id })],
      ['facility.occupancy', () => m.facility.occupancy({ date: today, facilityId: B.facility.id })],
      ['bed.board', () => m.bed.board({ facilityId: B.facility.id })],
      ['resident.get', () => m.resident.get({ id: B.resident.id })],
      ['resident.list', () => m.resident.list({ facilityId: B.facility.id })],
      ['resident.revealIdNumber', () => m.resident.revealIdNumber({ id: B.resident.id })],
      ['stay.list', () => m.stay.list({ facilityId: B.facility.id })],
      ['stay.leaves', () => m.stay.leaves({ stayId: B.stay.id })],
      ['assessment.list', () => m.assessment.list({ residentId: B.resident.id })],
      ['contract.list', () => m.contract.list({ facilityId: B.facility.id })],
      ['contract.evaluations', () => m.contract.evaluations({ id: B.contract.id })],
      // county and city figures are not a facility manager's
      ['report.statistics', () => m.report.statistics({ date: today })],
      ['report.dataQuality', () => m.report.dataQuality({ date: today })],
      ['month.report', () => m.month.report({ month: '2026-06' })],
      ['month.workbook', () => m.month.workbook({ month: '2026-06' })],
      ['month.trends', () => m.month.trends()],
      ['audit.list', () => m.audit.list()],
      ['audit.count', () => m.audit.count()],
      ['user.list', () => m.user.list()],
    ];
    for (const [path, call] of refusedReads) {
      const err = await rejection(call());
      expect({ path, kind: err.kind }).toEqual({ path, kind: 'forbidden' });
      expect(err.zh).toMatch(/权限|全市/);
    }
  });

  it('cannot change B by any writing procedure, and nothing changes', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const m = w.as.managerA;
    const A = w.a;
    const B = w.b;
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['facility.create', () => m.facility.create({ regionCode: '520603', name: '新院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-01-01' })],
      ['facility.update', () => m.facility.update({ id: B.facility.id, name: '改名' })],
      ['facility.update (move A into B’s county)', () => m.facility.update({ id: A.facility.id, regionCode: '520603' })],
      ['facility.setStatus', () => m.facility.setStatus({ facilityId: B.facility.id, status: 'suspended', effectiveOn: '2026-07-01' })],
      ['bed.add', () => m.bed.add({ facilityId: B.facility.id, count: 1, nursingCount: 0, inServiceFrom: '2026-07-01' })],
      ['bed.retire', () => m.bed.retire({ bedIds: [A.beds[2]!.id, B.beds[2]!.id], retiredOn: '2026-07-01' })],
      ['bed.update', () => m.bed.update({ id: B.beds[1]!.id, label: 'X' })],
      ['resident.update', () => m.resident.update({ id: B.resident.id, name: '改名' })],
      ['stay.admit (into B’s bed)', () => m.stay.admit({ residentId: A.resident.id, bedId: B.beds[1]!.id, admittedOn: '2026-07-01' })],
      ['stay.discharge', () => m.stay.discharge({ stayId: B.stay.id, dischargedOn: '2026-07-01', dischargeReason: 'home' })],
      ['stay.transfer (A’s resident to B)', () => m.stay.transfer({ stayId: A.stay.id, toBedId: B.beds[1]!.id, transferOn: '2026-07-01' })],
      ['stay.recordLeave', () => m.stay.recordLeave({ stayId: B.stay.id, startOn: '2026-07-01' })],
      ['stay.endLeave', () => m.stay.endLeave({ stayId: B.stay.id, endOn: '2026-07-02' })],
      ['assessment.recordLegacy', () => m.assessment.recordLegacy({ residentId: B.resident.id, assessedOn: '2026-07-01', reason: 'routine', finalLevel: 1, assessor1: '甲', assessor2: '乙' })],
      ['contract.create', () => m.contract.create({ facilityId: B.facility.id, operatorId: w.op.id, selectionMethod: 'open_tender', startOn: '2028-01-01', endOn: '2029-01-01' })],
      ['contract.update', () => m.contract.update({ id: B.contract.id, annualFee: 1 })],
      ['contract.terminate', () => m.contract.terminate({ id: B.contract.id, terminatedOn: '2026-07-01', reason: '测试' })],
      ['contract.addEvaluation', () => m.contract.addEvaluation({ contractId: B.contract.id, year: 2026, result: 'good' })],
      ['operator.update', () => m.operator.update({ id: w.op.id, name: '改名' })],
      ['region.upsertPopulation', () => m.region.upsertPopulation({ regionCode: '520603', year: 2026, population60: 1 })],
      ['settings.update', () => m.settings.update({ unitName: '改名' })],
      ['settings.upsertTarget', () => m.settings.upsertTarget({ year: 2026, metric: 'beds_per_thousand', regionCode: '520600', value: 1 })],
      ['month.close', () => m.month.close({ month: '2026-06' })],
      ['user.update (promote self)', () => m.user.update({ id: w.users.managerA.id, role: 'admin' })],
      ['security.update', () => m.security.update({ lanEnabled: true })],
    ];
    for (const [path, call] of writes) {
      const before = snapshot(db);
      const err = await rejection(call());
      expect({ path, kind: err.kind }).toEqual({ path, kind: 'forbidden' });
      expect(snapshot(db)).toEqual(before);
    }
    // …while A is theirs to change
    await m.facility.update({ id: A.facility.id, phone: '0856-1234567' });
    await m.bed.add({ facilityId: A.facility.id, count: 1, nursingCount: 0, inServiceFrom: '2026-07-01' });
    await m.stay.recordLeave({ stayId: A.stay.id, startOn: '2026-07-01', endOn: '2026-07-03' });
    // a resident they register is theirs to see and admit
    const r = await m.resident.create({ name: '新老人', idNumber: '11010519491231002X' });
    expect((await m.resident.get({ id: r.id })).resident.name).toBe('新老人');
    await m.stay.admit({ residentId: r.id, bedId: A.beds[1]!.id, admittedOn: '2026-07-01' });
  });
});

describe('county-limited section staff', () => {
  it('see and change their county only; statistics cover it alone', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const s = w.as.sectionBijiang;
    expect((await s.facility.list()).rows.map((r) => r.regionCode)).toEqual(['520602']);
    const stats = (await s.report.statistics({ date: '2026-06-30' })) as unknown as { counties: Array<{ code: string }> };
    expect(JSON.stringify(stats)).not.toContain('520603');
    expect((await rejection(s.report.statistics({ date: '2026-06-30', counties: ['520603'] }))).kind).toBe('forbidden');
    expect((await rejection(s.month.report({ month: '2026-06' }))).kind).toBe('forbidden');
    expect((await rejection(s.facility.update({ id: w.b.facility.id, name: '改名' }))).kind).toBe('forbidden');
    expect((await rejection(s.region.upsertPopulation({ regionCode: '520603', year: 2026, population60: 1 }))).kind).toBe('forbidden');
    await s.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 51000 });
    await s.facility.update({ id: w.a.facility.id, phone: '1' });
    // the city-wide colleague sees both
    expect((await w.as.sectionCity.facility.list()).rows).toHaveLength(2);
  });
});

describe('read-only accounts', () => {
  it('read everything in scope and change nothing', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const r = w.as.reader;
    expect((await r.facility.list()).rows).toHaveLength(2);
    await r.report.statistics({ date: '2026-06-30' });
    const before = snapshot(db);
    for (const call of [
      () => r.facility.update({ id: w.a.facility.id, name: '改名' }),
      () => r.resident.revealIdNumber({ id: w.a.resident.id }),
      () => r.stay.discharge({ stayId: w.a.stay.id, dischargedOn: '2026-07-01', dischargeReason: 'home' }),
      () => r.audit.list(),
    ])
      expect((await rejection(call())).kind).toBe('forbidden');
    expect(snapshot(db)).toEqual(before);
    // phone numbers are masked for an account that may not reveal them
    expect((await r.resident.get({ id: w.a.resident.id })).resident.phone).not.toBe('13800000001');
  });
});

describe('nobody logged in while login is required', () => {
  it('only the public procedures answer', async () => {
    const { db } = freshDb();
    await twoFacilities(db);
    const { createCaller } = await import('../../src-main/api/router');
    const { ANONYMOUS } = await import('../../src-main/services/accounts');
    const anon = createCaller(db, ANONYMOUS);
    expect((await anon.account.status()).loginRequired).toBe(true);
    const err = await rejection(anon.facility.list());
    expect(err.code).toBe('LOGIN_REQUIRED');
  });
});
