/**
 * Cell values as offices type them, made regular: full-width digits and letters, stray
 * spaces, 是/否 · Y/N · 1/0, dates in the five shapes spreadsheets hold (Excel serials,
 * 2023-01-05, 2023/1/5, 2023.01.05, 2023年1月5日). Each parser returns a value or a
 * problem in zh/en; none throws.
 */
import { normaliseCode, toHalfWidth } from '../domain/code-text';
import { isIsoDate } from '../domain/dates';
import { idNumberMessage, ID_NUMBER_MESSAGES, readIdNumber } from '../domain/id-number';

export { toHalfWidth };

/** What a decoded cell can hold: text from CSV; numbers, booleans and dates from xlsx. */
export type RawCell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (zh: string, en: string): Parsed<never> => ({ ok: false, zh, en });

/** Longest cell accepted at all; longer ones are reported without being echoed. */
export const MAX_CELL_CHARS = 1000;

/**
 * Free text (names, addresses): the spaces around it go and full-width digits and letters
 * become half-width; Chinese punctuation such as （） in names stays as typed.
 */
export function cleanText(raw: RawCell): string {
  if (raw === null) return '';
  if (raw instanceof Date) return isoOfDate(raw);
  return String(raw)
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/g, '');
}

/** Codes, numbers, flags and choices: half-width, no spaces at all. */
export function cleanCode(raw: RawCell): string {
  return normaliseCode(cleanText(raw));
}

/** A short echo of what the user typed, for messages. */
export function quote(s: string): string {
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}

function isoOfDate(d: Date): string {
  // exceljs gives date cells as UTC midnight of the calendar day.
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${day}`;
}

/** Excel's day numbers: 1 is 1900-01-01, with Excel's phantom 1900-02-29 at 60. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return null;
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return isoOfDate(new Date(base + serial * 86_400_000));
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*0{1,2}:00(?::00)?)?$/;

const DATE_PROBLEM = {
  zh: '不是有效日期（可写 2023-01-05、2023/1/5、2023.01.05 或 2023年1月5日）',
  en: 'is not a valid date (write 2023-01-05, 2023/1/5, 2023.01.05 or 2023年1月5日)',
};

export function parseDate(raw: RawCell): Parsed<string | null> {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? bad(DATE_PROBLEM.zh, DATE_PROBLEM.en) : checkIso(isoOfDate(raw));
  if (typeof raw === 'number') {
    const iso = excelSerialToIso(raw);
    return iso ? checkIso(iso) : bad(DATE_PROBLEM.zh, DATE_PROBLEM.en);
  }
  const s = toHalfWidth(cleanText(raw));
  if (s === '') return ok(null);
  if (/^\d{5}$/.test(s)) return parseDate(Number(s));
  if (/^\d{8}$/.test(s)) return checkIso(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`);
  const m = DATE_TEXT.exec(s);
  if (!m) return bad(DATE_PROBLEM.zh, DATE_PROBLEM.en);
  return checkIso(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

function checkIso(iso: string): Parsed<string> {
  return isIsoDate(iso) ? ok(iso) : bad(DATE_PROBLEM.zh, DATE_PROBLEM.en);
}

const TRUE_WORDS = new Set(['是', 'Y', 'YES', '1', 'TRUE', '√', '对', '有']);
const FALSE_WORDS = new Set(['否', 'N', 'NO', '0', 'FALSE', '×', '无', '不是']);

/** Empty reads as 否: the flags are "does this apply", and most rows leave them blank. */
export function parseBool(raw: RawCell): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const s = cleanCode(raw).toUpperCase();
  if (s === '') return ok(false);
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return bad(`应填“是”或“否”（也可填 Y/N、1/0），不能是“${quote(s)}”`, `must be 是 or 否 (or Y/N, 1/0), not "${quote(s)}"`);
}

/** Whole numbers; thousands separators allowed. Empty gives null. */
export function parseInteger(raw: RawCell): Parsed<number | null> {
  if (typeof raw === 'number') return Number.isInteger(raw) ? ok(raw) : bad('应为整数', 'must be a whole number');
  if (typeof raw === 'boolean' || raw instanceof Date) return bad('应为整数', 'must be a whole number');
  const s = cleanCode(raw).replace(/,/g, '');
  if (s === '') return ok(null);
  if (!/^-?\d+(\.0+)?$/.test(s)) return bad(`应为整数，不能是“${quote(s)}”`, `must be a whole number, not "${quote(s)}"`);
  const n = Number(s);
  return Number.isSafeInteger(n) ? ok(n) : bad('数值过大', 'is too large');
}

/**
 * A decimal number (money in yuan, square metres, degrees); thousands separators allowed.
 * Empty gives null; the template's own schema then checks the range and the decimals.
 */
export function parseDecimal(raw: RawCell): Parsed<number | null> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : bad('应为数字', 'must be a number');
  if (typeof raw === 'boolean' || raw instanceof Date) return bad('应为数字', 'must be a number');
  const s = cleanCode(raw).replace(/,/g, '');
  if (s === '') return ok(null);
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return bad(`应为数字，不能是“${quote(s)}”`, `must be a number, not "${quote(s)}"`);
  return ok(Number(s));
}

/** A region code typed as 520602 (text or number). */
export function parseCode(raw: RawCell): Parsed<string> {
  if (typeof raw === 'number') return ok(Number.isInteger(raw) ? String(raw) : String(raw));
  return ok(cleanCode(raw));
}

/**
 * 身份证号: a number cell, or text in scientific notation, means the spreadsheet already
 * destroyed the last digits — say so plainly. A lower-case x is the same check character.
 */
export function parseIdCell(raw: RawCell): Parsed<string> {
  if (typeof raw === 'number') return bad(ID_NUMBER_MESSAGES.scientific.zh, ID_NUMBER_MESSAGES.scientific.en);
  // The api's own reading (domain/id-number.ts): the same input is accepted or refused alike.
  const r = readIdNumber(cleanText(raw));
  if (!r.ok) {
    const m = idNumberMessage(r);
    return bad(m.zh, m.en);
  }
  return ok(r.value);
}

/** A choice by any of its names (the template's label, the app's label, the stored key). */
export function parseChoice<K extends string>(raw: RawCell, choices: Record<K, readonly string[]>): Parsed<K | null> {
  const s = cleanCode(raw);
  if (s === '') return ok(null);
  const wanted = s.toLowerCase();
  for (const key of Object.keys(choices) as K[]) {
    if (key.toLowerCase() === wanted) return ok(key);
    for (const name of choices[key]) if (cleanCode(name).toLowerCase() === wanted) return ok(key);
  }
  const names = (Object.keys(choices) as K[]).map((k) => choices[k][0]).join(' / ');
  return bad(`“${quote(s)}”不是可选值（${names}）`, `"${quote(s)}" is not one of: ${names}`);
}
