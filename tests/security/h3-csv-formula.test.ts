/**
 * H3 (security review): CSV formula injection. Names such as `=HYPERLINK(…)`, `+cmd|…`,
 * `-1+1` or `@SUM(1)` must open as text wherever the app writes them: the grids' 导出 CSV
 * (DataGrid → grid-csv.ts → domain/csv-cell.ts), any CSV the app writes, and the xlsx
 * exports (typed string cells, never formulas). Imports keep such names as literal text.
 * LibreOffice (soffice, as on CI) converts the CSVs to xlsx, and no cell may come back as a
 * formula.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ProcessCellForExportParams, ProcessHeaderForExportParams } from 'ag-grid-community';
import { csvCell, csvRow, csvText, formulaSafe, formulaSafeShown, startsFormula } from '../../src-main/domain/csv-cell';
import { GRID_CSV_PARAMS, gridCsvCell, gridCsvHeader } from '../../src-renderer/src/components/grid-csv';
import { TEMPLATES } from '../../src-main/import/templates';
import { idFor } from '../integration/helpers';
import { importFile } from '../integration/import-helpers';
import { freshDb } from '../support/temp-db';

const HOSTILE = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(1)', '=1+1', '\t=1+1', '\r=1+1'];

describe('the formula-safe cell (domain/csv-cell.ts)', () => {
  it.each([
    // [value, formulaSafe, csvCell]
    ['张三', '张三', '张三'],
    ['=1+1', "'=1+1", `"'=1+1"`],
    ['+1', "'+1", `"'+1"`],
    ['-1+1', "'-1+1", `"'-1+1"`],
    ['@SUM(1)', "'@SUM(1)", `"'@SUM(1)"`],
    ['\t=1', "'\t=1", `"'\t=1"`],
    ['\r=1', "'\r=1", `"'\r=1"`],
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`, `"'=HYPERLINK(""http://x"",""click"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", `"'+cmd|' /C calc'!A0"`],
    ['a,b', 'a,b', '"a,b"'],
    ['say "hi"', 'say "hi"', '"say ""hi"""'],
    ['line\nbreak', 'line\nbreak', '"line\nbreak"'],
    ['a=1', 'a=1', 'a=1'],
    ['', '', ''],
    // text that looks like a number is still text a user typed
    ['-5', "'-5", `"'-5"`],
  ])('%j', (value, safe, cell) => {
    expect(formulaSafe(value)).toBe(safe);
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves finite JS numbers alone (a negative gap stays a number), and writes null, undefined and NaN as empty', () => {
    expect(formulaSafe(-12.5)).toBe('-12.5');
    expect(csvCell(-1)).toBe('-1');
    expect(formulaSafe(0)).toBe('0');
    expect([formulaSafe(null), formulaSafe(undefined), formulaSafe(Number.NaN), formulaSafe(Infinity)]).toEqual(['', '', '', '']);
    expect(formulaSafe(true)).toBe('true');
  });

  it('keeps a number formatted by the app as shown, and escapes anything else in a numeric column', () => {
    expect(formulaSafeShown(-3.2, '-3.2')).toBe('-3.2');
    expect(formulaSafeShown(-1234, '-1,234')).toBe('-1,234');
    expect(formulaSafeShown(0.125, '12.5%')).toBe('12.5%');
    expect(formulaSafeShown(1.5, '+1.5')).toBe('+1.5');
    expect(formulaSafeShown(-2, -2)).toBe('-2');
    // a formatter that shows text for a number, or a text value, is escaped as text
    expect(formulaSafeShown(5, '=1+1')).toBe("'=1+1");
    expect(formulaSafeShown('-1', '-1')).toBe("'-1");
    expect(formulaSafeShown('=1+1', '=1+1')).toBe("'=1+1");
    expect(startsFormula('x=1')).toBe(false);
  });

  it('writes whole files as Excel opens them: BOM, CRLF, one record per row', () => {
    expect(csvRow(['=1', 2, 'a,b'])).toBe(`"'=1",2,"a,b"`);
    expect(csvText([['姓名', '年龄'], ['@x', 80]])).toBe(`\ufeff姓名,年龄\r\n"'@x",80\r\n`);
  });
});

/** What AG Grid does with a processed value (CsvSerializingSession.putInQuotes): quote, double inner quotes. */
const gridQuote = (v: string) => `"${v.replace(/"/g, '""')}"`;

