/** Personal data as screens and exports show it by default: masked. */
import { PERMISSION } from './permissions';

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

/**
 * The refusal of every export that would hold full ID numbers, for an account without
 * `revealPersonal`: from the api, and as the tooltip of the disabled button that starts it.
 */
export const FULL_ID_EXPORT_REFUSAL = {
  zh: `导出完整身份证号需要“${PERMISSION.revealPersonal.zh}”权限，您的账号没有该权限；可导出身份证号已脱敏的老人名册`,
  en: `Exporting full ID numbers needs the "${PERMISSION.revealPersonal.en}" permission, which your account lacks; the roster with masked ID numbers can be exported`,
} as const;

/** The first sheet of an exported workbook (services/export-cover.ts); an import skips it (import/decode.ts). */
export const COVER_SHEET = '封面';
