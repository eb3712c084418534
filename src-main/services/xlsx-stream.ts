/**
 * A workbook written by exceljs's streaming writer into memory: rows are written out (zipped) as
 * they are committed, so a sheet of a province's facilities or residents never sits in memory as
 * cell objects — only the zipped bytes do, a few MB.
 *
 * Strings are written inline, not shared: exceljs's shared-string table keys rich text by its
 * string form ("[object Object]"), so every rich-text cell (the signature lines) would show the
 * first one's text.
 */
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

export async function streamedXlsx(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  // loaded when a workbook is made: a start (the CLI, the server) never pays for exceljs
  const { default: Excel } = await import('exceljs');
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  fill(wb);
  await wb.commit();
  return Buffer.concat(chunks);
}

/**
 * Centres the printed sheet between the page's margins (<printOptions horizontalCentered>),
 * which exceljs's streaming writer leaves out although it keeps `pageSetup.horizontalCentered`:
 * written just before the margins, where the sheet's XML expects it. Relies on the writer's
 * `_writePageMargins` (exceljs 4.4); tests/integration/form-xlsx.test.ts reads the option back.
 */
export function centredOnPage(ws: ExcelJS.Worksheet): void {
  const writer = ws as unknown as { _writePageMargins?: () => void; stream: { write(xml: string): void } };
  const margins = writer._writePageMargins;
  if (typeof margins !== 'function') throw new Error('exceljs streaming writer: _writePageMargins not found (centredOnPage needs updating)');
  writer._writePageMargins = function (this: unknown) {
    writer.stream.write('<printOptions horizontalCentered="1"/>');
    margins.call(writer);
  };
}
