/**
 * RFC 4180 CSV as Excel writes it: quoted fields may hold commas, quotes ("") and line
 * breaks; a record ends at CRLF or LF. The delimiter is a comma, or a tab when the first
 * line has tabs and no commas (Excel's "Unicode text").
 */
export interface CsvRecord {
  /** 1-based, as the spreadsheet numbers its rows. */
  line: number;
  cells: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let record = 1;
  let i = 0;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    out.push({ line: record, cells });
    record += 1;
    cells = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      // A long quoted field is taken in one slice rather than char by char.
      const next = text.indexOf('"', i);
      const end = next === -1 ? text.length : next;
      field += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === delimiter) {
      endField();
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || cells.length > 0) endRecord();
  return out;
}
