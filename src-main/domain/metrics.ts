/**
 * The figures of docs/domain.md#figures from counts. Every surface shows these numbers; nothing else
 * computes them. "No figure" is null — never 0, never Infinity.
 */
import { BED_CATEGORIES, type BedCategory } from './enums';

export type Figure = number | null;

/** n / d, or no figure when the denominator is missing or zero. */
export function ratio(n: number, d: number | null): Figure {
  if (d === null || d === 0) return null;
  return n / d;
}

export function perThousand(beds: number, population60: number | null): Figure {
  const r = ratio(beds, population60);
  return r === null ? null : r * 1000;
}

export type CategoryCounts = Record<BedCategory, number>;

export function emptyCategoryCounts(): CategoryCounts {
  return { institution: 0, community: 0, mutual_aid: 0 };
}

/** What the store counts for one region as of a date. */
export interface RegionCounts {
  population60: number | null;
  populationYear: number | null;
  /** Beds in service on D at facilities operating on D, by category. */
  beds: CategoryCounts;
  /** Of those, beds with a stay open on D. */
  occupied: CategoryCounts;
  /** Nursing-type beds among institution beds. */
  institutionNursingBeds: number;
  /** Residents on D who are 特困 with self-care partly or wholly lost. */
  tekunUnableResidents: number;
  /** The region's yearly count of such persons. */
  tekunUnableTotal: number | null;
  tekunUnableYear: number | null;
  facilities: number;
  residents: number;
  staff: number;
  careWorkers: number;
}

export interface RegionFigures {
  countedBeds: number;
  bedsPerThousand: Figure;
  institutionBeds: number;
  nursingBeds: number;
  nursingShare: Figure;
  occupiedBeds: number;
  occupancyRate: Figure;
  tekunRate: Figure;
  residentsPerCareWorker: Figure;
}

export function computeFigures(c: RegionCounts, counted: readonly BedCategory[]): RegionFigures {
  let countedBeds = 0;
  let occupiedBeds = 0;
  for (const cat of BED_CATEGORIES) {
    if (!counted.includes(cat)) continue;
    countedBeds += c.beds[cat];
    occupiedBeds += c.occupied[cat];
  }
  return {
    countedBeds,
    bedsPerThousand: perThousand(countedBeds, c.population60),
    institutionBeds: c.beds.institution,
    nursingBeds: c.institutionNursingBeds,
    nursingShare: ratio(c.institutionNursingBeds, c.beds.institution),
    occupiedBeds,
    occupancyRate: ratio(occupiedBeds, countedBeds),
    tekunRate: ratio(c.tekunUnableResidents, c.tekunUnableTotal),
    residentsPerCareWorker: ratio(c.residents, c.careWorkers),
  };
}

/**
 * The city's population: its own figure when entered, else the sum over its counties only
 * when every county has one.
 */
export function combinedPopulation(own: number | null, parts: ReadonlyArray<number | null>): number | null {
  if (own !== null) return own;
  if (parts.length === 0) return null;
  let sum = 0;
  for (const p of parts) {
    if (p === null) return null;
    sum += p;
  }
  return sum;
}

/** Sum region counts for a total row; population figures are combined by the caller's rule. */
export function sumCounts(rows: readonly RegionCounts[]): Omit<RegionCounts, 'population60' | 'populationYear' | 'tekunUnableTotal' | 'tekunUnableYear'> {
  const beds = emptyCategoryCounts();
  const occupied = emptyCategoryCounts();
  let institutionNursingBeds = 0;
  let tekunUnableResidents = 0;
  let facilities = 0;
  let residents = 0;
  let staff = 0;
  let careWorkers = 0;
  for (const r of rows) {
    for (const cat of BED_CATEGORIES) {
      beds[cat] += r.beds[cat];
      occupied[cat] += r.occupied[cat];
    }
    institutionNursingBeds += r.institutionNursingBeds;
    tekunUnableResidents += r.tekunUnableResidents;
    facilities += r.facilities;
    residents += r.residents;
    staff += r.staff;
    careWorkers += r.careWorkers;
  }
  return { beds, occupied, institutionNursingBeds, tekunUnableResidents, facilities, residents, staff, careWorkers };
}

/** actual − target; no figure when either is missing. */
export function gap(actual: Figure, target: Figure): Figure {
  if (actual === null || target === null) return null;
  return actual - target;
}

/**
 * The target that applies in a year: the one of the plan period the year falls in (the
 * smallest target year ≥ year); after the last plan year, the last target.
 */
export function targetForYear(targets: ReadonlyArray<{ year: number; value: number }>, year: number): Figure {
  if (targets.length === 0) return null;
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  const current = sorted.find((t) => t.year >= year);
  return (current ?? sorted[sorted.length - 1]!).value;
}

/** Rural support homes: at least 1 staff per `perStaff` supported residents. */
export function supportHomeStaffingMet(staff: number, residents: number, perStaff: number): boolean {
  return staff * perStaff >= residents;
}
