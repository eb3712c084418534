/** The plan's build progress: each count metric's actual figure against its target. */
import { Table, Typography } from 'antd';
import type { PlanProgressRow } from '../../api/outputs';
import { useI18n } from '../../i18n';
import { TARGET_METRIC } from '@domain/enums';
import { formatCount } from '@domain/format';
import { FigureText, GapText, gapText, whyNoGap } from './figures';
import { T } from './texts';

/** On an empty register (`quiet`) the gaps are plain grey: nothing is behind before anything is entered. */
export function PlanTable({ rows, quiet = false }: { rows: PlanProgressRow[]; quiet?: boolean }) {
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
          render: (_, r) => (r.gap === null ? (
              <FigureText text={gapText(null, 'count', lang)} why={t(whyNoGap(r.target))} />
            ) : quiet ? (
              <Typography.Text type="secondary">{gapText(r.gap, 'count', lang)}</Typography.Text>
            ) : (
              <GapText value={r.gap} unit="count" lang={lang} />
            )),
        },
      ]}
    />
  );
}
