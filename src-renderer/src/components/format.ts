/**
 * Small formatters shared by the screens: ability levels, sex, priority categories, list
 * punctuation in the current language, and a stored timestamp in the user's locale.
 */
import { ABILITY_LEVELS, LEGACY_LEVELS } from '@domain/assessment';
import { SELF_CARE, type AssessmentStandard, type Labelled, type SelfCare } from '@domain/enums';
import type { Lang } from '../i18n';

type T = (text: Labelled | undefined, vars?: Record<string, string | number>) => string;

const F = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
  tekun: { zh: '特困', en: 'Extreme poverty (tekun)' },
} as const;

/** A stored timestamp (ISO, UTC) in local time as 2026-12-01 09:15, in both languages (like every date the app shows). */
export function dateTimeText(iso: string, _lang?: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const LEVEL_PREFIX = { zh: '{n}级 · ', en: 'Level {n} · ' };

/** "2级 · 中度失能"; legacy MZ/T 039-2013 results keep their own label list. */
export function levelText(t: T, level: number | null | undefined, standard: AssessmentStandard = 'GB/T 42195-2022'): string {
  if (level === null || level === undefined) return '—';
  const list: ReadonlyArray<{ level: number; zh: string; en: string }> = standard === 'MZ/T 039-2013' ? LEGACY_LEVELS : ABILITY_LEVELS;
  const l = list.find((x) => x.level === level);
  return `${t(LEVEL_PREFIX, { n: level })}${l ? t(l) : ''}`;
}

export function sexText(t: T, sex: 'male' | 'female' | string): string {
  return sex === 'male' ? t(F.male) : sex === 'female' ? t(F.female) : '—';
}

export interface CategoryFlags {
  tekun: boolean;
  tekunSelfCare: SelfCare | null;
  dibao: boolean;
  lowIncome: boolean;
  shidu: boolean;
  youfu: boolean;
}

/** List separator and colon in the current language. */
export const SEP = { zh: '、', en: ', ' } as const;
export const COLON = { zh: '：', en: ': ' } as const;

/** "a（b）" in Chinese, "a (b)" in English. */
export function paren(t: T, a: string, b: string): string {
  return t({ zh: '{a}（{b}）', en: '{a} ({b})' }, { a, b });
}

/** The priority categories a resident belongs to, as short labels: 特困（部分丧失）、低保… */
export function categoryLabels(t: T, r: CategoryFlags): string[] {
  const out: string[] = [];
  if (r.tekun) out.push(r.tekunSelfCare ? paren(t, t(F.tekun), t(SELF_CARE[r.tekunSelfCare])) : t(F.tekun));
  if (r.dibao) out.push(t({ zh: '低保', en: 'Subsistence allowance (dibao)' }));
  if (r.lowIncome) out.push(t({ zh: '低收入', en: 'Low income' }));
  if (r.shidu) out.push(t({ zh: '失独', en: 'Lost only child (shidu)' }));
  if (r.youfu) out.push(t({ zh: '优抚', en: 'Entitled group (youfu)' }));
  return out;
}

/** Colour of an ability level tag: greener is more able. */
export function levelColor(level: number | null | undefined): string | undefined {
  switch (level) {
    case 0:
      return 'green';
    case 1:
      return 'cyan';
    case 2:
      return 'gold';
    case 3:
      return 'orange';
    case 4:
      return 'red';
    default:
      return undefined;
  }
}
