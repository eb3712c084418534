/** Where the live register now differs from a closed month's frozen figures. */
import { Alert, Table } from 'antd';
import { useI18n } from '../../i18n';
import { formatCount, formatPercent, formatPerThousand } from '@domain/format';
import type { Figure } from '@domain/metrics';
import { COMPARED_FIELD, COMPARED_UNIT, type ComparedField } from '@domain/month';
import type { FigureDifference } from '../../api/outputs';
import { T } from './texts';

function formatField(field: ComparedField, v: Figure): string {
  const unit = COMPARED_UNIT[field];
  return unit === 'ratio' ? formatPercent(v) : unit === 'per_thousand' ? formatPerThousand(v) : formatCount(v);
}

export function DifferencesTable({ rows, closed }: { rows: FigureDifference[]; closed: boolean }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="month-differences"
      message={closed ? t(T.diffTitle, { n: rows.length }) : t(T.diffLast, { n: rows.length })}
      description={
        <>
          {closed && <div style={{ marginBottom: 8 }}>{t(T.diffHint)}</div>}
          <Table<FigureDifference>
            size="small"
            pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
            rowKey={(r) => `${r.code}-${r.field}`}
            dataSource={rows}
            columns={[
              { key: 'name', title: t(T.county), dataIndex: 'name' },
              { key: 'field', title: t(T.field), render: (_, r) => t(COMPARED_FIELD[r.field]) },
              { key: 'closed', title: t(T.closedValue), align: 'right', render: (_, r) => formatField(r.field, r.closed) },
              { key: 'live', title: t(T.liveValue), align: 'right', render: (_, r) => <strong>{formatField(r.field, r.live)}</strong> },
            ]}
          />
        </>
      }
    />
  );
}
