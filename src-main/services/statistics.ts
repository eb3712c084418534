/**
 * The figures of docs/domain.md#figures as of a date, per county of the home city and for the city.
 * SQL counts; the domain computes every ratio (metrics.ts); nothing else does. Written once, as
 * a SQL program (db/sql-program.ts): an office runs it on its SQLite file, the hub on
 * PostgreSQL (docs/architecture.md#one-sql).
 */
import type { z } from 'zod';
import type { statisticsInput } from '../contract/schemas';
import { yearOf } from '../domain/dates';
import { BED_CATEGORIES, categoryOfKind, type BedCategory, type FacilityKind, type TargetMetric } from '../domain/enums';
import { fail } from '../domain/errors';
import {
  combinedPopulation,
  computeFigures,
  emptyCategoryCounts,
  gap,
  sumCounts,
  targetForYear,
  type Figure,
  type RegionCounts,
  type RegionFigures,
} from '../domain/metrics';
import { runOnSqlite, type Dialect, type Program } from '../db/sql-program';
import { bedInService, inList, statusOn, stayOpenOn } from './as-of';
import type { Actor, ServiceContext } from './context';
import { scopedCounties } from './scope';
import { settingsFromRows } from './settings';

export interface StatisticsRow extends RegionCounts, RegionFigures {
  code: string;
  name: string;
  targets: { bedsPerThousand: Figure; nursingShare: Figure; tekunRate: Figure };
  gaps: { bedsPerThousand: Figure; nursingShare: Figure; tekunRate: Figure };
}

export interface PlanProgressRow {
  metric: TargetMetric;
  actual: number;
  target: Figure;
  gap: Figure;
}

export interface StatisticsResult {
  date: string;
  countedCategories: BedCategory[];
  rows: StatisticsRow[];
  total: StatisticsRow;
  planProgress: PlanProgressRow[];
  /** Operating facilities left out as not registered (setting excludeUnregisteredSupportHomes); 0 when the setting is off; absent from snapshots closed before it existed. */
  uncountedFacilities?: number;
}

type FacilityFilter = Pick<z.infer<typeof statisticsInput>, 'kinds' | 'ownership'>;

/**
 * A 乡镇敬老院 not registered as a legal person is not counted among the institutions (the
 * bulletins since 2014; setting excludeUnregisteredSupportHomes, on by default): not its count,
 * beds, residents or staff. 未知 (registration not recorded) counts as before. Its 特困 residents
 * still count as centrally supported: the rate is about people, not institutions.
 */
export function uncountedFacilitySql(alias: string): string {
  return `(${alias}.kind = 'support_home' AND ${alias}.registration = 'unregistered')`;
}

/**
 * Facilities operating on @d that pass the kind/ownership filters (and, when given, lie in
 * one of the counties), as a CTE named fac; `counted`: without the facilities the statistics
 * leave out (uncountedFacilitySql).
 */
function operatingFacilities(filter: FacilityFilter & { counted: boolean }, counties?: readonly string[]): { cte: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  const where = [`${statusOn('f')} = 'operating'`];
  if (filter.counted) where.push(`NOT ${uncountedFacilitySql('f')}`);
  if (counties?.length) {
    const l = inList('rc', counties);
    where.push(`f.region_code IN ${l.sql}`);
    Object.assign(params, l.params);
  }
  if (filter.kinds?.length) {
    const l = inList('k', filter.kinds);
    where.push(`f.kind IN ${l.sql}`);
    Object.assign(params, l.params);
  }
  if (filter.ownership?.length) {
    const l = inList('o', filter.ownership);
    where.push(`f.ownership IN ${l.sql}`);
    Object.assign(params, l.params);
  }
  return {
    cte: `fac AS MATERIALIZED (SELECT f.id, f.region_code, f.kind, f.medical_care, f.staff_count, f.care_worker_count FROM facilities f WHERE ${where.join(' AND ')})`,
    params,
  };
}

interface Latest {
  value: number;
  year: number;
}

/** Per region, the latest figure of a population column for a year ≤ `year`. */
function* latestPopulation(column: 'population60' | 'tekun_unable', year: number): Program<Map<string, Latest>> {
  const rows = (yield {
    text: `SELECT region_code AS code, year, ${column} AS value FROM populations WHERE year <= @year AND ${column} IS NOT NULL ORDER BY year`,
    params: { year },
  }) as Array<{ code: string; year: number; value: number }>;
  const map = new Map<string, Latest>();
  for (const r of rows) map.set(r.code, { value: r.value, year: r.year });
  return map;
}

