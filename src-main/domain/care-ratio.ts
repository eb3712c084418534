/**
 * Care workers a facility's residents need by their ability (docs/domain.md#regulator-checks): each
 * resident falls in one group by the latest assessment — GB/T 42195-2022 level 0 自理, 1–2 部分
 * 失能, 3–4 失能; the older MZ/T 039-2013 levels likewise (0 自理, 1–2 部分失能, 3 失能); a
 * resident not assessed yet counts as 自理 (the least need; data quality lists them apart). Each
 * group needs one care worker per so many residents (settings, 1:15 / 1:8 / 1:4 by default), and
 * the sum is rounded up once: 15 自理 + 8 部分失能 + 4 失能 need exactly 3.
 */

export type CareGroup = 'selfCare' | 'partial' | 'disabled';
export type CareGroupCounts = Record<CareGroup, number>;
export type CareRatios = Record<CareGroup, number>;

/** The group of a resident's latest final level (either standard: 0 自理, 1–2 部分失能, 3 and 4 失能); null (not assessed) counts as 自理. */
export function careGroupOf(level: number | null): CareGroup {
  if (level === null || level <= 0) return 'selfCare';
  return level >= 3 ? 'disabled' : 'partial';
}

/** ⌈selfCare/r₁ + partial/r₂ + disabled/r₃⌉, in whole numbers so the boundary is exact. */
export function careWorkersNeeded(counts: CareGroupCounts, ratios: CareRatios): number {
  const { selfCare: a, partial: b, disabled: c } = ratios;
  const numerator = counts.selfCare * b * c + counts.partial * a * c + counts.disabled * a * b;
  const denominator = a * b * c;
  return Math.floor((numerator + denominator - 1) / denominator);
}
