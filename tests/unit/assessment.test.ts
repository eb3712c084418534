import { describe, it, expect } from 'vitest';
import {
  ASSESSMENT_GROUPS,
  ASSESSMENT_ITEMS,
  ASSESSMENT_TOTAL_MAX,
  itemsOutOfRange,
  preliminaryLevel,
  scoreAssessment,
  type AbilityLevel,
  type AssessmentAdjustments,
  type AssessmentGroup,
  type AssessmentItemKey,
  type AssessmentResult,
  type AssessmentScores,
} from '../../src-main/domain/assessment';

/*
 * GB/T 42195-2022 (docs/domain.md#assessment), written out independently of the module under test:
 * 26 items in spec order with their maxima. The helpers below use only this table.
 */
const SPEC_ITEMS: ReadonlyArray<{ key: AssessmentItemKey; zh: string; group: AssessmentGroup; max: number }> = [
  // 自理能力, each 0–4, max 32
  { key: 'eating', zh: '进食', group: 'self_care', max: 4 },
  { key: 'grooming', zh: '修饰', group: 'self_care', max: 4 },
  { key: 'bathing', zh: '洗澡', group: 'self_care', max: 4 },
  { key: 'dressingUpper', zh: '穿/脱上衣', group: 'self_care', max: 4 },
  { key: 'dressingLower', zh: '穿/脱裤子和鞋袜', group: 'self_care', max: 4 },
  { key: 'urinaryControl', zh: '小便控制', group: 'self_care', max: 4 },
  { key: 'bowelControl', zh: '大便控制', group: 'self_care', max: 4 },
  { key: 'toileting', zh: '如厕', group: 'self_care', max: 4 },
  // 基础运动能力, max 15
  { key: 'bedPosition', zh: '床上体位转移', group: 'mobility', max: 4 },
  { key: 'bedChairTransfer', zh: '床椅转移', group: 'mobility', max: 4 },
  { key: 'walking', zh: '平地行走', group: 'mobility', max: 4 },
  { key: 'stairs', zh: '上下楼梯', group: 'mobility', max: 3 },
  // 精神状态, max 28
  { key: 'timeOrientation', zh: '时间定向', group: 'mental', max: 4 },
  { key: 'placeOrientation', zh: '空间定向', group: 'mental', max: 4 },
  { key: 'personOrientation', zh: '人物定向', group: 'mental', max: 4 },
  { key: 'memory', zh: '记忆', group: 'mental', max: 4 },
  { key: 'comprehension', zh: '理解能力', group: 'mental', max: 4 },
  { key: 'expression', zh: '表达能力', group: 'mental', max: 4 },
  { key: 'aggression', zh: '攻击行为', group: 'mental', max: 1 },
  { key: 'depression', zh: '抑郁症状', group: 'mental', max: 1 },
  { key: 'consciousness', zh: '意识水平', group: 'mental', max: 2 },
  // 感知觉与社会参与, max 15
  { key: 'vision', zh: '视力', group: 'perception', max: 2 },
  { key: 'hearing', zh: '听力', group: 'perception', max: 2 },
  { key: 'dailyAffairs', zh: '执行日常事务', group: 'perception', max: 4 },
  { key: 'transportation', zh: '使用交通工具外出', group: 'perception', max: 3 },
  { key: 'socialInteraction', zh: '社会交往能力', group: 'perception', max: 4 },
];

function allAt(pick: (max: number) => number): AssessmentScores {
  const scores = {} as AssessmentScores;
  for (const item of SPEC_ITEMS) scores[item.key] = pick(item.max);
  return scores;
}

/**
 * All items at their maximum (total 90), then items lowered in spec order until the total
 * is exactly `total`. So the deficit 90 − total is taken from 自理能力 first (up to 32),
 * then 基础运动能力 (15), then 精神状态 (28), then 感知觉与社会参与 (15).
 */
function withTotal(total: number): AssessmentScores {
  const scores = allAt((max) => max);
  let deficit = 90 - total;
  for (const item of SPEC_ITEMS) {
    const cut = Math.min(deficit, item.max);
    scores[item.key] = item.max - cut;
    deficit -= cut;
  }
  return scores;
}

