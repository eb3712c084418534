/**
 * Which automatic backups to keep: the newest of each of the last 7 days, of the last 4
 * weeks (Monday to Sunday) and of the last 12 months that have a backup, by local time.
 * Pure, so the calendar arithmetic is tested on its own.
 */
export const ROTATION = { daily: 7, weekly: 4, monthly: 12 } as const;

export interface Dated {
  name: string;
  at: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}

/** Backups dated more than this after now were named by a clock that ran ahead. */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** Dated after now (beyond the slack): made while the clock ran ahead. */
export function fromTheFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + FUTURE_SLACK_MS;
}

/**
 * The names to delete; everything else is kept. Backups dated in the future (a clock that
 * once ran ahead) take no place in the rotation and are not deleted: they would otherwise
 * crowd out the real last days; once the calendar reaches them they rotate as any other.
 */
export function backupsToDelete(entries: readonly Dated[], keep: { daily: number; weekly: number; monthly: number } = ROTATION, now = new Date()): string[] {
  const newestFirst = [...entries].filter((e) => !fromTheFuture(e.at, now)).sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>();
  const buckets: Array<[(d: Date) => string, number]> = [
    [dayKey, keep.daily],
    [weekKey, keep.weekly],
    [monthKey, keep.monthly],
  ];
  for (const [key, limit] of buckets) {
    const seen = new Set<string>();
    for (const e of newestFirst) {
      const k = key(e.at);
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      kept.add(e.name);
    }
  }
  return newestFirst.filter((e) => !kept.has(e.name)).map((e) => e.name);
}
