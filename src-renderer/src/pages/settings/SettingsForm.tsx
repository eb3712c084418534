/** The administrator's general settings (docs/domain.md#settings). */
import { Card, Checkbox, Form, Input, InputNumber } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { enumOptions } from '../../components/options';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { BED_CATEGORY } from '@domain/enums';
import { IMPORT_ROWS_MAX, IMPORT_ROWS_MIN } from '@domain/import-limits';
import { SaveButtons } from './SaveButtons';
import { T } from './texts';
import { useHomeRegions } from './use-home-regions';

export type Settings = Awaited<ReturnType<typeof api.settings.get.query>>;

export function SettingsForm({ settings }: { settings: Settings }) {
  const admin = useMe().can('admin');
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { city } = useHomeRegions(settings.homeRegion);
  const save = useWrite(api.settings.update.mutate, { form, success: T.settingsSaved });
  const required = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];
  return (
    <Card size="small" title={t(T.general)} style={{ marginBottom: 16 }}>
      <Form
        disabled={!admin}
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
          reportDeadlineDay: settings.reportDeadlineDay,
          supportHomeResidentsPerStaff: settings.supportHomeResidentsPerStaff,
          importMaxRows: settings.importMaxRows,
          hubAddress: settings.hubAddress,
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
        <Form.Item name="reportDeadlineDay" label={t(T.reportDeadlineDay)} extra={t(T.reportDeadlineDayHelp)} rules={required(T.reportDeadlineDay)}>
          <InputNumber min={1} max={28} precision={0} prefix={t(T.nextMonth)} suffix={t(T.dayOfMonth)} style={{ width: 160 }} data-testid="settings-report-deadline" />
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
        {/* checked by the server (HUB_ADDRESS_INVALID), its message shown under the field */}
        <Form.Item name="hubAddress" label={t(T.hubAddress)} extra={t(T.hubAddressHelp)} normalize={(v: string) => v.trim()}>
          <Input maxLength={300} placeholder="https://hub.example.gov.cn:5218" style={{ maxWidth: 420 }} data-testid="settings-hub-address" />
        </Form.Item>
        <SaveButtons form={form} saving={save.isPending} testId="settings-save" />
      </Form>
    </Card>
  );
}
