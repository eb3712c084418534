/**
 * The form writer (services/form-xlsx.ts) on a small hand-made form: grouped headers merge,
 * values keep their kind (a date is a date cell, a points gap −0.023 is held as −2.3, fen as
 * yuan), one font family on every cell, the print setup repeats the top rows and the header,
 * an internal form is marked on every sheet and page. Converted once with LibreOffice: every
 * page carries the title and the bars page its bars and target (tests/artifacts/form-xlsx-N.png).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INTERNAL_MARK, SEAL_LABEL, SIGNATURE_LABELS, type PrintedForm } from '../../src-main/domain/printed-form';
import { FORM_FONT, formXlsxBuffer } from '../../src-main/services/form-xlsx';
import { pdfPages, pdfToPngs, toPdf } from '../support/pdf-pages';

const form: PrintedForm = {
  kind: 'countySummary',
  title: '铜仁市测试统计表',
  unit: '铜仁市民政局养老服务科',
  period: '2026年11月',
  units: '计量单位：张、‰、%',
  state: '统计截至 2026-11-30',
  internal: true,
  orientation: 'landscape',
  fileName: 'test.xlsx',
  generatedAt: '2026-12-01T08:00:00.000Z',
  pages: [
    {
      sheet: '汇总',
      signature: true,
      blocks: [
        {
          type: 'table',
          columns: [
            { title: '区县', kind: 'text' },
            { title: '实际', group: '护理型床位占比', kind: 'percent' },
            { title: '差距（个百分点）', group: '护理型床位占比', kind: 'points' },
            { title: '开始日期', kind: 'date' },
            { title: '年度费用（元）', kind: 'yuan' },
            { title: '状态', kind: 'text' },
          ],
          rows: [
            ['印江土家族苗族自治县', 0.346, -0.023, '2026-03-01', 12_000_000, '有效'],
            ['合计', null, 0.012, null, 0, { value: 3, kind: 'count' }],
          ],
          emphasis: [1],
        },
        { type: 'note', text: '说明：这是一段说明文字，它应当合并在表格的宽度之上并自动换行。' },
        {
          type: 'table',
          caption: '规划建设进度',
          columns: [
            { title: '指标', kind: 'text', minWidth: 24 },
            { title: '实际', kind: 'count' },
            { title: '差距', kind: 'gapCount' },
          ],
          rows: [],
          empty: '尚未录入规划目标。',
        },
      ],
    },
    {
      sheet: '柱状图',
      blocks: [
        {
          type: 'bars',
          caption: '每千名老年人拥有养老床位',
          unit: '张/千人',
          kind: 'perThousand',
          target: 35,
          bars: [
            { label: '碧江区', value: 22.1 },
            { label: '印江土家族苗族自治县', value: 18.3, highlight: true },
            { label: '江口县', value: 36.2 },
            { label: '万山区', value: null },
          ],
        },
      ],
    },
  ],
};

function allCells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => cells.push(c)));
  return cells;
}

describe('the form writer', () => {
  it('merges grouped headers, keeps kinds, writes one font family and sets the print', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await formXlsxBuffer(form)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '柱状图']);
    const ws = wb.getWorksheet('汇总')!;

    // Top rows: 内部资料, title, unit · period · page, units, state; then two header rows.
    expect(String(ws.getCell(1, 1).value)).toContain(INTERNAL_MARK);
    expect(ws.getCell(2, 1).value).toBe('铜仁市测试统计表');
    expect(ws.getCell(2, 1).font.bold).toBe(true);
    expect(String(ws.getCell(3, 1).value)).toBe('填报单位：铜仁市民政局养老服务科\u3000\u3000统计期：2026年11月\u3000\u3000汇总');
    expect(ws.getCell(4, 1).value).toBe('计量单位：张、‰、%');
    expect(ws.getCell(5, 1).value).toBe('统计截至 2026-11-30');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toContain('A2:F2');
    expect(merges).toContain('B6:C6'); // the group over 实际 / 差距
    expect(merges).toContain('A6:A7'); // 区县 over both header rows
    expect(ws.getCell('B6').value).toBe('护理型床位占比');
    // A narrow table is widened to fill the page (fillPage), so this title fits on one line; a title that does not fit breaks only before （.
    expect(ws.getCell('C7').value).toBe('差距（个百分点）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:7', horizontalCentered: true });
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    expect(ws.headerFooter.oddHeader).toContain(INTERNAL_MARK);

    // Values by kind.
    expect(ws.getCell('A8').value).toBe('印江土家族苗族自治县');
    expect(ws.getCell('B8').value).toBe(0.346);
    expect(ws.getCell('B8').numFmt).toBe('0.0%');
    expect(ws.getCell('C8').value).toBe(-2.3);
    expect(ws.getCell('C8').numFmt).toBe('+0.0;"\u2212"0.0;0.0');
    expect(ws.getCell('D8').value).toBeInstanceOf(Date);
    expect((ws.getCell('D8').value as Date).toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(ws.getCell('D8').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('E8').value).toBe(120_000);
    expect(ws.getCell('E8').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B8').alignment.horizontal).toBe('right');
    expect(ws.getCell('A8').alignment.horizontal).toBe('left');
    expect(ws.getCell('B9').value).toBe('—');
    expect(ws.getCell('C9').value).toBe(1.2);
    expect(ws.getCell('F9').value).toBe(3); // a cell of its own kind: a count, not text
    expect(ws.getCell('A9').font.bold).toBe(true);

    // Widths: the county's full name fits; a column is never narrower than its widest header word.
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(20 + 2);

    // The note, the empty second table (its caption, header and one merged row), the signature block.
    const texts = allCells(ws).map((c) => (typeof c.value === 'object' && c.value && 'richText' in c.value ? c.value.richText.map((r) => r.text).join('') : String(c.value)));
    expect(texts.some((t) => t.startsWith('说明：'))).toBe(true);
    expect(texts).toContain('规划建设进度');
    expect(texts).toContain('尚未录入规划目标。');
    for (const label of SIGNATURE_LABELS) expect(texts.some((t) => t.startsWith(`${label}：`)), label).toBe(true);
    expect(texts).toContain(SEAL_LABEL);

    // One font family on every cell written, on both sheets.
    for (const sheet of wb.worksheets) {
      const fonts = new Set(allCells(sheet).map((c) => c.font?.name));
      expect([...fonts], sheet.name).toEqual([FORM_FONT]);
    }

    // Bars: label | value | the bar (a data bar over a hidden number); the highlighted label bold; the target as text.
    const bars = wb.getWorksheet('柱状图')!;
    const labelRow = allCells(bars).find((c) => c.value === '印江土家族苗族自治县')!;
    expect(labelRow.font.bold).toBe(true);
    expect(bars.getCell(labelRow.row, 2).value).toBe(18.3);
    expect(texts.length).toBeGreaterThan(0);
    expect(allCells(bars).some((c) => c.value === '目标：35.0 张/千人')).toBe(true);
  });

  it('prints through LibreOffice: the title on every page, the bars page with its bars and target', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'form-xlsx-'));
    try {
      const file = path.join(dir, 'form-xlsx.xlsx');
      fs.writeFileSync(file, await formXlsxBuffer(form));
      const pdf = toPdf(file, dir);
      const pages = pdfPages(pdf);
      pdfToPngs(pdf, 'form-xlsx');
      expect(pages.length).toBe(2);
      for (const p of pages) {
        expect(p).toContain('铜仁市测试统计表');
        expect(p).toContain(INTERNAL_MARK);
        expect(p).toContain('统计期：2026年11月');
      }
      expect(pages[0]).toContain('−2.3');
      expect(pages[0]).toContain('2026-03-01');
      expect(pages[0]).toContain('120,000.00');
      expect(pages[1]).toContain('印江土家族苗族自治县');
      expect(pages[1]).toContain('目标：35.0 张/千人');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