type TargetRow = { metric: TargetMetric; year: number; value: number; code: string };

/** A metric's target for a region in a year: its own, else the city's (targetForYear picks the year). */
function targetsFor(all: readonly TargetRow[], metric: TargetMetric, regionCode: string, cityCode: string, year: number): Figure {
  const rows = all.filter((r) => r.metric === metric && (r.code === regionCode || r.code === cityCode));
  const own = rows.filter((r) => r.code === regionCode);
  return targetForYear(own.length > 0 ? own : rows.filter((r) => r.code === cityCode), year);
}

function emptyCounts(): RegionCounts {
  return {
    population60: null,
    populationYear: null,
    beds: emptyCategoryCounts(),
    occupied: emptyCategoryCounts(),
    institutionNursingBeds: 0,
    tekunUnableResidents: 0,
    tekunUnableTotal: null,
    tekunUnableYear: null,
    facilities: 0,
    residents: 0,
    staff: 0,
    careWorkers: 0,
  };
}

/** County-limited accounts see their counties only (scope.ts: a county outside them is refused). */
export function statistics(ctx: ServiceContext, request: z.infer<typeof statisticsInput>): StatisticsResult {
  return runOnSqlite(ctx.db.sqlite, statisticsProgram(ctx.actor, request, 'sqlite'));
}

/** SQLite's CROSS JOIN keeps the join order (facility → its stays by index); PostgreSQL plans it itself and has no CROSS JOIN … ON. */
const orderedJoin = (dialect: Dialect) => (dialect === 'sqlite' ? 'CROSS JOIN' : 'JOIN');

/**
 * A bed held by a stay on D. SQLite probes stays by bed (its index), so one county never reads
 * another's stays (tests/integration/query-plans.test.ts); PostgreSQL's planner does better with
 * one hashed set of the beds held (province scale: 585 → ~310 ms for the beds query).
 */
const bedHeld = (dialect: Dialect) =>
  dialect === 'sqlite'
    ? `EXISTS (SELECT 1 FROM stays st WHERE st.bed_id = b.id AND ${stayOpenOn('st')})`
    : `b.id IN (SELECT st.bed_id FROM stays st WHERE ${stayOpenOn('st')})`;

