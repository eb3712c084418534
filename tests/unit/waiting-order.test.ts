/** The waiting list's order (docs/domain.md#waiting-list), and the category a resident applies in. */
import { describe, expect, it } from 'vitest';
import { categoryOfResident, compareApplications, orderApplications, type Orderable } from '../../src-main/domain/waiting-list';

const app = (id: number, category: Orderable['category'], assessmentLevel: number | null, appliedOn: string): Orderable => ({ id, category, assessmentLevel, appliedOn });

describe('the waiting list order', () => {
  it('puts the categories in priority order: 特困, 低保, 低收入, 失独, 优抚, 其他', () => {
    const rows = [app(1, 'other', 4, '2020-01-01'), app(2, 'youfu', 4, '2020-01-01'), app(3, 'shidu', 4, '2020-01-01'), app(4, 'low_income', 4, '2020-01-01'), app(5, 'dibao', 4, '2020-01-01'), app(6, 'tekun', 0, '2026-01-01')];
    expect(orderApplications(rows).map((r) => r.category)).toEqual(['tekun', 'dibao', 'low_income', 'shidu', 'youfu', 'other']);
  });

  it('within a category: the higher level first, not assessed last, then the earlier application, then the id', () => {
    const rows = [
      app(10, 'dibao', null, '2020-01-01'),
      app(11, 'dibao', 0, '2026-01-01'),
      app(12, 'dibao', 4, '2026-02-01'),
      app(13, 'dibao', 2, '2025-01-01'),
      app(14, 'dibao', 4, '2026-01-15'),
      app(9, 'dibao', 2, '2025-01-01'),
    ];
    const ordered = orderApplications(rows);
    expect(ordered.map((r) => r.id)).toEqual([14, 12, 9, 13, 11, 10]);
    expect(ordered.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['a higher category beats a higher level', app(1, 'low_income', 0, '2026-01-01'), app(2, 'shidu', 4, '2020-01-01'), -1],
    ['level 0 (能力完好) beats not assessed', app(1, 'other', 0, '2026-01-01'), app(2, 'other', null, '2020-01-01'), -1],
    ['the same everything: the smaller id first', app(7, 'tekun', 3, '2026-01-01'), app(3, 'tekun', 3, '2026-01-01'), 1],
  ])('%s', (_title, a, b, sign) => {
    expect(Math.sign(compareApplications(a, b))).toBe(sign);
    expect(Math.sign(compareApplications(b, a))).toBe(-sign);
  });

  it('does not change the rows it is given', () => {
    const rows = [app(2, 'other', null, '2026-01-01'), app(1, 'tekun', 1, '2026-01-01')];
    orderApplications(rows);
    expect(rows.map((r) => r.id)).toEqual([2, 1]);
  });
});

describe('the category a resident applies in', () => {
  const none = { tekun: false, dibao: false, lowIncome: false, shidu: false, youfu: false };
  it.each([
    [{ ...none }, 'other'],
    [{ ...none, youfu: true }, 'youfu'],
    [{ ...none, youfu: true, shidu: true }, 'shidu'],
    [{ ...none, shidu: true, lowIncome: true }, 'low_income'],
    [{ ...none, lowIncome: true, dibao: true }, 'dibao'],
    [{ tekun: true, dibao: true, lowIncome: true, shidu: true, youfu: true }, 'tekun'],
  ])('%o → %s (the highest priority held)', (flags, expected) => {
    expect(categoryOfResident(flags)).toBe(expected);
  });
});
