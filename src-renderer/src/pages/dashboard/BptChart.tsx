/** Beds per thousand by county as bars, red below target, with the target as a dashed line. */
import { Alert } from 'antd';
import { useMemo } from 'react';
import type { StatisticsRow } from '../../api/outputs';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n';
import { formatPerThousand } from '@domain/format';
import { T } from './texts';

export function BptChart({ rows, target }: { rows: StatisticsRow[]; target: number | null }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const axisMax = Math.ceil(Math.max(...rows.map((r) => r.bedsPerThousand ?? 0), target ?? 0) * 1.15) || 1;
    // A bar whose top is near the dashed target line gets its figure inside the bar, so the
    // two never sit on each other.
    const nearTarget = (v: number) => target !== null && v <= target && (target - v) / axisMax < 0.08;
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPerThousand(v) : '—'),
      },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 35, fontSize: 11 } },
      yAxis: {
        type: 'value',
        name: t(T.bptShort),
        max: axisMax,
      },
      series: [
        {
          type: 'bar',
          name: t(T.bpt),
          barMaxWidth: 36,
          data: rows.map((r) =>
            r.bedsPerThousand === null
              ? '-'
              : {
                  value: r.bedsPerThousand,
                  itemStyle: { color: r.gaps.bedsPerThousand !== null && r.gaps.bedsPerThousand < 0 ? '#ff7875' : '#4096ff' },
                  ...(nearTarget(r.bedsPerThousand) ? { label: { position: 'insideTop', color: '#fff' } } : {}),
                },
          ),
          label: { show: true, position: 'top', distance: 4, fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatPerThousand(p.value) : '') },
          markLine:
            target === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#cf1322', type: 'dashed', width: 1.5 },
                  label: { position: 'insideStartTop', formatter: t(T.targetLine, { v: formatPerThousand(target) }), color: '#cf1322' },
                  data: [{ yAxis: target }],
                },
        },
      ],
    };
  }, [rows, target, t]);
  if (rows.every((r) => r.bedsPerThousand === null)) return <Alert type="info" showIcon message={t(T.chartEmpty)} />;
  return <EChart option={option} height={330} testId="dashboard-chart" />;
}
