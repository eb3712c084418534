/** The plan's build progress: each count metric's actual figure against its target. */
import { Table } from 'antd';
import type { PlanProgressRow } from '../../api/outputs';
import { useI18n } from '../../i18n';
import { TARGET_METRIC } from '@domain/enums';
import { formatCount } from '@domain/format';
import { FigureText, GapText, gapText, whyNoGap } from './figures';
import { T } from './texts';

export function PlanTable({ rows }: { rows: PlanProgressRow[] }) {
  const { t, lang } = useI18n();
  return (
    <Table<PlanProgressRow>
      size="small"
      rowKey="metric"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t(T.planEmpty) }}
      columns={[
        { key: 'metric', title: t(T.planMetric), render: (_, r) => t(TARGET_METRIC[r.metric]) },
        { key: 'actual', title: t(T.planActual), align: 'right', render: (_, r) => formatCount(r.actual) },
        { key: 'target', title: t(T.target), align: 'right', render: (_, r) => <FigureText text={formatCount(r.target)} why={t(T.whyNoTarget)} /> },
        {
          key: 'gap',
          title: t(T.gap),
          align: 'right',
          render: (_, r) => (r.gap === null ? <FigureText text={gapText(null, 'count', lang)} why={t(whyNoGap(r.target))} /> : <GapText value={r.gap} unit="count" lang={lang} />),
        },
      ]}
    />
  );
}
