/**
 * GB/T 42195-2022 assessments through the api (docs/domain.md#assessment), legacy MZ/T 039-2013 results,
 * and the data-quality list (docs/domain.md#data-quality) as of a date.
 */
import { describe, it, expect } from 'vitest';
import { ASSESSMENT_ITEMS } from '../../src-main/domain/assessment';
import { freshDb, rejection, snapshot, FULL_SCORES } from '../support/temp-db';
import { idFor, TOMORROW, type Api } from './helpers';

/**
 * Total 45: from all-maximum (90) take away
 *   自理能力 8 items 4 → 0: −32 (group 0)
 *   基础运动能力 bedPosition 4 → 0, bedChairTransfer 4 → 0, walking 4 → 1, stairs 3 → 1: −4 −4 −3 −2 = −13 (group 2)
 *   精神状态 28, 感知觉与社会参与 15 unchanged
 * 0 + 2 + 28 + 15 = 45 → preliminary level 3 (重度失能, 30–45).
 */
const SCORES_45 = {
  ...FULL_SCORES,
  eating: 0, grooming: 0, bathing: 0, dressingUpper: 0, dressingLower: 0, urinaryControl: 0, bowelControl: 0, toileting: 0,
  bedPosition: 0, bedChairTransfer: 0, walking: 1, stairs: 1,
};

/** snake_case column of an item key: dressingUpper → dressing_upper. */
const column = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function resident(api: Api, n = 31) {
  return api.resident.create({ name: `孙${n}`, idNumber: idFor(n) });
}

const base = { assessedOn: '2026-02-01', reason: 'first' as const, coma: false, diagnosis: 'none' as const, riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' };

describe('assessment.record (GB/T 42195-2022)', () => {
  it('stores all 26 item scores, the total, the preliminary and the final level (45 + dementia → 3 → 4)', async () => {
    const { db, api } = freshDb();
    const r = await resident(api);
    const saved = await api.assessment.record({ ...base, residentId: r.id, scores: SCORES_45, diagnosis: 'dementia' });
    expect(saved).toMatchObject({ standard: 'GB/T 42195-2022', total: 45, preliminaryLevel: 3, finalLevel: 4, diagnosis: 'dementia', assessor1: '评估员甲', assessor2: '评估员乙' });
    expect(saved.groupTotals).toEqual({ self_care: 0, mobility: 2, mental: 28, perception: 15 });
    expect(saved.applied).toEqual(['diagnosis']); // 3 + 1 = 4

    // read back through the api and straight from the table
    const [listed] = await api.assessment.list({ residentId: r.id });
    const raw = db.sqlite.prepare('SELECT * FROM assessments WHERE id = ?').get(saved.id) as Record<string, unknown>;
    expect(ASSESSMENT_ITEMS).toHaveLength(26);
    for (const item of ASSESSMENT_ITEMS) {
      expect((listed as Record<string, unknown>)[item.key]).toBe(SCORES_45[item.key]);
      expect(raw[column(item.key)]).toBe(SCORES_45[item.key]);
    }
    expect(raw).toMatchObject({ total: 45, preliminary_level: 3, final_level: 4, standard: 'GB/T 42195-2022', resident_id: r.id, assessed_on: '2026-02-01' });
  });

  it.each([
    // [description, scores, adjustments, total, preliminary, final]
    ['all maximum → 90, level 0', FULL_SCORES, {}, 90, 0, 0],
    // 90 − 1 (eating 4 → 3) = 89 → 1 (66–89)
    ['89 → level 1', { ...FULL_SCORES, eating: 3 }, {}, 89, 1, 1],
    // 45 (above) + coma → 4 directly
    ['45 with coma → 4', SCORES_45, { coma: true }, 45, 3, 4],
    // 45 + 2 risk events → 3 + 1 = 4
    ['45 with 2 risk events → 4', SCORES_45, { riskEvents: 2 }, 45, 3, 4],
    // 45 + 1 risk event → no change
    ['45 with 1 risk event → 3', SCORES_45, { riskEvents: 1 }, 45, 3, 3],
    // 45 with 自理能力 back to 4 each: 45 + 32 = 77 → 1; + mental disorder (+1) + 3 events (≥ 2: +1) → 3
    ['77 with mental disorder and 3 events → 3', { ...SCORES_45, eating: 4, grooming: 4, bathing: 4, dressingUpper: 4, dressingLower: 4, urinaryControl: 4, bowelControl: 4, toileting: 4 }, { diagnosis: 'mental' as const, riskEvents: 3 }, 77, 1, 3],
  ])('%s', async (_name, scores, adj, total, prelim, final) => {
    const { api } = freshDb();
    const r = await resident(api);
    const saved = await api.assessment.record({ ...base, residentId: r.id, scores, ...adj });
    expect({ total: saved.total, preliminaryLevel: saved.preliminaryLevel, finalLevel: saved.finalLevel }).toEqual({ total, preliminaryLevel: prelim, finalLevel: final });
  });

  it('never goes above level 4 (29 + dementia + 2 events stays 4)', async () => {
    const { api } = freshDb();
    const r = await resident(api);
    // 45 − 16 (timeOrientation, placeOrientation, personOrientation, memory 4 → 0) = 29 → 4
    const scores = { ...SCORES_45, timeOrientation: 0, placeOrientation: 0, personOrientation: 0, memory: 0 };
    const saved = await api.assessment.record({ ...base, residentId: r.id, scores, diagnosis: 'dementia', riskEvents: 2 });
    expect(saved).toMatchObject({ total: 29, preliminaryLevel: 4, finalLevel: 4 });
    expect(saved.applied).toContain('capped');
  });

  it('rejects the same assessor twice (SAME_ASSESSOR) and writes nothing', async () => {
    const { db, api } = freshDb();
    const r = await resident(api);
    const before = snapshot(db);
    const err = await rejection(api.assessment.record({ ...base, residentId: r.id, scores: FULL_SCORES, assessor1: '评估员甲', assessor2: '评估员甲' }));
    expect(err).toMatchObject({ code: 'SAME_ASSESSOR', kind: 'validation', field: 'assessor2' });
    expect(err.zh).toContain('评估员');
    expect(snapshot(db)).toEqual(before);
  });

  it('rejects an assessment dated after today (DATE_IN_FUTURE) and writes nothing', async () => {
    const { db, api } = freshDb();
    const r = await resident(api);
    const before = snapshot(db);
    const err = await rejection(api.assessment.record({ ...base, residentId: r.id, scores: FULL_SCORES, assessedOn: TOMORROW }));
    expect(err).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'assessedOn' });
    expect(err.zh).toContain('评估日期');
    expect(snapshot(db)).toEqual(before);
  });
});

