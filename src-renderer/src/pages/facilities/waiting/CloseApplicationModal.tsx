/** 撤回 an application (a reason, a date) or 恢复轮候 a withdrawn one (a reason): both asked in one small dialog. */
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { useWrite } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { todayIso } from '../../../components/options';
import { useI18n } from '../../../i18n';
import { C } from '../../../i18n/common';
import type { WaitingRow } from './waiting-row';
import { W } from './texts';

interface Values {
  reason: string;
  withdrawnOn?: string;
}

export function CloseApplicationModal({ facilityId, target, onClose }: { facilityId: number; target: { row: WaitingRow; action: 'withdraw' | 'reopen' } | null; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (target) form.setFieldsValue({ reason: '', withdrawnOn: todayIso() });
  }, [target, form]);
  const withdraw = useWrite(api.waiting.withdraw.mutate, { success: W.withdrawn, onSuccess: onClose });
  const reopen = useWrite(api.waiting.reopen.mutate, { success: W.reopened, onSuccess: onClose });
  const withdrawing = target?.action === 'withdraw';
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (withdrawing) withdraw.mutate({ facilityId, applicationId: target.row.id, withdrawReason: v.reason, withdrawnOn: v.withdrawnOn });
    else reopen.mutate({ facilityId, applicationId: target.row.id, reason: v.reason });
  };
  return (
    <Modal
      open={target !== null}
      title={target ? t(withdrawing ? W.withdrawTitle : W.reopenTitle, { name: target.row.name }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={withdrawing ? t(W.withdraw) : t(W.reopen)}
      okButtonProps={{ danger: withdrawing, loading: withdraw.isPending || reopen.isPending, 'data-testid': 'waiting-close-ok' } as never}
      cancelText={t(C.cancel)}
      destroyOnHidden
    >
      {withdrawing && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(W.withdrawHint)} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t(withdrawing ? W.withdrawReason : W.reopenReason)} rules={[{ required: true, whitespace: true, message: t(W.reasonRequired) }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={withdrawing ? t(W.withdrawReasonPlaceholder) : undefined} data-testid="waiting-close-reason" />
        </Form.Item>
        {withdrawing && (
          <Form.Item name="withdrawnOn" label={t(W.withdrawnOn)}>
            <DateField testId="waiting-withdrawn-on" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
