/**
 * The facility manager's home (issue 14 item 4, finding 32) on a real store with real stays:
 * free beds by care type, residents on leave now with the date they left, and the residents
 * whose assessment is missing, overdue or due within 30 days — by the reassessment rule data
 * quality uses. Only the account's own facilities.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setToday } from '../../src-main/domain/dates';
import { PASSWORD, callerFor } from '../support/two-facilities';
import { FULL_SCORES, freshDb } from '../support/temp-db';
import { idFor } from './helpers';

afterEach(() => setToday(null));

const D = '2026-12-01';

describe('facility.managerHome', () => {
  it('shows free beds by type, residents on leave since when, and assessments due, for the manager’s own facility only', async () => {
    setToday(D);
    const { db, api } = freshDb();
    const f = await api.facility.create({ regionCode: '520602', name: '碧江中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-03-01' });
    const other = await api.facility.create({ regionCode: '520603', name: '万山区敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-03-01' });
    // 6 beds: 2 nursing-type, 4 general; one more general bed retired before D counts nowhere.
    const beds = await api.bed.add({ facilityId: f.id, count: 6, nursingCount: 2, building: '1号楼', labelPattern: '{nn}', inServiceFrom: '2019-03-01' });
    const [retired] = await api.bed.add({ facilityId: f.id, count: 1, nursingCount: 0, building: '2号楼', labelPattern: 'R{n}', inServiceFrom: '2019-03-01' });
    await api.bed.retire({ bedIds: [retired!.id], retiredOn: '2026-06-01' });
    const [otherBed] = await api.bed.add({ facilityId: other.id, count: 1, nursingCount: 0, labelPattern: '{nn}', inServiceFrom: '2019-03-01' });
    const nursing = beds.filter((b) => b.careType === 'nursing');
    const general = beds.filter((b) => b.careType === 'general');
    expect([nursing.length, general.length]).toEqual([2, 4]);

    const person = async (n: number, name: string) => api.resident.create({ name, idNumber: idFor(n) });
    const assess = (residentId: number, on: string) =>
      api.assessment.record({ residentId, assessedOn: on, reason: 'first', scores: FULL_SCORES, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' });

    // 丁国海: nursing bed, assessed 2025-12-15 → due 2026-12-15, within 30 days.
    const ding = await person(1, '丁国海');
    await api.stay.admit({ residentId: ding.id, bedId: nursing[0]!.id, admittedOn: '2025-06-01' });
    await assess(ding.id, '2025-12-15');
    // 万春: assessed 2024-01-02 → due 2025-01-02, overdue.
    const wan = await person(2, '万春');
    await api.stay.admit({ residentId: wan.id, bedId: general[0]!.id, admittedOn: '2024-01-01' });
    await assess(wan.id, '2024-01-02');
    // 严文: admitted in November, never assessed; on leave since 2026-11-20 (open).
    const yan = await person(3, '严文');
    const yanStay = await api.stay.admit({ residentId: yan.id, bedId: general[1]!.id, admittedOn: '2026-11-01' });
    await api.stay.recordLeave({ stayId: yanStay.id, startOn: '2026-11-20', endOn: null, reason: '住院治疗' });
    // 于发国: assessed 2026-06-01 → due 2027-06-01, not listed; back from a leave on 2026-11-10.
    const yu = await person(4, '于发国');
    const yuStay = await api.stay.admit({ residentId: yu.id, bedId: general[2]!.id, admittedOn: '2026-05-01' });
    await assess(yu.id, '2026-06-01');
    await api.stay.recordLeave({ stayId: yuStay.id, startOn: '2026-11-01', endOn: '2026-11-10', reason: '回家探亲' });
    // 张某: discharged 2026-11-15 from the second nursing bed, which is free again.
    const zhang = await person(5, '张某');
    const zhangStay = await api.stay.admit({ residentId: zhang.id, bedId: nursing[1]!.id, admittedOn: '2025-01-01' });
    await api.stay.discharge({ stayId: zhangStay.id, dischargedOn: '2026-11-15', dischargeReason: 'home' });
    // Someone in the other facility, on leave and never assessed: not the manager's.
    const elsewhere = await person(6, '李某');
    const elsewhereStay = await api.stay.admit({ residentId: elsewhere.id, bedId: otherBed!.id, admittedOn: '2026-10-01' });
    await api.stay.recordLeave({ stayId: elsewhereStay.id, startOn: '2026-11-25', endOn: null });

    const admin = await api.account.setupAdmin({ username: 'admin', displayName: '杨科长', password: PASSWORD });
    const adminApi = callerFor(db, admin.id);
    const wu = await adminApi.user.create({ username: 'bjjly', displayName: '吴院长', role: 'facility', facilityIds: [f.id], password: PASSWORD });
    const home = await callerFor(db, wu.id).facility.managerHome({ date: D });

    expect(home.displayName).toBe('吴院长');
    expect(home.date).toBe(D);
    expect(home.facilities.map((x) => x.name)).toEqual(['碧江中心敬老院']);
    const h = home.facilities[0]!;
    const figures = { beds: h.beds, occupied: h.occupiedBeds, free: h.freeBeds, freeNursing: h.freeNursingBeds, freeGeneral: h.freeGeneralBeds };
    console.log('manager home', JSON.stringify(figures));
    // 3 of 4 general beds taken (万春, 严文 on leave keeps hers, 于发国), 1 of 2 nursing (丁国海).
    expect(figures).toEqual({ beds: 6, occupied: 4, free: 2, freeNursing: 1, freeGeneral: 1 });
    expect(h.onLeave).toEqual([{ residentId: yan.id, name: '严文', bedLabel: `1号楼 ${general[1]!.label}`, startOn: '2026-11-20', reason: '住院治疗' }]);
    console.log('assessments due', JSON.stringify(h.assessmentsDue.map((r) => [r.name, r.state, r.dueOn])));
    expect(h.assessmentsDue.map((r) => ({ id: r.residentId, state: r.state, dueOn: r.dueOn, last: r.lastAssessedOn }))).toEqual([
      { id: yan.id, state: 'none', dueOn: null, last: null },
      { id: wan.id, state: 'overdue', dueOn: '2025-01-02', last: '2024-01-02' },
      { id: ding.id, state: 'due_soon', dueOn: '2026-12-15', last: '2025-12-15' },
    ]);

    // The same rule as the data-quality list: whom it calls overdue, the home calls overdue.
    const dq = await adminApi.report.dataQuality({ date: D });
    const at = (code: string) => dq.filter((i) => i.code === code && i.facilityId === f.id).map((i) => i.entityId);
    expect(at('ASSESSMENT_OVERDUE')).toEqual([wan.id]);
    expect(at('RESIDENT_NO_ASSESSMENT')).toEqual([yan.id]);

    // A month on, 丁国海 is overdue too and 严文 back from leave.
    await api.stay.endLeave({ stayId: yanStay.id, endOn: '2026-12-01' });
    const later = await callerFor(db, wu.id).facility.managerHome({ date: '2026-12-20' });
    expect(later.facilities[0]!.onLeave).toEqual([]);
    expect(later.facilities[0]!.assessmentsDue.find((r) => r.residentId === ding.id)?.state).toBe('overdue');
  });
});
