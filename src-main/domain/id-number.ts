/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character.
 */
import { isIsoDate } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type IdNumberProblem = 'empty' | 'scientific' | 'length' | 'characters' | 'birthdate' | 'checksum';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; problem: IdNumberProblem };

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  empty: { zh: '不能为空', en: 'is required' },
  scientific: {
    zh: '被表格软件转成了数字（如 1.10105E+17），请把该列设为“文本”格式后重新填写',
    en: 'was turned into a number by the spreadsheet (e.g. 1.10105E+17); format the column as text and enter it again',
  },
  length: { zh: '应为 18 位', en: 'must be 18 characters' },
  characters: { zh: '前 17 位应为数字，最后一位为数字或 X', en: 'must be 17 digits followed by a digit or X' },
  birthdate: { zh: '出生日期（第 7–14 位）不是有效日期', en: 'has an invalid birth date (characters 7–14)' },
  checksum: { zh: '校验位错误', en: 'has a wrong check character' },
};

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function parseIdNumber(raw: string): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, problem: 'empty' };
  if (/^\d(\.\d+)?E\+?\d+$/i.test(value)) return { ok: false, problem: 'scientific' };
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'characters' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return { ok: false, problem: 'birthdate' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, regionCode: value.slice(0, 6) };
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
