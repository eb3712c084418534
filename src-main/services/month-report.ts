/**
 * Everything a month's report holds, computed live as of the month's last day. A month close
 * freezes exactly this object; the workbook, the print view and the screen all read it.
 */
import { ageOn, monthEnd } from '../domain/dates';
import type { FacilityKind, FacilityStatus, Ownership } from '../domain/enums';
import { bedInService, stayOpenOn } from './as-of';
import type { ServiceContext } from './context';
import { listContracts, type ContractRow } from './contracts';
import { dataQuality } from './data-quality';
import { summarizeDataQuality, type DataQualityCount } from './data-quality-summary';
import { occupancyByFacility } from './facility-detail';
import { getSettings } from './settings';
import { statistics, uncountedFacilitySql, type StatisticsResult } from './statistics';

/** 2: data quality as counts per check and county (version 1 listed each finding, residents by name). 3: facility rows carry tekunResidents, dayCareBeds and uncounted (the 季报). */
export const REPORT_VERSION = 3;

/** Columns of the ability table: GB/T 42195 levels 0–4, older MZ/T results, none yet. */
export const ABILITY_COLUMNS = ['l0', 'l1', 'l2', 'l3', 'l4', 'legacy', 'none'] as const;
export type AbilityColumn = (typeof ABILITY_COLUMNS)[number];
export type AbilityCounts = Record<AbilityColumn, number>;

/** Resident categories that decide priority (docs/domain.md#resident-categories); a resident may be in several. */
export const RESIDENT_CATEGORIES = ['tekun', 'dibao', 'lowIncome', 'shidu', 'youfu', 'gaoling', 'other'] as const;
export type ResidentCategory = (typeof RESIDENT_CATEGORIES)[number];

export interface FacilityReportRow {
  facilityId: number;
  regionCode: string;
  name: string;
  kind: FacilityKind;
  ownership: Ownership;
  status: FacilityStatus | null;
  beds: number;
  nursingBeds: number;
  occupiedBeds: number;
  residents: number;
  ability: AbilityCounts;
  staff: number;
  careWorkers: number;
  /** 特困 residents in residential care on D (特困集中供养人数); absent from snapshots before version 3. */
  tekunResidents?: number;
  /** Beds in service on D for 日托 use; absent from snapshots before version 3. */
  dayCareBeds?: number;
  /** Left out of the statistics as an unregistered 乡镇敬老院 (setting excludeUnregisteredSupportHomes); absent before version 3. */
  uncounted?: boolean;
}

export interface MonthReport {
  version: number;
  month: string;
  date: string;
  unitName: string;
  generatedAt: string;
  statistics: StatisticsResult;
  facilities: FacilityReportRow[];
  contracts: ContractRow[];
  ability: { byCategory: Record<ResidentCategory, AbilityCounts>; total: AbilityCounts };
  /** Counts per check and county: a report names no resident (see data-quality-summary.ts). */
  dataQuality: DataQualityCount[];
}

function emptyAbility(): AbilityCounts {
  return { l0: 0, l1: 0, l2: 0, l3: 0, l4: 0, legacy: 0, none: 0 };
}

interface ResidentOnDate {
  facilityId: number;
  birthDate: string;
  tekun: number;
  dibao: number;
  lowIncome: number;
  shidu: number;
  youfu: number;
  standard: string | null;
  level: number | null;
}

/** The ability column of a resident's latest assessment (none, an older standard, or a GB/T 42195 level). */
export function abilityColumn(r: Pick<ResidentOnDate, 'standard' | 'level'>): AbilityColumn {
  if (r.level === null) return 'none';
  if (r.standard !== 'GB/T 42195-2022') return 'legacy';
  return `l${r.level}` as AbilityColumn;
}

