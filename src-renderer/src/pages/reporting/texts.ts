/** Texts of the 报送情况 page, its printout, and its lines on 月报 and 首页. */
import type { ReportingState } from './reporting-query';

export const R = {
  title: { zh: '报送情况', en: 'Reporting' },
  hint: {
    zh: '下级机构与区县是否已报送所选月份的数据：收到其在月末之后生成的交换包即为已报送（无变动的机构也会发送“截至某日无变动”的小包），截止日之后才收到的为迟报。',
    en: 'Whether the offices below have sent their data for the month: a package they made after the month’s end has arrived (an office with no changes still sends a small “no change through” package); one that arrived after the deadline is late.',
  },
  month: { zh: '报送月份', en: 'Month' },
  deadline: { zh: '截止 {d}', en: 'Due {d}' },
  overdue: { zh: '已过', en: 'passed' },
  notYet: { zh: '未到', en: 'not yet' },
  share: { zh: '报送率', en: 'Share reported' },
  shareOf: { zh: '已报送 {n}/{due}', en: '{n} of {due} reported' },
  all: { zh: '全部', en: 'All' },
  region: { zh: '区县', en: 'County' },
  name: { zh: '名称', en: 'Name' },
  level: { zh: '层级', en: 'Level' },
  levelCounty: { zh: '区县', en: 'County' },
  levelFacility: { zh: '机构', en: 'Facility' },
  state: { zh: '状态', en: 'State' },
  reportedAt: { zh: '报送时间', en: 'Reported at' },
  lastReceivedAt: { zh: '最后收到', en: 'Last received' },
  madeThrough: { zh: '数据截至', en: 'Data through' },
  waiting: { zh: '等待前序包', en: 'Waiting for earlier' },
  gap: { zh: '缺少前序包（{n} 条变更待补）', en: 'Earlier package missing ({n} changes wait)' },
  empty: {
    zh: '本级以下尚无已登记的机构或区县。请在“数据交换”页登记下级机构，它们报送后即显示在此。',
    en: 'No office below is enrolled yet. Enrol them on the Data exchange page; they show here once they report.',
  },
  goExchange: { zh: '去数据交换', en: 'Go to Data exchange' },
  gridEmpty: { zh: '没有该状态的机构', en: 'No office in this state' },
  print: { zh: '打印未报送名单', en: 'Print the not-reported list' },
  printHint: { zh: '未报送与迟报的机构，附空白的电话/联系结果栏，供电话催报。', en: 'Offices not reported or late, with blank phone / result columns for a phoning round.' },
  // 月报's warning before closing
  monthWarn: { zh: '{n} 个机构尚未报送 {m} 月底前的数据', en: '{n} offices have not yet reported their data through the end of {ym}' },
  monthWarnBody: { zh: '仍可关账；迟到的数据会在关账后显示为差异，与更正相同。', en: 'You can still close the month; data arriving later shows as differences, like corrections.' },
  monthWarnMore: { zh: '等 {n} 个', en: 'and {n} more' },
  monthWarnPrint: { zh: '打印未报送名单', en: 'Print the list' },
  monthWarnOpen: { zh: '查看报送情况', en: 'Open Reporting' },
  // 首页
  dashboardLine: { zh: '上月报送：已报送 {n}/{due}（{share}）', en: 'Last month: {n} of {due} reported ({share})' },
  dashboardMissing: { zh: '尚有 {n} 个未报送', en: '{n} not reported yet' },
} as const;

export const STATE_TEXT: Record<ReportingState, { zh: string; en: string }> = {
  reported: { zh: '已按时报送', en: 'On time' },
  late: { zh: '迟报', en: 'Late' },
  missing: { zh: '未报送', en: 'Not reported' },
  notDue: { zh: '不需报送', en: 'Not due' },
};

export const STATE_COLOR: Record<ReportingState, string> = { reported: 'green', late: 'orange', missing: 'red', notDue: 'default' };

export const STATES: ReportingState[] = ['reported', 'late', 'missing', 'notDue'];
