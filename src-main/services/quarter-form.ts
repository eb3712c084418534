/**
 * The 养老 rows of the 民政事业统计季报 (and the annual form): 指标名称 | 计量单位 | 代码 | 本期 |
 * 上年同期 | 同比增减(%), from two closed months' frozen snapshots — the quarter's (year's) last
 * month and the same month a year before. Never live figures: a month not closed shows 未关账;
 * a figure the older snapshot does not hold shows 快照无此项. The indicator list, its codes and
 * the 表号 are data (resources/quarter-form.json); codes no public source gives stay empty.
 *
 * Where the figures come from (docs/domain.md#quarterly-form):
 * - 机构数, 床位数 (by category), 护理型, 在院人数, 职工数, 护理员数, 每千名: the snapshot's
 *   statistics rows, so a 乡镇敬老院 left out as unregistered (setting) is left out here too.
 * - 机构数 by kind, 失能 (GB/T 42195 level 3–4) / 半失能 (level 1–2), 日托床位: the snapshot's
 *   facility rows operating on the day that the statistics count (rows of version 3 mark the
 *   unregistered 乡镇敬老院 left out; older rows carry no mark, so there the kinds may add up to
 *   more than 机构数). 特困集中供养: every operating row, as the 特困 rate counts them.
 */
import formFile from '../../resources/quarter-form.json';
import { NO_FIGURE } from '../domain/format';
import type { FacilityKind } from '../domain/enums';
import type { FacilityReportRow, MonthReport } from './month-report';
import type { StatisticsRow } from './statistics';

export const NOT_CLOSED = '未关账';
export const NOT_IN_SNAPSHOT = '快照无此项';

export interface Indicator {
  key: string;
  name: string;
  unit: string;
  code: string;
  source: string;
}

export const QUARTER_FORM: { source: string; formNo: string; formNoSource: string; indicators: Indicator[] } = formFile;

export type ReportPeriod =
  | { kind: 'quarter'; label: string; year: number; quarter: number; month: string; priorMonth: string }
  | { kind: 'year'; label: string; year: number; month: string; priorMonth: string };

