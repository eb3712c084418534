/** The plan's yearly targets, one block per year, city first; edited in TargetModal. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { TARGET_METRIC, TARGET_METRICS, type TargetMetric } from '@domain/enums';
import { formatTarget, toPercentInput } from './target-values';
import { TargetModal, type Target } from './TargetModal';
import { T } from './texts';
import { useHomeRegions } from './use-home-regions';
import { todayIso } from '../../components/options';

export function TargetsCard({ homeRegion }: { homeRegion: string }) {
  const { t } = useI18n();
  const targets = useQuery({ queryKey: ['settings.targets'], queryFn: () => api.settings.targets.query() });
  const { names } = useHomeRegions(homeRegion);
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [form] = Form.useForm();
  const remove = useWrite(api.settings.deleteTarget.mutate, { success: T.deleted });

  const metricOrder = (m: TargetMetric) => TARGET_METRICS.indexOf(m);
  const rows = useMemo(() => {
    const sorted = [...(targets.data ?? [])].sort(
      (a, b) => b.year - a.year || metricOrder(a.metric) - metricOrder(b.metric) || (a.regionCode === homeRegion ? -1 : b.regionCode === homeRegion ? 1 : a.regionCode.localeCompare(b.regionCode)),
    );
    // Year cells span their group: the table reads as one block per target year.
    return sorted.map((r, i) => {
      const first = i === 0 || sorted[i - 1]!.year !== r.year;
      const span = first ? sorted.filter((x) => x.year === r.year).length : 0;
      return { ...r, yearSpan: span };
    });
  }, [targets.data, homeRegion]);

  const regionName = (code: string) => (code === homeRegion ? t(T.cityName, { name: names.get(code) ?? code }) : (names.get(code) ?? code));

  const open = (target: Target | 'new') => {
    form.resetFields();
    if (target === 'new') form.setFieldsValue({ year: Number(todayIso().slice(0, 4)), regionCode: homeRegion, metric: undefined, value: undefined });
    else
      form.setFieldsValue({
        year: target.year,
        metric: target.metric,
        regionCode: target.regionCode,
        value: TARGET_METRIC[target.metric].unit === 'ratio' ? toPercentInput(target.value) : target.value,
      });
    setEditing(target);
  };

  const columns: ColumnsType<(typeof rows)[number]> = [
    { key: 'year', title: t(T.year), dataIndex: 'year', width: 110, onCell: (r) => ({ rowSpan: r.yearSpan }), render: (y: number) => <strong>{y}</strong> },
    { key: 'metric', title: t(T.metric), render: (_, r) => t(TARGET_METRIC[r.metric]) },
    { key: 'region', title: t(T.region), width: 200, render: (_, r) => regionName(r.regionCode) },
    { key: 'value', title: t(T.value), align: 'right', width: 140, render: (_, r) => <span data-testid={`target-value-${r.id}`}>{formatTarget(r.metric, r.value)}</span> },
    {
      key: 'actions',
      title: t(C.actions),
      width: 150,
      render: (_, r) => (
        <Space>
          <Button size="small" type="link" onClick={() => open(r)} data-testid={`target-edit-${r.id}`}>
            {t(C.edit)}
          </Button>
          <Popconfirm
            title={t(T.deleteConfirm)}
            description={<div style={{ maxWidth: 320 }}>{t(T.deleteConfirmDetail, { year: r.year, metric: t(TARGET_METRIC[r.metric]) })}</div>}
            okText={t(T.delete)}
            cancelText={t(C.cancel)}
            okButtonProps={{ danger: true, 'data-testid': 'target-delete-ok' } as never}
            onConfirm={() => remove.mutate({ id: r.id })}
          >
            <Button size="small" type="link" danger data-testid={`target-delete-${r.id}`}>
              {t(T.delete)}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t(T.targets)}
      extra={
        <Button type="primary" size="small" onClick={() => open('new')} data-testid="target-add">
          {t(T.addTarget)}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t(T.targetsHelp)}</Typography.Paragraph>
      {targets.error && <Alert type="error" showIcon message={t(C.loadFailed)} style={{ marginBottom: 8 }} />}
      <Table
        size="small"
        rowKey="id"
        bordered
        loading={targets.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t(T.targetsEmpty) }}
        style={{ maxWidth: 1000 }}
        data-testid="targets-table"
      />
      <TargetModal editing={editing} form={form} targets={targets.data} homeRegion={homeRegion} regionName={regionName} onClose={() => setEditing(null)} />
    </Card>
  );
}