function cellParams(value: unknown, format: (v: unknown) => unknown = (v) => v, colDef: Record<string, unknown> = {}): ProcessCellForExportParams {
  return { value, formatValue: format, column: { getColDef: () => colDef } } as unknown as ProcessCellForExportParams;
}

describe('the grids’ CSV export (DataGrid.tsx)', () => {
  it('passes the formula-safe callbacks to exportDataAsCsv, and as the grid’s default CSV parameters', () => {
    const src = fs.readFileSync(path.resolve(__dirname, '../../src-renderer/src/components/DataGrid.tsx'), 'utf8');
    expect(src).toMatch(/import \{ GRID_CSV_PARAMS \} from '\.\/grid-csv';/);
    expect(src).toMatch(/exportDataAsCsv\(\{.*\.\.\.GRID_CSV_PARAMS \}\)/);
    expect(src).toContain('defaultCsvExportParams={GRID_CSV_PARAMS}');
    expect(src.match(/exportDataAsCsv\(/g)).toHaveLength(1);
    expect(GRID_CSV_PARAMS.processCellCallback).toBe(gridCsvCell);
    expect(GRID_CSV_PARAMS.processHeaderCallback).toBe(gridCsvHeader);
  });

  it('escapes hostile names, formatted or not, and leaves the app’s numbers as numbers', () => {
    for (const name of HOSTILE) expect(gridCsvCell(cellParams(name))).toBe(formulaSafe(name));
    // the formatter's output is what is exported, as without a callback
    expect(gridCsvCell(cellParams('x', () => '=evil()'))).toBe("'=evil()");
    expect(gridCsvCell(cellParams('=a', () => '=a', { useValueFormatterForExport: false }))).toBe("'=a");
    expect(gridCsvCell(cellParams(-2.5, (v) => String(v)))).toBe('-2.5');
    expect(gridCsvCell(cellParams(85, (v) => `高龄 ${String(v)}`))).toBe('高龄 85');
    const header = { api: { getDisplayNameForColumn: () => '=HEADER()' }, column: {} } as unknown as ProcessHeaderForExportParams;
    expect(gridCsvHeader(header)).toBe("'=HEADER()");
  });
});

// ——— LibreOffice round trip ———

function soffice(args: string[], dir: string): void {
  try {
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, ...args], { cwd: dir, stdio: 'pipe', timeout: 90_000 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui (as .ci/run does)', { cause: e });
    throw e;
  }
}

/** The sheet XML and shared strings of the first sheet of an xlsx. */
async function sheetXml(file: string): Promise<{ sheet: string; strings: string[] }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const sst = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/&amp;/g, '&');
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  return { sheet, strings };
}

