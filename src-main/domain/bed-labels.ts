/**
 * Bed labels from a pattern: `{n}` is the number, `{nn}` pads it to two digits, and so on.
 */
const TOKEN = /\{(n+)\}/;

/** The number after the highest label this pattern already produced among `labels` (1 when none). */
export function nextLabelNumber(pattern: string, labels: Iterable<string>): number {
  const m = TOKEN.exec(pattern);
  if (!m) return 1;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${escape(pattern.slice(0, m.index))}(\\d+)${escape(pattern.slice(m.index + m[0].length))}$`);
  let max = 0;
  for (const l of labels) {
    const hit = re.exec(l);
    if (hit) max = Math.max(max, Number(hit[1]));
  }
  return max + 1;
}

/** "A-{nn}" with 7 → "A-07"; "{n}" with 12 → "12". */
export function expandLabel(pattern: string, n: number): string {
  return pattern.replace(TOKEN, (_, ns: string) => String(n).padStart(ns.length, '0'));
}

export function hasNumberToken(pattern: string): boolean {
  return TOKEN.test(pattern);
}
