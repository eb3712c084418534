/** Working days by the shipped 2026 holiday notice (resources/work-calendar.json) and the care-worker ratio, at their boundaries. */
import { describe, expect, it } from 'vitest';
import calendarFile from '../../resources/work-calendar.json';
import { careGroupOf, careWorkersNeeded } from '../../src-main/domain/care-ratio';
import { addWorkdays, datesOfLines, isWorkday, linesOfDates, yearsMissing, type WorkCalendar } from '../../src-main/domain/workdays';

const cal = calendarFile as WorkCalendar;

describe('working days (2026 notice)', () => {
  it('knows the days off, the make-up working days and plain weekends', () => {
    expect(cal['2026']!.holidays).toHaveLength(33); // 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(isWorkday('2026-10-01', cal)).toBe(false);
    expect(isWorkday('2026-10-10', cal)).toBe(true); // Saturday, 调休上班
    expect(isWorkday('2026-02-14', cal)).toBe(true);
    expect(isWorkday('2026-02-23', cal)).toBe(false); // Monday, 春节
    expect(isWorkday('2026-11-28', cal)).toBe(false); // a plain Saturday
    expect(isWorkday('2026-11-30', cal)).toBe(true);
  });
  it('counts the 10th working day after a date, the day itself not counted', () => {
    expect(addWorkdays('2026-09-24', 10, cal)).toBe('2026-10-15');
    expect(addWorkdays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkdays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkdays('2026-02-14', 1, cal)).toBe('2026-02-24');
    expect(addWorkdays('2026-11-27', 1, cal)).toBe('2026-11-30');
    expect(yearsMissing('2025-12-26', '2026-01-12', cal)).toEqual([2025]);
  });
  it('reads lines of dates and ranges as the notice words them, and writes them back', () => {
    const r = datesOfLines('2026-02-15 至 2026-02-17\n2026-10-10，2026-13-01\n2026-12-30~2027-01-02');
    expect(r).toEqual({ dates: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-10-10'], bad: ['2026-13-01', '2026-12-30~2027-01-02'] });
    expect(linesOfDates(cal['2026']!.holidays).split('\n')).toEqual([
      '2026-01-01 至 2026-01-03', '2026-02-15 至 2026-02-23', '2026-04-04 至 2026-04-06', '2026-05-01 至 2026-05-05',
      '2026-06-19 至 2026-06-21', '2026-09-25 至 2026-09-27', '2026-10-01 至 2026-10-07',
    ]);
  });
});

describe('care workers needed (1:15 / 1:8 / 1:4)', () => {
  const r = { selfCare: 15, partial: 8, disabled: 4 };
  it('groups levels of either standard: 0 自理, 1–2 部分失能, 3–4 失能, none assessed as 自理', () => {
    expect([null, 0, 1, 2, 3, 4].map(careGroupOf)).toEqual(['selfCare', 'selfCare', 'partial', 'partial', 'disabled', 'disabled']);
  });
  it('rounds the sum up once, exactly at the boundary', () => {
    expect(careWorkersNeeded({ selfCare: 15, partial: 8, disabled: 4 }, r)).toBe(3);
    expect(careWorkersNeeded({ selfCare: 16, partial: 8, disabled: 4 }, r)).toBe(4);
    expect(careWorkersNeeded({ selfCare: 0, partial: 0, disabled: 0 }, r)).toBe(0);
    expect(careWorkersNeeded({ selfCare: 1, partial: 0, disabled: 0 }, r)).toBe(1);
    expect(careWorkersNeeded({ selfCare: 30, partial: 0, disabled: 0 }, r)).toBe(2);
    expect(careWorkersNeeded({ selfCare: 0, partial: 4, disabled: 2 }, r)).toBe(1);
    expect(careWorkersNeeded({ selfCare: 0, partial: 4, disabled: 3 }, r)).toBe(2);
  });
});
