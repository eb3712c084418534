/**
 * The monthly workbook opened by a real spreadsheet program: LibreOffice (headless, Debian's
 * libreoffice-calc-nogui, installed by .ci/run) converts every sheet to CSV and the whole
 * workbook to PDF without error, and the figures it reads equal the statistics query. The
 * PDF is kept in tests/artifacts for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localActor } from '../../src-main/services/local-actor';
import { seedDemo } from '../../src-main/cli/demo-data';
import { exportMonthToFile } from '../../src-main/services/month-export';
import type { StatisticsRow } from '../../src-main/services/statistics';
import { freshDb } from '../support/temp-db';

const MONTH = '2026-10';
const ARTIFACTS = path.resolve(__dirname, '../artifacts');
/** CSV filter: comma, double quote, UTF-8, from line 1, raw values, every sheet to its own file. */
const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

function soffice(args: string[], dir: string): void {
  try {
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, ...args], { cwd: dir, stdio: 'pipe', timeout: 90_000 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui (as .ci/run does)', { cause: e });
    throw e;
  }
}

/** The index of a sheet's (first) header row: the row that begins with `first`. */
function headerAt(rows: string[][], first: string): number {
  const i = rows.findIndex((r) => r[0] === first);
  expect(i, `header ${first}`).toBeGreaterThan(0);
  return i;
}

/** CSV as LibreOffice writes it; a quoted cell may hold line breaks (a header broken over two lines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let cur = '';
  let quoted = false;
  const endRow = () => {
    cells.push(cur);
    if (cells.length > 1 || cells[0] !== '') rows.push(cells);
    cells = [];
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cur += ch;
  }
  if (cur !== '' || cells.length > 0) endRow();
  return rows;
}

/** A cell as LibreOffice wrote it: "—" is no figure, "34.6%" a ratio, else a number. */
function value(cell: string): number | null {
  if (cell === '—') return null;
  if (cell.endsWith('%')) return Number(cell.slice(0, -1)) / 100;
  return Number(cell);
}

function expectFigure(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 9);
}

describe('the monthly workbook in LibreOffice', () => {
  it('converts to CSV and PDF without error, with every county figure equal to the statistics query', async () => {
    const { db, api, dir } = freshDb();
    await seedDemo(db);
    await api.month.close({ month: MONTH });
    const stats = await api.report.statistics({ date: '2026-10-31' });
    const xlsx = path.join(dir, `养老床位月报_520600_${MONTH}.xlsx`);
    await exportMonthToFile({ db, actor: localActor(db) }, MONTH, xlsx);

    soffice(['--convert-to', CSV_ALL_SHEETS, '--outdir', path.join(dir, 'csv'), xlsx], dir);
    soffice(['--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), xlsx], dir);

    const base = path.basename(xlsx, '.xlsx');
    const sheets = fs.readdirSync(path.join(dir, 'csv')).sort();
    expect(sheets).toEqual(['分区县汇总', '机构明细', '公建民营', '能力等级分布', '数据质量'].map((s) => `${base}-${s}.csv`).sort());

    const summary = parseCsv(fs.readFileSync(path.join(dir, 'csv', `${base}-分区县汇总.csv`), 'utf8'));
    // Under the title, unit, period, units and state: two header rows (groups, then titles).
    const top = headerAt(summary, '区划代码');
    const header = summary[top]!.map((h) => h.replace(/\n/g, ''));
    expect(header.slice(0, 3)).toEqual(['区划代码', '区县', '60岁及以上人口（人）']);
    const rows: StatisticsRow[] = [...stats.rows, stats.total];
    rows.forEach((s, i) => {
      const r = summary[top + 2 + i]!;
      const v = (col: number) => value(r[col - 1]!);
      const what = (name: string) => `${s.name} ${name}`;
      expect(r[0]).toBe(s.code);
      expect(r[1]).toBe(s.name);
      expectFigure(v(3), s.population60, what('60岁及以上人口'));
      expect([v(5), v(6), v(7), v(8)], what('床位')).toEqual([s.beds.institution, s.beds.community, s.beds.mutual_aid, s.countedBeds]);
      expectFigure(v(9), s.bedsPerThousand, what('每千名老年人床位'));
      expectFigure(v(12), s.nursingBeds, what('护理型床位'));
      expectFigure(v(13), s.nursingShare, what('护理型占比'));
      expectFigure(v(16), s.occupiedBeds, what('在住床位'));
      expectFigure(v(17), s.occupancyRate, what('入住率'));
      expectFigure(v(18), s.tekunRate, what('特困集中供养率'));
    });

    const facilities = parseCsv(fs.readFileSync(path.join(dir, 'csv', `${base}-机构明细.csv`), 'utf8'));
    const operating = (await api.facility.occupancy({ date: '2026-10-31' })).filter((f) => f.status !== null);
    expect(facilities.length - headerAt(facilities, '区县') - 2).toBe(operating.length);

    // 数据质量 as LibreOffice reads it: counts per check and county, the findings all counted.
    const quality = parseCsv(fs.readFileSync(path.join(dir, 'csv', `${base}-数据质量.csv`), 'utf8'));
    const qualityTop = headerAt(quality, '级别');
    expect(quality[qualityTop]).toEqual(['级别', '问题', '区县', '数量', '说明']);
    const findings = await api.report.dataQuality({ date: '2026-10-31' });
    const counted = quality.slice(qualityTop + 1).reduce((n, r) => n + (/^\d+$/.test(r[3] ?? '') ? Number(r[3]) : 0), 0);
    expect(counted).toBe(findings.length);

    const pdf = path.join(dir, 'pdf', `${base}.pdf`);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(5);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.copyFileSync(pdf, path.join(ARTIFACTS, `${base}.libreoffice.pdf`));
  }, 180_000);
});