const none: AssessmentAdjustments = { coma: false, diagnosis: 'none', riskEvents: 0 };
const adj = (a: Partial<AssessmentAdjustments>): AssessmentAdjustments => ({ ...none, ...a });

/** [self_care, mobility, mental, perception], computed by hand from the deficit rule above. */
type G = [number, number, number, number];
const groups = ([self_care, mobility, mental, perception]: G): AssessmentResult['groupTotals'] => ({
  self_care,
  mobility,
  mental,
  perception,
});

describe('ASSESSMENT_ITEMS', () => {
  it('has 26 items', () => {
    expect(ASSESSMENT_ITEMS).toHaveLength(26);
  });

  it('matches the item table of GB/T 42195-2022 (order, group, name, maximum)', () => {
    expect(ASSESSMENT_ITEMS.map((i) => ({ key: i.key, zh: i.zh, group: i.group, max: i.max }))).toEqual(SPEC_ITEMS);
  });

  it('group maxima are 32 / 15 / 28 / 15 and sum to 90', () => {
    const sums: Record<AssessmentGroup, number> = { self_care: 0, mobility: 0, mental: 0, perception: 0 };
    for (const item of ASSESSMENT_ITEMS) sums[item.group] += item.max;
    expect(sums).toEqual({ self_care: 32, mobility: 15, mental: 28, perception: 15 });
    expect(ASSESSMENT_GROUPS.self_care.max).toBe(32);
    expect(ASSESSMENT_GROUPS.mobility.max).toBe(15);
    expect(ASSESSMENT_GROUPS.mental.max).toBe(28);
    expect(ASSESSMENT_GROUPS.perception.max).toBe(15);
    const groupMaxSum =
      ASSESSMENT_GROUPS.self_care.max + ASSESSMENT_GROUPS.mobility.max + ASSESSMENT_GROUPS.mental.max + ASSESSMENT_GROUPS.perception.max;
    expect(groupMaxSum).toBe(90);
    expect(ASSESSMENT_TOTAL_MAX).toBe(90);
  });
});

describe('withTotal helper (sanity)', () => {
  it.each([90, 89, 66, 65, 46, 45, 30, 29, 0, 40, 20, 50, 75])('builds a valid score set totalling %i', (total) => {
    const scores = withTotal(total);
    const sum = Object.values(scores).reduce((a, b) => a + b, 0);
    expect(sum).toBe(total);
    expect(itemsOutOfRange(scores)).toEqual([]);
  });
});

describe('preliminaryLevel boundaries', () => {
  const cases: Array<[number, AbilityLevel]> = [
    [90, 0],
    [89, 1],
    [66, 1],
    [65, 2],
    [46, 2],
    [45, 3],
    [30, 3],
    [29, 4],
    [0, 4],
  ];
  it.each(cases)('total %i → level %i', (total, level) => {
    expect(preliminaryLevel(total)).toBe(level);
  });
});

