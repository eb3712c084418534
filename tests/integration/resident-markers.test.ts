/**
 * Issue 14, findings 17 and 20 on a real store: the residents list says who died (a stay
 * closed with reason 死亡), so the admission search can mark them before anyone tries; a
 * duplicate ID number names the resident holding it — with their id, so the screen can
 * open or pick them — for an account that may see them, and for no other.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, rejection } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';
import { idFor } from './helpers';

describe('resident markers', () => {
  it('the list returns diedOn for a resident discharged for death, null for others', async () => {
    const { api } = freshDb();
    const f = await api.facility.create({ regionCode: '520602', name: '碧江中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01' });
    const [b1, b2] = await api.bed.add({ facilityId: f.id, count: 2, nursingCount: 0, labelPattern: '{nn}', inServiceFrom: '2019-01-01' });
    const yan = await api.resident.create({ name: '严文', idNumber: idFor(1) });
    const s1 = await api.stay.admit({ residentId: yan.id, bedId: b1!.id, admittedOn: '2023-01-01' });
    await api.stay.discharge({ stayId: s1.id, dischargedOn: '2024-02-18', dischargeReason: 'death' });
    const home = await api.resident.create({ name: '严武', idNumber: idFor(2) });
    const s2 = await api.stay.admit({ residentId: home.id, bedId: b2!.id, admittedOn: '2023-01-01' });
    await api.stay.discharge({ stayId: s2.id, dischargedOn: '2024-03-01', dischargeReason: 'home' });

    const rows = (await api.resident.list({ search: '严' })).rows;
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.diedOn]));
    console.log('diedOn', JSON.stringify(byName));
    expect(byName).toEqual({ 严文: '2024-02-18', 严武: null });
    // the admission would be refused anyway; the list says it first
    expect((await rejection(api.stay.admit({ residentId: yan.id, bedId: b1!.id, admittedOn: '2024-06-01' }))).code).toBe('RESIDENT_DECEASED');
  });

  it('a duplicate ID number carries the holder’s id and name for an account that may see them, nothing for one that may not', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    // Admin (sees everyone): named, with the id.
    const idA = idOfResident(db, w.a.resident.id);
    const seen = await rejection(w.as.admin.resident.create({ name: '某某', idNumber: idA }));
    expect(seen.code).toBe('ID_NUMBER_TAKEN');
    expect(seen.toJSON().ref).toEqual({ entity: 'resident', id: w.a.resident.id, name: '老人1' });
    // Facility manager A and B's resident: not named, no id.
    const idB = idOfResident(db, w.b.resident.id);
    const hidden = await rejection(w.as.managerA.resident.create({ name: '某某', idNumber: idB }));
    expect(hidden.code).toBe('ID_NUMBER_TAKEN');
    expect(hidden.toJSON().ref).toBeUndefined();
    expect(hidden.zh).not.toContain('老人2');
    // Manager A and A's own resident: named, with the id.
    const own = await rejection(w.as.managerA.resident.create({ name: '某某', idNumber: idA }));
    expect(own.toJSON().ref).toEqual({ entity: 'resident', id: w.a.resident.id, name: '老人1' });
  });
});

function idOfResident(db: ReturnType<typeof freshDb>['db'], id: number): string {
  return (db.sqlite.prepare('SELECT id_number AS n FROM residents WHERE id = ?').get(id) as { n: string }).n;
}
