import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { addDays, addMonths, ageOn, daysBetween, isIsoDate, monthEnd, todayIso, yearOf } from '../../src-main/domain/dates';

dayjs.extend(customParseFormat);

describe('isIsoDate', () => {
  it('agrees with a strict calendar parse on every day shape, 1800–2200 (it no longer parses with dayjs)', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const v = `${y}-${two(m)}-${two(d)}`;
        expect(isIsoDate(v)).toBe(dayjs(v, 'YYYY-MM-DD', true).isValid());
      }),
      { numRuns: 5000 },
    );
  });

  const accepted = ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '1949-12-31', '1900-01-01'];
  it.each(accepted)('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  const rejected: Array<[string, string]> = [
    ['2026-02-30', 'February 30'],
    ['2023-02-29', 'February 29 in a common year'],
    ['1900-02-29', '1900 is not a leap year'],
    ['2100-02-29', '2100 is not a leap year'],
    ['2026-04-31', 'April 31'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['2026-1-5', 'no zero padding'],
    ['2026-01-5', 'day not padded'],
    ['20260105', 'no dashes'],
    ['2026/01/05', 'slashes'],
    ['05-01-2026', 'day first'],
    ['2026-01-05T00:00:00', 'with a time'],
    [' 2026-01-05', 'leading space'],
    ['', 'empty'],
    ['not a date', 'text'],
  ];
  it.each(rejected)('rejects %j (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('monthEnd', () => {
  const cases: Array<[string, string]> = [
    ['2026-02', '2026-02-28'],
    ['2024-02', '2024-02-29'],
    ['2000-02', '2000-02-29'],
    ['2100-02', '2100-02-28'],
    ['2026-01', '2026-01-31'],
    ['2026-04', '2026-04-30'],
    ['2026-06', '2026-06-30'],
    ['2026-11', '2026-11-30'],
    ['2026-12', '2026-12-31'],
  ];
  it.each(cases)('%s → %s', (month, end) => {
    expect(monthEnd(month)).toBe(end);
  });
});

describe('addDays', () => {
  const cases: Array<[string, number, string]> = [
    ['2026-01-01', 0, '2026-01-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    // Nov 28 + 2 = Nov 30; + 31 = Dec 31 (33); + 31 = Jan 31 (64); + 26 = Feb 26 (90).
    ['2026-11-28', 90, '2027-02-26'],
  ];
  it.each(cases)('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('addMonths', () => {
  const cases: Array<[string, number, string]> = [
    ['2025-03-15', 12, '2026-03-15'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
  ];
  it.each(cases)('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('daysBetween', () => {
  const cases: Array<[string, string, number]> = [
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-01-02', 1],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-10', '2026-03-01', -9],
    ['2026-01-01', '2026-12-31', 364],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2026-11-28', '2027-02-26', 90],
    // 2026-03-01 to 2026-03-15 spans the start of daylight-saving time in many zones.
    ['2026-03-01', '2026-03-15', 14],
    ['2026-10-20', '2026-11-10', 21],
  ];
  it.each(cases)('%s → %s is %i days', (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days);
  });
});

describe('ageOn', () => {
  const cases: Array<[string, string, number]> = [
    ['1949-12-31', '2026-12-30', 76],
    ['1949-12-31', '2026-12-31', 77],
    ['1950-06-15', '2026-06-14', 75],
    ['1950-06-15', '2026-06-15', 76],
    ['1950-06-15', '2026-06-16', 76],
    // 80+ is 高龄: exactly 80 on the birthday, 79 the day before.
    ['1946-01-01', '2026-01-01', 80],
    ['1946-01-02', '2026-01-01', 79],
    ['1955-03-15', '1955-03-15', 0],
    ['1955-03-15', '1956-03-14', 0],
    ['1955-03-15', '1956-03-15', 1],
    // Born on 29 February: the birthday is 28 February in common years.
    ['2000-02-29', '2001-02-27', 0],
    ['2000-02-29', '2001-02-28', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['1999-03-31', '2000-02-29', 0],
  ];
  it.each(cases)('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('yearOf and todayIso', () => {
  it('yearOf takes the first four characters', () => {
    expect(yearOf('2026-11-28')).toBe(2026);
    expect(yearOf('1949-12-31')).toBe(1949);
  });

  it('todayIso formats a local date as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 0, 5, 13, 45))).toBe('2026-01-05');
    expect(todayIso(new Date(2024, 1, 29, 0, 0))).toBe('2024-02-29');
  });
});

describe('the one clock: setToday', () => {
  it('todayIso() answers the day set, until cleared; todayIso(now) still formats that moment', async () => {
    const { setToday } = await import('../../src-main/domain/dates');
    try {
      setToday('2026-12-01');
      expect(todayIso()).toBe('2026-12-01');
      expect(todayIso(new Date(2026, 0, 5, 13, 45))).toBe('2026-01-05');
      expect(() => setToday('2026-02-30')).toThrow();
    } finally {
      setToday(null);
    }
    expect(todayIso()).toBe(todayIso(new Date()));
  });
});
