import { describe, it, expect } from 'vitest';
import {
  combinedPopulation,
  computeFigures,
  emptyCategoryCounts,
  gap,
  perThousand,
  ratio,
  sumCounts,
  supportHomeStaffingMet,
  targetForYear,
  type Figure,
  type RegionCounts,
  type RegionFigures,
} from '../../src-main/domain/metrics';
import type { BedCategory } from '../../src-main/domain/enums';

describe('ratio', () => {
  const cases: Array<[number, number | null, Figure]> = [
    [1, 4, 0.25],
    [3, 2, 1.5],
    [0, 5, 0], // a real zero: nothing over something
    [5, null, null],
    [5, 0, null],
    [0, 0, null],
    [0, null, null],
  ];
  it.each(cases)('%s / %s → %s', (n, d, expected) => {
    expect(ratio(n, d)).toBe(expected);
  });

  it('never returns Infinity or NaN', () => {
    for (const n of [0, 1, 1000]) {
      const r = ratio(n, 0);
      expect(r).toBeNull();
    }
  });
});

describe('perThousand', () => {
  it('national 2015 example: 6,727,000 beds / 222,000,000 aged 60+ = 30.3', () => {
    // 6,727,000 / 222,000,000 = 0.030302…; × 1000 = 30.30…
    expect(perThousand(6_727_000, 222_000_000)).toBeCloseTo(30.3, 1);
  });

  const cases: Array<[number, number | null, Figure]> = [
    [500, 25_000, 20],
    [35, 1_000, 35],
    [0, 25_000, 0],
    [500, null, null],
    [500, 0, null],
  ];
  it.each(cases)('%s beds, %s people → %s', (beds, pop, expected) => {
    const f = perThousand(beds, pop);
    if (expected === null) expect(f).toBeNull();
    else expect(f).toBeCloseTo(expected, 10);
  });
});

/*
 * A hand-made county: 300 institution beds (90 nursing-type), 120 community, 80 mutual-aid;
 * occupied 210 / 30 / 20; 25,000 people aged 60+; 40 of 100 特困 unable persons in care;
 * 260 residents, 20 care workers.
 */
function county(overrides: Partial<RegionCounts> = {}): RegionCounts {
  return {
    population60: 25_000,
    populationYear: 2025,
    beds: { institution: 300, community: 120, mutual_aid: 80 },
    occupied: { institution: 210, community: 30, mutual_aid: 20 },
    institutionNursingBeds: 90,
    tekunUnableResidents: 40,
    tekunUnableTotal: 100,
    tekunUnableYear: 2025,
    facilities: 12,
    residents: 260,
    staff: 35,
    careWorkers: 20,
    ...overrides,
  };
}

