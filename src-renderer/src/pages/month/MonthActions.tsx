/**
 * What a clerk does with a month: close it (after a confirmation naming what is frozen),
 * reopen it with a reason, export the workbook, print (the print page, /print/month/:month:
 * the month report as the same form as the workbook).
 */
import { DownloadOutlined, LockOutlined, PrinterOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { monthEnd } from '@domain/dates';
import type { MonthState } from '@domain/month';
import { T } from './texts';
import { useMonthWorkbook } from './workbook';

export function MonthActions({ month, state, warnings, canReport }: { month: string; state: MonthState; warnings: number; canReport: boolean }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const manages = useMe().can('manage');
  const [reopening, setReopening] = useState(false);
  const workbook = useMonthWorkbook(month);
  const [form] = Form.useForm<{ reason: string }>();

  const close = useWrite((m: string) => api.month.close.mutate({ month: m }), { success: { zh: t(T.closed, { m: month }), en: t(T.closed, { m: month }) } });
  const reopen = useWrite((input: { month: string; reason: string }) => api.month.reopen.mutate(input), {
    form,
    success: { zh: t(T.reopened, { m: month }), en: t(T.reopened, { m: month }) },
    onSuccess: () => {
      setReopening(false);
      form.resetFields();
    },
  });

  const confirmClose = () =>
    modal.confirm({
      title: t(T.closeConfirmTitle, { m: month }),
      content: (
        <div data-testid="month-close-confirm">
          <p>{t(T.closeConfirmBody, { m: month, end: monthEnd(month) })}</p>
          {warnings > 0 && <p style={{ color: '#d48806' }}>{t(T.closeConfirmDq, { n: warnings })}</p>}
        </div>
      ),
      okText: t(T.close),
      cancelText: t(C.cancel),
      okButtonProps: { 'data-testid': 'month-close-ok' },
      onOk: () => close.mutateAsync(month).catch(() => undefined),
    });

  return (
    <Space wrap className="no-print">
      {!manages ? null : state === 'closed' ? (
        <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="month-reopen">
          {t(T.reopen)}
        </Button>
      ) : (
        <Button type="primary" icon={<LockOutlined />} onClick={confirmClose} disabled={!canReport} loading={close.isPending} data-testid="month-close">
          {t(T.close)}
        </Button>
      )}
      <Button icon={<DownloadOutlined />} onClick={() => void workbook.download()} disabled={!canReport} loading={workbook.exporting} data-testid="month-export">
        {t(T.download)}
      </Button>
      <Tooltip title={t(T.printHint)}>
        <Button icon={<PrinterOutlined />} onClick={() => void navigate(`/print/month/${month}`)} disabled={!canReport} data-testid="month-print">
          {t(T.print)}
        </Button>
      </Tooltip>
      <Modal
        open={reopening}
        title={t(T.reopenTitle, { m: month })}
        okText={t(T.reopen)}
        cancelText={t(C.cancel)}
        confirmLoading={reopen.isPending}
        okButtonProps={{ 'data-testid': 'month-reopen-ok' }}
        onCancel={() => setReopening(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => reopen.mutate({ month, reason: v.reason })}>
          <Form.Item name="reason" label={t(T.reopenReason)} extra={t(T.reopenReasonHelp)} rules={[{ required: true, whitespace: true, message: t(T.reopenReasonRequired) }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="month-reopen-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
