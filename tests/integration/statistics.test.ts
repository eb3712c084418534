/**
 * The figures of docs/domain.md#figures end to end: a small register built through the api, then
 * report.statistics as of a date, every figure computed by hand below.
 */
import { describe, it, expect } from 'vitest';
import { freshDb } from '../support/temp-db';
import { rejection } from '../support/temp-db';
import { idFor, type Api } from './helpers';

const A = '520602'; // 碧江区: the main county of the fixture
const B = '520603'; // 万山区: population only for 2025 (and a 2027 figure that must be ignored)
const C = '520621'; // 江口县: no population at all
const OTHERS = ['520622', '520623', '520624', '520625', '520626', '520627', '520628']; // 1000 each, no facilities
const D = '2026-10-31';

type Stats = Awaited<ReturnType<Api['report']['statistics']>>;
type Row = Stats['rows'][number];

/** number → close-to matcher (floating division), null stays null. */
function approx(v: number | null) {
  return v === null ? null : expect.closeTo(v, 9);
}

function rowOf(s: Stats, code: string): Row {
  const r = s.rows.find((x) => x.code === code);
  if (!r) throw new Error(`no row ${code}`);
  return r;
}

interface Expected {
  beds: { institution: number; community: number; mutual_aid: number };
  occupied: { institution: number; community: number; mutual_aid: number };
  institutionNursingBeds: number;
  population60: number | null;
  populationYear: number | null;
  tekunUnableResidents: number;
  tekunUnableTotal: number | null;
  facilities: number;
  residents: number;
  staff: number;
  careWorkers: number;
  countedBeds: number;
  bedsPerThousand: number | null;
  nursingShare: number | null;
  occupiedBeds: number;
  occupancyRate: number | null;
  tekunRate: number | null;
  residentsPerCareWorker: number | null;
  targets: { bedsPerThousand: number | null; nursingShare: number | null; tekunRate: number | null };
  gaps: { bedsPerThousand: number | null; nursingShare: number | null; tekunRate: number | null };
}

function expectRow(r: Row, e: Expected): void {
  expect(r.beds).toEqual(e.beds);
  expect(r.occupied).toEqual(e.occupied);
  expect(r.institutionNursingBeds).toBe(e.institutionNursingBeds);
  expect(r.institutionBeds).toBe(e.beds.institution);
  expect(r.nursingBeds).toBe(e.institutionNursingBeds);
  expect(r.population60).toBe(e.population60);
  expect(r.populationYear).toBe(e.populationYear);
  expect(r.tekunUnableResidents).toBe(e.tekunUnableResidents);
  expect(r.tekunUnableTotal).toBe(e.tekunUnableTotal);
  expect(r.facilities).toBe(e.facilities);
  expect(r.residents).toBe(e.residents);
  expect(r.staff).toBe(e.staff);
  expect(r.careWorkers).toBe(e.careWorkers);
  expect(r.countedBeds).toBe(e.countedBeds);
  expect(r.occupiedBeds).toBe(e.occupiedBeds);
  expect({
    bedsPerThousand: r.bedsPerThousand,
    nursingShare: r.nursingShare,
    occupancyRate: r.occupancyRate,
    tekunRate: r.tekunRate,
    residentsPerCareWorker: r.residentsPerCareWorker,
    targets: r.targets,
    gaps: r.gaps,
  }).toEqual({
    bedsPerThousand: approx(e.bedsPerThousand),
    nursingShare: approx(e.nursingShare),
    occupancyRate: approx(e.occupancyRate),
    tekunRate: approx(e.tekunRate),
    residentsPerCareWorker: approx(e.residentsPerCareWorker),
    targets: { bedsPerThousand: approx(e.targets.bedsPerThousand), nursingShare: approx(e.targets.nursingShare), tekunRate: approx(e.targets.tekunRate) },
    gaps: { bedsPerThousand: approx(e.gaps.bedsPerThousand), nursingShare: approx(e.gaps.nursingShare), tekunRate: approx(e.gaps.tekunRate) },
  });
}

