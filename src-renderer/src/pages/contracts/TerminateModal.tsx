/** End a contract early: a date within its term, a reason, and a confirmation, since it cannot be undone. */
import { App, Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { ContractRow } from '../../api/outputs';
import { T } from './texts';

interface Values {
  terminatedOn: string;
  reason: string;
}

/** Rendered only while open, so each opening starts from a fresh form. */
export function TerminateModal({ contract, onClose }: { contract: ContractRow; onClose(): void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const terminate = useWrite(api.contract.terminate.mutate, { form, success: T.terminatedOk, onSuccess: onClose });
  const today = todayIso();
  const initial = today < contract.startOn ? contract.startOn : today > contract.endOn ? contract.endOn : today;

  const submit = async () => {
    // Invalid fields already show their messages; nothing more to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    modal.confirm({
      title: t(T.terminateConfirmTitle),
      content: t(T.terminateConfirmBody, { facility: contract.facilityName, operator: contract.operatorName, date: v.terminatedOn }),
      okText: t(T.terminate),
      okButtonProps: { danger: true, 'data-testid': 'terminate-confirm' },
      cancelText: t(C.cancel),
      onOk: () => terminate.mutateAsync({ id: contract.id, terminatedOn: v.terminatedOn, reason: v.reason.trim() }).catch(() => undefined),
    });
  };

  return (
    <Modal
      open
      title={`${t(T.terminate)}：${contract.facilityName}`}
      onCancel={onClose}
      onOk={submit}
      okText={t(T.terminate)}
      okButtonProps={{ danger: true, 'data-testid': 'terminate-save' }}
      cancelText={t(C.cancel)}
      confirmLoading={terminate.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ terminatedOn: initial }}>
        <Form.Item
          name="terminatedOn"
          label={t(T.terminatedOn)}
          rules={[
            { required: true, message: t(T.required, { field: t(T.terminatedOn) }) },
            {
              validator: (_, value: string | undefined) =>
                !value || (value >= contract.startOn && value <= contract.endOn)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t(T.outsideTerm, { start: contract.startOn, end: contract.endOn }))),
            },
          ]}
        >
          <DateField testId="terminate-date" />
        </Form.Item>
        <Form.Item name="reason" label={t(T.terminationReason)} rules={[{ required: true, whitespace: true, message: t(T.required, { field: t(T.terminationReason) }) }]}>
          <Input.TextArea maxLength={500} rows={3} data-testid="terminate-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
