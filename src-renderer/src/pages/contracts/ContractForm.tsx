/**
 * Register a 公建民营 contract. Only facilities run as 公建民营 can be chosen; the api checks
 * that again, and the term against the facility's other contracts, and its field errors
 * land on the fields here.
 */
import { Alert, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { SELECTION_METHOD, type SelectionMethod } from '@domain/enums';
import { useOperators, usePppFacilities } from './data';
import { T } from './texts';
import { FormDrawer } from '../../components/FormDrawer';

interface Values {
  facilityId: number;
  operatorId: number;
  contractNo?: string;
  selectionMethod: SelectionMethod;
  startOn: string;
  endOn: string;
  annualFee?: number | null;
  deposit?: number | null;
  reservedBeds?: number | null;
  assetValue?: number | null;
}

interface Props {
  open: boolean;
  onClose(): void;
  onSaved?(contractId: number): void;
}

const money = { min: 0, max: 1e12, precision: 2, step: 1000, style: { width: '100%' } } as const;
const orUndefined = (v: number | null | undefined) => (v === null ? undefined : v);

export function ContractForm({ open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const facilities = usePppFacilities(open);
  const operators = useOperators();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ selectionMethod: 'open_tender', startOn: todayIso(), reservedBeds: 0 });
  }, [open, form]);

  const create = useWrite(api.contract.create.mutate, {
    form,
    success: T.contractCreated,
    onSuccess: (c) => {
      onSaved?.(c.id);
      onClose();
    },
  });
  const req = (label: { zh: string; en: string }) => [{ required: true, message: t(T.required, { field: t(label) }) }];
  const choose = (label: { zh: string; en: string }) => [{ required: true, message: t(T.choose, { field: t(label) }) }];

  const submit = async () => {
    // Invalid fields already show their messages; nothing more to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    create.mutate({
      facilityId: v.facilityId,
      operatorId: v.operatorId,
      contractNo: v.contractNo?.trim() || undefined,
      selectionMethod: v.selectionMethod,
      startOn: v.startOn,
      endOn: v.endOn,
      annualFee: orUndefined(v.annualFee),
      deposit: orUndefined(v.deposit),
      reservedBeds: orUndefined(v.reservedBeds),
      assetValue: orUndefined(v.assetValue),
    });
  };

  const facilityRows = facilities.data?.rows ?? [];
  const operatorRows = operators.data ?? [];

  return (
    <FormDrawer open={open} onClose={onClose} width={560} title={t(T.newContract)} saving={create.isPending} onSave={submit} saveTestId="contract-save">
      {facilities.isSuccess && facilityRows.length === 0 && <Alert type="warning" showIcon message={t(T.noPppFacilities)} style={{ marginBottom: 12 }} />}
      {operators.isSuccess && operatorRows.length === 0 && <Alert type="warning" showIcon message={t(T.noOperators)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark onFinish={submit}>
        <Form.Item name="facilityId" label={t(T.facility)} rules={choose(T.facility)}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t(T.selectFacility)}
            loading={facilities.isLoading}
            options={facilityRows.map((f) => ({ value: f.id, label: `${f.name}（${f.regionName}）` }))}
            data-testid="contract-facility"
          />
        </Form.Item>
        <Form.Item name="operatorId" label={t(T.operator)} rules={choose(T.operator)}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t(T.selectOperator)}
            loading={operators.isLoading}
            options={operatorRows.map((o) => ({ value: o.id, label: o.name }))}
            data-testid="contract-operator"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contractNo" label={t(T.contractNo)}>
              <Input maxLength={50} data-testid="contract-no" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="selectionMethod" label={t(T.selectionMethod)} rules={choose(T.selectionMethod)}>
              <Select options={enumOptions(SELECTION_METHOD, t)} data-testid="contract-selection" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="startOn" label={t(T.startOn)} rules={req(T.startOn)}>
              <DateField testId="contract-start" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="endOn"
              label={t(T.endOn)}
              dependencies={['startOn']}
              rules={[
                ...req(T.endOn),
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => {
                    const start = getFieldValue('startOn') as string | undefined;
                    return !value || !start || value >= start ? Promise.resolve() : Promise.reject(new Error(t(T.endBeforeStart)));
                  },
                }),
              ]}
            >
              <DateField testId="contract-end" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="annualFee" label={t(T.annualFee)}>
              <InputNumber {...money} data-testid="contract-fee" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deposit" label={t(T.deposit)}>
              <InputNumber {...money} data-testid="contract-deposit" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reservedBeds" label={t(T.reservedBeds)} tooltip={t(T.reservedBedsHelp)}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="contract-reserved" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="assetValue" label={t(T.assetValue)}>
              <InputNumber {...money} data-testid="contract-asset" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