/** The statistics as a SQL program, for either engine. */
export function* statisticsProgram(actor: Actor, request: z.infer<typeof statisticsInput>, dialect: Dialect): Program<StatisticsResult> {
  const input = { ...request, counties: scopedCounties(actor, request.counties) };
  const settings = settingsFromRows((yield { text: 'SELECT key, value FROM settings' }) as Array<{ key: string; value: string }>);
  const d = input.date;
  const year = yearOf(d);
  const cityCode = settings.homeRegion;
  const allCounties = (yield {
    text: "SELECT code, name FROM regions WHERE parent_code = @city AND level = 'county' ORDER BY code",
    params: { city: cityCode },
  }) as Array<{ code: string; name: string }>;
  if (input.counties) {
    for (const c of input.counties)
      if (!allCounties.some((a) => a.code === c)) fail.validation('UNKNOWN_COUNTY', 'counties', `区县代码 ${c} 不属于本市`, `County ${c} is not in the home city`);
  }
  const counties = input.counties ? allCounties.filter((c) => input.counties!.includes(c.code)) : allCounties;
  const counts = new Map<string, RegionCounts>(counties.map((c) => [c.code, emptyCounts()]));
  // Only the selected counties' facilities hold their beds and residents; 特困 residents
  // count for their household county wherever they stay, so that query looks at every facility.
  const counted = settings.excludeUnregisteredSupportHomes;
  const join = orderedJoin(dialect);
  const fac = operatingFacilities({ ...input, counted }, input.counties);
  const params = { ...fac.params, d };
  const facAll = operatingFacilities({ ...input, counted: false });

  const bedRows = (yield {
    text: `WITH ${fac.cte}
       SELECT fac.region_code AS code, fac.kind, count(*) AS beds, count(*) FILTER (WHERE b.care_type = 'nursing') AS nursing,
         count(*) FILTER (WHERE ${bedHeld(dialect)}) AS occupied
       FROM fac JOIN beds b ON b.facility_id = fac.id
       WHERE ${bedInService('b')}
       GROUP BY fac.region_code, fac.kind`,
    params,
  }) as Array<{ code: string; kind: FacilityKind; beds: number; nursing: number; occupied: number }>;
  for (const r of bedRows) {
    const c = counts.get(r.code);
    if (!c) continue;
    const cat = categoryOfKind(r.kind);
    c.beds[cat] += r.beds;
    c.occupied[cat] += r.occupied;
    if (cat === 'institution') c.institutionNursingBeds += r.nursing;
  }

  const facRows = (yield {
    text: `WITH ${fac.cte}
       SELECT fac.region_code AS code, count(*) AS n, sum(fac.staff_count) AS staff, sum(fac.care_worker_count) AS "careWorkers"
       FROM fac GROUP BY fac.region_code`,
    params,
  }) as Array<{ code: string; n: number; staff: number; careWorkers: number }>;
  for (const r of facRows) {
    const c = counts.get(r.code);
    if (!c) continue;
    c.facilities = r.n;
    c.staff = r.staff;
    c.careWorkers = r.careWorkers;
  }

  // From each facility to its stays by index (CROSS JOIN keeps that order), never a pass over all stays per county.
  const residentRows = (yield {
    text: `WITH ${fac.cte}
       SELECT fac.region_code AS code, count(DISTINCT st.resident_id) AS residents
       FROM fac ${join} stays st ON st.facility_id = fac.id
       WHERE ${stayOpenOn('st')}
       GROUP BY fac.region_code`,
    params,
  }) as Array<{ code: string; residents: number }>;
  for (const r of residentRows) {
    const c = counts.get(r.code);
    if (c) c.residents = r.residents;
  }

  // 特困 persons unable to care for themselves, supported in a residential facility on D,
  // counted for their household county (the facility's county when none is recorded).
  const tekunRows = (yield {
    text: `WITH ${facAll.cte}
       SELECT coalesce(r.household_region_code, fac.region_code) AS code, count(DISTINCT r.id) AS n
       FROM fac ${join} stays st ON st.facility_id = fac.id JOIN residents r ON r.id = st.resident_id
       WHERE st.residential = 1 AND ${stayOpenOn('st')} AND r.tekun = 1 AND r.tekun_self_care IN ('partial', 'none')
       GROUP BY 1`,
    params: { ...facAll.params, d },
  }) as Array<{ code: string; n: number }>;
  for (const r of tekunRows) {
    const c = counts.get(r.code);
    if (c) c.tekunUnableResidents = r.n;
  }

  const pop = yield* latestPopulation('population60', year);
  const tekun = yield* latestPopulation('tekun_unable', year);
  const targetRows = (yield { text: 'SELECT metric, year, value, region_code AS code FROM targets' }) as TargetRow[];
  const rowFor = (code: string, name: string, c: RegionCounts): StatisticsRow => {
    const figures = computeFigures(c, settings.countedCategories);
    const targets = {
      bedsPerThousand: targetsFor(targetRows, 'beds_per_thousand', code, cityCode, year),
      nursingShare: targetsFor(targetRows, 'nursing_share', code, cityCode, year),
      tekunRate: targetsFor(targetRows, 'tekun_rate', code, cityCode, year),
    };
    return {
      code,
      name,
      ...c,
      ...figures,
      targets,
      gaps: {
        bedsPerThousand: gap(figures.bedsPerThousand, targets.bedsPerThousand),
        nursingShare: gap(figures.nursingShare, targets.nursingShare),
        tekunRate: gap(figures.tekunRate, targets.tekunRate),
      },
    };
  };

  const rows = counties.map((county) => {
    const c = counts.get(county.code)!;
    const p = pop.get(county.code);
    const t = tekun.get(county.code);
    c.population60 = p?.value ?? null;
    c.populationYear = p?.year ?? null;
    c.tekunUnableTotal = t?.value ?? null;
    c.tekunUnableYear = t?.year ?? null;
    return rowFor(county.code, county.name, c);
  });

  // The city row uses the city's own figures only when it covers every county.
  const whole = !input.counties || counties.length === allCounties.length;
  const ownPop = whole ? (pop.get(cityCode) ?? null) : null;
  const ownTekun = whole ? (tekun.get(cityCode) ?? null) : null;
  const summed = sumCounts(rows);
  const cityName = ((yield { text: 'SELECT name FROM regions WHERE code = @city', params: { city: cityCode } }) as Array<{ name: string }>)[0]?.name ?? cityCode;
  const totalCounts: RegionCounts = {
    ...summed,
    population60: combinedPopulation(ownPop?.value ?? null, rows.map((r) => r.population60)),
    populationYear: ownPop?.year ?? maxYear(rows.map((r) => r.populationYear)),
    tekunUnableTotal: combinedPopulation(ownTekun?.value ?? null, rows.map((r) => r.tekunUnableTotal)),
    tekunUnableYear: ownTekun?.year ?? maxYear(rows.map((r) => r.tekunUnableYear)),
  };
  const total = rowFor(whole ? cityCode : 'selected', whole ? cityName : '所选区县合计', totalCounts);

  return {
    date: d,
    countedCategories: settings.countedCategories,
    rows,
    total,
    planProgress: yield* planProgress({ ...input, counted }, allCounties.map((c) => c.code), targetRows, cityCode, year, total),
    uncountedFacilities: counted ? yield* uncountedFacilities(d, counties.map((c) => c.code)) : 0,
  };
}