describe('scoreAssessment', () => {
  /*
   * groupTotals by hand: deficit d = 90 − total, taken 32 from self-care, then 15 from
   * mobility, then 28 from mental, then 15 from perception. E.g. total 46: d = 44 →
   * self-care 0, mobility 15 − 12 = 3, mental 28, perception 15.
   */
  const cases: Array<{
    name: string;
    total: number;
    g: G;
    a: AssessmentAdjustments;
    prelim: AbilityLevel;
    final: AbilityLevel;
    applied: AssessmentResult['applied'];
  }> = [
    // Boundaries of the preliminary level, no adjustments.
    { name: '90 → 0 能力完好', total: 90, g: [32, 15, 28, 15], a: none, prelim: 0, final: 0, applied: [] },
    { name: '89 → 1', total: 89, g: [31, 15, 28, 15], a: none, prelim: 1, final: 1, applied: [] },
    { name: '66 → 1', total: 66, g: [8, 15, 28, 15], a: none, prelim: 1, final: 1, applied: [] },
    { name: '65 → 2', total: 65, g: [7, 15, 28, 15], a: none, prelim: 2, final: 2, applied: [] },
    { name: '46 → 2', total: 46, g: [0, 3, 28, 15], a: none, prelim: 2, final: 2, applied: [] },
    { name: '45 → 3', total: 45, g: [0, 2, 28, 15], a: none, prelim: 3, final: 3, applied: [] },
    { name: '30 → 3', total: 30, g: [0, 0, 15, 15], a: none, prelim: 3, final: 3, applied: [] },
    { name: '29 → 4', total: 29, g: [0, 0, 14, 15], a: none, prelim: 4, final: 4, applied: [] },
    { name: '0 → 4 完全失能', total: 0, g: [0, 0, 0, 0], a: none, prelim: 4, final: 4, applied: [] },
    // Coma → 4 whatever the total; other adjustments are not applied on top.
    { name: 'coma at 90', total: 90, g: [32, 15, 28, 15], a: adj({ coma: true }), prelim: 0, final: 4, applied: ['coma'] },
    { name: 'coma at 50', total: 50, g: [0, 7, 28, 15], a: adj({ coma: true }), prelim: 2, final: 4, applied: ['coma'] },
    { name: 'coma at 0', total: 0, g: [0, 0, 0, 0], a: adj({ coma: true }), prelim: 4, final: 4, applied: ['coma'] },
    {
      name: 'coma with dementia and 3 risk events at 66',
      total: 66,
      g: [8, 15, 28, 15],
      a: adj({ coma: true, diagnosis: 'dementia', riskEvents: 3 }),
      prelim: 1,
      final: 4,
      applied: ['coma'],
    },
    // Diagnosis +1.
    { name: 'dementia at 90: 0 → 1', total: 90, g: [32, 15, 28, 15], a: adj({ diagnosis: 'dementia' }), prelim: 0, final: 1, applied: ['diagnosis'] },
    { name: 'mental disorder at 75: 1 → 2', total: 75, g: [17, 15, 28, 15], a: adj({ diagnosis: 'mental' }), prelim: 1, final: 2, applied: ['diagnosis'] },
    { name: 'dementia at 45: 3 → 4 (no cap needed)', total: 45, g: [0, 2, 28, 15], a: adj({ diagnosis: 'dementia' }), prelim: 3, final: 4, applied: ['diagnosis'] },
    // Risk events: 2 or more → +1; 1 → nothing.
    { name: '2 risk events at 50: 2 → 3', total: 50, g: [0, 7, 28, 15], a: adj({ riskEvents: 2 }), prelim: 2, final: 3, applied: ['risk_events'] },
    { name: '1 risk event at 50: stays 2', total: 50, g: [0, 7, 28, 15], a: adj({ riskEvents: 1 }), prelim: 2, final: 2, applied: [] },
    { name: '1 risk event at 90: stays 0', total: 90, g: [32, 15, 28, 15], a: adj({ riskEvents: 1 }), prelim: 0, final: 0, applied: [] },
    // Both: +2.
    {
      name: 'dementia + 2 risk events at 89: 1 → 3',
      total: 89,
      g: [31, 15, 28, 15],
      a: adj({ diagnosis: 'dementia', riskEvents: 2 }),
      prelim: 1,
      final: 3,
      applied: ['diagnosis', 'risk_events'],
    },
    {
      name: 'mental disorder + 5 risk events at 65: 2 → 4 exactly',
      total: 65,
      g: [7, 15, 28, 15],
      a: adj({ diagnosis: 'mental', riskEvents: 5 }),
      prelim: 2,
      final: 4,
      applied: ['diagnosis', 'risk_events'],
    },
    // Never above 4.
    {
      name: 'dementia + 3 risk events at 40: 3 → 5 capped to 4',
      total: 40,
      g: [0, 0, 25, 15],
      a: adj({ diagnosis: 'dementia', riskEvents: 3 }),
      prelim: 3,
      final: 4,
      applied: ['diagnosis', 'risk_events', 'capped'],
    },
    { name: 'mental disorder at 20: 4 → capped 4', total: 20, g: [0, 0, 5, 15], a: adj({ diagnosis: 'mental' }), prelim: 4, final: 4, applied: ['diagnosis', 'capped'] },
    { name: '2 risk events at 29: 4 → capped 4', total: 29, g: [0, 0, 14, 15], a: adj({ riskEvents: 2 }), prelim: 4, final: 4, applied: ['risk_events', 'capped'] },
  ];

  it.each(cases)('$name', ({ total, g, a, prelim, final, applied }) => {
    expect(scoreAssessment(withTotal(total), a)).toEqual({
      groupTotals: groups(g),
      total,
      preliminaryLevel: prelim,
      finalLevel: final,
      applied,
    });
  });

  it('scores a hand-filled form', () => {
    const scores: AssessmentScores = {
      // 自理能力: 4 + 3 + 1 + 3 + 2 + 4 + 4 + 2 = 23
      eating: 4,
      grooming: 3,
      bathing: 1,
      dressingUpper: 3,
      dressingLower: 2,
      urinaryControl: 4,
      bowelControl: 4,
      toileting: 2,
      // 基础运动能力: 4 + 3 + 2 + 1 = 10
      bedPosition: 4,
      bedChairTransfer: 3,
      walking: 2,
      stairs: 1,
      // 精神状态: 2 + 3 + 4 + 2 + 3 + 3 + 1 + 0 + 2 = 20
      timeOrientation: 2,
      placeOrientation: 3,
      personOrientation: 4,
      memory: 2,
      comprehension: 3,
      expression: 3,
      aggression: 1,
      depression: 0,
      consciousness: 2,
      // 感知觉与社会参与: 1 + 2 + 2 + 1 + 3 = 9
      vision: 1,
      hearing: 2,
      dailyAffairs: 2,
      transportation: 1,
      socialInteraction: 3,
    };
    // Total 23 + 10 + 20 + 9 = 62 → 中度失能 (46–65) = 2; dementia → 3.
    expect(scoreAssessment(scores, adj({ diagnosis: 'dementia' }))).toEqual({
      groupTotals: { self_care: 23, mobility: 10, mental: 20, perception: 9 },
      total: 62,
      preliminaryLevel: 2,
      finalLevel: 3,
      applied: ['diagnosis'],
    });
  });
});