describe('assessment.recordLegacy (MZ/T 039-2013)', () => {
  it('keeps a level-3 result with its standard, without item scores or total', async () => {
    const { db, api } = freshDb();
    const r = await resident(api);
    const saved = await api.assessment.recordLegacy({ residentId: r.id, assessedOn: '2019-05-01', reason: 'routine', finalLevel: 3, assessor1: '甲', assessor2: '乙' });
    expect(saved).toMatchObject({ standard: 'MZ/T 039-2013', finalLevel: 3, total: null, preliminaryLevel: null, eating: null });
    const raw = db.sqlite.prepare('SELECT standard, final_level AS level, total FROM assessments WHERE id = ?').get(saved.id);
    expect(raw).toEqual({ standard: 'MZ/T 039-2013', level: 3, total: null });
    const [listed] = await api.assessment.list({ residentId: r.id });
    expect(listed).toMatchObject({ standard: 'MZ/T 039-2013', finalLevel: 3 });
  });

  it('refuses level 4, which the old standard does not have', async () => {
    const { db, api } = freshDb();
    const r = await resident(api);
    const before = snapshot(db);
    const err = await rejection(api.assessment.recordLegacy({ residentId: r.id, assessedOn: '2019-05-01', reason: 'routine', finalLevel: 4, assessor1: '甲', assessor2: '乙' }));
    expect(err).toMatchObject({ code: 'TOO_BIG', field: 'finalLevel' });
    expect(snapshot(db)).toEqual(before);
  });
});

