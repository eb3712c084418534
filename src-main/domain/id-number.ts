/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character. The first two digits are a
 * province-level code of GB/T 2260; the county code (digits 3–6) is not checked against a
 * list, since residents carry the codes of counties since renamed or abolished.
 */
import { normaliseCode } from './code-text';
import { isIsoDate, todayIso } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The 34 province-level codes of GB/T 2260 (with 71 台湾, 81 香港, 82 澳门). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export type IdNumberProblem = 'empty' | 'scientific' | 'length' | 'characters' | 'province' | 'birthdate' | 'future' | 'checksum' | 'old15';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; problem: IdNumberProblem; upgraded?: string };

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  empty: { zh: '不能为空', en: 'is required' },
  scientific: {
    zh: '被表格软件转成了数字（如 1.10105E+17），请把该列设为“文本”格式后重新填写',
    en: 'was turned into a number by the spreadsheet (e.g. 1.10105E+17); format the column as text and enter it again',
  },
  length: { zh: '应为 18 位', en: 'must be 18 characters' },
  characters: { zh: '前 17 位应为数字，最后一位为数字或 X', en: 'must be 17 digits followed by a digit or X' },
  province: {
    zh: '前两位不是省级行政区划代码（如 11 北京、52 贵州）',
    en: 'does not start with a province-level code (e.g. 11 Beijing, 52 Guizhou)',
  },
  birthdate: { zh: '出生日期（第 7–14 位）不是有效日期', en: 'has an invalid birth date (characters 7–14)' },
  future: { zh: '出生日期（第 7–14 位）晚于今天', en: 'has a birth date (characters 7–14) after today' },
  checksum: { zh: '校验位错误', en: 'has a wrong check character' },
  old15: {
    zh: '是旧的 15 位号码，请改用 18 位号码 {upgraded}',
    en: 'is an old 15-digit number; use the 18-digit number {upgraded}',
  },
};

/** The message of a refused number, with the 18-digit form filled in for an old 15-digit one. */
export function idNumberMessage(r: { problem: IdNumberProblem; upgraded?: string }): { zh: string; en: string } {
  const m = ID_NUMBER_MESSAGES[r.problem];
  const fill = (s: string) => s.replace('{upgraded}', r.upgraded ?? '');
  return { zh: fill(m.zh), en: fill(m.en) };
}

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * The strict check of an 18-character number (trimmed and upper-cased, nothing else): the
 * number as stored. Input as typed goes through readIdNumber.
 */
export function parseIdNumber(raw: string, today: string = todayIso()): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, problem: 'empty' };
  if (/^\d(\.\d+)?E\+?\d+$/i.test(value)) return { ok: false, problem: 'scientific' };
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'characters' };
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, problem: 'province' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return { ok: false, problem: 'birthdate' };
  if (birthDate > today) return { ok: false, problem: 'future' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, regionCode: value.slice(0, 6) };
}

/**
 * The 18-digit form of an old 15-digit number (GB 11643-1999 §附录: "19" inserted after the
 * 6-digit area code, the check character appended), or null when it is not one.
 */
export function upgradeIdNumber15(raw: string): string | null {
  const v = normaliseCode(raw);
  if (!/^\d{15}$/.test(v)) return null;
  const body = `${v.slice(0, 6)}19${v.slice(6)}`;
  return body + idCheckCharacter(body);
}

/**
 * An ID number as typed — in a form, over the api, in an imported cell: full-width digits,
 * spaces anywhere and a lower-case x are accepted (domain/code-text.ts); an old 15-digit
 * number is refused with its 18-digit form offered (`upgraded`) when that form is valid.
 */
export function readIdNumber(raw: string, today: string = todayIso()): IdNumberResult {
  const v = normaliseCode(raw).toUpperCase();
  const upgraded = upgradeIdNumber15(v);
  if (upgraded !== null) {
    const r = parseIdNumber(upgraded, today);
    return r.ok ? { ok: false, problem: 'old15', upgraded } : { ok: false, problem: 'length' };
  }
  return parseIdNumber(v, today);
}

/** Characters a mask keeps: the province code. */
export const MASK_KEEP = 2;

/**
 * 52****************: only the province (first two characters) kept. Nothing of the county,
 * birth date, sequence or check character is shown, so that a masked number together with
 * what a screen or file shows beside it (age, sex, household county) still leaves about
 * 366 × 500 ≈ 183,000 possible numbers: the mask cannot be undone by trying them.
 */
export function maskIdNumber(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, MASK_KEEP) + '*'.repeat(value.length - MASK_KEEP);
}