describe('computeFigures', () => {
  const cases: Array<{ name: string; counted: BedCategory[]; expected: RegionFigures }> = [
    {
      // Beds 300 + 120 + 80 = 500; 500 / 25,000 × 1000 = 20; occupied 210 + 30 + 20 = 260;
      // 260 / 500 = 0.52; nursing 90 / 300 = 0.3; 特困 40 / 100 = 0.4; 260 / 20 = 13.
      name: 'all three categories (default)',
      counted: ['institution', 'community', 'mutual_aid'],
      expected: {
        countedBeds: 500,
        bedsPerThousand: 20,
        institutionBeds: 300,
        nursingBeds: 90,
        nursingShare: 0.3,
        occupiedBeds: 260,
        occupancyRate: 0.52,
        tekunRate: 0.4,
        residentsPerCareWorker: 13,
      },
    },
    {
      // 300 / 25,000 × 1000 = 12; occupied 210 / 300 = 0.7.
      name: 'institution only',
      counted: ['institution'],
      expected: {
        countedBeds: 300,
        bedsPerThousand: 12,
        institutionBeds: 300,
        nursingBeds: 90,
        nursingShare: 0.3,
        occupiedBeds: 210,
        occupancyRate: 0.7,
        tekunRate: 0.4,
        residentsPerCareWorker: 13,
      },
    },
    {
      // 120 / 25,000 × 1000 = 4.8; occupied 30 / 120 = 0.25; the nursing share still counts
      // institution beds only.
      name: 'community only',
      counted: ['community'],
      expected: {
        countedBeds: 120,
        bedsPerThousand: 4.8,
        institutionBeds: 300,
        nursingBeds: 90,
        nursingShare: 0.3,
        occupiedBeds: 30,
        occupancyRate: 0.25,
        tekunRate: 0.4,
        residentsPerCareWorker: 13,
      },
    },
    {
      // 300 + 80 = 380; 380 / 25,000 × 1000 = 15.2; occupied 210 + 20 = 230; 230 / 380 = 23/38.
      name: 'institution and mutual aid',
      counted: ['institution', 'mutual_aid'],
      expected: {
        countedBeds: 380,
        bedsPerThousand: 15.2,
        institutionBeds: 300,
        nursingBeds: 90,
        nursingShare: 0.3,
        occupiedBeds: 230,
        occupancyRate: 23 / 38,
        tekunRate: 0.4,
        residentsPerCareWorker: 13,
      },
    },
    {
      // Nothing counted: 0 beds per thousand is a real 0 (population known); the occupancy
      // rate has a zero denominator → no figure.
      name: 'no category counted',
      counted: [],
      expected: {
        countedBeds: 0,
        bedsPerThousand: 0,
        institutionBeds: 300,
        nursingBeds: 90,
        nursingShare: 0.3,
        occupiedBeds: 0,
        occupancyRate: null,
        tekunRate: 0.4,
        residentsPerCareWorker: 13,
      },
    },
  ];

  it.each(cases)('$name', ({ counted, expected }) => {
    const f = computeFigures(county(), counted);
    expect(f.countedBeds).toBe(expected.countedBeds);
    expect(f.institutionBeds).toBe(expected.institutionBeds);
    expect(f.nursingBeds).toBe(expected.nursingBeds);
    expect(f.occupiedBeds).toBe(expected.occupiedBeds);
    for (const key of ['bedsPerThousand', 'nursingShare', 'occupancyRate', 'tekunRate', 'residentsPerCareWorker'] as const) {
      const want = expected[key];
      if (want === null) expect(f[key], key).toBeNull();
      else expect(f[key], key).toBeCloseTo(want, 10);
    }
  });

  it('the order of the counted categories does not matter', () => {
    expect(computeFigures(county(), ['mutual_aid', 'community', 'institution'])).toEqual(
      computeFigures(county(), ['institution', 'community', 'mutual_aid']),
    );
  });

  it('nursing share ignores community and mutual-aid beds', () => {
    // 60 nursing-type of 200 institution beds = 0.3, however many community beds exist.
    const c = county({ beds: { institution: 200, community: 5000, mutual_aid: 5000 }, institutionNursingBeds: 60 });
    expect(computeFigures(c, ['institution', 'community', 'mutual_aid']).nursingShare).toBeCloseTo(0.3, 10);
  });

  it('gives no figure (never 0 or Infinity) when a denominator is missing or zero', () => {
    const c = county({
      population60: null,
      beds: { institution: 0, community: 0, mutual_aid: 0 },
      occupied: emptyCategoryCounts(),
      institutionNursingBeds: 0,
      tekunUnableTotal: null,
      careWorkers: 0,
    });
    const f = computeFigures(c, ['institution', 'community', 'mutual_aid']);
    expect(f.bedsPerThousand).toBeNull();
    expect(f.nursingShare).toBeNull();
    expect(f.occupancyRate).toBeNull();
    expect(f.tekunRate).toBeNull();
    expect(f.residentsPerCareWorker).toBeNull();
  });

  it('population 0 and 特困 total 0 also give no figure', () => {
    const f = computeFigures(county({ population60: 0, tekunUnableTotal: 0 }), ['institution']);
    expect(f.bedsPerThousand).toBeNull();
    expect(f.tekunRate).toBeNull();
  });

  it('50% 特困 centralized support rate', () => {
    expect(computeFigures(county({ tekunUnableResidents: 55, tekunUnableTotal: 110 }), ['institution']).tekunRate).toBe(0.5);
  });
});

