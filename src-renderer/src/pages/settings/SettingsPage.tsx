/**
 * 设置: the administrator's settings (DOMAIN.md "setting" rules) and the plan's yearly
 * targets. Ratio targets are stored as fractions and entered as percentages.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api, apiError } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { enumOptions } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { BED_CATEGORY, TARGET_METRIC, TARGET_METRICS, type TargetMetric } from '@domain/enums';
import { formatCount, formatPercent, formatPerThousand } from '@domain/format';
import { IMPORT_ROWS_MAX, IMPORT_ROWS_MIN } from '@domain/import-limits';
import { BackupSection } from './BackupSection';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

type Settings = Awaited<ReturnType<typeof api.settings.get.query>>;
type Target = Awaited<ReturnType<typeof api.settings.targets.query>>[number];

export function SettingsPage() {
  const { t, lang } = useI18n();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get.query() });
  return (
    <div data-testid="page-settings">
      <PageHeader title={t(T.title)} />
      {settings.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : settings.error || !settings.data ? (
        <Alert type="error" showIcon message={t(C.loadFailed)} description={settings.error ? apiError(settings.error)[lang] : ''} />
      ) : (
        <>
          <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />
          <Targets homeRegion={settings.data.homeRegion} />
          <BackupSection />
        </>
      )}
    </div>
  );
}

/** The home city and its counties, for names and the region choice of a target. */
function useHomeRegions(homeRegion: string) {
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => api.region.list.query(), staleTime: Infinity });
  return useMemo(() => {
    const list = regions.data ?? [];
    const city = list.find((r) => r.code === homeRegion);
    const counties = list.filter((r) => r.parentCode === homeRegion && r.level === 'county');
    return { city, counties, names: new Map(list.map((r) => [r.code, r.name])) };
  }, [regions.data, homeRegion]);
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { city } = useHomeRegions(settings.homeRegion);
  const save = useWrite(api.settings.update.mutate, { form, success: T.settingsSaved });
  const required = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];
  return (
    <Card size="small" title={t(T.general)} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: '300px' }}
        labelWrap
        wrapperCol={{ flex: 1 }}
        style={{ maxWidth: 900 }}
        initialValues={{
          unitName: settings.unitName,
          countedCategories: settings.countedCategories,
          reassessmentMonths: settings.reassessmentMonths,
          contractWarningDays: settings.contractWarningDays,
          supportHomeResidentsPerStaff: settings.supportHomeResidentsPerStaff,
          importMaxRows: settings.importMaxRows,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label={t(T.homeRegion)} extra={t(T.homeRegionHelp)}>
          <span data-testid="settings-home-region">
            {city?.name ?? settings.homeRegion}（{settings.homeRegion}）
          </span>
        </Form.Item>
        <Form.Item name="unitName" label={t(T.unitName)} extra={t(T.unitNameHelp)} rules={required(T.unitName)}>
          <Input maxLength={100} data-testid="settings-unit-name" />
        </Form.Item>
        <Form.Item
          name="countedCategories"
          label={t(T.countedCategories)}
          extra={t(T.countedCategoriesHelp)}
          rules={[{ required: true, type: 'array', min: 1, message: t(T.chooseCategory) }]}
        >
          <Checkbox.Group options={enumOptions(BED_CATEGORY, t)} data-testid="settings-categories" />
        </Form.Item>
        <Form.Item name="reassessmentMonths" label={t(T.reassessmentMonths)} extra={t(T.reassessmentMonthsHelp)} rules={required(T.reassessmentMonths)}>
          <InputNumber min={1} max={60} precision={0} suffix={t(T.months)} style={{ width: 160 }} data-testid="settings-reassessment" />
        </Form.Item>
        <Form.Item name="contractWarningDays" label={t(T.contractWarningDays)} extra={t(T.contractWarningDaysHelp)} rules={required(T.contractWarningDays)}>
          <InputNumber min={1} max={730} precision={0} suffix={t(T.days)} style={{ width: 160 }} data-testid="settings-contract-days" />
        </Form.Item>
        <Form.Item
          name="supportHomeResidentsPerStaff"
          label={t(T.supportHomeResidentsPerStaff)}
          extra={t(T.supportHomeResidentsPerStaffHelp)}
          rules={required(T.supportHomeResidentsPerStaff)}
        >
          <InputNumber min={1} max={100} precision={0} suffix={t(T.persons)} style={{ width: 160 }} data-testid="settings-staffing" />
        </Form.Item>
        <Form.Item name="importMaxRows" label={t(T.importMaxRows)} extra={t(T.importMaxRowsHelp)} rules={required(T.importMaxRows)}>
          <InputNumber<number>
            min={IMPORT_ROWS_MIN}
            max={IMPORT_ROWS_MAX}
            precision={0}
            step={10_000}
            formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString('en-US'))}
            parser={(v) => Number((v ?? '').replace(/[,\s]/g, ''))}
            suffix={t(T.rows)}
            style={{ width: 200 }}
            data-testid="settings-import-rows"
          />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t(C.save)}
            </Button>
            <Button onClick={() => form.resetFields()}>{t(T.reset)}</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** A target value as its unit reads: 35.0, 30.0%, 21,000. */
