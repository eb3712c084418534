/**
 * Bytes of an uploaded file to rows of cells. xlsx through exceljs (the first worksheet);
 * CSV in UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030 (what Excel saves on
 * Chinese Windows), told apart by whether the bytes are valid UTF-8.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../domain/errors';
import { parseCsv } from './csv';
import type { RawCell } from './normalise';

export interface SheetRow {
  /** As the spreadsheet numbers it; the header is row 1. */
  rowNumber: number;
  cells: RawCell[];
}

export interface DecodedFile {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  rows: SheetRow[];
}

/** Larger files are refused before parsing: 50,000 register rows are well under this. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;

function fileError(code: string, zh: string, en: string): AppError {
  return new AppError({ code, kind: 'validation', field: 'file', zh, en });
}

const NOT_SPREADSHEET = () =>
  fileError('IMPORT_NOT_SPREADSHEET', '文件不是电子表格：请上传 .xlsx 或 .csv 文件', 'The file is not a spreadsheet: upload an .xlsx or .csv file');

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: GB18030 is a superset of GBK and GB2312, so it reads all three.
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw fileError('IMPORT_ENCODING', '无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 .xlsx', 'Unknown text encoding: save the file as UTF-8 or GBK CSV, or as .xlsx');
    }
  }
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

async function decodeXlsx(bytes: Uint8Array): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw fileError('IMPORT_BAD_XLSX', '无法读取该 .xlsx 文件（文件损坏或不是 Excel 工作簿）', 'Cannot read this .xlsx file (damaged, or not an Excel workbook)');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: RawCell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
    rows.push({ rowNumber, cells });
  });
  return rows;
}

export async function decodeFile(fileName: string, bytes: Uint8Array): Promise<DecodedFile> {
  if (bytes.byteLength === 0) throw fileError('IMPORT_EMPTY', '文件是空的', 'The file is empty');
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw fileError('IMPORT_TOO_LARGE', `文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`, `The file is too large (over ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw fileError('IMPORT_XLS', '不支持旧版 .xls 格式：请在 Excel 中另存为 .xlsx 后再导入', 'The old .xls format is not supported: save as .xlsx in Excel and import that');
  if (ext === 'xlsx' || zip) {
    if (!zip) throw NOT_SPREADSHEET();
    return { format: 'xlsx', encoding: null, rows: await decodeXlsx(bytes) };
  }
  if (ext !== 'csv' && ext !== 'txt') throw NOT_SPREADSHEET();
  // Text never holds NUL bytes (UTF-16 aside, which announces itself with a BOM).
  const probe = bytes.subarray(0, 4096);
  if (!startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff]) && probe.includes(0)) throw NOT_SPREADSHEET();
  const { text, encoding } = decodeText(bytes);
  const rows = parseCsv(text).map((r) => ({ rowNumber: r.line, cells: r.cells }));
  return { format: 'csv', encoding, rows };
}