/** '2026Q3' → the quarter ending 2026-09, beside 2025-09; null when malformed. */
export function quarterPeriod(q: string): ReportPeriod | null {
  const m = /^(\d{4})Q([1-4])$/.exec(q.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const quarter = Number(m[2]);
  const mm = String(quarter * 3).padStart(2, '0');
  return { kind: 'quarter', label: `${year}Q${quarter}`, year, quarter, month: `${year}-${mm}`, priorMonth: `${year - 1}-${mm}` };
}

/** '2026' → December 2026 beside December 2025; null when malformed. */
export function yearPeriod(y: string | number): ReportPeriod | null {
  const s = String(y).trim();
  if (!/^\d{4}$/.test(s)) return null;
  const year = Number(s);
  return { kind: 'year', label: s, year, month: `${year}-12`, priorMonth: `${year - 1}-12` };
}

/** 2026年第3季度 / 2026年 */
export function periodText(p: ReportPeriod): string {
  return p.kind === 'quarter' ? `${p.year}年第${p.quarter}季度` : `${p.year}年`;
}

/** A value of 本期 / 上年同期: a number, no figure (null, e.g. no population), or why there is none. */
export type QuarterValue = number | null | typeof NOT_CLOSED | typeof NOT_IN_SNAPSHOT;

export interface QuarterRow {
  key: string;
  name: string;
  unit: string;
  code: string;
  current: QuarterValue;
  prior: QuarterValue;
  /**
   * 同比增减: (本期 − 上年同期) / 上年同期 as a fraction rounded to 0.1% (0.125 → 12.5%); for
   * 每千名 the difference itself in 张/千人, rounded to 0.1; '—' when either is not a number or
   * 上年同期 is 0.
   */
  change: number | typeof NO_FIGURE;
  /** The change is in the row's own unit (每千名), not a percentage. */
  changeInUnit: boolean;
}

const RATIO_KEYS = new Set(['bedsPerThousand']);

const operating = (r: MonthReport, region: string | null): FacilityReportRow[] =>
  r.facilities.filter((f) => f.status === 'operating' && (region === null || f.regionCode === region));

/** The operating rows the statistics count: without the unregistered 乡镇敬老院 they leave out (snapshots from version 3 say which). */
const counted = (rows: FacilityReportRow[]): FacilityReportRow[] => rows.filter((f) => f.uncounted !== true);

function sumOf(rows: FacilityReportRow[], pick: (f: FacilityReportRow) => number | undefined): number | typeof NOT_IN_SNAPSHOT {
  let n = 0;
  for (const f of rows) {
    const v = pick(f);
    if (v === undefined) return NOT_IN_SNAPSHOT;
    n += v;
  }
  return n;
}

/** One indicator of one region (a county's code, or null for the city) in one snapshot. */
export function figureOf(r: MonthReport, key: string, region: string | null): number | null | typeof NOT_IN_SNAPSHOT {
  const stat: StatisticsRow | undefined = region === null ? r.statistics.total : r.statistics.rows.find((x) => x.code === region);
  if (!stat) return NOT_IN_SNAPSHOT;
  const all = operating(r, region);
  const fac = counted(all);
  if (key.startsWith('facilities.')) {
    const kind = key.slice('facilities.'.length) as FacilityKind;
    return fac.filter((f) => f.kind === kind).length;
  }
  switch (key) {
    case 'facilities':
      return stat.facilities;
    case 'beds':
      return stat.beds.institution + stat.beds.community + stat.beds.mutual_aid;
    case 'beds.institution':
      return stat.beds.institution;
    case 'beds.nursing':
      return stat.institutionNursingBeds;
    case 'beds.community':
      return stat.beds.community;
    case 'beds.mutual_aid':
      return stat.beds.mutual_aid;
    case 'beds.dayCare':
      return sumOf(fac, (f) => f.dayCareBeds);
    case 'residents':
      return stat.residents;
    case 'residents.disabled':
      return sumOf(fac, (f) => f.ability.l3 + f.ability.l4);
    case 'residents.semiDisabled':
      return sumOf(fac, (f) => f.ability.l1 + f.ability.l2);
    case 'residents.tekun':
      // centrally supported wherever they stay, an unregistered home included (as the 特困 rate counts them)
      return sumOf(all, (f) => f.tekunResidents);
    case 'staff':
      return stat.staff;
    case 'careWorkers':
      return stat.careWorkers;
    case 'bedsPerThousand':
      return stat.bedsPerThousand;
    default:
      return NOT_IN_SNAPSHOT;
  }
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export function changeOf(current: QuarterValue, prior: QuarterValue, inUnit: boolean): number | typeof NO_FIGURE {
  if (typeof current !== 'number' || typeof prior !== 'number') return NO_FIGURE;
  if (inUnit) return round(current - prior, 1);
  if (prior === 0) return NO_FIGURE;
  return round((current - prior) / prior, 3);
}

/**
 * The form's rows for one region (a county's code, or null for the city): `current` and
 * `prior` are the closed snapshots, null when that month is not closed.
 */
export function quarterRows(current: MonthReport | null, prior: MonthReport | null, region: string | null): QuarterRow[] {
  return QUARTER_FORM.indicators.map((ind) => {
    const cur: QuarterValue = current ? figureOf(current, ind.key, region) : NOT_CLOSED;
    const pri: QuarterValue = prior ? figureOf(prior, ind.key, region) : NOT_CLOSED;
    const inUnit = RATIO_KEYS.has(ind.key);
    return { key: ind.key, name: ind.name, unit: ind.unit, code: ind.code, current: cur, prior: pri, change: changeOf(cur, pri, inUnit), changeInUnit: inUnit };
  });
}
