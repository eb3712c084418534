/** Record one year's evaluation of an operator under a contract (one per contract and year). */
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { enumOptions } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { EVALUATION_RESULT, type EvaluationResult } from '@domain/enums';
import { T } from './texts';

interface Values {
  year: number;
  score?: number | null;
  result: EvaluationResult;
  note?: string;
}

/** Rendered only while open, so each opening starts from a fresh form. */
export function EvaluationModal({ contractId, defaultYear, onClose }: { contractId: number; defaultYear: number; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const add = useWrite(api.contract.addEvaluation.mutate, { form, success: T.evaluationAdded, onSuccess: onClose });
  const submit = async () => {
    // Invalid fields already show their messages; nothing more to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    add.mutate({ contractId, year: v.year, score: v.score ?? null, result: v.result, note: v.note?.trim() ?? '' });
  };
  return (
    <Modal
      open
      title={t(T.addEvaluation)}
      onCancel={onClose}
      onOk={submit}
      okText={t(C.save)}
      cancelText={t(C.cancel)}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'evaluation-save' }}
    >
      <Form form={form} layout="vertical" initialValues={{ year: defaultYear }} onFinish={submit}>
        <Form.Item name="year" label={t(T.year)} rules={[{ required: true, message: t(T.required, { field: t(T.year) }) }]}>
          <InputNumber min={1990} max={2200} precision={0} style={{ width: '100%' }} data-testid="evaluation-year" />
        </Form.Item>
        <Form.Item name="score" label={t(T.score)} extra={t(T.scoreHelp)}>
          <InputNumber min={0} max={100} precision={1} style={{ width: '100%' }} data-testid="evaluation-score" />
        </Form.Item>
        <Form.Item name="result" label={t(T.result)} rules={[{ required: true, message: t(T.choose, { field: t(T.result) }) }]}>
          <Select options={enumOptions(EVALUATION_RESULT, t)} data-testid="evaluation-result" />
        </Form.Item>
        <Form.Item name="note" label={t(T.note)}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