/** A CSV opened by LibreOffice (UTF-8, comma, double quote) and saved as xlsx. */
async function throughLibreOffice(dir: string, name: string, csv: string): Promise<{ sheet: string; strings: string[] }> {
  const file = path.join(dir, `${name}.csv`);
  fs.writeFileSync(file, csv);
  soffice(['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, file], dir);
  return sheetXml(path.join(dir, `${name}.xlsx`));
}

const formulas = (sheet: string) => sheet.match(/<f[\s>][^<]*<\/f>|<f\/>/g) ?? [];
/** A text as LibreOffice keeps it in a cell: a carriage return becomes a line feed. */
const asKept = (text: string) => text.replace(/\r/g, '\n');

describe('CSV files opened by LibreOffice', () => {
  it('the grid’s CSV and the domain writer’s CSV open with no formula cell, every name kept as text; unescaped, the same names do become formulas', async () => {
    const { dir } = freshDb();
    const names = ['【演示】张三', ...HOSTILE];

    // As AG Grid writes it with the callbacks: every field quoted, the header too.
    const grid = [[gridQuote(gridCsvHeader({ api: { getDisplayNameForColumn: () => '姓名' }, column: {} } as unknown as ProcessHeaderForExportParams)), gridQuote('年龄')].join(',')]
      .concat(names.map((n, i) => [gridQuote(gridCsvCell(cellParams(n))), gridQuote(gridCsvCell(cellParams(-i, (v) => String(v))))].join(',')))
      .join('\r\n');
    const fromGrid = await throughLibreOffice(dir, 'grid', `\ufeff${grid}\r\n`);
    expect(formulas(fromGrid.sheet)).toEqual([]);
    for (const n of names) expect(fromGrid.strings).toContain(asKept(formulaSafe(n)));
    // the negative numbers stayed numbers
    expect(fromGrid.sheet).toMatch(/<c r="B3"[^>]*t="n"[^>]*><v>-1<\/v>/);

    const fromWriter = await throughLibreOffice(dir, 'writer', csvText([['姓名'], ...names.map((n) => [n])]));
    expect(formulas(fromWriter.sheet)).toEqual([]);
    for (const n of names) expect(fromWriter.strings).toContain(asKept(formulaSafe(n)));

    // The control: what the grid wrote before (no callback) LibreOffice evaluates: the `=` names
    // here (Excel and WPS evaluate `+`, `-` and `@` too).
    const unsafe = await throughLibreOffice(dir, 'unsafe', `\ufeff"姓名"\r\n${names.map(gridQuote).join('\r\n')}\r\n`);
    expect(formulas(unsafe.sheet).length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});

// ——— xlsx exports and imports ———

async function cellsOf(base64: string): Promise<{ formulas: string[]; texts: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out = { formulas: [] as string[], texts: [] as string[] };
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Formula) out.formulas.push(`${ws.name}!${c.address}`);
        if (typeof c.value === 'string') out.texts.push(c.value);
      }),
    ),
  );
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  for (const f of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)))
    out.formulas.push(...formulas(await zip.file(f)!.async('string')).map((x) => `${f}: ${x}`));
  return out;
}

describe('xlsx exports and imports', () => {
  it('write hostile names as text cells, never as formulas (roster, register export, month workbook)', async () => {
    const { api } = freshDb();
    const facility = await api.facility.create({ regionCode: '520602', name: '=HYPERLINK("http://x","院")', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    const beds = await api.bed.add({ facilityId: facility.id, count: HOSTILE.length, nursingCount: 0, labelPattern: '{n}', inServiceFrom: '2020-01-01' });
    const names = HOSTILE.map((n) => n.trim()).filter((n, i, all) => all.indexOf(n) === i);
    for (const [i, name] of names.entries()) {
      const r = await api.resident.create({ name, idNumber: idFor(100 + i), phone: '13800000000' });
      await api.stay.admit({ residentId: r.id, bedId: beds[i]!.id, admittedOn: '2026-01-02' });
    }
    const exports = {
      roster: (await api.resident.roster({})).base64,
      register: (await api.import.exportRegister({ template: 'residents' })).base64,
      facilities: (await api.import.exportRegister({ template: 'facilities' })).base64,
      month: (await api.month.workbook({ month: '2026-01' })).base64,
    };
    for (const [what, b64] of Object.entries(exports)) {
      const c = await cellsOf(b64);
      expect(c.formulas, what).toEqual([]);
      if (what === 'roster' || what === 'register') for (const n of names) expect(c.texts, `${what}: ${n}`).toContain(n);
      if (what === 'month' || what === 'facilities') expect(c.texts, what).toContain('=HYPERLINK("http://x","院")');
    }
  });

  it('an import keeps such names as literal text: a CSV with the name =1+1 stores "=1+1"', async () => {
    const { api, db } = freshDb();
    const header = TEMPLATES.residents.columns.map((c) => c.header);
    const names = ['=1+1', '@SUM(1)', "+cmd|' /C calc'!A0", '-1+1', '=HYPERLINK("http://x","click")'];
    // The file as a user would have it: plain RFC 4180, the names not escaped.
    const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const row = (name: string, n: number) => header.map((h) => (h === '姓名' ? name : h === '身份证号' ? idFor(200 + n) : '')).map(field).join(',');
    const csv = [header.join(','), ...names.map(row)].join('\r\n');
    expect(csv).toContain('\r\n=1+1,');
    const report = await importFile(api, 'residents', 'names.csv', Buffer.from(csv, 'utf8'));
    expect(report.problems, JSON.stringify(report.problems)).toEqual([]);
    expect(report.committed).toBe(true);
    const stored = (db.sqlite.prepare('SELECT name FROM residents ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name);
    expect(stored).toEqual(names);
  });
});
