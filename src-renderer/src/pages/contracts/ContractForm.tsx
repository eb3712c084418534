/**
 * Register a 公建民营 contract. Only facilities run as 公建民营 can be chosen; the api checks
 * that again, and the term against the facility's other contracts, and its field errors
 * land on the fields here.
 */
import { Alert, Form, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import type { SelectionMethod } from '@domain/enums';
import { useOperators, usePppFacilities } from './data';
import { T } from './texts';
import { FormDrawer } from '../../components/FormDrawer';
import { ContractTermFields } from './ContractTermFields';

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
        <ContractTermFields idPrefix="contract" />
      </Form>
    </FormDrawer>
  );
}
