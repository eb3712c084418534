/**
 * Codes as people type them (ID numbers, credit codes, region codes): a Chinese input method
 * gives full-width characters (１１０１０５…, ｘ) and the ideographic space, a pasted number
 * carries spaces in its groups. The one normalisation the api (contract/schemas.ts) and the
 * import (import/normalise.ts) share, so both accept the same input.
 */

/** Full-width ASCII forms (Ａ１－) and the ideographic space become their half-width selves. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Half-width, with no spaces at all (nor a byte-order mark or zero-width space). */
export function normaliseCode(raw: string): string {
  return toHalfWidth(raw).replace(/[\s\ufeff\u200b]+/g, '');
}