function formatTarget(metric: TargetMetric, value: number): string {
  switch (TARGET_METRIC[metric].unit) {
    case 'per_thousand':
      return formatPerThousand(value);
    case 'ratio':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
  }
}

/** A stored fraction as the percentage typed in the form (0.3 → 30, without 30.000000000000004). */
function toPercentInput(fraction: number): number {
  return Number((fraction * 100).toFixed(6));
}

function Targets({ homeRegion }: { homeRegion: string }) {
  const { t } = useI18n();
  const targets = useQuery({ queryKey: ['settings.targets'], queryFn: () => api.settings.targets.query() });
  const { city, counties, names } = useHomeRegions(homeRegion);
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [form] = Form.useForm();
  const metric = Form.useWatch<TargetMetric | undefined>('metric', form);
  const year = Form.useWatch<number | undefined>('year', form);
  const regionCode = Form.useWatch<string | undefined>('regionCode', form);
  const upsert = useWrite(api.settings.upsertTarget.mutate, { form, success: T.targetSaved, onSuccess: () => setEditing(null) });
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
  const unit = metric ? TARGET_METRIC[metric].unit : undefined;
  const existing = editing === 'new' && metric && year && regionCode ? targets.data?.find((x) => x.year === year && x.metric === metric && x.regionCode === regionCode) : undefined;

  const open = (target: Target | 'new') => {
    form.resetFields();
    if (target === 'new') form.setFieldsValue({ year: new Date().getFullYear(), regionCode: homeRegion, metric: undefined, value: undefined });
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
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? T.addTarget : T.editTarget)}
        onCancel={() => setEditing(null)}
        okText={t(C.save)}
        cancelText={t(C.cancel)}
        confirmLoading={upsert.isPending}
        okButtonProps={{ 'data-testid': 'target-ok' } as never}
        onOk={async () => {
          const v = (await form.validateFields()) as { year: number; metric: TargetMetric; regionCode: string; value: number };
          upsert.mutate({ year: v.year, metric: v.metric, regionCode: v.regionCode, value: TARGET_METRIC[v.metric].unit === 'ratio' ? v.value / 100 : v.value });
        }}
        forceRender
      >
        <Form form={form} layout="vertical">
          {editing !== 'new' && <Alert type="info" showIcon message={t(T.editKeyHelp)} style={{ marginBottom: 12 }} />}
          <Form.Item name="year" label={t(T.year)} rules={[{ required: true, message: t(T.required, { field: t(T.year) }) }]}>
            <InputNumber min={2000} max={2200} precision={0} style={{ width: 160 }} disabled={editing !== 'new'} data-testid="target-year" />
          </Form.Item>
          <Form.Item name="metric" label={t(T.metric)} rules={[{ required: true, message: t(T.required, { field: t(T.metric) }) }]}>
            <Select
              disabled={editing !== 'new'}
              data-testid="target-metric"
              options={TARGET_METRICS.map((m) => ({ value: m, label: t(TARGET_METRIC[m]) }))}
              onChange={() => form.setFieldValue('value', undefined)}
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t(T.region)} rules={[{ required: true, message: t(T.required, { field: t(T.region) }) }]}>
            <Select
              disabled={editing !== 'new'}
              data-testid="target-region"
              options={[...(city ? [city] : []), ...counties].map((r) => ({ value: r.code, label: regionName(r.code) }))}
            />
          </Form.Item>
          <Form.Item
            name="value"
            label={t(T.value)}
            extra={unit === 'ratio' ? t(T.ratioHelp) : undefined}
            rules={[{ required: true, message: t(T.required, { field: t(T.value) }) }]}
          >
            <InputNumber
              min={0}
              max={unit === 'ratio' ? 100 : 1e9}
              precision={unit === 'count' ? 0 : undefined}
              step={unit === 'ratio' ? 1 : unit === 'per_thousand' ? 0.1 : 1}
              suffix={unit === 'ratio' ? '%' : unit === 'per_thousand' ? t(T.perThousandUnit) : undefined}
              style={{ width: 200 }}
              disabled={!metric}
              data-testid="target-value"
            />
          </Form.Item>
          {existing && <Alert type="warning" showIcon message={t(T.overwrite, { year: existing.year, value: formatTarget(existing.metric, existing.value) })} />}
        </Form>
      </Modal>
    </Card>
  );
}