describe('report.dataQuality', () => {
  const D = '2026-10-31';

  /**
   * Populations: 碧江 520602 2026; 万山 520603 only 2025; the other 8 counties nothing.
   * F1 碧江区社会福利院 (public, 7 beds, one resident each from 2025-01-01):
   *   Ra no assessment                                   → RESIDENT_NO_ASSESSMENT
   *   Rb assessed 2025-10-30 (+12 months = 2026-10-30 ≤ D) → ASSESSMENT_OVERDUE
   *   Rc assessed 2025-11-01 (+12 months = 2026-11-01 > D) → fine
   *   Rd legacy MZ/T result 2026-05-01                    → fine (an assessment is an assessment)
   *   Re assessed only on 2026-11-10, after D             → RESIDENT_NO_ASSESSMENT on D
   *   Rf no assessment but discharged 2026-10-01          → not listed
   *   Rg assessed 2026-06-01, bed retired by raw SQL 2026-10-01 → STAY_ON_RETIRED_BED
   * F2 无合同公建民营院 (PPP): only a contract that ended 2025-12-31 → PPP_NO_CONTRACT
   * F3 合同将到期院 (PPP): contract to 2027-01-15 ≤ D + 90 days (2027-01-29) → CONTRACT_ENDING
   * F4 合同有效院 (PPP): contract to 2027-06-30 → fine
   * F5 空床养老院: operating, no beds → FACILITY_NO_BEDS
   * F6 停床养老院: operating, its only bed retired 2026-09-01 → FACILITY_NO_BEDS
   * F7 活动中心: activity centre without beds → fine (no beds expected)
   * F8 规划养老院: planned, no beds → fine (not operating)
   */
  async function build(api: Api, db: ReturnType<typeof freshDb>['db']) {
    await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 20000 });
    await api.region.upsertPopulation({ regionCode: '520603', year: 2025, population60: 8000 });
    const mk = (name: string, ownership: 'public' | 'public_private', kind: 'nursing_home' | 'activity_centre' = 'nursing_home', status: 'operating' | 'planned' = 'operating') =>
      api.facility.create({ regionCode: '520602', name, kind, ownership, staffCount: 5, careWorkerCount: 2, status, statusDate: '2020-01-01' });
    const f1 = await mk('碧江区社会福利院', 'public');
    const f2 = await mk('无合同公建民营院', 'public_private');
    const f3 = await mk('合同将到期院', 'public_private');
    const f4 = await mk('合同有效院', 'public_private');
    const f5 = await mk('空床养老院', 'public');
    const f6 = await mk('停床养老院', 'public');
    await mk('活动中心', 'public', 'activity_centre');
    await mk('规划养老院', 'public', 'nursing_home', 'planned');
    const beds = await api.bed.add({ facilityId: f1.id, count: 7, nursingCount: 3, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
    for (const f of [f2, f3, f4]) await api.bed.add({ facilityId: f.id, count: 2, nursingCount: 0, labelPattern: 'P-{n}', inServiceFrom: '2020-01-01' });
    const [b6] = await api.bed.add({ facilityId: f6.id, count: 1, nursingCount: 0, labelPattern: 'S-{n}', inServiceFrom: '2020-01-01' });
    await api.bed.retire({ bedIds: [b6!.id], retiredOn: '2026-09-01' });

    const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' });
    await api.contract.create({ facilityId: f2.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2020-01-01', endOn: '2025-12-31' });
    const c3 = await api.contract.create({ facilityId: f3.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn: '2027-01-15' });
    await api.contract.create({ facilityId: f4.id, operatorId: op.id, selectionMethod: 'competitive_negotiation', startOn: '2024-01-01', endOn: '2027-06-30' });

    const people: Record<string, { id: number }> = {};
    const stays: Record<string, { id: number }> = {};
    const names = ['Ra', 'Rb', 'Rc', 'Rd', 'Re', 'Rf', 'Rg'];
    for (const [i, key] of names.entries()) {
      people[key] = await api.resident.create({ name: key, idNumber: idFor(40 + i) });
      stays[key] = await api.stay.admit({ residentId: people[key]!.id, bedId: beds[i]!.id, admittedOn: '2025-01-01' });
    }
    const assess = (key: string, assessedOn: string) => api.assessment.record({ ...base, residentId: people[key]!.id, assessedOn, reason: 'routine', scores: FULL_SCORES });
    await assess('Rb', '2025-10-30');
    await assess('Rc', '2025-11-01');
    await api.assessment.recordLegacy({ residentId: people.Rd!.id, assessedOn: '2026-05-01', reason: 'routine', finalLevel: 1, assessor1: '甲', assessor2: '乙' });
    await assess('Re', '2026-11-10');
    await api.stay.discharge({ stayId: stays.Rf!.id, dischargedOn: '2026-10-01', dischargeReason: 'home' });
    await assess('Rg', '2026-06-01');
    // The api refuses to retire an occupied bed, so make the bad state by hand.
    db.sqlite.prepare("UPDATE beds SET retired_on = '2026-10-01' WHERE id = (SELECT bed_id FROM stays WHERE id = ?)").run(stays.Rg!.id);
    return { f1, f2, f3, f4, f5, f6, c3, people, stays };
  }

  it('lists each problem with its entity, as of the date', async () => {
    const { db, api } = freshDb();
    const fx = await build(api, db);

    const items = await api.report.dataQuality({ date: D });
    const ids = (code: string) => items.filter((i) => i.code === code).map((i) => i.entityId).sort();

    expect(ids('RESIDENT_NO_ASSESSMENT')).toEqual([fx.people.Ra!.id, fx.people.Re!.id].sort());
    expect(ids('ASSESSMENT_OVERDUE')).toEqual([fx.people.Rb!.id]);
    expect(ids('PPP_NO_CONTRACT')).toEqual([fx.f2.id]);
    expect(ids('CONTRACT_ENDING')).toEqual([fx.c3.id]);
    expect(ids('FACILITY_NO_BEDS')).toEqual([fx.f5.id, fx.f6.id].sort());
    expect(ids('STAY_ON_RETIRED_BED')).toEqual([fx.stays.Rg!.id]);
    // every county but 碧江: 万山 uses its 2025 figure (warning), the other 8 have none (error)
    const pop = items.filter((i) => i.code === 'COUNTY_NO_POPULATION');
    expect(pop.map((i) => i.entityId)).toEqual(['520603', '520621', '520622', '520623', '520624', '520625', '520626', '520627', '520628']);
    expect(pop.find((i) => i.entityId === '520603')!.severity).toBe('warning');
    expect(pop.filter((i) => i.severity === 'error')).toHaveLength(8);
    expect(items.filter((i) => i.code === 'SUPPORT_HOME_UNDERSTAFFED')).toEqual([]);
    // the one home with residents (since 2025-01-01) never filed; 2025's holidays are not entered
    expect(ids('FILING_OVERDUE')).toEqual([fx.f1.id]);
    expect(ids('WORK_CALENDAR_MISSING')).toEqual(['workCalendar']);
    // nothing else is listed
    expect(items).toHaveLength(2 + 1 + 1 + 1 + 2 + 1 + 9 + 1 + 1);
    for (const i of items) {
      expect(i.zh.length).toBeGreaterThan(0);
      expect(i.en.length).toBeGreaterThan(0);
    }
  });

  it('follows the date: a month earlier the overdue and retired-bed findings are not there yet', async () => {
    const { db, api } = freshDb();
    const fx = await build(api, db);
    const items = await api.report.dataQuality({ date: '2026-09-30' });
    const ids = (code: string) => items.filter((i) => i.code === code).map((i) => i.entityId).sort();
    // Rb: 2025-10-30 + 12 months = 2026-10-30 > 09-30 → not overdue yet
    expect(ids('ASSESSMENT_OVERDUE')).toEqual([]);
    // Rf (discharged 10-01) is still in care on 09-30 and has no assessment
    expect(ids('RESIDENT_NO_ASSESSMENT')).toEqual([fx.people.Ra!.id, fx.people.Re!.id, fx.people.Rf!.id].sort());
    // the bed is retired only from 10-01
    expect(ids('STAY_ON_RETIRED_BED')).toEqual([]);
    // 2027-01-15 is more than 90 days after 09-30 (09-30 + 90 = 2026-12-29)
    expect(ids('CONTRACT_ENDING')).toEqual([]);
  });
});
