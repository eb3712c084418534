/** Where a closed month's contracts in force differ from today's (a corrected or un-terminated contract). */
import { Alert, Table } from 'antd';
import { formatYuan } from '@domain/format';
import { useI18n } from '../../i18n';
import type { ContractDifference } from '../../api/outputs';
import { CONTRACT_FIELD, T } from './texts';

function formatValue(field: ContractDifference['field'], v: ContractDifference['closed'], t: ReturnType<typeof useI18n>['t']): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? T.contractListedYes : T.contractListedNo);
  if (typeof v === 'number' && field.endsWith('Fen')) return formatYuan(v);
  return String(v);
}

export function ContractDifferencesTable({ rows }: { rows: ContractDifference[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="month-contract-differences"
      message={t(T.contractDiffTitle, { n: rows.length })}
      description={
        <Table<ContractDifference>
          size="small"
          pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
          rowKey={(r) => `${r.contractId}-${r.field}`}
          dataSource={rows}
          columns={[
            { key: 'facility', title: t(T.contractFacility), dataIndex: 'facilityName' },
            { key: 'field', title: t(T.field), render: (_, r) => t(CONTRACT_FIELD[r.field]) },
            { key: 'closed', title: t(T.closedValue), align: 'right', render: (_, r) => formatValue(r.field, r.closed, t) },
            { key: 'live', title: t(T.liveValue), align: 'right', render: (_, r) => <strong>{formatValue(r.field, r.live, t)}</strong> },
          ]}
        />
      }
    />
  );
}
