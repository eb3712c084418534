import { eq } from 'drizzle-orm';
import { populations, regions } from '../db/schema';
import { countiesOf, listPopulations as populationRows, listRegions as regionRows, populationOf, regionCodeTaken, requireRegion } from '../db/queries/regions';
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

/** Enter or correct a region's yearly figures; fields left out keep their value. */
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
    audit(tx, ctx.actor, 'population.upsert', 'population', row.id, before ?? null, row);
    return row;
  });
}
