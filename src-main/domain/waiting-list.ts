/**
 * The admission waiting list (轮候) of a facility: the vocabularies of an application and the
 * one order the list is shown and admitted in (docs/domain.md#waiting-list). Pure: no I/O.
 */
import type { Labelled } from './enums';

/** Priority categories, highest priority first (the order is the rank). */
export const WAITING_CATEGORY = {
  tekun: { zh: '特困', en: 'Extreme poverty (tekun)' },
  dibao: { zh: '低保', en: 'Minimum living allowance (dibao)' },
  low_income: { zh: '低收入（经济困难）', en: 'Low income' },
  shidu: { zh: '失独', en: 'Lost only child (shidu)' },
  youfu: { zh: '优抚对象', en: 'Entitled group (youfu)' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Labelled>;
export type WaitingCategory = keyof typeof WAITING_CATEGORY;
export const WAITING_CATEGORIES = Object.keys(WAITING_CATEGORY) as [WaitingCategory, ...WaitingCategory[]];

/** The categories counted as priority applicants (特困, 低保, 低收入: DOMAIN §8, the reserved 公建民营 beds). */
export const PRIORITY_CATEGORIES: readonly WaitingCategory[] = ['tekun', 'dibao', 'low_income'];

export const WAITING_STATUS = {
  waiting: { zh: '轮候中', en: 'Waiting' },
  admitted: { zh: '已入住', en: 'Admitted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Record<string, Labelled>;
export type WaitingStatus = keyof typeof WAITING_STATUS;
export const WAITING_STATUSES = Object.keys(WAITING_STATUS) as [WaitingStatus, ...WaitingStatus[]];

/** The resident's category flags, as the residents table keeps them. */
export interface CategoryFlags {
  tekun: boolean;
  dibao: boolean;
  lowIncome: boolean;
  shidu: boolean;
  youfu: boolean;
}

/** The highest-priority category a resident holds; none of them: 其他. */
export function categoryOfResident(r: CategoryFlags): WaitingCategory {
  if (r.tekun) return 'tekun';
  if (r.dibao) return 'dibao';
  if (r.lowIncome) return 'low_income';
  if (r.shidu) return 'shidu';
  if (r.youfu) return 'youfu';
  return 'other';
}

/** What the order reads of an application. */
export interface Orderable {
  id: number;
  category: WaitingCategory;
  /** GB/T 42195 level 0–4; null = not assessed. */
  assessmentLevel: number | null;
  appliedOn: string;
}

const RANK: Record<WaitingCategory, number> = Object.fromEntries(WAITING_CATEGORIES.map((c, i) => [c, i])) as Record<WaitingCategory, number>;

/**
 * The list's order: priority category (特困, 低保, 低收入, 失独, 优抚, 其他); then the higher
 * assessment level first (the more disabled first; not assessed last); then the earlier
 * application; then the id, so two equal applications always come in the same order.
 */
export function compareApplications(a: Orderable, b: Orderable): number {
  const byCategory = RANK[a.category] - RANK[b.category];
  if (byCategory !== 0) return byCategory;
  const la = a.assessmentLevel ?? -1;
  const lb = b.assessmentLevel ?? -1;
  if (la !== lb) return lb - la;
  if (a.appliedOn !== b.appliedOn) return a.appliedOn < b.appliedOn ? -1 : 1;
  return a.id - b.id;
}

/** The applications in the list's order, each with its place (1 = admitted next). */
export function orderApplications<T extends Orderable>(rows: readonly T[]): Array<T & { rank: number }> {
  return [...rows].sort(compareApplications).map((r, i) => ({ ...r, rank: i + 1 }));
}
