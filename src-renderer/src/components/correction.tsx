/**
 * What every correction form shares (facility pages, resident record), and every entry that can
 * be dated into a closed month (admission, stay actions, population): a reason field that
 * appears when the correction touches a date before today, and the closed-month warning —
 * a CLOSED_MONTH refusal opens a confirm dialog (确认保存 / 取消) and, confirmed, the same
 * correction is sent again with `confirmClosedMonth: true`.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { apiError } from '../api/client';
import { useI18n } from '../i18n';
import { todayIso } from './options';

export const K = {
  correct: { zh: '更正', en: 'Correct' },
  delete: { zh: '删除', en: 'Delete' },
  reason: { zh: '更正原因', en: 'Reason for the correction' },
  reasonHint: { zh: '更正涉及今天以前的日期，请说明原因（会记入操作日志）', en: 'The correction touches a date before today; say why (it goes into the audit log)' },
  reasonRequired: { zh: '请填写更正原因（至少 2 个字）', en: 'Give the reason (at least 2 characters)' },
  closedTitle: { zh: '将改变已关账月份的数字', en: 'This changes a closed month' },
  confirmSave: { zh: '确认保存', en: 'Save anyway' },
  cancel: { zh: '取消', en: 'Cancel' },
  corrected: { zh: '已更正', en: 'Corrected' },
  deleted: { zh: '已删除', en: 'Deleted' },
} as const;

/** Whether any of the dates (old and new values of what changes) lies before today. */
export function touchesPast(dates: ReadonlyArray<string | null | undefined>): boolean {
  const today = todayIso();
  return dates.some((d) => typeof d === 'string' && d !== '' && d < today);
}

/** The reason field, shown only when `needed`. */
export function ReasonField({ needed, testId }: { needed: boolean; testId?: string }) {
  const { t } = useI18n();
  if (!needed) return null;
  return (
    <Form.Item name="reason" label={t(K.reason)} extra={t(K.reasonHint)} rules={[{ required: true, min: 2, whitespace: true, message: t(K.reasonRequired) }]}>
      <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} data-testid={testId ?? 'correction-reason'} />
    </Form.Item>
  );
}

interface CorrectionOptions<TOutput> {
  form?: FormInstance;
  /** A success message; none when omitted (the caller says something of its own). */
  success?: { zh: string; en: string };
  onSuccess?: (data: TOutput) => void;
  /** Any refusal but a CLOSED_MONTH waiting for its confirmation (after the message is shown). */
  onError?: (err: ReturnType<typeof apiError>) => void;
}

/** A correction call: field errors onto the form, CLOSED_MONTH as a confirm dialog, then resent. */
export function useCorrection<TInput extends { confirmClosedMonth?: boolean }, TOutput>(fn: (input: TInput) => Promise<TOutput>, opts: CorrectionOptions<TOutput>) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const { t, lang } = useI18n();
  const mutation = useMutation<TOutput, unknown, TInput>({
    mutationFn: fn,
    onSuccess: async (data) => {
      await qc.invalidateQueries();
      if (opts.success) void message.success(t(opts.success));
      opts.onSuccess?.(data);
    },
    onError: (e, input) => {
      const err = apiError(e);
      const text = lang === 'zh' ? err.zh : err.en;
      if (err.code === 'CLOSED_MONTH' && !input.confirmClosedMonth) {
        modal.confirm({
          title: t(K.closedTitle),
          content: <span data-testid="closed-month-warning">{text}</span>,
          okText: t(K.confirmSave),
          cancelText: t(K.cancel),
          okButtonProps: { 'data-testid': 'closed-month-confirm' } as never,
          onOk: () => mutation.mutate({ ...input, confirmClosedMonth: true }),
        });
        return;
      }
      // onto the form only a field it has (an error about another field shows as a message alone)
      const known = opts.form ? Object.keys(opts.form.getFieldsValue(true) as Record<string, unknown>) : [];
      if (opts.form && err.field && known.includes(err.field)) opts.form.setFields([{ name: err.field, errors: [text] }]);
      void message.error({ content: text, key: 'api-error', duration: 6 });
      opts.onError?.(err);
    },
  });
  return mutation;
}
