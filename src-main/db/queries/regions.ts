/**
 * The regions register (regions + their yearly populations): its rows and SELECTs, for the
 * services, the import and the export. Writes stay in services/regions.ts.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { populations, regions } from '../schema';
import { fail } from '../../domain/errors';
import { ENTITY } from './entities';

export type RegionRow = typeof regions.$inferSelect;
export type PopulationRow = typeof populations.$inferSelect;

export function requireRegion(tx: Orm, code: string, field = 'regionCode') {
  const r = tx.select().from(regions).where(eq(regions.code, code)).get();
  if (!r) return fail.notFound(ENTITY.region, code, field);
  return r;
}

export function listRegions(orm: Orm) {
  return orm.select().from(regions).orderBy(asc(regions.code)).all();
}

/** The counties under a city, in code order. */
export function countiesOf(orm: Orm, cityCode: string) {
  return orm
    .select()
    .from(regions)
    .where(and(eq(regions.parentCode, cityCode), eq(regions.level, 'county')))
    .orderBy(asc(regions.code))
    .all();
}

export function regionCodeTaken(tx: Orm, code: string): boolean {
  return tx.select({ code: regions.code }).from(regions).where(eq(regions.code, code)).get() !== undefined;
}

/** Code and level of every region: the import's lookup. */
export function regionLevels(sqlite: Sqlite): Array<{ code: string; level: string }> {
  return sqlite.prepare('SELECT code, level FROM regions').all() as Array<{ code: string; level: string }>;
}

export function listPopulations(orm: Orm, filter: { regionCode?: string; year?: number } | undefined) {
  const conds: SQL[] = [];
  if (filter?.regionCode) conds.push(eq(populations.regionCode, filter.regionCode));
  if (filter?.year) conds.push(eq(populations.year, filter.year));
  return orm
    .select()
    .from(populations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(populations.regionCode), asc(populations.year))
    .all();
}

export function populationOf(tx: Orm, regionCode: string, year: number) {
  return tx
    .select()
    .from(populations)
    .where(and(eq(populations.regionCode, regionCode), eq(populations.year, year)))
    .get();
}

/** The region's yearly rows after `year`, oldest first (whose figures take over from `year`'s). */
export function populationsAfter(tx: Orm, regionCode: string, year: number) {
  return tx
    .select()
    .from(populations)
    .where(and(eq(populations.regionCode, regionCode), gt(populations.year, year)))
    .orderBy(asc(populations.year))
    .all();
}

/** The figures a population row holds, as the import compares and the export writes them. */
export interface PopulationFigures {
  regionCode: string;
  year: number;
  population60: number | null;
  population80: number | null;
  tekunUnable: number | null;
}

const POPULATION_FIGURES = 'region_code AS regionCode, year, population60 AS population60, population80 AS population80, tekun_unable AS tekunUnable';

/** Every population row (the import's lookup). */
export function populationFigures(sqlite: Sqlite): PopulationFigures[] {
  return sqlite.prepare(`SELECT ${POPULATION_FIGURES} FROM populations`).all() as PopulationFigures[];
}

/** Every population row in region and year order (the export). */
export function populationExportSql(): string {
  return `
    SELECT ${POPULATION_FIGURES} FROM populations ORDER BY region_code, year`;
}
