/**
 * Every write names the owner it writes for and its audit row records it: the city
 * (settings, targets, operators), a county (a facility's register fields, population,
 * contracts), a facility (beds, stays, staff counts) and the install (accounts).
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/temp-db';
import { FULL_SCORES } from '../support/temp-db';

function ownerOf(db: ReturnType<typeof freshDb>['db'], action: string): Array<string | null> {
  return (db.sqlite.prepare('SELECT owner FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ owner: string | null }>).map((r) => r.owner);
}

describe('audited writes record their owner', () => {
  it('city, county, facility and install', async () => {
    const { db, api } = freshDb();
    await api.settings.update({ contractWarningDays: 60 });
    const facility = await api.facility.create({ regionCode: '520602', name: '碧江区甲养老院', kind: 'nursing_home', ownership: 'public_private', status: 'operating', statusDate: '2020-01-01' });
    const facilityUid = (db.sqlite.prepare('SELECT uid FROM facilities WHERE id = ?').get(facility.id) as { uid: string }).uid;
    const beds = await api.bed.add({ facilityId: facility.id, count: 2, nursingCount: 1, inServiceFrom: '2020-01-01' });
    await api.facility.update({ id: facility.id, staffCount: 12 });
    await api.facility.update({ id: facility.id, address: '碧江区某路 1 号' });
    const resident = await api.resident.create({ name: '老人甲', idNumber: '11010519491231002X' });
    await api.stay.admit({ residentId: resident.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
    await api.assessment.record({
      residentId: resident.id, assessedOn: '2026-01-02', reason: 'first', scores: FULL_SCORES, coma: false,
      diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙',
    });
    await api.resident.update({ id: resident.id, phone: '13800000000' });
    // the uid is fixed at registration: correcting the ID number keeps it
    const uidOf = () => (db.sqlite.prepare('SELECT uid FROM residents WHERE id = ?').get(resident.id) as { uid: string }).uid;
    const registered = uidOf();
    await api.resident.update({ id: resident.id, idNumber: '110105194912310038' });
    expect(uidOf()).toBe(registered);
    await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 50000 });
    const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' });
    await api.contract.create({ facilityId: facility.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn: '2027-12-31' });
    await api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: 'Passw0rd!' });

    const atFacility = `facility:${facilityUid}`;
    expect(ownerOf(db, 'settings.update')).toEqual(['city']);
    expect(ownerOf(db, 'operator.create')).toEqual(['city']);
    expect(ownerOf(db, 'facility.create')).toEqual(['county:520602']);
    expect(ownerOf(db, 'facility.update')).toEqual([atFacility, 'county:520602']);
    expect(ownerOf(db, 'bed.add')).toEqual([atFacility]);
    // registered before any admission: the city; then the facility of the admission
    expect(ownerOf(db, 'resident.create')).toEqual(['city']);
    expect(ownerOf(db, 'stay.admit')).toEqual([atFacility]);
    expect(ownerOf(db, 'assessment.record')).toEqual([atFacility]);
    expect(ownerOf(db, 'resident.update')).toEqual([atFacility, atFacility]);
    expect(ownerOf(db, 'population.upsert')).toEqual(['county:520602']);
    expect(ownerOf(db, 'contract.create')).toEqual(['county:520602']);
    expect(ownerOf(db, 'account.setupAdmin')).toEqual(['install']);
    // every audit row written through a service names an owner
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE owner IS NULL').get()).toEqual({ n: 0 });
  });
});