/**
 * The fixture (all through the api):
 *
 * Populations (aged 60+ / 特困 unable):
 *   碧江 520602: 2026 → 20000 / 4
 *   万山 520603: 2025 → 8000 / 2; 2027 → 9999 / 99 (after year(D), never used for 2026)
 *   江口 520621: nothing
 *   520622…520628: 2026 → 1000 each
 *
 * Facilities (staff / care workers):
 *   F1 碧江区社会福利院 nursing_home public, 医养结合, operating 2020-01-01, 10/4;
 *      beds A-01…A-10 from 2020-01-01, A-01…A-06 nursing; A-10 (general) retired 2026-10-15
 *   F2 碧江区敬老院 support_home 公建民营, operating 2019-06-01, 3/2; J-1…J-5, J-1 nursing
 *   F3 碧江区日间照料中心 day_care public, operating 2021-03-01, 2/1; D-1…D-4 general
 *   F4 碧江区互助幸福院 mutual_aid private, operating 2022-01-01, 1/0; H-1…H-6 general
 *   F5 碧江区旧养老院 nursing_home private, operating 2015-01-01, closed 2026-09-30, 6/3;
 *      X-1…X-8 all nursing
 *   F6 万山区养老院 nursing_home public, operating 2024-01-01, 5/2; W-01…W-20, W-01…W-05 nursing
 *   F7 江口县敬老院 support_home public, operating 2023-01-01, 2/0; K-01…K-10 all nursing
 *
 * Residents and stays:
 *   R1 特困 partial, household 碧江: F1 A-01 from 2026-01-10, transferred to A-02 on 2026-10-31
 *   R2 特困 none, household 碧江: F2 J-1 from 2025-05-01, on leave (外出) from 2026-10-20, open
 *   R3 特困 capable: F2 J-2 from 2025-06-01
 *   R4 not 特困: F1 A-03 from 2026-03-01, discharged home 2026-10-31
 *   R5 特困 none, household 碧江: F3 D-1 (day care, not residential) from 2026-09-01
 *   R6 特困 partial, no household county (→ the facility's county): F4 H-1 from 2026-02-01
 *   R7 特困 none, household 碧江: F5 X-1 from 2026-01-01, stay left open after the closure
 *   R8 not 特困: F6 W-01 from 2026-05-01
 */