/** Operating facilities in the counties that the statistics leave out (uncountedFacilitySql), so the screens can say so. */
function* uncountedFacilities(d: string, counties: readonly string[]): Program<number> {
  if (counties.length === 0) return 0;
  const l = inList('u', counties);
  const rows = (yield {
    text: `SELECT count(*) AS n FROM facilities f WHERE ${uncountedFacilitySql('f')} AND f.region_code IN ${l.sql} AND ${statusOn('f')} = 'operating'`,
    params: { ...l.params, d },
  }) as Array<{ n: number }>;
  return rows[0]!.n;
}

function maxYear(years: Array<number | null>): number | null {
  const known = years.filter((y): y is number => y !== null);
  return known.length ? Math.max(...known) : null;
}

/** Counts and beds against the plan's build targets, for the whole home city. */
function* planProgress(
  input: z.infer<typeof statisticsInput> & { counted: boolean },
  counties: readonly string[],
  targetRows: readonly TargetRow[],
  cityCode: string,
  year: number,
  total: StatisticsRow,
): Program<PlanProgressRow[]> {
  const fac = operatingFacilities(input);
  const l = inList('h', counties);
  const params = { ...fac.params, ...l.params, d: input.date };
  const byKind = counties.length === 0 ? [] : ((yield {
    text: `WITH ${fac.cte}
       SELECT fac.kind, count(*) AS n, sum(fac.medical_care) AS medical, sum(fac.care_worker_count) AS "careWorkers",
         (SELECT count(*) FROM beds b JOIN fac f2 ON f2.id = b.facility_id WHERE f2.kind = fac.kind AND f2.region_code IN ${l.sql} AND ${bedInService('b')}) AS beds
       FROM fac WHERE fac.region_code IN ${l.sql} GROUP BY fac.kind`,
    params,
  }) as Array<{ kind: FacilityKind; n: number; medical: number; careWorkers: number; beds: number }>);
  const kindCount = (k: FacilityKind) => byKind.find((r) => r.kind === k)?.n ?? 0;
  const actual: Record<TargetMetric, number> = {
    beds_per_thousand: total.bedsPerThousand ?? 0,
    nursing_share: total.nursingShare ?? 0,
    tekun_rate: total.tekunRate ?? 0,
    total_beds: BED_CATEGORIES.reduce((s, c) => s + total.beds[c], 0),
    nursing_home_count: kindCount('nursing_home'),
    support_home_count: kindCount('support_home'),
    support_home_beds: byKind.find((r) => r.kind === 'support_home')?.beds ?? 0,
    day_care_count: kindCount('day_care'),
    mutual_aid_count: kindCount('mutual_aid'),
    activity_centre_count: kindCount('activity_centre'),
    medical_care_count: byKind.reduce((s, r) => s + r.medical, 0),
    care_workers: byKind.reduce((s, r) => s + r.careWorkers, 0),
  };
  const rateMetrics = new Set<TargetMetric>(['beds_per_thousand', 'nursing_share', 'tekun_rate']);
  return (Object.keys(actual) as TargetMetric[])
    .filter((m) => !rateMetrics.has(m))
    .map((metric) => {
      const target = targetsFor(targetRows, metric, cityCode, cityCode, year);
      return { metric, actual: actual[metric], target, gap: gap(actual[metric], target) };
    });
}

