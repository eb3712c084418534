import { describe, expect, it } from 'vitest';
import { ASSESSMENT_ITEMS, needsNursingBed, reassessmentDueOn, reassessmentOverdue } from '../../src-main/domain/assessment';
import { ASSESSMENT_DESCRIPTORS, scoreDescriptor } from '../../src-main/domain/assessment-descriptors';

describe('assessment score descriptors (finding 16)', () => {
  it('every one of the 26 items has a descriptor for every allowed score, and none beyond', () => {
    let scores = 0;
    for (const item of ASSESSMENT_ITEMS) {
      const list = ASSESSMENT_DESCRIPTORS[item.key];
      expect(list, item.key).toHaveLength(item.max + 1);
      for (let n = 0; n <= item.max; n++) {
        const d = scoreDescriptor(item.key, n);
        expect(d?.zh.trim(), `${item.key} ${n} zh`).toBeTruthy();
        expect(d?.en.trim(), `${item.key} ${n} en`).toBeTruthy();
        scores++;
      }
      expect(scoreDescriptor(item.key, item.max + 1)).toBeUndefined();
      // Within an item, each score reads differently.
      expect(new Set(list.map((d) => d.zh)).size, item.key).toBe(list.length);
    }
    expect(Object.keys(ASSESSMENT_DESCRIPTORS).sort()).toEqual(ASSESSMENT_ITEMS.map((i) => i.key).sort());
    console.log(`descriptors: ${ASSESSMENT_ITEMS.length} items, ${scores} scores`);
    expect(ASSESSMENT_ITEMS).toHaveLength(26);
  });
});

describe('the shared assessment rules', () => {
  it('reassessment falls due the setting’s months after the last one, overdue from that day', () => {
    expect(reassessmentDueOn('2025-12-01', 12)).toBe('2026-12-01');
    expect(reassessmentOverdue('2025-12-01', 12, '2026-11-30')).toBe(false);
    expect(reassessmentOverdue('2025-12-01', 12, '2026-12-01')).toBe(true);
  });
  it('levels 3 and 4 suggest a nursing-type bed', () => {
    expect([null, 0, 1, 2, 3, 4].map(needsNursingBed)).toEqual([false, false, false, false, true, true]);
  });
});
