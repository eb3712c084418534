/**
 * 监管提醒: the regulator's checks (docs/domain.md#regulator-checks) counted from today's data
 * quality — filing, licences, care workers, 特困 residents at suspended homes, reserved beds —
 * each leading to the data-quality list; nothing shown when all are met.
 */
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { countText, type DataQualityCode } from '@contract/data-quality-texts';
import type { DataQualityItem } from '../../api/outputs';
import { useI18n } from '../../i18n';
import { T } from './texts';

export const REGULATOR_CODES: readonly DataQualityCode[] = [
  'FILING_OVERDUE',
  'FILING_DUE',
  'FILING_LATE',
  'LICENCE_EXPIRED',
  'LICENCE_EXPIRING',
  'CARE_WORKERS_SHORT',
  'TEKUN_AT_SUSPENDED',
  'RESERVED_BEDS_HELD',
  'WORK_CALENDAR_MISSING',
];

export function RegulatorCard({ items }: { items: readonly Pick<DataQualityItem, 'code' | 'severity'>[] }) {
  const { t } = useI18n();
  const counts = REGULATOR_CODES.map((code) => ({ code, n: items.filter((i) => i.code === code).length, error: items.some((i) => i.code === code && i.severity === 'error') })).filter((c) => c.n > 0);
  if (counts.length === 0) return null;
  return (
    <Card size="small" title={t(T.regulator)} style={{ marginTop: 12 }} data-testid="dashboard-regulator" extra={<Link to="/data-quality">{t(T.regulatorOpen)}</Link>}>
      <Space wrap>
        {counts.map((c) => (
          <Tag key={c.code} color={c.error ? 'red' : 'orange'} data-testid={`regulator-${c.code}`}>
            {t(countText(c.code, c.n))}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t(T.regulatorHint)}
      </Typography.Paragraph>
    </Card>
  );
}
