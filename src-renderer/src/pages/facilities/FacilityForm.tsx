/**
 * Create or edit a facility in a drawer. On create, beds can be registered in the same
 * step (one transaction): a mutual-aid home with its 12 beds in one go.
 */
import { Checkbox, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useCorrection } from '../../components/correction';
import { CountySelect } from '../../components/CountySelect';
import { DateField } from '../../components/DateField';
import { enumOptions } from '../../components/options';
import { reportingDate } from '../../components/reporting-date';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { FACILITY_KIND, FACILITY_STATUS, OWNERSHIP } from '@domain/enums';
import { T } from './texts';
import { FormDrawer } from '../../components/FormDrawer';

type Facility = Awaited<ReturnType<typeof api.facility.create.mutate>>;

interface Props {
  open: boolean;
  facility?: Facility | null;
  onClose(): void;
  onSaved?(f: Facility): void;
}

export function FacilityForm({ open, facility, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [withBeds, setWithBeds] = useState(false);
  const editing = !!facility;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setWithBeds(false);
    if (facility) form.setFieldsValue(facility);
    else form.setFieldsValue({ status: 'operating', statusDate: reportingDate(), staffCount: 0, careWorkerCount: 0, medicalCare: false, bedCount: 12, nursingCount: 0, labelPattern: '{nn}' });
  }, [open, facility, form]);

  const create = useCorrection(api.facility.create.mutate, { form, success: T.created, onSuccess: (f) => { onSaved?.(f); onClose(); } });
  const update = useWrite(api.facility.update.mutate, { form, success: C.saved, onSuccess: (f) => { onSaved?.(f); onClose(); } });
  const req = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];
  const choose = (label: { zh: string; en: string }) => [{ required: true, message: t(T.choose, { field: t(label) }) }];

  const submit = async () => {
    // Invalid fields show their own messages; there is nothing more to do until they are fixed.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const common = {
      regionCode: v.regionCode, name: v.name, kind: v.kind, ownership: v.ownership, medicalCare: !!v.medicalCare,
      township: v.township ?? '', address: v.address ?? '', grade: v.grade ?? null, staffCount: v.staffCount ?? 0,
      careWorkerCount: v.careWorkerCount ?? 0, phone: v.phone ?? '',
    };
    if (editing) update.mutate({ id: facility!.id, ...common });
    else
      create.mutate({
        ...common, status: v.status, statusDate: v.statusDate,
        initialBeds: withBeds ? { count: v.bedCount, nursingCount: v.nursingCount ?? 0, labelPattern: v.labelPattern || undefined } : undefined,
      });
  };

  return (
    <FormDrawer open={open} onClose={onClose} width={560} title={t(editing ? T.editFacility : T.newFacility)} saving={create.isPending || update.isPending} onSave={submit} saveTestId="facility-save">
      <Form form={form} layout="vertical" requiredMark onFinish={submit}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="regionCode" label={t(C.county)} rules={choose(C.county)}>
              <CountySelect testId="facility-county" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t(T.name)} rules={req(T.name)}>
              <Input maxLength={100} data-testid="facility-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t(T.kind)} rules={choose(T.kind)}>
              <Select options={enumOptions(FACILITY_KIND, t)} data-testid="facility-kind" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownership" label={t(T.ownership)} rules={choose(T.ownership)}>
              <Select options={enumOptions(OWNERSHIP, t)} data-testid="facility-ownership" />
            </Form.Item>
          </Col>
          {!editing && (
            <>
              <Col span={12}>
                <Form.Item name="status" label={t(T.status)} rules={choose(T.status)}>
                  <Select options={enumOptions(FACILITY_STATUS, t)} data-testid="facility-status" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="statusDate" label={t(T.openingDate)} rules={req(T.openingDate)} extra={t(T.openingDateHint)}>
                  <DateField testId="facility-status-date" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={12}>
            <Form.Item name="township" label={t(T.township)}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="grade" label={t(T.grade)}>
              <Select allowClear placeholder={t(T.noGrade)} options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t(T.gradeLevel, { n }) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t(T.address)}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="staffCount" label={t(T.staff)}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="careWorkerCount" label={t(T.careWorkers)}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="medicalCare" label={t(T.medicalCare)} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="phone" label={t(T.phone)}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        {!editing && (
          <>
            <Checkbox checked={withBeds} onChange={(e) => setWithBeds(e.target.checked)} data-testid="facility-with-beds" style={{ marginBottom: 12 }}>
              {t(T.initialBeds)}
            </Checkbox>
            {withBeds && (
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="bedCount" label={t(T.bedCount)} rules={req(T.bedCount)}>
                    <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} data-testid="facility-bed-count" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="nursingCount" label={t(T.nursingCount)}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="facility-nursing-count" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="labelPattern" label={t(T.labelPattern)} extra={t(T.labelPatternHelp)}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
