/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-symbol alphabet; characters 3–8 are
 * the registering authority's 6-digit region code, so digits only.
 */
import { normaliseCode } from './code-text';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblem = 'empty' | 'length' | 'characters' | 'region' | 'checksum';

export type CreditCodeResult = { ok: true; value: string } | { ok: false; problem: CreditCodeProblem };

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, { zh: string; en: string }> = {
  empty: { zh: '不能为空', en: 'is required' },
  length: { zh: '应为 18 位', en: 'must be 18 characters' },
  characters: {
    zh: '含有不允许的字符（不使用 I、O、Z、S、V）',
    en: 'contains characters outside the code alphabet (no I, O, Z, S, V)',
  },
  region: { zh: '第 3–8 位（登记管理机关行政区划码）应为数字', en: 'must have digits in characters 3–8 (the region code)' },
  checksum: { zh: '校验位错误', en: 'has a wrong check character' },
};

export function creditCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Typed input is accepted as the import accepts it: full-width characters, spaces, lower case (domain/code-text.ts). */
export function parseCreditCode(raw: string): CreditCodeResult {
  const value = normaliseCode(raw).toUpperCase();
  if (value === '') return { ok: false, problem: 'empty' };
  if (value.length !== 18) return { ok: false, problem: 'length' };
  for (const ch of value) if (!ALPHABET.includes(ch)) return { ok: false, problem: 'characters' };
  if (!/^\d{6}$/.test(value.slice(2, 8))) return { ok: false, problem: 'region' };
  if (creditCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, value };
}
