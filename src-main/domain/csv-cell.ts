/**
 * CSV cells a spreadsheet program takes literally (OWASP "CSV injection"): Excel, WPS and
 * LibreOffice evaluate a cell that starts with `=`, `+`, `-` or `@` as a formula (and `+cmd|…`
 * as DDE), and a leading tab or carriage return can hide such a start. A text cell starting
 * with one of these gets a single quote in front, which the programs show as plain text.
 *
 * Numbers are left alone: a finite JS number such as -12.5 is written by this app, never
 * typed by a user, and "-12.5" is read back as the number it is, not as a formula; quoting it
 * would turn every negative gap in a figures grid into text. Only text (names, addresses,
 * anything a user typed) is escaped, including text that merely looks like a number.
 */

/** The first characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/** Whether a text would start a formula when a spreadsheet opens it as a CSV cell. */
export function startsFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]!);
}

/** A cell's text, safe from formula evaluation: finite numbers as they are, text prefixed with `'` when needed. */
export function formulaSafe(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : String(value);
  return startsFormula(text) ? `'${text}` : text;
}

/**
 * A cell as a grid shows it: `shown` is the formatted text, `raw` the value behind it. A
 * finite number formatted by the app ("1,234", "-3.2", "45.0%") stays as shown; anything else
 * is escaped as text.
 */
export function formulaSafeShown(raw: unknown, shown: unknown): string {
  if (typeof raw === 'number' && Number.isFinite(raw) && (typeof shown === 'number' || (typeof shown === 'string' && NUMBER_TEXT.test(shown))))
    return String(shown);
  return formulaSafe(shown);
}

/** What the app's number formats produce: a sign, digits, separators, a percent or per-mille sign. */
const NUMBER_TEXT = /^[-+]?[\d,]*\.?\d+[%‰]?$/;

/** One CSV field (RFC 4180): formula-safe, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: unknown): string {
  const text = formulaSafe(value);
  return /[",\r\n]/.test(text) || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}

/** A whole CSV file as Excel opens it on a Chinese Windows: UTF-8 with BOM, CRLF line ends. */
export function csvText(rows: ReadonlyArray<readonly unknown[]>): string {
  return `\ufeff${rows.map(csvRow).join('\r\n')}\r\n`;
}
