/** The settings of national counting and the regulator's checks (docs/domain.md#regulator-checks). */
import { Card, Form, InputNumber, Switch } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { R } from './regulator-texts';
import type { Settings } from './SettingsForm';
import { SaveButtons } from './SaveButtons';
import { T } from './texts';

export function RegulatorSettingsCard({ settings }: { settings: Settings }) {
  const admin = useMe().can('admin');
  const { t } = useI18n();
  const [form] = Form.useForm();
  const save = useWrite(api.settings.update.mutate, { form, success: T.settingsSaved });
  const required = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];
  const ratio = (name: 'careRatioSelfCare' | 'careRatioPartial' | 'careRatioDisabled', label: { zh: string; en: string }) => (
    <Form.Item name={name} label={`${t(R.ratio)}：${t(label)}`} rules={required(label)} extra={name === 'careRatioDisabled' ? t(R.ratiosHelp) : undefined}>
      <InputNumber min={1} max={100} precision={0} prefix="1 :" suffix={t(R.perWorker)} style={{ width: 170 }} data-testid={`settings-${name}`} />
    </Form.Item>
  );
  return (
    <Card size="small" title={t(R.title)} style={{ marginBottom: 16 }}>
      <Form
        disabled={!admin}
        form={form}
        layout="horizontal"
        labelCol={{ flex: '300px' }}
        labelWrap
        // 1 1 0: a long help text wraps inside the field's column instead of pushing it under its label
        wrapperCol={{ flex: '1 1 0' }}
        style={{ maxWidth: 900 }}
        initialValues={{
          excludeUnregisteredSupportHomes: settings.excludeUnregisteredSupportHomes,
          filingDeadlineWorkdays: settings.filingDeadlineWorkdays,
          licenceWarningDays: settings.licenceWarningDays,
          careRatioSelfCare: settings.careRatioSelfCare,
          careRatioPartial: settings.careRatioPartial,
          careRatioDisabled: settings.careRatioDisabled,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="excludeUnregisteredSupportHomes" label={t(R.excludeUnregistered)} extra={t(R.excludeUnregisteredHelp)} valuePropName="checked">
          <Switch data-testid="settings-exclude-unregistered" />
        </Form.Item>
        <Form.Item name="filingDeadlineWorkdays" label={t(R.filingDays)} extra={t(R.filingDaysHelp)} rules={required(R.filingDays)}>
          <InputNumber min={1} max={60} precision={0} suffix={t(R.workdays)} style={{ width: 170 }} data-testid="settings-filing-days" />
        </Form.Item>
        <Form.Item name="licenceWarningDays" label={t(R.licenceDays)} extra={t(R.licenceDaysHelp)} rules={required(R.licenceDays)}>
          <InputNumber min={1} max={365} precision={0} suffix={t(T.days)} style={{ width: 170 }} data-testid="settings-licence-days" />
        </Form.Item>
        {ratio('careRatioSelfCare', R.selfCare)}
        {ratio('careRatioPartial', R.partial)}
        {ratio('careRatioDisabled', R.disabled)}
        <SaveButtons form={form} saving={save.isPending} testId="settings-regulator-save" />
      </Form>
    </Card>
  );
}
