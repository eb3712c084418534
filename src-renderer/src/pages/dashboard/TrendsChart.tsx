/**
 * Beds per thousand and nursing-type share over the closed months, by county and for the
 * city, from the frozen snapshots (what was reported, not today's register).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n';
import { formatPercent, formatPerThousand } from '@domain/format';
import type { Figure } from '@domain/metrics';
import { T } from './texts';

type Trend = Awaited<ReturnType<typeof api.month.trends.query>>[number];
type Metric = 'bedsPerThousand' | 'nursingShare';

/** The picker's value for the whole city's line. */
const CITY = 'city';
/** Lines shown at first: the city and up to this many counties. */
const FIRST_COUNTIES = 3;

function countiesOf(trends: Trend[]): Map<string, string> {
  const counties = new Map<string, string>();
  for (const t of trends) for (const r of t.rows) counties.set(r.code, r.name);
  return counties;
}

function lineOption(trends: Trend[], metric: Metric, cityLabel: string, shown: readonly string[]) {
  const months = trends.map((t) => t.month);
  const counties = new Map([...countiesOf(trends)].filter(([code]) => shown.includes(code)));
  const value = (v: Figure) => (v === null ? '-' : metric === 'nursingShare' ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10);
  const format = (v: unknown) => (typeof v === 'number' ? (metric === 'nursingShare' ? formatPercent(v / 100) : formatPerThousand(v)) : '—');
  return {
    grid: { left: 8, right: 32, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: format },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: metric === 'nursingShare' ? '{value}%' : '{value}' } },
    series: [
      ...[...counties.entries()].map(([code, name]) => ({
        type: 'line',
        name,
        showSymbol: true,
        connectNulls: false,
        data: trends.map((t) => value(t.rows.find((r) => r.code === code)?.[metric] ?? null)),
      })),
      ...(shown.includes(CITY)
        ? [
            {
              type: 'line',
              name: cityLabel,
              showSymbol: true,
              lineStyle: { width: 3, type: 'dashed' },
              data: trends.map((t) => value(t.total[metric])),
            },
          ]
        : []),
    ],
  };
}

export function TrendsChart() {
  const { t } = useI18n();
  const trends = useQuery({ queryKey: ['month.trends'], queryFn: () => api.month.trends.query() });
  const data = trends.data ?? [];
  const cityLabel = data[0]?.total.name ?? '';
  const counties = useMemo(() => countiesOf(data), [data]);
  // null: the default (the city and the first three counties) until the user picks.
  const [picked, setPicked] = useState<string[] | null>(null);
  const shown = useMemo(() => picked ?? [CITY, ...[...counties.keys()].slice(0, FIRST_COUNTIES)], [picked, counties]);
  const bpt = useMemo(() => lineOption(data, 'bedsPerThousand', cityLabel, shown), [data, cityLabel, shown]);
  const nursing = useMemo(() => lineOption(data, 'nursingShare', cityLabel, shown), [data, cityLabel, shown]);
  if (!trends.data) return null;
  if (data.length === 0)
    return <Alert type="info" showIcon message={t(T.trendsEmpty)} action={<Link to="/month">{t(T.trendsGo)}</Link>} data-testid="dashboard-trends-empty" />;
  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <Space style={{ width: '100%' }}>
          <span>{t(T.trendsCounties)}</span>
          <Select
            mode="multiple"
            value={shown}
            onChange={setPicked}
            style={{ minWidth: 420 }}
            maxTagCount="responsive"
            data-testid="dashboard-trend-counties"
            options={[{ value: CITY, label: cityLabel }, ...[...counties].map(([code, name]) => ({ value: code, label: name }))]}
          />
        </Space>
      </Col>
      <Col xs={24} xl={12}>
        <div style={{ fontSize: 13, color: '#595959' }}>{t(T.trendsBpt)}</div>
        <EChart option={bpt} height={300} testId="dashboard-trend-bpt" />
      </Col>
      <Col xs={24} xl={12}>
        <div style={{ fontSize: 13, color: '#595959' }}>{t(T.trendsNursing)}</div>
        <EChart option={nursing} height={300} testId="dashboard-trend-nursing" />
      </Col>
    </Row>
  );
}
