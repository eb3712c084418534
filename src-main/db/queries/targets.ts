/** The targets register (plan targets by year, metric and region): its SELECTs. Writes stay in services/settings.ts. */
import { asc, eq } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { targets } from '../schema';
import type { TargetMetric } from '../../domain/enums';

export function listTargets(orm: Orm) {
  return orm.select().from(targets).orderBy(asc(targets.year), asc(targets.metric), asc(targets.regionCode)).all();
}

export function targetById(tx: Orm, id: number) {
  return tx.select().from(targets).where(eq(targets.id, id)).get();
}

/** Every year's value of one metric for a region and for its city (`code` says which). */
export function targetValues(sqlite: Sqlite, metric: TargetMetric, regionCode: string, cityCode: string): Array<{ year: number; value: number; code: string }> {
  return sqlite
    .prepare('SELECT year, value, region_code AS code FROM targets WHERE metric = ? AND region_code IN (?, ?)')
    .all(metric, regionCode, cityCode) as Array<{ year: number; value: number; code: string }>;
}
