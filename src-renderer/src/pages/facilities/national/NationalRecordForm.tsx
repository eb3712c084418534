/**
 * Edit a facility's national record in a drawer (facility.update with the record's fields):
 * fees typed in yuan, areas in square metres, each rule refused by the server naming its field.
 */
import { Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { useWrite } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { FormDrawer } from '../../../components/FormDrawer';
import { enumOptions } from '../../../components/options';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '@contract/field-labels';
import { FOUNDER, REGISTRATION } from '@domain/enums';
import { N } from './texts';
import type { FacilityRecord } from './record-values';
import { FEE_FIELDS, formValues, recordInput } from './record-values';

export function NationalRecordForm({ open, facility, onClose }: { open: boolean; facility: FacilityRecord; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  useEffect(() => {
    if (open) form.setFieldsValue(formValues(facility));
  }, [open, facility, form]);
  const save = useWrite(api.facility.update.mutate, { form, success: N.saved, onSuccess: onClose });
  const label = (f: string) => t(fieldLabel([f]));
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as Record<string, unknown> | null;
    if (v) save.mutate({ id: facility.id, ...recordInput(v) });
  };
  const text = (f: string, max: number, span = 12) => (
    <Col span={span}>
      <Form.Item name={f} label={label(f)}>
        <Input maxLength={max} data-testid={`record-${f}`} />
      </Form.Item>
    </Col>
  );
  const number = (f: string, precision: number, span = 12) => (
    <Col span={span}>
      <Form.Item name={f} label={label(f)}>
        <InputNumber min={0} precision={precision} style={{ width: '100%' }} data-testid={`record-${f}`} />
      </Form.Item>
    </Col>
  );
  const date = (f: string) => (
    <Col span={12}>
      <Form.Item name={f} label={label(f)}>
        <DateField allowClear testId={`record-${f}`} />
      </Form.Item>
    </Col>
  );
  const flag = (f: string) => (
    <Col span={8}>
      <Form.Item name={f} label={label(f)} valuePropName="checked">
        <Switch data-testid={`record-${f}`} />
      </Form.Item>
    </Col>
  );
  return (
    <FormDrawer open={open} onClose={onClose} width={620} title={t(N.edit)} saving={save.isPending} onSave={submit} saveTestId="record-save">
      <Form form={form} layout="vertical" onFinish={submit}>
        <Divider titlePlacement="start">{t(N.identity)}</Divider>
        <Row gutter={12}>
          {text('creditCode', 18)}
          <Col span={12}>
            <Form.Item name="registration" label={label('registration')}>
              <Select options={enumOptions(REGISTRATION, t)} data-testid="record-registration" />
            </Form.Item>
          </Col>
          {text('registrationAuthority', 100)}
          {date('registeredOn')}
          {text('legalRep', 50)}
          {text('legalRepPhone', 50)}
          {date('filedOn')}
          <Col span={12}>
            <Form.Item name="founder" label={label('founder')}>
              <Select allowClear options={enumOptions(FOUNDER, t)} data-testid="record-founder" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t(N.premises)}</Divider>
        <Row gutter={12}>
          {number('buildingArea', 2)}
          {number('landArea', 2)}
          {text('admissionTargets', 200, 24)}
          {flag('tekunInstitution')}
          {flag('gloryHome')}
          {flag('regionalCentre')}
          {flag('offersDayCare')}
          {number('latitude', 6)}
          {number('longitude', 6)}
        </Row>
        <Divider titlePlacement="start">{t(N.fees)}</Divider>
        <Row gutter={12}>
          {FEE_FIELDS.map((f) => number(f, 2))}
        </Row>
      </Form>
    </FormDrawer>
  );
}
