/**
 * 老年人能力评估规范 GB/T 42195-2022: 26 items in 4 groups, higher = more able, total 0–90.
 * The item list is the single source for the form, the zod input, the table columns and
 * their CHECK constraints.
 */
import { addMonths } from './dates';
import type { Diagnosis } from './enums';

export const ASSESSMENT_GROUPS = {
  self_care: { zh: '自理能力', en: 'Self-care', max: 32 },
  mobility: { zh: '基础运动能力', en: 'Basic mobility', max: 15 },
  mental: { zh: '精神状态', en: 'Mental state', max: 28 },
  perception: { zh: '感知觉与社会参与', en: 'Perception and social participation', max: 15 },
} as const;
export type AssessmentGroup = keyof typeof ASSESSMENT_GROUPS;

export interface AssessmentItem {
  key: string;
  group: AssessmentGroup;
  zh: string;
  en: string;
  max: number;
}

export const ASSESSMENT_ITEMS = [
  { key: 'eating', group: 'self_care', zh: '进食', en: 'Eating', max: 4 },
  { key: 'grooming', group: 'self_care', zh: '修饰', en: 'Grooming', max: 4 },
  { key: 'bathing', group: 'self_care', zh: '洗澡', en: 'Bathing', max: 4 },
  { key: 'dressingUpper', group: 'self_care', zh: '穿/脱上衣', en: 'Dressing (upper body)', max: 4 },
  { key: 'dressingLower', group: 'self_care', zh: '穿/脱裤子和鞋袜', en: 'Dressing (trousers, shoes, socks)', max: 4 },
  { key: 'urinaryControl', group: 'self_care', zh: '小便控制', en: 'Bladder control', max: 4 },
  { key: 'bowelControl', group: 'self_care', zh: '大便控制', en: 'Bowel control', max: 4 },
  { key: 'toileting', group: 'self_care', zh: '如厕', en: 'Toileting', max: 4 },
  { key: 'bedPosition', group: 'mobility', zh: '床上体位转移', en: 'Changing position in bed', max: 4 },
  { key: 'bedChairTransfer', group: 'mobility', zh: '床椅转移', en: 'Bed–chair transfer', max: 4 },
  { key: 'walking', group: 'mobility', zh: '平地行走', en: 'Walking on level ground', max: 4 },
  { key: 'stairs', group: 'mobility', zh: '上下楼梯', en: 'Stairs', max: 3 },
  { key: 'timeOrientation', group: 'mental', zh: '时间定向', en: 'Orientation to time', max: 4 },
  { key: 'placeOrientation', group: 'mental', zh: '空间定向', en: 'Orientation to place', max: 4 },
  { key: 'personOrientation', group: 'mental', zh: '人物定向', en: 'Orientation to person', max: 4 },
  { key: 'memory', group: 'mental', zh: '记忆', en: 'Memory', max: 4 },
  { key: 'comprehension', group: 'mental', zh: '理解能力', en: 'Comprehension', max: 4 },
  { key: 'expression', group: 'mental', zh: '表达能力', en: 'Expression', max: 4 },
  { key: 'aggression', group: 'mental', zh: '攻击行为', en: 'Aggressive behaviour', max: 1 },
  { key: 'depression', group: 'mental', zh: '抑郁症状', en: 'Depressive symptoms', max: 1 },
  { key: 'consciousness', group: 'mental', zh: '意识水平', en: 'Level of consciousness', max: 2 },
  { key: 'vision', group: 'perception', zh: '视力', en: 'Vision', max: 2 },
  { key: 'hearing', group: 'perception', zh: '听力', en: 'Hearing', max: 2 },
  { key: 'dailyAffairs', group: 'perception', zh: '执行日常事务', en: 'Managing daily affairs', max: 4 },
  { key: 'transportation', group: 'perception', zh: '使用交通工具外出', en: 'Using transport', max: 3 },
  { key: 'socialInteraction', group: 'perception', zh: '社会交往能力', en: 'Social interaction', max: 4 },
] as const satisfies readonly AssessmentItem[];

export type AssessmentItemKey = (typeof ASSESSMENT_ITEMS)[number]['key'];
export type AssessmentScores = Record<AssessmentItemKey, number>;

export const ASSESSMENT_TOTAL_MAX = 90;

