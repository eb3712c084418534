import { eq } from 'drizzle-orm';
import { populations, regions } from '../db/schema';
import { countiesOf, listPopulations as populationRows, listRegions as regionRows, populationOf, populationsAfter, regionCodeTaken, requireRegion } from '../db/queries/regions';
import { todayIso } from '../domain/dates';
import { closedMonthsBetween, confirmClosedMonths } from './corrections';
import { fail } from '../domain/errors';
import { audit, write, type ServiceContext } from './context';
import { CITY } from '../domain/ownership';
import { ownerOfRegion } from './owners';
import { getSettings } from './settings';
import type { z } from 'zod';
import type { populationListInput, populationUpsertInput } from '../contract/schemas';

export { requireRegion } from '../db/queries/regions';

export function listRegions(ctx: ServiceContext) {
  return regionRows(ctx.db.orm);
}

/** The counties of the home city, in code order. */
export function homeCounties(ctx: ServiceContext) {
  return countiesOf(ctx.db.orm, getSettings(ctx).homeRegion);
}

/**
 * A county-level division under a city: a new division after a boundary change, or the
 * synthetic counties of a generated province-scale data set. Codes follow GB/T 2260 (6 digits).
 */
export function addCounty(ctx: ServiceContext, input: { code: string; name: string; parentCode: string }) {
  return write(ctx, CITY, (tx) => {
    if (!/^\d{6}$/.test(input.code))
      fail.validation('REGION_CODE_INVALID', 'code', '区划代码应为 6 位数字', 'A region code is 6 digits');
    if (input.name.trim() === '') fail.validation('REGION_NAME_REQUIRED', 'name', '请填写区县名称', 'Enter the county name');
    const parent = requireRegion(tx, input.parentCode, 'parentCode');
    if (parent.level !== 'city')
      fail.validation('REGION_PARENT_NOT_CITY', 'parentCode', '区县应隶属于市一级', 'A county belongs to a city');
    if (regionCodeTaken(tx, input.code))
      fail.conflict('REGION_CODE_TAKEN', 'code', `区划代码 ${input.code} 已存在`, `Region code ${input.code} already exists`);
    const row = tx.insert(regions).values({ code: input.code, name: input.name.trim(), level: 'county', parentCode: parent.code }).returning().get();
    audit(tx, ctx.actor, 'region.addCounty', 'region', row.code, null, row);
    return row;
  });
}

export function listPopulations(ctx: ServiceContext, input: z.infer<typeof populationListInput>) {
  return populationRows(ctx.db.orm, input);
}

const FIGURES = ['population60', 'population80', 'tekunUnable'] as const;

/**
 * Enter or correct a region's yearly figures; fields left out keep their value.
 *
 * A yearly figure holds for every month of its year and of the following years until the
 * region's next yearly row with that figure (services/statistics.ts takes the latest year ≤ the month's year).
 * Entering a figure where there was none is an entry: a confirmation when it reaches a closed
 * month, no reason. Changing a figure already there is a correction: also a reason when the
 * year is over (a past period — the current year's figure is still being refined), and the
 * before/after, the reason and the closed months go into the audit row.
 */
export function upsertPopulation(ctx: ServiceContext, input: z.infer<typeof populationUpsertInput>) {
  return write(ctx, (tx) => ownerOfRegion(tx, input.regionCode), (tx) => {
    requireRegion(tx, input.regionCode);
    const before = populationOf(tx, input.regionCode, input.year);
    const values = {
      population60: input.population60 === undefined ? (before?.population60 ?? null) : input.population60,
      population80: input.population80 === undefined ? (before?.population80 ?? null) : input.population80,
      tekunUnable: input.tekunUnable === undefined ? (before?.tekunUnable ?? null) : input.tekunUnable,
    };
    if (values.population80 !== null && values.population60 !== null && values.population80 > values.population60)
      fail.validation('POPULATION_80_EXCEEDS_60', 'population80', '80岁及以上人口不能大于60岁及以上人口', 'Population aged 80+ cannot exceed population aged 60+');
    const changed = FIGURES.filter((f) => values[f] !== (before?.[f] ?? null));
    const corrected = changed.filter((f) => before?.[f] != null);
    if (corrected.length > 0 && `${input.year}-12-31` < todayIso() && (input.reason?.trim() ?? '').length < 2)
      fail.validation(
        'REASON_REQUIRED',
        'reason',
        `更正 ${input.year} 年（已过去的年度）已有的人口数，请填写更正原因（至少 2 个字）`,
        `Correcting a figure of ${input.year}, a past year: give the reason (at least 2 characters)`,
      );
    let closedMonths: string[] = [];
    if (changed.length > 0) {
      // Each changed figure holds until the next year that has that figure; the longest reach counts.
      const later = populationsAfter(tx, input.regionCode, input.year);
      const ends = changed.map((f) => later.find((r) => r[f] !== null)?.year);
      const until = ends.some((y) => y === undefined) ? null : `${Math.max(...(ends as number[])) - 1}-12-31`;
      const months = closedMonthsBetween(tx, `${input.year}-01-01`, until);
      closedMonths = confirmClosedMonths(months, input, corrected.length > 0 ? 'correction' : 'entry');
    }
    let row;
    if (before) {
      row = tx
        .update(populations)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(populations.id, before.id))
        .returning()
        .get();
    } else {
      row = tx.insert(populations).values({ regionCode: input.regionCode, year: input.year, ...values }).returning().get();
    }
    const reason = input.reason?.trim() || null;
    audit(tx, ctx.actor, 'population.upsert', 'population', row.id, before ?? null, corrected.length > 0 || closedMonths.length > 0 ? { ...row, correctionReason: reason, closedMonths } : row);
    return { ...row, closedMonths };
  });
}
