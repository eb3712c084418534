/**
 * A count as people type it into a grid or a form: a Chinese input method gives full-width
 * digits (４１０００), a pasted figure carries thousands separators (41,000 / 41，000) or
 * spaces. The one reading the population grid (renderer) and the api (contract/schemas.ts)
 * share, so both accept the same text.
 */
import { toHalfWidth } from './code-text';

/**
 * The text with full-width forms made half-width and separators and spaces removed: '41000'
 * for '４１，０００'. Whether it is a number is for the caller to decide (Number(), zod).
 */
export function normaliseNumberText(raw: string): string {
  return toHalfWidth(raw).replace(/[,，、\s\u00a0\u3000'’]/g, '');
}

/** The count typed: null for an empty text, the number when it is one, else the text as it was (for the caller to refuse). */
export function readCountText(raw: string): number | null | string {
  const s = normaliseNumberText(raw);
  if (s === '') return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return raw;
  return Number(s);
}