export const ABILITY_LEVELS = [
  { level: 0, zh: '能力完好', en: 'Fully able' },
  { level: 1, zh: '轻度失能', en: 'Mildly disabled' },
  { level: 2, zh: '中度失能', en: 'Moderately disabled' },
  { level: 3, zh: '重度失能', en: 'Severely disabled' },
  { level: 4, zh: '完全失能', en: 'Completely disabled' },
] as const;
export type AbilityLevel = 0 | 1 | 2 | 3 | 4;

/** Older MZ/T 039-2013 results use levels 0–3; keep them with their own labels. */
export const LEGACY_LEVELS = [
  { level: 0, zh: '能力完好', en: 'Fully able' },
  { level: 1, zh: '轻度失能', en: 'Mildly disabled' },
  { level: 2, zh: '中度失能', en: 'Moderately disabled' },
  { level: 3, zh: '重度失能', en: 'Severely disabled' },
] as const;

export interface AssessmentAdjustments {
  coma: boolean;
  diagnosis: Diagnosis;
  /** Care-risk events (fall, choking, suicide/self-harm, wandering off) in the last 30 days. */
  riskEvents: number;
}

export interface AssessmentResult {
  groupTotals: Record<AssessmentGroup, number>;
  total: number;
  preliminaryLevel: AbilityLevel;
  finalLevel: AbilityLevel;
  /** Which adjustments moved the level, in the order applied. */
  applied: Array<'coma' | 'diagnosis' | 'risk_events' | 'capped'>;
}

export function preliminaryLevel(total: number): AbilityLevel {
  if (total >= 90) return 0;
  if (total >= 66) return 1;
  if (total >= 46) return 2;
  if (total >= 30) return 3;
  return 4;
}

/** Out-of-range item keys, for validation messages. */
export function itemsOutOfRange(scores: Partial<Record<string, number>>): AssessmentItemKey[] {
  return ASSESSMENT_ITEMS.filter((item) => {
    const v = scores[item.key];
    return v === undefined || !Number.isInteger(v) || v < 0 || v > item.max;
  }).map((item) => item.key);
}

export function scoreAssessment(scores: AssessmentScores, adj: AssessmentAdjustments): AssessmentResult {
  const bad = itemsOutOfRange(scores);
  if (bad.length > 0) throw new RangeError(`Assessment items out of range: ${bad.join(', ')}`);
  const groupTotals: Record<AssessmentGroup, number> = { self_care: 0, mobility: 0, mental: 0, perception: 0 };
  for (const item of ASSESSMENT_ITEMS) groupTotals[item.group] += scores[item.key];
  const total = groupTotals.self_care + groupTotals.mobility + groupTotals.mental + groupTotals.perception;
  const prelim = preliminaryLevel(total);
  const applied: AssessmentResult['applied'] = [];
  let level: number = prelim;
  if (adj.coma) {
    level = 4;
    applied.push('coma');
  } else {
    if (adj.diagnosis !== 'none') {
      level += 1;
      applied.push('diagnosis');
    }
    if (adj.riskEvents >= 2) {
      level += 1;
      applied.push('risk_events');
    }
    if (level > 4) {
      level = 4;
      applied.push('capped');
    }
  }
  return { groupTotals, total, preliminaryLevel: prelim, finalLevel: level as AbilityLevel, applied };
}

/**
 * Reassessment is due `months` (the setting, default 12) after the last kept assessment, and
 * overdue from that day on. The data-quality check and the facility manager's home both ask
 * this; neither restates it.
 */
export function reassessmentDueOn(lastOn: string, months: number): string {
  return addMonths(lastOn, months);
}

export function reassessmentOverdue(lastOn: string, months: number, on: string): boolean {
  return reassessmentDueOn(lastOn, months) <= on;
}

/** Severely or completely disabled (final level 3 or 4): a nursing-type bed is suggested (admission, transfer). */
export function needsNursingBed(level: number | null | undefined): boolean {
  return level !== null && level !== undefined && level >= 3;
}

/**
 * GB/T 42195-2022 was issued on 2022-12-30 and applied from its issue. Generated and demo
 * history labels assessments with it from this day on; earlier ones carry the standard it
 * replaced, MZ/T 039-2013 (levels 0–3, LEGACY_LEVELS), so no result predates its standard.
 */
export const GB_T_42195_LABEL_FROM = '2023-01-01';
