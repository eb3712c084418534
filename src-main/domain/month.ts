/**
 * Reporting months (docs/domain.md#month-close): their states and the figures compared between a closed
 * snapshot and the live register. Labels live here so the app, the workbook and the CLI
 * name them the same way.
 */
import type { Labelled } from './enums';

export const MONTH_STATE = {
  open: { zh: '未关账', en: 'Open' },
  closed: { zh: '已关账', en: 'Closed' },
  reopened: { zh: '已重新开账', en: 'Reopened' },
} as const satisfies Record<string, Labelled>;
export type MonthState = keyof typeof MONTH_STATE;

/** The figures of a county row that a closed month is checked against. */
export const COMPARED_FIELD = {
  population60: { zh: '60岁及以上人口', en: 'Population 60+' },
  countedBeds: { zh: '养老床位数', en: 'Eldercare beds' },
  nursingBeds: { zh: '护理型床位数', en: 'Nursing-type beds' },
  institutionBeds: { zh: '机构床位数', en: 'Institution beds' },
  bedsPerThousand: { zh: '每千名老年人床位数', en: 'Beds per 1,000 elderly' },
  nursingShare: { zh: '护理型床位占比', en: 'Nursing-type share' },
  occupiedBeds: { zh: '在住床位数', en: 'Occupied beds' },
  occupancyRate: { zh: '入住率', en: 'Occupancy' },
  tekunRate: { zh: '特困集中供养率', en: 'Tekun centralized-support rate' },
} as const satisfies Record<string, Labelled>;
export type ComparedField = keyof typeof COMPARED_FIELD;
export const COMPARED_FIELDS = Object.keys(COMPARED_FIELD) as ComparedField[];

/** How a compared field is formatted: ratios as %, per-thousand with one decimal, counts. */
export const COMPARED_UNIT: Record<ComparedField, 'count' | 'per_thousand' | 'ratio'> = {
  population60: 'count',
  countedBeds: 'count',
  nursingBeds: 'count',
  institutionBeds: 'count',
  bedsPerThousand: 'per_thousand',
  nursingShare: 'ratio',
  occupiedBeds: 'count',
  occupancyRate: 'ratio',
  tekunRate: 'ratio',
};

/** YYYY-MM of the month before the one containing `today` (YYYY-MM-DD). */
export function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
