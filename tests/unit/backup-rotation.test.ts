import { describe, expect, it } from 'vitest';
import { backupsToDelete, type Dated } from '../../src-main/db/backup-rotation';

/** One backup a day at 09:00 local time for `days` days ending on `last`. */
function daily(last: Date, days: number): Dated[] {
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(last.getFullYear(), last.getMonth(), last.getDate() - i, 9, 0, 0);
    return { name: `b-${i}`, at };
  });
}

describe('backup rotation: 7 daily, 4 weekly, 12 monthly', () => {
  it('keeps everything while there are 7 or fewer', () => {
    expect(backupsToDelete(daily(new Date(2026, 10, 28), 7))).toEqual([]);
    expect(backupsToDelete([])).toEqual([]);
  });

  it('after 400 days of daily backups keeps 7 days, the newest of 4 weeks and of 12 months', () => {
    const all = daily(new Date(2026, 10, 28), 400); // Saturday 2026-11-28
    const doomed = new Set(backupsToDelete(all));
    const kept = all.filter((b) => !doomed.has(b.name)).map((b) => b.at);
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const keptDays = kept.map(iso).sort();
    // the last 7 days
    for (let i = 0; i < 7; i++) expect(keptDays).toContain(iso(new Date(2026, 10, 28 - i)));
    // weeks (Mon–Sun): the newest of this week (Sat 28th) and of the three before (Sundays 22nd, 15th, 8th)
    for (const d of ['2026-11-22', '2026-11-15', '2026-11-08']) expect(keptDays).toContain(d);
    // months: the last day of each of the 11 months before November 2026
    for (const d of ['2026-10-31', '2026-09-30', '2026-02-28', '2025-12-31']) expect(keptDays).toContain(d);
    expect(keptDays).not.toContain('2025-11-30'); // the 13th month back
    // 7 days; weeks add only the 15th and 8th (this week and the 22nd are among the days);
    // months add 11 (the 12th is this month)
    expect(kept).toHaveLength(7 + 2 + 11);
    expect(doomed.size).toBe(400 - 20);
  });

  it('keeps the newest of a day with several backups', () => {
    const day = (h: number, name: string): Dated => ({ name, at: new Date(2026, 0, 5, h) });
    expect(backupsToDelete([day(8, 'a'), day(12, 'b'), day(18, 'c')]).sort()).toEqual(['a', 'b']);
  });
});
