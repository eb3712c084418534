/** Every cell of the xlsx files an api result carries (base64), as text (not a test file itself). */
import ExcelJS from 'exceljs';

export async function xlsxText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell({ includeEmpty: false }, (c) => void out.push(c.text))));
  return out.join('\n');
}

/** Every base64 file in a result, as text, appended to `out`. */
export async function filesIn(v: unknown, out: string[]): Promise<void> {
  if (Array.isArray(v)) for (const x of v) await filesIn(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'base64' && typeof x === 'string') out.push(await xlsxText(x));
      else await filesIn(x, out);
    }
}