async function buildFixture(api: Api) {
  await api.region.upsertPopulation({ regionCode: A, year: 2026, population60: 20000, tekunUnable: 4 });
  await api.region.upsertPopulation({ regionCode: B, year: 2025, population60: 8000, tekunUnable: 2 });
  await api.region.upsertPopulation({ regionCode: B, year: 2027, population60: 9999, tekunUnable: 99 });
  for (const code of OTHERS) await api.region.upsertPopulation({ regionCode: code, year: 2026, population60: 1000 });

  const f1 = await api.facility.create({ regionCode: A, name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', medicalCare: true, staffCount: 10, careWorkerCount: 4, status: 'operating', statusDate: '2020-01-01' });
  const f2 = await api.facility.create({ regionCode: A, name: '碧江区敬老院', kind: 'support_home', ownership: 'public_private', staffCount: 3, careWorkerCount: 2, status: 'operating', statusDate: '2019-06-01' });
  const f3 = await api.facility.create({ regionCode: A, name: '碧江区日间照料中心', kind: 'day_care', ownership: 'public', staffCount: 2, careWorkerCount: 1, status: 'operating', statusDate: '2021-03-01' });
  const f4 = await api.facility.create({ regionCode: A, name: '碧江区互助幸福院', kind: 'mutual_aid', ownership: 'private', staffCount: 1, careWorkerCount: 0, status: 'operating', statusDate: '2022-01-01' });
  const f5 = await api.facility.create({ regionCode: A, name: '碧江区旧养老院', kind: 'nursing_home', ownership: 'private', staffCount: 6, careWorkerCount: 3, status: 'operating', statusDate: '2015-01-01' });
  const f6 = await api.facility.create({ regionCode: B, name: '万山区养老院', kind: 'nursing_home', ownership: 'public', staffCount: 5, careWorkerCount: 2, status: 'operating', statusDate: '2024-01-01' });
  const f7 = await api.facility.create({ regionCode: C, name: '江口县敬老院', kind: 'support_home', ownership: 'public', staffCount: 2, careWorkerCount: 0, status: 'operating', statusDate: '2023-01-01' });

  const bA = await api.bed.add({ facilityId: f1.id, count: 10, nursingCount: 6, labelPattern: 'A-{nn}', inServiceFrom: '2020-01-01' });
  const bJ = await api.bed.add({ facilityId: f2.id, count: 5, nursingCount: 1, labelPattern: 'J-{n}', inServiceFrom: '2019-06-01' });
  const bD = await api.bed.add({ facilityId: f3.id, count: 4, nursingCount: 0, labelPattern: 'D-{n}', inServiceFrom: '2021-03-01' });
  const bH = await api.bed.add({ facilityId: f4.id, count: 6, nursingCount: 0, labelPattern: 'H-{n}', inServiceFrom: '2022-01-01' });
  const bX = await api.bed.add({ facilityId: f5.id, count: 8, nursingCount: 8, labelPattern: 'X-{n}', inServiceFrom: '2015-01-01' });
  const bW = await api.bed.add({ facilityId: f6.id, count: 20, nursingCount: 5, labelPattern: 'W-{nn}', inServiceFrom: '2024-01-01' });
  const bK = await api.bed.add({ facilityId: f7.id, count: 10, nursingCount: 10, labelPattern: 'K-{nn}', inServiceFrom: '2023-01-01' });
  const bed = (list: Array<{ id: number; label: string }>, label: string) => {
    const b = list.find((x) => x.label === label);
    if (!b) throw new Error(`no bed ${label}`);
    return b.id;
  };

  const r1 = await api.resident.create({ name: '张一', idNumber: idFor(1), householdRegionCode: A, tekun: true, tekunSelfCare: 'partial' });
  const r2 = await api.resident.create({ name: '张二', idNumber: idFor(2), householdRegionCode: A, tekun: true, tekunSelfCare: 'none' });
  const r3 = await api.resident.create({ name: '张三', idNumber: idFor(3), householdRegionCode: A, tekun: true, tekunSelfCare: 'capable' });
  const r4 = await api.resident.create({ name: '张四', idNumber: idFor(4), householdRegionCode: A });
  const r5 = await api.resident.create({ name: '张五', idNumber: idFor(5), householdRegionCode: A, tekun: true, tekunSelfCare: 'none' });
  const r6 = await api.resident.create({ name: '张六', idNumber: idFor(6), tekun: true, tekunSelfCare: 'partial' });
  const r7 = await api.resident.create({ name: '张七', idNumber: idFor(7), householdRegionCode: A, tekun: true, tekunSelfCare: 'none' });
  const r8 = await api.resident.create({ name: '张八', idNumber: idFor(8), householdRegionCode: B });

  const s1 = await api.stay.admit({ residentId: r1.id, bedId: bed(bA, 'A-01'), admittedOn: '2026-01-10' });
  const s2 = await api.stay.admit({ residentId: r2.id, bedId: bed(bJ, 'J-1'), admittedOn: '2025-05-01' });
  const s3 = await api.stay.admit({ residentId: r3.id, bedId: bed(bJ, 'J-2'), admittedOn: '2025-06-01' });
  const s4 = await api.stay.admit({ residentId: r4.id, bedId: bed(bA, 'A-03'), admittedOn: '2026-03-01' });
  await api.stay.admit({ residentId: r5.id, bedId: bed(bD, 'D-1'), admittedOn: '2026-09-01' });
  await api.stay.admit({ residentId: r6.id, bedId: bed(bH, 'H-1'), admittedOn: '2026-02-01' });
  await api.stay.admit({ residentId: r7.id, bedId: bed(bX, 'X-1'), admittedOn: '2026-01-01' });
  const s8 = await api.stay.admit({ residentId: r8.id, bedId: bed(bW, 'W-01'), admittedOn: '2026-05-01' });

  await api.facility.setStatus({ facilityId: f5.id, status: 'closed', effectiveOn: '2026-09-30' });
  await api.bed.retire({ bedIds: [bed(bA, 'A-10')], retiredOn: '2026-10-15' });
  await api.stay.recordLeave({ stayId: s2.id, startOn: '2026-10-20', reason: '回家探亲' });
  await api.stay.discharge({ stayId: s4.id, dischargedOn: D, dischargeReason: 'home' });
  const moved = await api.stay.transfer({ stayId: s1.id, toBedId: bed(bA, 'A-02'), transferOn: D });

  return { f1, f2, f3, f4, f5, f6, f7, bA, bJ, bD, bH, bX, bW, bK, bed, r1, r2, r3, r8, s1, s2, s3, s8, moved };
}

/** Expected 碧江 520602 on 2026-10-31. */
const A_ON_D: Expected = {
  // institution: F1 10 − A-10 (retired 10-15) = 9, + F2 5 = 14; F5 closed → 0
  beds: { institution: 14, community: 4, mutual_aid: 6 },
  // F1: only A-02 (R1 moved in on D; A-01 freed on D; A-03 freed by R4's discharge on D) = 1
  // F2: J-1 (R2, on leave — still hers) + J-2 (R3) = 2 → institution 3; D-1 (R5) 1; H-1 (R6) 1
  occupied: { institution: 3, community: 1, mutual_aid: 1 },
  institutionNursingBeds: 7, // F1 A-01…A-06 = 6 (A-10 was general) + F2 J-1 = 1
  population60: 20000,
  populationYear: 2026,
  // R1 (partial, F1), R2 (none, on leave at F2), R6 (partial, F4, no household → 碧江) = 3;
  // not R3 (capable), not R5 (day care is not residential), not R7 (F5 closed)
  tekunUnableResidents: 3,
  tekunUnableTotal: 4,
  facilities: 4, // F1…F4 operating; F5 closed
  residents: 5, // R1, R2, R3, R5, R6 (R4 left on D, R7 in a closed facility)
  staff: 16, // 10 + 3 + 2 + 1
  careWorkers: 7, // 4 + 2 + 1 + 0
  countedBeds: 24, // 14 + 4 + 6, all three categories counted by default
  bedsPerThousand: 1.2, // 24 / 20000 × 1000
  nursingShare: 0.5, // 7 / 14 (institution beds only)
  occupiedBeds: 5, // 3 + 1 + 1
  occupancyRate: 5 / 24, // 0.2083…
  tekunRate: 0.75, // 3 / 4
  residentsPerCareWorker: 5 / 7, // 0.714…
  // defaults: beds_per_thousand 35 (2020, last plan year → applies after); nursing_share 2025 0.55
  // (after the last plan year the last target applies: 0.55 for 2026); tekun_rate 0.5 (2020)
  targets: { bedsPerThousand: 35, nursingShare: 0.55, tekunRate: 0.5 },
  gaps: { bedsPerThousand: 1.2 - 35 /* −33.8 */, nursingShare: 0.5 - 0.55 /* −0.05 */, tekunRate: 0.75 - 0.5 /* 0.25 */ },
};

/** Expected 万山 520603 on 2026-10-31. */
const B_ON_D: Expected = {
  beds: { institution: 20, community: 0, mutual_aid: 0 },
  occupied: { institution: 1, community: 0, mutual_aid: 0 }, // W-01 (R8)
  institutionNursingBeds: 5,
  population60: 8000, // latest year ≤ 2026 is 2025; the 2027 figure is ignored
  populationYear: 2025,
  tekunUnableResidents: 0,
  tekunUnableTotal: 2, // 2025 figure
  facilities: 1,
  residents: 1,
  staff: 5,
  careWorkers: 2,
  countedBeds: 20,
  bedsPerThousand: 2.5, // 20 / 8000 × 1000
  nursingShare: 0.25, // 5 / 20
  occupiedBeds: 1,
  occupancyRate: 0.05, // 1 / 20
  tekunRate: 0, // 0 / 2: a real zero
  residentsPerCareWorker: 0.5, // 1 / 2
  targets: { bedsPerThousand: 35, nursingShare: 0.55, tekunRate: 0.5 },
  gaps: { bedsPerThousand: 2.5 - 35, nursingShare: 0.25 - 0.55, tekunRate: 0 - 0.5 },
};

/** Expected 江口 520621 on 2026-10-31: no population → no figure (null), never 0. */
const C_ON_D: Expected = {
  beds: { institution: 10, community: 0, mutual_aid: 0 },
  occupied: { institution: 0, community: 0, mutual_aid: 0 },
  institutionNursingBeds: 10,
  population60: null,
  populationYear: null,
  tekunUnableResidents: 0,
  tekunUnableTotal: null,
  facilities: 1,
  residents: 0,
  staff: 2,
  careWorkers: 0,
  countedBeds: 10,
  bedsPerThousand: null, // 10 / (no population)
  nursingShare: 1, // 10 / 10
  occupiedBeds: 0,
  occupancyRate: 0, // 0 / 10
  tekunRate: null, // no yearly figure
  residentsPerCareWorker: null, // 0 / 0
  targets: { bedsPerThousand: 35, nursingShare: 0.55, tekunRate: 0.5 },
  gaps: { bedsPerThousand: null, nursingShare: 1 - 0.55, tekunRate: null },
};

/** Expected for each of 520622…520628: population but no facilities. */
const EMPTY_WITH_POP: Expected = {
  beds: { institution: 0, community: 0, mutual_aid: 0 },
  occupied: { institution: 0, community: 0, mutual_aid: 0 },
  institutionNursingBeds: 0,
  population60: 1000,
  populationYear: 2026,
  tekunUnableResidents: 0,
  tekunUnableTotal: null,
  facilities: 0,
  residents: 0,
  staff: 0,
  careWorkers: 0,
  countedBeds: 0,
  bedsPerThousand: 0, // 0 / 1000 × 1000: a real zero
  nursingShare: null, // 0 / 0
  occupiedBeds: 0,
  occupancyRate: null, // 0 / 0
  tekunRate: null,
  residentsPerCareWorker: null,
  targets: { bedsPerThousand: 35, nursingShare: 0.55, tekunRate: 0.5 },
  gaps: { bedsPerThousand: 0 - 35, nursingShare: null, tekunRate: null },
};

/** Expected city total 520600 on 2026-10-31 (no city population entered, 江口 missing). */
const TOTAL_ON_D: Expected = {
  beds: { institution: 44, community: 4, mutual_aid: 6 }, // 14 + 20 + 10
  occupied: { institution: 4, community: 1, mutual_aid: 1 }, // 3 + 1 + 0
  institutionNursingBeds: 22, // 7 + 5 + 10
  population60: null, // 江口 has none → no sum
  populationYear: 2026, // the latest of the counties' years
  tekunUnableResidents: 3,
  tekunUnableTotal: null, // most counties have no figure
  facilities: 6, // 4 + 1 + 1
  residents: 6, // 5 + 1 + 0
  staff: 23, // 16 + 5 + 2
  careWorkers: 9, // 7 + 2 + 0
  countedBeds: 54, // 44 + 4 + 6
  bedsPerThousand: null,
  nursingShare: 0.5, // 22 / 44
  occupiedBeds: 6,
  occupancyRate: 6 / 54, // 0.111…
  tekunRate: null,
  residentsPerCareWorker: 6 / 9, // 0.666…
  targets: { bedsPerThousand: 35, nursingShare: 0.55, tekunRate: 0.5 },
  gaps: { bedsPerThousand: null, nursingShare: 0.5 - 0.55, tekunRate: null },
};

describe('report.statistics as of a date (docs/domain.md#figures)', () => {
  it('gives every figure of every county and the city total on 2026-10-31', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    const s = await api.report.statistics({ date: D });

    expect(s.date).toBe(D);
    expect(s.countedCategories).toEqual(['institution', 'community', 'mutual_aid']);
    expect(s.rows.map((r) => r.code)).toEqual([A, B, C, ...OTHERS]);
    expect(rowOf(s, A).name).toBe('碧江区');
    expectRow(rowOf(s, A), A_ON_D);
    expectRow(rowOf(s, B), B_ON_D);
    expectRow(rowOf(s, C), C_ON_D);
    for (const code of OTHERS) expectRow(rowOf(s, code), EMPTY_WITH_POP);
    expect(s.total.code).toBe('520600');
    expect(s.total.name).toBe('铜仁市');
    expectRow(s.total, TOTAL_ON_D);
  });

  it('shows no figure (null) for a county without population, never 0 or Infinity', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    const s = await api.report.statistics({ date: D });
    const c = rowOf(s, C);
    expect(c.countedBeds).toBe(10);
    expect(c.bedsPerThousand).toBeNull();
    // and the rule applies to an empty county without population too: 0 beds / no P → null
    const s2 = await api.report.statistics({ date: D, counties: ['520628'] });
    expect(s2.rows[0]!.bedsPerThousand).toBe(0); // 520628 has 1000 people: 0 / 1000 → 0
    await api.region.upsertPopulation({ regionCode: '520628', year: 2026, population60: null });
    const s3 = await api.report.statistics({ date: D, counties: ['520628'] });
    expect(s3.rows[0]!.population60).toBeNull();
    expect(s3.rows[0]!.bedsPerThousand).toBeNull();
  });

  it('city total: sum over counties only when every county has population, else the city own figure', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    // 江口 missing → total null (checked above); now give 江口 5000
    await api.region.upsertPopulation({ regionCode: C, year: 2026, population60: 5000 });
    let s = await api.report.statistics({ date: D });
    expect(rowOf(s, C).bedsPerThousand).toBeCloseTo(2, 9); // 10 / 5000 × 1000
    // 20000 + 8000 + 5000 + 7 × 1000 = 40000
    expect(s.total.population60).toBe(40000);
    expect(s.total.bedsPerThousand).toBeCloseTo(1.35, 9); // 54 / 40000 × 1000
    expect(s.total.gaps.bedsPerThousand).toBeCloseTo(1.35 - 35, 9);

    // The city's own figure wins when entered: 54 / 60000 × 1000 = 0.9
    await api.region.upsertPopulation({ regionCode: '520600', year: 2026, population60: 60000, tekunUnable: 10 });
    s = await api.report.statistics({ date: D });
    expect(s.total.population60).toBe(60000);
    expect(s.total.bedsPerThousand).toBeCloseTo(0.9, 9);
    // 特困 rate on the city's own figure: 3 / 10 = 0.3
    expect(s.total.tekunRate).toBeCloseTo(0.3, 9);

    // …even with one county missing again: own figure, not the (impossible) sum
    await api.region.upsertPopulation({ regionCode: C, year: 2026, population60: null });
    s = await api.report.statistics({ date: D });
    expect(s.total.bedsPerThousand).toBeCloseTo(0.9, 9);
  });

  it('counts a bed retired mid-month before its retirement date, not on it nor at month end', async () => {
    const { api } = freshDb();
    const fx = await buildFixture(api);
    // 2026-10-14: A-10 still in service (retired_on 10-15 excluded) → F1 10 + F2 5 = 15
    const before = rowOf(await api.report.statistics({ date: '2026-10-14' }), A);
    expect(before.beds.institution).toBe(15);
    expect(before.countedBeds).toBe(25); // 15 + 4 + 6
    expect(before.bedsPerThousand).toBeCloseTo(1.25, 9); // 25 / 20000 × 1000
    expect(before.nursingShare).toBeCloseTo(7 / 15, 9); // A-10 was general
    // on the retirement day itself: 14
    const on = rowOf(await api.report.statistics({ date: '2026-10-15' }), A);
    expect(on.beds.institution).toBe(14);
    expect(on.countedBeds).toBe(24);
    // month end: 14 (see A_ON_D)
    expect(rowOf(await api.report.statistics({ date: D }), A).beds.institution).toBe(14);
    // the bed board agrees
    const board = await api.bed.board({ facilityId: fx.f1.id, date: '2026-10-14' });
    expect(board.find((b) => b.label === 'A-10')!.state).toBe('free');
    const board2 = await api.bed.board({ facilityId: fx.f1.id, date: '2026-10-15' });
    expect(board2.find((b) => b.label === 'A-10')!.state).toBe('retired');
  });

  it('does not count the beds (or residents) of a facility closed before D', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    // 2026-09-29: F5 still operating → institution F1 10 + F2 5 + F5 8 = 23, nursing 6 + 1 + 8 = 15
    const open = rowOf(await api.report.statistics({ date: '2026-09-29' }), A);
    expect(open.facilities).toBe(5);
    expect(open.beds.institution).toBe(23);
    expect(open.institutionNursingBeds).toBe(15);
    expect(open.nursingShare).toBeCloseTo(15 / 23, 9);
    // 特困 unable on 09-29: R1, R2 (J-1), R6 (H-1), R7 (X-1) = 4 → 4 / 4 = 1
    expect(open.tekunUnableResidents).toBe(4);
    expect(open.tekunRate).toBeCloseTo(1, 9);
    // 2026-09-30, the closure's effective date: F5 gone → 15 beds, 7 nursing, 3 特困
    const closed = rowOf(await api.report.statistics({ date: '2026-09-30' }), A);
    expect(closed.facilities).toBe(4);
    expect(closed.beds.institution).toBe(15);
    expect(closed.institutionNursingBeds).toBe(7);
    expect(closed.tekunUnableResidents).toBe(3);
  });

  it('counts a resident transferred on D in the new bed; the old bed is free on D', async () => {
    const { api } = freshDb();
    const fx = await buildFixture(api);
    expect(fx.moved.closed.dischargedOn).toBe(D);
    expect(fx.moved.opened.admittedOn).toBe(D);
    const onD = await api.bed.board({ facilityId: fx.f1.id, date: D });
    expect(onD.find((b) => b.label === 'A-01')!.state).toBe('free');
    expect(onD.find((b) => b.label === 'A-02')).toMatchObject({ state: 'occupied', residentId: fx.r1.id });
    const dayBefore = await api.bed.board({ facilityId: fx.f1.id, date: '2026-10-30' });
    expect(dayBefore.find((b) => b.label === 'A-01')).toMatchObject({ state: 'occupied', residentId: fx.r1.id });
    expect(dayBefore.find((b) => b.label === 'A-02')!.state).toBe('free');
    // nursing homes of 碧江 only (F1): on D one occupied bed — R1 counted once, in the new bed
    const s = rowOf(await api.report.statistics({ date: D, counties: [A], kinds: ['nursing_home'] }), A);
    expect(s.occupied.institution).toBe(1);
    expect(s.residents).toBe(1);
    expect(s.tekunUnableResidents).toBe(1); // R1
    // the day before: A-01 (R1) and A-03 (R4) → 2
    const s0 = rowOf(await api.report.statistics({ date: '2026-10-30', counties: [A], kinds: ['nursing_home'] }), A);
    expect(s0.occupied.institution).toBe(2);
    expect(s0.residents).toBe(2);
  });

  it('a leave (外出) keeps the bed occupied', async () => {
    const { api } = freshDb();
    const fx = await buildFixture(api);
    const board = await api.bed.board({ facilityId: fx.f2.id, date: D });
    expect(board.find((b) => b.label === 'J-1')).toMatchObject({ state: 'on_leave', residentId: fx.r2.id });
    // F2 alone (碧江, 公建民营): J-1 (R2 on leave) + J-2 (R3) = 2 of 5 → 0.4; R2 still 特困-supported
    const s = rowOf(await api.report.statistics({ date: D, counties: [A], ownership: ['public_private'] }), A);
    expect(s.occupiedBeds).toBe(2);
    expect(s.occupancyRate).toBeCloseTo(0.4, 9);
    expect(s.tekunUnableResidents).toBe(1); // R2
    expect(s.residents).toBe(2);
  });

  it('a month-old "as of" date keeps its figures after later changes', async () => {
    const { api } = freshDb();
    const fx = await buildFixture(api);
    const october = await api.report.statistics({ date: D });

    // November: more beds, a discharge, an admission, a transfer, a leave, a retirement,
    // a suspension and a new facility
    await api.bed.add({ facilityId: fx.f1.id, count: 5, nursingCount: 2, labelPattern: 'B-{n}', inServiceFrom: '2026-11-05' });
    await api.stay.discharge({ stayId: fx.s2.id, dischargedOn: '2026-11-10', dischargeReason: 'death' });
    const r9 = await api.resident.create({ name: '张九', idNumber: idFor(9), householdRegionCode: B, tekun: true, tekunSelfCare: 'none' });
    await api.stay.admit({ residentId: r9.id, bedId: fx.bed(fx.bW, 'W-02'), admittedOn: '2026-11-02' });
    await api.stay.transfer({ stayId: fx.s8.id, toBedId: fx.bed(fx.bW, 'W-03'), transferOn: '2026-11-03' });
    await api.stay.recordLeave({ stayId: fx.s3.id, startOn: '2026-11-01', endOn: '2026-11-05' });
    await api.bed.retire({ bedIds: [fx.bed(fx.bW, 'W-20')], retiredOn: '2026-11-20' });
    await api.facility.setStatus({ facilityId: fx.f3.id, status: 'suspended', effectiveOn: '2026-11-15' });
    const f8 = await api.facility.create({ regionCode: B, name: '万山区新养老院', kind: 'nursing_home', ownership: 'public', careWorkerCount: 3, status: 'operating', statusDate: '2026-11-10' });
    await api.bed.add({ facilityId: f8.id, count: 30, nursingCount: 30, labelPattern: 'N-{nn}', inServiceFrom: '2026-11-10' });

    const again = await api.report.statistics({ date: D });
    expect(again).toEqual(october);

    // …while a November date sees the changes: 碧江 institution 14 + 5 = 19, community 0 (F3 suspended)
    const nov = await api.report.statistics({ date: '2026-11-27' });
    expect(rowOf(nov, A).beds).toEqual({ institution: 19, community: 0, mutual_aid: 6 });
    // 万山: W 20 − W-20 + N 30 = 49 beds, nursing 5 + 30 = 35; occupied W-02 (R9), W-03 (R8) = 2
    expect(rowOf(nov, B).beds.institution).toBe(49);
    expect(rowOf(nov, B).institutionNursingBeds).toBe(35);
    expect(rowOf(nov, B).occupiedBeds).toBe(2);
    expect(rowOf(nov, B).tekunUnableResidents).toBe(1); // R9
  });

  it('filters by counties, kinds and ownership', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    await api.region.upsertPopulation({ regionCode: '520600', year: 2026, population60: 60000 });

    // one county: a "selected" total over that county only, on its own population (not the city's)
    const one = await api.report.statistics({ date: D, counties: [A] });
    expect(one.rows.map((r) => r.code)).toEqual([A]);
    expectRow(one.rows[0]!, A_ON_D);
    expect(one.total.code).toBe('selected');
    expect(one.total.name).toBe('所选区县合计');
    expect(one.total.population60).toBe(20000);
    expect(one.total.countedBeds).toBe(24);
    expect(one.total.bedsPerThousand).toBeCloseTo(1.2, 9);
    expect(one.total.tekunRate).toBeCloseTo(0.75, 9);

    // two counties, one without population → selected total has no figure
    const two = await api.report.statistics({ date: D, counties: [A, C] });
    expect(two.total.countedBeds).toBe(34); // 24 + 10
    expect(two.total.bedsPerThousand).toBeNull();

    // nursing homes only: 碧江 F1 9 beds (6 nursing), 万山 F6 20 (5)
    const nh = await api.report.statistics({ date: D, kinds: ['nursing_home'] });
    const nhA = rowOf(nh, A);
    expect(nhA.beds).toEqual({ institution: 9, community: 0, mutual_aid: 0 });
    expect(nhA.countedBeds).toBe(9);
    expect(nhA.bedsPerThousand).toBeCloseTo(0.45, 9); // 9 / 20000 × 1000
    expect(nhA.nursingShare).toBeCloseTo(6 / 9, 9);
    expect(nhA.occupiedBeds).toBe(1);
    expect(nhA.residentsPerCareWorker).toBeCloseTo(0.25, 9); // R1 / 4 care workers
    expect(nhA.tekunRate).toBeCloseTo(0.25, 9); // R1 / 4
    expect(rowOf(nh, C).countedBeds).toBe(0); // 江口 has only a support home
    expect(nh.total.beds.institution).toBe(29); // 9 + 20
    expect(nh.total.institutionNursingBeds).toBe(11); // 6 + 5
    expect(nh.total.nursingShare).toBeCloseTo(11 / 29, 9);
    expect(nh.total.bedsPerThousand).toBeCloseTo(29 / 60000 * 1000, 9); // whole city: own population

    // 公建民营 only: F2 (5 beds, 1 nursing, 2 occupied)
    const ppp = await api.report.statistics({ date: D, ownership: ['public_private'] });
    expect(rowOf(ppp, A).beds).toEqual({ institution: 5, community: 0, mutual_aid: 0 });
    expect(rowOf(ppp, A).nursingShare).toBeCloseTo(0.2, 9); // 1 / 5
    expect(rowOf(ppp, A).occupiedBeds).toBe(2);
    expect(rowOf(ppp, B).countedBeds).toBe(0);
    expect(ppp.total.countedBeds).toBe(5);

    // kinds and ownership together: day care + mutual aid, private → F4 only (F3 is public)
    const both = await api.report.statistics({ date: D, kinds: ['day_care', 'mutual_aid'], ownership: ['private'] });
    expect(rowOf(both, A).beds).toEqual({ institution: 0, community: 0, mutual_aid: 6 });
    expect(rowOf(both, A).nursingShare).toBeNull(); // no institution beds
    expect(rowOf(both, A).bedsPerThousand).toBeCloseTo(0.3, 9); // 6 / 20000 × 1000

    // a county outside the home city is refused
    const err = await rejection(api.report.statistics({ date: D, counties: ['110105'] }));
    expect(err.code).toBe('UNKNOWN_COUNTY');
    expect(err.field).toBe('counties');
  });

  it('countedCategories changes beds per thousand but not the nursing-type share', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    await api.settings.update({ countedCategories: ['institution'] });
    const s = await api.report.statistics({ date: D });
    expect(s.countedCategories).toEqual(['institution']);
    const a = rowOf(s, A);
    expect(a.beds).toEqual({ institution: 14, community: 4, mutual_aid: 6 }); // still reported
    expect(a.countedBeds).toBe(14);
    expect(a.bedsPerThousand).toBeCloseTo(0.7, 9); // 14 / 20000 × 1000 (was 1.2)
    expect(a.nursingShare).toBeCloseTo(0.5, 9); // 7 / 14, unchanged
    expect(rowOf(s, B).bedsPerThousand).toBeCloseTo(2.5, 9); // only institution beds there anyway
    expect(s.total.countedBeds).toBe(44);
    expect(s.total.nursingShare).toBeCloseTo(0.5, 9);
  });

  it('reports plan progress against the default build targets', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    const s = await api.report.statistics({ date: D });
    const p = Object.fromEntries(s.planProgress.map((r) => [r.metric, r]));
    // actual, default 2020 target (last plan year → applies to 2026), gap = actual − target
    expect(p.total_beds).toEqual({ metric: 'total_beds', actual: 54, target: 21000, gap: 54 - 21000 });
    expect(p.nursing_home_count).toMatchObject({ actual: 2, target: 40, gap: -38 }); // F1, F6 (F5 closed)
    expect(p.support_home_count).toMatchObject({ actual: 2, target: 45, gap: -43 }); // F2, F7
    expect(p.support_home_beds).toMatchObject({ actual: 15, target: 14000, gap: 15 - 14000 }); // 5 + 10
    expect(p.day_care_count).toMatchObject({ actual: 1, target: 130, gap: -129 });
    expect(p.mutual_aid_count).toMatchObject({ actual: 1, target: 1726, gap: -1725 });
    expect(p.activity_centre_count).toMatchObject({ actual: 0, target: 6, gap: -6 });
    expect(p.medical_care_count).toMatchObject({ actual: 1, target: 12, gap: -11 }); // F1
    expect(p.care_workers).toMatchObject({ actual: 9, target: 2000, gap: -1991 });
  });

  it('a county target overrides the city default', async () => {
    const { api } = freshDb();
    await buildFixture(api);
    await api.settings.upsertTarget({ year: 2026, metric: 'beds_per_thousand', regionCode: A, value: 2 });
    const s = await api.report.statistics({ date: D });
    expect(rowOf(s, A).targets.bedsPerThousand).toBe(2);
    expect(rowOf(s, A).gaps.bedsPerThousand).toBeCloseTo(-0.8, 9); // 1.2 − 2
    expect(rowOf(s, B).targets.bedsPerThousand).toBe(35); // still the city default
  });
});