export function buildMonthReport(ctx: ServiceContext, month: string): MonthReport {
  const date = monthEnd(month);
  const settings = getSettings(ctx);
  const stats = statistics(ctx, { date });

  // Residents in residential care on D with their latest assessment on or before D.
  const residents = ctx.db.sqlite
    .prepare(
      `SELECT st.facility_id AS facilityId, r.birth_date AS birthDate, r.tekun, r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu,
         a.standard, a.final_level AS level
       FROM stays st JOIN residents r ON r.id = st.resident_id
       LEFT JOIN assessments a ON a.id = (SELECT a2.id FROM assessments a2 WHERE a2.resident_id = r.id AND a2.voided_at IS NULL AND a2.assessed_on <= @d ORDER BY a2.assessed_on DESC, a2.id DESC LIMIT 1)
       WHERE st.residential = 1 AND ${stayOpenOn('st')}`,
    )
    .all({ d: date }) as ResidentOnDate[];

  const byFacility = new Map<number, AbilityCounts>();
  const byCategory = Object.fromEntries(RESIDENT_CATEGORIES.map((c) => [c, emptyAbility()])) as Record<ResidentCategory, AbilityCounts>;
  const total = emptyAbility();
  for (const r of residents) {
    const col = abilityColumn(r);
    total[col]++;
    const f = byFacility.get(r.facilityId) ?? emptyAbility();
    f[col]++;
    byFacility.set(r.facilityId, f);
    const cats: ResidentCategory[] = [];
    if (r.tekun) cats.push('tekun');
    if (r.dibao) cats.push('dibao');
    if (r.lowIncome) cats.push('lowIncome');
    if (r.shidu) cats.push('shidu');
    if (r.youfu) cats.push('youfu');
    if (ageOn(r.birthDate, date) >= 80) cats.push('gaoling');
    if (cats.length === 0) cats.push('other');
    for (const c of cats) byCategory[c][col]++;
  }

  const staffing = new Map(
    (ctx.db.sqlite.prepare('SELECT id, staff_count AS staff, care_worker_count AS careWorkers FROM facilities').all() as Array<{ id: number; staff: number; careWorkers: number }>).map((f) => [f.id, f]),
  );
  const tekunBy = new Map<number, number>();
  for (const r of residents) if (r.tekun) tekunBy.set(r.facilityId, (tekunBy.get(r.facilityId) ?? 0) + 1);
  const dayCareBy = new Map(
    (ctx.db.sqlite.prepare(`SELECT b.facility_id AS id, count(*) AS n FROM beds b WHERE b.use = 'day_care' AND ${bedInService('b')} GROUP BY b.facility_id`).all({ d: date }) as Array<{ id: number; n: number }>).map((x) => [x.id, x.n]),
  );
  const uncounted = new Set(
    getSettings(ctx).excludeUnregisteredSupportHomes ? (ctx.db.sqlite.prepare(`SELECT f.id FROM facilities f WHERE ${uncountedFacilitySql('f')}`).pluck().all() as number[]) : [],
  );
  const facilities: FacilityReportRow[] = occupancyByFacility(ctx, { date })
    .filter((o) => o.status !== null)
    .map((o) => {
      const ability = byFacility.get(o.facilityId) ?? emptyAbility();
      return {
        facilityId: o.facilityId,
        regionCode: o.regionCode,
        name: o.name,
        kind: o.kind,
        ownership: o.ownership,
        status: o.status,
        beds: o.beds,
        nursingBeds: o.nursingBeds,
        occupiedBeds: o.occupiedBeds,
        residents: Object.values(ability).reduce((s, n) => s + n, 0),
        ability,
        staff: staffing.get(o.facilityId)?.staff ?? 0,
        careWorkers: staffing.get(o.facilityId)?.careWorkers ?? 0,
        tekunResidents: tekunBy.get(o.facilityId) ?? 0,
        dayCareBeds: dayCareBy.get(o.facilityId) ?? 0,
        uncounted: uncounted.has(o.facilityId),
      };
    });

  // Contracts in force at any time in the month.
  const first = `${month}-01`;
  const contracts = listContracts(ctx, { asOf: date }).filter(
    (c) => c.startOn <= date && c.endOn >= first && (c.terminatedOn === null || c.terminatedOn > first),
  );

  return {
    version: REPORT_VERSION,
    month,
    date,
    unitName: settings.unitName,
    generatedAt: new Date().toISOString(),
    statistics: stats,
    facilities,
    contracts,
    ability: { byCategory, total },
    dataQuality: summarizeDataQuality(dataQuality(ctx, date)),
  };
}
