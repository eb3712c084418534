/**
 * Bytes of an uploaded file to rows of cells, read as a stream with a row limit: xlsx through
 * exceljs's streaming reader (the first worksheet, or the second when the first is an export's
 * cover, 封面: an exported register imports again unchanged); CSV through csv-parse, in UTF-8 with or
 * without BOM, UTF-16 with BOM, or GBK/GB18030 (what Excel saves on Chinese Windows), told
 * apart by whether the bytes are valid UTF-8. Blank rows are counted, never kept.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../domain/errors';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { CsvReadError, decodeChunks, lineBreaks, MAX_RECORD_CHARS, readCsv } from './csv';
import type { RawCell } from './normalise';
import { MAX_FILE_BYTES } from '../domain/import-limits';
import { COVER_SHEET } from '../domain/personal';

export interface SheetRow {
  /** As the spreadsheet numbers it; the header is row 1. */
  rowNumber: number;
  cells: RawCell[];
}

export interface DecodedFile {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  /** The header and the non-blank rows, up to the row limit. */
  rows: SheetRow[];
  /** The file has more data rows than the limit (the rows beyond it were not read). */
  tooManyRows: boolean;
}

export { MAX_FILE_BYTES } from '../domain/import-limits';

function fileError(code: string, zh: string, en: string): AppError {
  return new AppError({ code, kind: 'validation', field: 'file', zh, en });
}

const NOT_SPREADSHEET = () =>
  fileError('IMPORT_NOT_SPREADSHEET', '文件不是电子表格：请上传 .xlsx 或 .csv 文件', 'The file is not a spreadsheet: upload an .xlsx or .csv file');

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Which text encoding the bytes are in (a TextDecoder label), and where the text starts (after a BOM). */
export function detectEncoding(bytes: Uint8Array): { encoding: string; label: string; skip: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', label: 'utf-8-bom', skip: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', label: 'utf-16le', skip: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', label: 'utf-16be', skip: 2 };
  if (isUtf8(bytes)) return { encoding: 'utf-8', label: 'utf-8', skip: 0 };
  // Not UTF-8: GB18030 is a superset of GBK and GB2312, so it reads all three.
  return { encoding: 'gb18030', label: 'gb18030', skip: 0 };
}

function cellValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    if (r === undefined || r === null) return null;
    if (typeof r === 'object' && !(r instanceof Date)) return null;
    return r;
  }
  if ('hyperlink' in v) return String((v as ExcelJS.CellHyperlinkValue).text ?? '');
  if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  return null;
}

/** Rows a spreadsheet can have (Excel's limit): a longer file is not a register. */
export const SPREADSHEET_MAX_ROWS = 1_048_576;

export interface DecodeLimits {
  /** Data rows (not blank, below the header) to read; one more marks the file as too long. */
  maxRows: number;
}

/** Collects the non-blank rows up to the limit; blank rows are counted, never kept. */
class RowSink {
  readonly rows: SheetRow[] = [];
  tooManyRows = false;
  constructor(private readonly limits: DecodeLimits) {}
  /** false: stop reading. */
  add(rowNumber: number, cells: RawCell[]): boolean {
    if (rowNumber > SPREADSHEET_MAX_ROWS)
      throw fileError('IMPORT_TOO_MANY_LINES', `文件超过 ${SPREADSHEET_MAX_ROWS.toLocaleString('en-US')} 行（电子表格的行数上限），不是可导入的登记表`, `The file has more than ${SPREADSHEET_MAX_ROWS.toLocaleString('en-US')} rows (a spreadsheet's limit); it is not a register to import`);
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return true;
    if (this.rows.length > this.limits.maxRows) {
      this.tooManyRows = true;
      return false;
    }
    this.rows.push({ rowNumber, cells });
    return true;
  }
}

async function decodeXlsx(bytes: Uint8Array, sink: RowSink): Promise<void> {
  // The streaming reader: rows arrive one at a time, so a sheet's size bounds nothing in memory.
  // Loaded only for a workbook: a CSV import (and the worker that runs it) never pays for exceljs.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    let first = true;
    for await (const sheet of reader) {
      // An export's cover: read through (its stream must be consumed), nothing kept.
      // (exceljs's typings omit the reader's name, which it takes from xl/workbook.xml.)
      if (first && (sheet as unknown as { name?: string }).name === COVER_SHEET) {
        first = false;
        for await (const row of sheet) void row;
        continue;
      }
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        if (!sink.add(row.number, cells)) break;
      }
      break; // the first worksheet only (after a cover)
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError('IMPORT_BAD_XLSX', '无法读取该 .xlsx 文件（文件损坏或不是 Excel 工作簿）', 'Cannot read this .xlsx file (damaged, or not an Excel workbook)');
  }
}

async function decodeCsv(bytes: Uint8Array, sink: RowSink): Promise<string> {
  const { encoding, label, skip } = detectEncoding(bytes);
  // In UTF-8 and GB18030 a 0x0A byte is always a line feed: a file with more line breaks than a
  // spreadsheet has rows is refused before parsing (a 58 MB file of blank lines, at once).
  if (!encoding.startsWith('utf-16') && lineBreaks(bytes) > SPREADSHEET_MAX_ROWS + 1) sink.add(SPREADSHEET_MAX_ROWS + 1, []);
  try {
    await readCsv(decodeChunks(bytes.subarray(skip), encoding, encoding === 'gb18030'), (r) => sink.add(r.line, r.cells));
  } catch (e) {
    if (e instanceof CsvReadError)
      throw e.reason === 'record-too-long'
        ? fileError('IMPORT_RECORD_TOO_LONG', `第 ${e.line} 行过长（超过 ${MAX_RECORD_CHARS.toLocaleString('en-US')} 个字符），文件无法导入`, `Row ${e.line} is too long (over ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters); the file cannot be imported`)
        : fileError('IMPORT_BAD_CSV', `第 ${e.line} 行无法读取（CSV 格式错误）`, `Row ${e.line} cannot be read (malformed CSV)`);
    if (e instanceof TypeError)
      throw fileError('IMPORT_ENCODING', '无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 .xlsx', 'Unknown text encoding: save the file as UTF-8 or GBK CSV, or as .xlsx');
    throw e;
  }
  return label;
}

export async function decodeFile(fileName: string, bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedFile> {
  if (bytes.byteLength === 0) throw fileError('IMPORT_EMPTY', '文件是空的', 'The file is empty');
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw fileError('IMPORT_TOO_LARGE', `文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`, `The file is too large (over ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw fileError('IMPORT_XLS', '不支持旧版 .xls 格式：请在 Excel 中另存为 .xlsx 后再导入', 'The old .xls format is not supported: save as .xlsx in Excel and import that');
  const sink = new RowSink(limits);
  if (ext === 'xlsx' || zip) {
    if (!zip) throw NOT_SPREADSHEET();
    await decodeXlsx(bytes, sink);
    return { format: 'xlsx', encoding: null, rows: sink.rows, tooManyRows: sink.tooManyRows };
  }
  if (ext !== 'csv' && ext !== 'txt') throw NOT_SPREADSHEET();
  // Text never holds NUL bytes (UTF-16 aside, which announces itself with a BOM).
  const probe = bytes.subarray(0, 4096);
  if (!startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff]) && probe.includes(0)) throw NOT_SPREADSHEET();
  const encoding = await decodeCsv(bytes, sink);
  return { format: 'csv', encoding, rows: sink.rows, tooManyRows: sink.tooManyRows };
}
