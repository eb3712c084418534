/**
 * Register or edit an operator. The 统一社会信用代码 is checked as it is typed (GB 32100-2015,
 * the same rule the api applies), so a mistyped code is caught before saving.
 */
import { Col, Form, Input, Row } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { CREDIT_CODE_MESSAGES, parseCreditCode } from '@domain/credit-code';
import type { OperatorRow } from './data';
import { T } from './texts';
import { FormDrawer } from '../../components/FormDrawer';

interface Values {
  name: string;
  creditCode: string;
  legalRepresentative?: string;
  contactPerson?: string;
  phone?: string;
  address?: string;
}

interface Props {
  open: boolean;
  operator?: OperatorRow | null;
  onClose(): void;
}

/** Upper case, no spaces: how the code is printed on a business licence. */
const normalizeCode = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : v);

export function OperatorForm({ open, operator, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const editing = !!operator;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (operator) form.setFieldsValue(operator);
  }, [open, operator, form]);

  const create = useWrite(api.operator.create.mutate, { form, success: T.operatorCreated, onSuccess: onClose });
  const update = useWrite(api.operator.update.mutate, { form, success: C.saved, onSuccess: onClose });

  const submit = async () => {
    // Invalid fields already show their messages; nothing more to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const values = {
      name: v.name.trim(),
      creditCode: v.creditCode,
      legalRepresentative: v.legalRepresentative?.trim() ?? '',
      contactPerson: v.contactPerson?.trim() ?? '',
      phone: v.phone?.trim() ?? '',
      address: v.address?.trim() ?? '',
    };
    if (operator) update.mutate({ id: operator.id, ...values });
    else create.mutate(values);
  };

  const checkCode = (_: unknown, value: unknown) => {
    const r = parseCreditCode(typeof value === 'string' ? value : '');
    return r.ok ? Promise.resolve() : Promise.reject(new Error(t(T.creditCodeProblem, { problem: t(CREDIT_CODE_MESSAGES[r.problem]) })));
  };

  return (
    <FormDrawer open={open} onClose={onClose} width={520} title={t(editing ? T.editOperator : T.newOperator)} saving={create.isPending || update.isPending} onSave={submit} saveTestId="operator-save">
      <Form form={form} layout="vertical" requiredMark onFinish={submit}>
        <Form.Item name="name" label={t(T.operatorName)} rules={[{ required: true, whitespace: true, message: t(T.required, { field: t(T.operatorName) }) }]}>
          <Input maxLength={100} data-testid="operator-name" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t(T.creditCode)}
          normalize={normalizeCode}
          rules={[{ required: true, validator: checkCode }]}
          extra={t(T.creditCodeHelp)}
          hasFeedback
        >
          <Input maxLength={18} showCount autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="operator-creditcode" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="legalRepresentative" label={t(T.legalRepresentative)}>
              <Input maxLength={50} data-testid="operator-legal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPerson" label={t(T.contactPerson)}>
              <Input maxLength={50} data-testid="operator-contact" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="phone" label={t(T.phone)}>
          <Input maxLength={50} data-testid="operator-phone" />
        </Form.Item>
        <Form.Item name="address" label={t(T.address)}>
          <Input maxLength={200} data-testid="operator-address" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