describe('out-of-range items', () => {
  const bad: Array<[string, Partial<AssessmentScores>, AssessmentItemKey[]]> = [
    ['stairs = 4 (max 3)', { stairs: 4 }, ['stairs']],
    ['aggression = 2 (max 1)', { aggression: 2 }, ['aggression']],
    ['depression = 2 (max 1)', { depression: 2 }, ['depression']],
    ['consciousness = 3 (max 2)', { consciousness: 3 }, ['consciousness']],
    ['vision = 3 (max 2)', { vision: 3 }, ['vision']],
    ['transportation = 4 (max 3)', { transportation: 4 }, ['transportation']],
    ['eating = 5 (max 4)', { eating: 5 }, ['eating']],
    ['non-integer eating = 2.5', { eating: 2.5 }, ['eating']],
    ['negative hearing = -1', { hearing: -1 }, ['hearing']],
    ['NaN memory', { memory: Number.NaN }, ['memory']],
    // Several at once: listed in item order, not in the order given.
    ['several', { socialInteraction: 9, stairs: 4, eating: -1, aggression: 2 }, ['eating', 'stairs', 'aggression', 'socialInteraction']],
  ];

  it.each(bad)('itemsOutOfRange: %s', (_label, override, keys) => {
    expect(itemsOutOfRange({ ...withTotal(60), ...override })).toEqual(keys);
  });

  it.each(bad)('scoreAssessment throws RangeError: %s', (_label, override, keys) => {
    const scores: AssessmentScores = { ...withTotal(60), ...override };
    expect(() => scoreAssessment(scores, none)).toThrow(RangeError);
    for (const key of keys) expect(() => scoreAssessment(scores, none)).toThrow(key);
  });

  it('lists missing items', () => {
    const scores: Partial<Record<string, number>> = { ...withTotal(90) };
    delete scores.walking;
    delete scores.vision;
    expect(itemsOutOfRange(scores)).toEqual(['walking', 'vision']);
  });

  it('accepts every item at 0 and every item at its maximum', () => {
    expect(itemsOutOfRange(allAt(() => 0))).toEqual([]);
    expect(itemsOutOfRange(allAt((max) => max))).toEqual([]);
  });
});
