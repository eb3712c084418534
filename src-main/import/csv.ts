/**
 * CSV as Excel writes it (RFC 4180: quoted fields may hold commas, quotes and line breaks; a
 * record ends at CRLF, LF or CR), read as a stream by csv-parse: the bytes are decoded a
 * chunk at a time and each record is handed on as it is parsed, so a file of blank lines or
 * one huge cell never becomes millions of objects or one giant string. The delimiter is a
 * comma, or a tab when the first line has tabs and no commas (Excel's "Unicode text").
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** 1-based, as the spreadsheet numbers its rows (a quoted line break stays in its row). */
  line: number;
  cells: string[];
}

/** Decoding chunk: bounded, whatever the file size. */
const CHUNK_BYTES = 1 << 20;
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
 * Every record of the text, in order, as it is parsed. Blank records are yielded too (so row
 * numbers match the spreadsheet); the caller skips them without keeping them.
 */
export async function* readCsv(chunks: Iterable<string>): AsyncGenerator<CsvRecord> {
  const it = chunks[Symbol.iterator]();
  const first = it.next();
  if (first.done) return;
  const rest: Iterable<string> = { [Symbol.iterator]: () => it };
  const source = Readable.from((function* () {
    yield first.value;
    yield* rest;
  })(), { objectMode: false, encoding: 'utf8' });
  const parser = parse({
    delimiter: delimiterOf(first.value),
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let line = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      line += 1;
      yield { line, cells };
    }
  } catch (e) {
    if (e instanceof Error && 'code' in e) {
      const code = String((e as { code: unknown }).code);
      if (code === 'CSV_MAX_RECORD_SIZE') throw new CsvReadError('record-too-long', line + 1);
      if (code.startsWith('CSV_')) throw new CsvReadError('malformed', line + 1);
    }
    throw e;
  } finally {
    source.destroy();
    parser.destroy();
  }
}
