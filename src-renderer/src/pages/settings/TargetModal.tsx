/** Adding a plan target, or changing the value of one (its year, metric and region are its key). */
import { Alert, Form, InputNumber, Modal, Select, type FormInstance } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { TARGET_METRIC, TARGET_METRICS, type TargetMetric } from '@domain/enums';
import { formatTarget } from './target-values';
import { T } from './texts';
import { useHomeRegions } from './use-home-regions';

export type Target = Awaited<ReturnType<typeof api.settings.targets.query>>[number];

interface TargetModalProps {
  /** The target changed, 'new' for one to add; null: closed. */
  editing: Target | 'new' | null;
  form: FormInstance;
  targets: Target[] | undefined;
  homeRegion: string;
  regionName(code: string): string;
  onClose(): void;
}

export function TargetModal({ editing, form, targets, homeRegion, regionName, onClose }: TargetModalProps) {
  const { t } = useI18n();
  const { city, counties } = useHomeRegions(homeRegion);
  const metric = Form.useWatch<TargetMetric | undefined>('metric', form);
  const year = Form.useWatch<number | undefined>('year', form);
  const regionCode = Form.useWatch<string | undefined>('regionCode', form);
  const upsert = useWrite(api.settings.upsertTarget.mutate, { form, success: T.targetSaved, onSuccess: onClose });
  const unit = metric ? TARGET_METRIC[metric].unit : undefined;
  const existing = editing === 'new' && metric && year && regionCode ? targets?.find((x) => x.year === year && x.metric === metric && x.regionCode === regionCode) : undefined;
  return (
  <Modal
    open={editing !== null}
    title={t(editing === 'new' ? T.addTarget : T.editTarget)}
    onCancel={onClose}
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
      <Form.Item name="metric" label={t(T.metric)} rules={[{ required: true, message: t(T.choose, { field: t(T.metric) }) }]}>
        <Select
          disabled={editing !== 'new'}
          data-testid="target-metric"
          options={TARGET_METRICS.map((m) => ({ value: m, label: t(TARGET_METRIC[m]) }))}
          onChange={() => form.setFieldValue('value', undefined)}
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t(T.region)} rules={[{ required: true, message: t(T.choose, { field: t(T.region) }) }]}>
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
  );
}
