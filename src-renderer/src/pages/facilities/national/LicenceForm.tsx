/** Add or change one licence or insurance of a facility (kind, number, issue and expiry dates). */
import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { useWrite } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { FormDrawer } from '../../../components/FormDrawer';
import { enumOptions } from '../../../components/options';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '@contract/field-labels';
import { LICENCE_KIND, type LicenceKind } from '@domain/enums';
import { N } from './texts';

export type Licence = Awaited<ReturnType<typeof api.facility.licences.query>>[number];

export function LicenceForm({ open, facilityId, licence, onClose }: { open: boolean; facilityId: number; licence: Licence | null; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (licence) form.setFieldsValue(licence);
  }, [open, licence, form]);
  const add = useWrite(api.facility.addLicence.mutate, { form, success: N.saved, onSuccess: onClose });
  const update = useWrite(api.facility.updateLicence.mutate, { form, success: N.saved, onSuccess: onClose });
  const label = (f: string) => t(fieldLabel([f]));
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as { kind: LicenceKind; number?: string; issuedOn: string; expiresOn?: string | null; note?: string } | null;
    if (!v) return;
    const fields = { kind: v.kind, number: v.number ?? '', issuedOn: v.issuedOn, expiresOn: v.expiresOn ?? null, note: v.note ?? '' };
    if (licence) update.mutate({ facilityId, licenceId: licence.id, ...fields });
    else add.mutate({ facilityId, ...fields });
  };
  const required = (f: string) => [{ required: true, message: t({ zh: '请填写{f}', en: 'Enter {f}' }, { f: label(f) }) }];
  return (
    <FormDrawer open={open} onClose={onClose} width={440} title={t(licence ? N.editLicence : N.addLicence)} saving={add.isPending || update.isPending} onSave={submit} saveTestId="licence-save">
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={t(N.kind)} rules={[{ required: true, message: t({ zh: '请选择证照类型', en: 'Choose the kind' }) }]}>
          <Select options={enumOptions(LICENCE_KIND, t)} data-testid="licence-kind" />
        </Form.Item>
        <Form.Item name="number" label={label('number')}>
          <Input maxLength={100} data-testid="licence-number" />
        </Form.Item>
        <Form.Item name="issuedOn" label={label('issuedOn')} rules={required('issuedOn')}>
          <DateField testId="licence-issued" />
        </Form.Item>
        <Form.Item name="expiresOn" label={label('expiresOn')} extra={t(N.noExpiry)}>
          <DateField allowClear testId="licence-expires" />
        </Form.Item>
        <Form.Item name="note" label={label('note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
