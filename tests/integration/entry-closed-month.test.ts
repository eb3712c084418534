/**
 * Issue 14, finding 19: a new entry dated inside (or before) a closed month changes that
 * month's figures, so it is refused with CLOSED_MONTH — naming the month, changing nothing —
 * until sent again with confirmClosedMonth: true; no reason is asked (an entry is not a
 * correction). Entries dated after the closed months need nothing. The month then shows the
 * difference.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, rejection, snapshot, FULL_SCORES } from '../support/temp-db';
import { idFor, type Api } from './helpers';
import type { AppDb } from '../../src-main/db/open';
import { todayIso } from '../../src-main/domain/dates';

const OK = { confirmClosedMonth: true };

/** A home operating since 2020 with beds 1…4, three residents, and November 2026 closed. */
async function setup(api: Api) {
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01', initialBeds: { count: 4, nursingCount: 2 } });
  const beds = await api.bed.board({ facilityId: home.id, date: '2026-01-01' });
  const jia = await api.resident.create({ name: '甲', idNumber: idFor(1) });
  const yi = await api.resident.create({ name: '乙', idNumber: idFor(2) });
  const sYi = await api.stay.admit({ residentId: yi.id, bedId: beds[1]!.id, admittedOn: '2026-05-01' });
  await api.month.close({ month: '2026-11' });
  return { home, beds, jia, yi, sYi };
}

async function closedMonthRefusal(db: AppDb, call: () => Promise<unknown>) {
  const before = snapshot(db);
  const err = await rejection(call());
  expect(err).toMatchObject({ code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
  expect(err.zh).toContain('2026-11');
  expect(snapshot(db)).toEqual(before);
}

describe('entries dated in a closed month', () => {
  it('an admission, discharge, transfer and leave are refused until confirmed; the rules still come first; November shows the difference', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const closed = (await api.month.report({ month: '2026-11' })).report.statistics.rows.find((r) => r.code === '520602')!;

    // The admission's own rules still refuse first, naming their field.
    const birth = await rejection(api.stay.admit({ residentId: fx.jia.id, bedId: fx.beds[0]!.id, admittedOn: '1930-01-01', ...OK }));
    expect(birth).toMatchObject({ code: 'ADMISSION_BEFORE_BIRTH', field: 'admittedOn' });
    await closedMonthRefusal(db, () => api.stay.admit({ residentId: fx.jia.id, bedId: fx.beds[0]!.id, admittedOn: '2026-11-15' }));
    const s = await api.stay.admit({ residentId: fx.jia.id, bedId: fx.beds[0]!.id, admittedOn: '2026-11-15', ...OK });
    expect(s.admittedOn).toBe('2026-11-15');

    await closedMonthRefusal(db, () => api.stay.recordLeave({ stayId: s.id, startOn: '2026-11-20' }));
    await api.stay.recordLeave({ stayId: s.id, startOn: '2026-11-20', reason: '探亲', ...OK });
    await closedMonthRefusal(db, () => api.stay.endLeave({ stayId: s.id, endOn: '2026-11-25' }));
    await api.stay.endLeave({ stayId: s.id, endOn: '2026-11-25', ...OK });
    await closedMonthRefusal(db, () => api.stay.transfer({ stayId: s.id, toBedId: fx.beds[2]!.id, transferOn: '2026-11-28' }));
    const t = await api.stay.transfer({ stayId: s.id, toBedId: fx.beds[2]!.id, transferOn: '2026-11-28', ...OK });
    // 丙, in bed 4 from 2026-10-01 to 2026-10-31, entered late: both ends asked about.
    const bing = await api.resident.create({ name: '丙', idNumber: idFor(3) });
    await closedMonthRefusal(db, () => api.stay.admit({ residentId: bing.id, bedId: fx.beds[3]!.id, admittedOn: '2026-10-01' }));
    const sBing = await api.stay.admit({ residentId: bing.id, bedId: fx.beds[3]!.id, admittedOn: '2026-10-01', ...OK });
    await closedMonthRefusal(db, () => api.stay.discharge({ stayId: sBing.id, dischargedOn: '2026-10-31', dischargeReason: 'home' }));
    await api.stay.discharge({ stayId: sBing.id, dischargedOn: '2026-10-31', dischargeReason: 'home', ...OK });

    // Entries after the closed month need nothing; today's least of all.
    await api.stay.discharge({ stayId: t.opened.id, dischargedOn: todayIso(), dischargeReason: 'home' });

    const m = await api.month.report({ month: '2026-11' });
    expect(m.source).toBe('snapshot');
    // Closed with 乙 alone in bed; live on 2026-11-30 甲 too (admitted 11-15, moved 11-28); 丙 left in October.
    expect(m.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'occupiedBeds', closed: closed.occupiedBeds, live: closed.occupiedBeds + 1 });
    console.log(`November 碧江区 occupied beds: closed ${closed.occupiedBeds}, live ${closed.occupiedBeds + 1}`);
  });

  it('new beds and a new facility dated in November are asked about; November then shows the difference', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const closed = (await api.month.report({ month: '2026-11' })).report.statistics.rows.find((r) => r.code === '520602')!;

    await closedMonthRefusal(db, () => api.bed.add({ facilityId: fx.home.id, count: 6, nursingCount: 2, labelPattern: 'B-{n}', inServiceFrom: '2026-11-01' }));
    const added = await api.bed.add({ facilityId: fx.home.id, count: 6, nursingCount: 2, labelPattern: 'B-{n}', inServiceFrom: '2026-11-01', ...OK });
    expect(added).toHaveLength(6);
    await closedMonthRefusal(db, () =>
      api.facility.create({ regionCode: '520602', name: '坝黄镇中心敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01', initialBeds: { count: 12, nursingCount: 4 } }),
    );
    const f = await api.facility.create({ regionCode: '520602', name: '坝黄镇中心敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01', initialBeds: { count: 12, nursingCount: 4 }, ...OK });
    await closedMonthRefusal(db, () => api.facility.setStatus({ facilityId: f.id, status: 'suspended', effectiveOn: '2026-11-30' }));
    // A registration dated today reaches no closed month.
    await api.facility.setStatus({ facilityId: f.id, status: 'suspended', effectiveOn: todayIso() });

    const m = await api.month.report({ month: '2026-11' });
    const d = m.differences.find((x) => x.code === '520602' && x.field === 'countedBeds')!;
    expect(d).toEqual({ code: '520602', name: '碧江区', field: 'countedBeds', closed: closed.countedBeds, live: closed.countedBeds + 6 + 12 });
    console.log(`November 碧江区 counted beds: closed ${d.closed}, live ${d.live}`);
  });

  it('an assessment dated in November is asked about too', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const base = { residentId: fx.yi.id, reason: 'routine' as const, coma: false, diagnosis: 'none' as const, riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' };
    await closedMonthRefusal(db, () => api.assessment.record({ ...base, assessedOn: '2026-11-10', scores: FULL_SCORES }));
    const a = await api.assessment.record({ ...base, assessedOn: '2026-11-10', scores: FULL_SCORES, ...OK });
    expect(a.assessedOn).toBe('2026-11-10');
    const legacy = { residentId: fx.yi.id, assessedOn: '2026-06-01', reason: 'routine' as const, finalLevel: 2, assessor1: '甲', assessor2: '乙' };
    await closedMonthRefusal(db, () => api.assessment.recordLegacy(legacy));
    await api.assessment.recordLegacy({ ...legacy, ...OK });
    expect(await api.assessment.record({ ...base, assessedOn: todayIso(), scores: FULL_SCORES })).toMatchObject({ assessedOn: todayIso() });
  });
});
