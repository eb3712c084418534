/**
 * 打印区县摘要: pick a county, open its one-page summary for a leader (/print/county/:code/:month)
 * for the month the dashboard's date reports — that date's month when it is a month end, else
 * the month before it.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { monthEnd } from '@domain/dates';
import { periodOfMonth } from '@domain/printed-form';
import { previousMonth } from '@domain/month';
import { useI18n } from '../../i18n';

const S = {
  county: { zh: '选择区县', en: 'Choose a county' },
  print: { zh: '打印区县摘要', en: 'Print county summary' },
  hint: { zh: '一页纸：{period}主要指标、目标与差距、各区县对比图、规划建设进度', en: 'One page: the figures of {period} with targets and gaps, the county chart and plan progress' },
} as const;

export function reportedMonthOf(date: string): string {
  const month = date.slice(0, 7);
  return monthEnd(month) === date ? month : previousMonth(date);
}

export function CountySummaryPrint({ counties, date }: { counties: Array<{ code: string; name: string }>; date: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState<string | undefined>(counties.length === 1 ? counties[0]!.code : undefined);
  const month = reportedMonthOf(date);
  return (
    <Space size={4}>
      <Select
        size="small"
        style={{ width: 200 }}
        placeholder={t(S.county)}
        value={code}
        onChange={setCode}
        options={counties.map((c) => ({ value: c.code, label: c.name }))}
        data-testid="county-summary-select"
      />
      <Tooltip title={t(S.hint, { period: periodOfMonth(month) })}>
        <Button size="small" icon={<PrinterOutlined />} disabled={!code} onClick={() => code && navigate(`/print/county/${code}/${month}`)} data-testid="county-summary-print">
          {t(S.print)}
        </Button>
      </Tooltip>
    </Space>
  );
}
