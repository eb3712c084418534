/**
 * The print page's rendering of a PrintedForm (src-renderer/src/pages/print/PrintedFormView.tsx),
 * as static markup: the @page rule follows the orientation; each sheet's <thead> carries the top
 * lines (and 内部资料 when the form holds personal data); grouped headers span their columns;
 * values formatted by kind; the bar chart in black and grey with a dashed 目标 line; the
 * signature block; no links, no colours.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { INTERNAL_KEEPING, SEAL_LABEL, SIGNATURE_LABELS, type PrintedForm } from '../../src-main/domain/printed-form';
import { PrintedFormView } from '../../src-renderer/src/pages/print/PrintedFormView';

const form: PrintedForm = {
  kind: 'countySummary',
  title: '铜仁市养老服务机构床位统计月报',
  unit: '印江土家族苗族自治县民政局',
  period: '2026年11月',
  units: '计量单位：床位 张',
  state: '统计截至 2026-11-30',
  internal: true,
  orientation: 'portrait',
  fileName: 'x.xlsx',
  generatedAt: '2026-12-01T08:00:00.000Z',
  pages: [
    {
      sheet: '概况',
      signature: true,
      blocks: [
        {
          type: 'table',
          columns: [
            { title: '区县', kind: 'text' },
            { title: '实际', group: '护理型床位占比', kind: 'percent' },
            { title: '差距（个百分点）', group: '护理型床位占比', kind: 'points' },
            { title: '开办日期', kind: 'date' },
          ],
          rows: [
            ['印江土家族苗族自治县', 0.346, -0.204, '2019-03-01'],
            ['合计', { value: 12, kind: 'count' }, null, null],
          ],
          emphasis: [1],
        },
        { type: 'note', text: '说明：示例。' },
        { type: 'bars', caption: '每千名老年人床位', unit: '张/千人', kind: 'perThousand', target: 35, bars: [{ label: '碧江区', value: 22.1 }, { label: '印江土家族苗族自治县', value: 23.8, highlight: true }] },
      ],
    },
    { sheet: '床位', blocks: [{ type: 'table', columns: [{ title: '床位号', kind: 'text' }], rows: [], empty: '本机构暂无床位。' }] },
  ],
};

describe('PrintedFormView', () => {
  const html = renderToStaticMarkup(createElement(PrintedFormView, { form }));

  it('sets the paper by the form’s orientation and starts each page as a section', () => {
    expect(html).toMatch(/@page \{ size: A4 portrait; margin: [^;]+; \}/);
    expect(html.match(/<section /g)).toHaveLength(2);
  });

  it('repeats the top lines in every sheet’s table head, with 内部资料 for personal data', () => {
    const heads = [...html.matchAll(/<table class="pf-sheet"><thead>(.*?)<\/thead>/g)].map((m) => m[1]!);
    expect(heads).toHaveLength(2);
    for (const h of heads) {
      for (const s of [form.title, `填报单位：${form.unit}`, `统计期：${form.period}`, form.units, form.state!, '<b>内部资料</b>', INTERNAL_KEEPING.slice('内部资料'.length)]) expect(h).toContain(s);
    }
    expect(heads[1]).toContain('床位');
  });

  it('groups headers: a group cell over its columns, rowSpan 2 for the others', () => {
    expect(html).toContain('<th class="pf-col" colSpan="2">护理型床位占比</th>');
    expect(html).toContain('<th class="pf-col" rowSpan="2">区县</th>');
    expect(html).toContain('差距<wbr/>（个百分点）');
  });

  it('formats values by kind: numbers right-aligned, points without %, totals bold, names whole, an empty table says so', () => {
    expect(html).toContain('<td class="pf-name">印江土家族苗族自治县</td>');
    expect(html).toContain('<td class="pf-num">34.6%</td>');
    expect(html).toContain('<td class="pf-num">−20.4</td>');
    expect(html).toContain('<td class="pf-date">2019-03-01</td>');
    expect(html).toMatch(/<tr class="pf-emph"><td class="pf-name">合计<\/td><td class="pf-num">12<\/td>/);
    expect(html).toContain('本机构暂无床位。');
  });

  it('draws the bars in black and grey, the county darker, a dashed target line labelled 目标', () => {
    const svg = /<svg[\s\S]*<\/svg>/.exec(html)![0];
    expect(svg).toContain('印江土家族苗族自治县');
    expect(svg).toContain('目标 35.0');
    expect(svg).toContain('stroke-dasharray="4 3"');
    const fills = [...svg.matchAll(/(?:fill|stroke)="#([0-9a-f]{3}|[0-9a-f]{6})"/gi)].map((m) => m[1]!.toLowerCase());
    for (const f of fills) {
      const hex = f.length === 3 ? f.split('').map((c) => c + c).join('') : f;
      expect(hex.slice(0, 2) === hex.slice(2, 4) && hex.slice(2, 4) === hex.slice(4, 6), `#${f} is grey`).toBe(true);
    }
    expect(svg).toContain('fill="#333"');
    expect(svg).toContain('fill="#b3b3b3"');
  });

  it('ends the signed page with the signature block, and nothing links or buttons', () => {
    const sign = /data-testid="printed-signature">([\s\S]*?)<\/section>/.exec(html)![1]!;
    for (const l of SIGNATURE_LABELS) expect(sign).toContain(l);
    expect(sign).toContain(SEAL_LABEL);
    expect(sign).toContain('年\u3000月\u3000日');
    expect(html).not.toMatch(/<a |<button/);
  });
});
