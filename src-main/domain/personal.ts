/** Personal data as screens and exports show it by default: masked. */

/** 138****1234: the first three and last four digits kept; short numbers keep only the last two. */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (v === '') return '';
  if (v.length >= 11) return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
  if (v.length <= 2) return '*'.repeat(v.length);
  return '*'.repeat(v.length - 2) + v.slice(-2);
}

export function isMaskedPhone(value: string): boolean {
  return value.includes('*');
}
