/**
 * CSV as Excel writes it (RFC 4180: quoted fields may hold commas, quotes and line breaks; a
 * record ends at CRLF, LF or CR), read as a stream by csv-parse: the bytes are decoded a
 * chunk at a time and each record is handed on as it is parsed, so a file of blank lines or
 * one huge cell never becomes millions of objects or one giant string. The delimiter is a
 * comma, or a tab when the first line has tabs and no commas (Excel's "Unicode text").
 */
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** 1-based, as the spreadsheet numbers its rows (a quoted line break stays in its row). */
  line: number;
  cells: string[];
}

/** Decoding chunk: bounded, whatever the file size. */
const CHUNK_BYTES = 256 << 10;
/** The longest record read (characters); a longer one ends the read with a clear message. */
export const MAX_RECORD_CHARS = 16 << 20;

export class CsvReadError extends Error {
  constructor(
    readonly reason: 'record-too-long' | 'malformed',
    readonly line: number,
  ) {
    super(`${reason} at record ${line}`);
  }
}

/** Text chunks of `bytes` decoded with `encoding` (a TextDecoder label); throws on invalid bytes when fatal. */
export function* decodeChunks(bytes: Uint8Array, encoding: string, fatal: boolean): Generator<string> {
  const decoder = new TextDecoder(encoding, { fatal });
  for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) {
    const text = decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function delimiterOf(firstChunk: string): ',' | '\t' {
  const end = firstChunk.search(/\r|\n/);
  const first = end === -1 ? firstChunk : firstChunk.slice(0, end);
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/**
 * Hands every record of the text, in order, to `onRecord` as it is parsed, until it returns
 * false. Blank records are handed on too (so row numbers match the spreadsheet); the caller
 * skips them without keeping them. Records are consumed inside the parser (on_record), so
 * none pile up in a stream buffer, whatever a chunk holds.
 */
export async function readCsv(chunks: Iterable<string>, onRecord: (record: CsvRecord) => boolean): Promise<void> {
  let parser: ReturnType<typeof parse> | null = null;
  let line = 0;
  let stop = false;
  const write = (p: ReturnType<typeof parse>, chunk: string) =>
    new Promise<void>((resolve, reject) => p.write(chunk, (e) => (e ? reject(e) : resolve())));
  try {
    for (const chunk of chunks) {
      if (!parser) {
        parser = parse({
          delimiter: delimiterOf(chunk),
          record_delimiter: ['\r\n', '\n', '\r'],
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: false,
          max_record_size: MAX_RECORD_CHARS,
          on_record: (cells: string[]) => {
            if (stop) return null;
            line += 1;
            if (!onRecord({ line, cells })) stop = true;
            return null;
          },
        });
        parser.on('error', () => undefined); // reported through the write callbacks
      }
      await write(parser, chunk);
      if (stop) return;
    }
    if (parser) await new Promise<void>((resolve, reject) => parser!.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } catch (e) {
    if (e instanceof Error && 'code' in e) {
      const code = String((e as { code: unknown }).code);
      if (code === 'CSV_MAX_RECORD_SIZE') throw new CsvReadError('record-too-long', line + 1);
      if (code.startsWith('CSV_')) throw new CsvReadError('malformed', line + 1);
    }
    throw e;
  } finally {
    parser?.destroy();
  }
}

/** Line breaks in the raw bytes (LF, or CR for old Mac files): an upper bound of the rows, found without decoding. */
export function lineBreaks(bytes: Uint8Array): number {
  let lf = 0;
  let cr = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lf += 1;
  if (lf === 0) for (let i = bytes.indexOf(0x0d); i !== -1; i = bytes.indexOf(0x0d, i + 1)) cr += 1;
  return Math.max(lf, cr);
}
