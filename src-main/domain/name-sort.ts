/**
 * The stored sort key of a name (residents, facilities, operators: `name_sort`), so that SQL
 * sorts Chinese names by pinyin rather than by character code (丁, 万, 严, 于 as ding, wan,
 * yan, yu) and names with numbers naturally (公司2 before 公司10).
 *
 * Key = toneless lower-case pinyin of each character (other text lower-cased as it is), with
 * every run of digits zero-padded to 10 places, then a separator below every printable
 * character and the original name, so that names reading alike (同音字) still sort apart and
 * always in the same order.
 */
import { pinyin } from 'pinyin-pro';
import { toHalfWidth } from './code-text';

/** Digit runs padded to this width compare as numbers (up to 10 digits). */
const DIGITS = 10;

/** `person`: the first character read as a surname (曾 zeng, 单 shan), for residents' names. */
export function nameSortKey(name: string, person = false): string {
  const n = toHalfWidth(name.trim());
  const syllables = pinyin(n, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true, surname: person ? 'head' : 'off' });
  const read = syllables
    .map((s) => s.toLowerCase().replace(/\s+/g, ''))
    .join(' ')
    .replace(/\d+/g, (d) => (d.length >= DIGITS ? d : d.padStart(DIGITS, '0')));
  return `${read}\u0001${name}`;
}

/** A row as audited: the sort key is derived from the name, so the trail records the name only. */
export function withoutSortKey<T extends { nameSort?: string }>(row: T): Omit<T, 'nameSort'> {
  const { nameSort, ...rest } = row;
  void nameSort;
  return rest;
}
