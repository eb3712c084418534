/**
 * The 打印未报送名单 form (/print/reporting/:month), described in the renderer as a PrintedForm
 * from 报送情况 (exchange.reporting), so it prints through the same PrintedFormView as the
 * server's forms: the offices not reported and late, with blank 电话 and 联系结果 columns to
 * fill in during a phoning round. Chinese, like every printed form.
 */
import { formatPercent } from '@domain/format';
import { periodOfMonth, type FormCell, type PrintedForm } from '@domain/printed-form';
import { dateTimeText } from '../../components/format';
import type { ReportingStatus } from './reporting-query';

const ORDER = { missing: 0, late: 1, reported: 2, notDue: 3 } as const;
const STATE_ZH = { missing: '未报送', late: '迟报' } as const;

export function reportingForm(status: ReportingStatus, unit: string, today: string): PrintedForm {
  const owing = status.rows.filter((r) => r.state === 'missing' || r.state === 'late').sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.regionCode.localeCompare(b.regionCode));
  const due = status.counts.reported + status.counts.late + status.counts.missing;
  const rows: FormCell[][] = owing.map((r, i) => [
    i + 1,
    r.regionName,
    r.name,
    r.level === 'county' ? '区县' : '机构',
    STATE_ZH[r.state as keyof typeof STATE_ZH],
    r.lastReceivedAt ? dateTimeText(r.lastReceivedAt) : '从未收到',
    '',
    '',
  ]);
  return {
    kind: 'month',
    title: `${periodOfMonth(status.month)}数据未报送机构名单`,
    unit,
    period: periodOfMonth(status.month),
    units: `报送截止：${status.deadline}（${status.overdue ? '已过' : '未到'}）`,
    state: `打印日期：${today}`,
    internal: false,
    orientation: 'portrait',
    fileName: `未报送名单_${status.month}.xlsx`,
    generatedAt: today,
    pages: [
      {
        sheet: '未报送及迟报',
        blocks: [
          {
            type: 'note',
            text: `应报送 ${due} 个，已报送 ${status.counts.reported + status.counts.late} 个（${formatPercent(status.share)}），其中迟报 ${status.counts.late} 个；未报送 ${status.counts.missing} 个。`,
          },
          {
            type: 'table',
            columns: [
              { title: '序号', kind: 'count', minWidth: 4 },
              { title: '区县', kind: 'text', minWidth: 8 },
              { title: '名称', kind: 'text', minWidth: 24 },
              { title: '层级', kind: 'text', minWidth: 4 },
              { title: '状态', kind: 'text', minWidth: 6 },
              { title: '最后收到', kind: 'text', minWidth: 16 },
              { title: '电话', kind: 'text', minWidth: 14 },
              { title: '联系结果', kind: 'text', minWidth: 20 },
            ],
            rows,
            empty: '所有应报送的机构均已报送。',
          },
        ],
      },
    ],
  };
}