describe('sumCounts', () => {
  it('adds the counts of several regions', () => {
    const a = county();
    const b = county({
      beds: { institution: 100, community: 10, mutual_aid: 1 },
      occupied: { institution: 50, community: 5, mutual_aid: 0 },
      institutionNursingBeds: 40,
      tekunUnableResidents: 7,
      facilities: 3,
      residents: 55,
      staff: 9,
      careWorkers: 6,
    });
    expect(sumCounts([a, b])).toEqual({
      beds: { institution: 400, community: 130, mutual_aid: 81 },
      occupied: { institution: 260, community: 35, mutual_aid: 20 },
      institutionNursingBeds: 130,
      tekunUnableResidents: 47,
      facilities: 15,
      residents: 315,
      staff: 44,
      careWorkers: 26,
    });
  });

  it('of no regions is all zero', () => {
    expect(sumCounts([])).toEqual({
      beds: { institution: 0, community: 0, mutual_aid: 0 },
      occupied: { institution: 0, community: 0, mutual_aid: 0 },
      institutionNursingBeds: 0,
      tekunUnableResidents: 0,
      facilities: 0,
      residents: 0,
      staff: 0,
      careWorkers: 0,
    });
  });
});

describe('combinedPopulation', () => {
  const cases: Array<[string, number | null, Array<number | null>, number | null]> = [
    ['own figure wins over the parts', 500_000, [100_000, 200_000], 500_000],
    ['own figure wins even when a part is missing', 500_000, [100_000, null], 500_000],
    ['own figure wins with no parts', 500_000, [], 500_000],
    ['sum when every part is present', null, [100_000, 200_000, 50_000], 350_000],
    ['single part', null, [42_000], 42_000],
    ['a part of 0 is still present', null, [0, 10], 10],
    ['no figure when one part is missing', null, [100_000, null, 50_000], null],
    ['no figure when every part is missing', null, [null, null], null],
    ['no figure with no parts', null, [], null],
  ];
  it.each(cases)('%s', (_label, own, parts, expected) => {
    expect(combinedPopulation(own, parts)).toBe(expected);
  });
});

describe('gap', () => {
  const cases: Array<[Figure, Figure, Figure]> = [
    [30, 35, -5],
    [40, 35, 5],
    [35, 35, 0],
    [null, 35, null],
    [30, null, null],
    [null, null, null],
  ];
  it.each(cases)('gap(%s, %s) = %s', (actual, target, expected) => {
    expect(gap(actual, target)).toBe(expected);
  });

  it('works on fractions', () => {
    // Nursing share 0.22 against the 30% target: −0.08.
    expect(gap(0.22, 0.3)).toBeCloseTo(-0.08, 10);
  });
});

describe('targetForYear', () => {
  const targets = [
    { year: 2025, value: 0.55 },
    { year: 2020, value: 0.3 },
  ];
  const cases: Array<[number, Figure]> = [
    [2015, 0.3],
    [2018, 0.3],
    [2020, 0.3],
    [2021, 0.55],
    [2025, 0.55],
    [2026, 0.55],
    [2030, 0.55],
  ];
  it.each(cases)('year %i → %s', (year, expected) => {
    expect(targetForYear(targets, year)).toBe(expected);
  });

  it('no targets → no figure', () => {
    expect(targetForYear([], 2020)).toBeNull();
  });

  it('a single target applies to every year', () => {
    expect(targetForYear([{ year: 2020, value: 35 }], 2010)).toBe(35);
    expect(targetForYear([{ year: 2020, value: 35 }], 2030)).toBe(35);
  });

  it('does not reorder the caller’s array', () => {
    const copy = targets.map((t) => ({ ...t }));
    targetForYear(copy, 2021);
    expect(copy).toEqual(targets);
  });
});

describe('supportHomeStaffingMet (1 staff per 10 supported residents)', () => {
  const cases: Array<[number, number, number, boolean]> = [
    [1, 10, 10, true],
    [1, 11, 10, false],
    [2, 20, 10, true],
    [2, 21, 10, false],
    [3, 25, 10, true],
    [0, 1, 10, false],
    [0, 0, 10, true],
    [5, 0, 10, true],
    // Another setting: 1 staff per 8.
    [2, 16, 8, true],
    [2, 17, 8, false],
  ];
  it.each(cases)('%i staff, %i residents, 1 per %i → %s', (staff, residents, perStaff, met) => {
    expect(supportHomeStaffingMet(staff, residents, perStaff)).toBe(met);
  });
});
