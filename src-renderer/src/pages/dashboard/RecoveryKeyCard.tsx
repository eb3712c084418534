/**
 * At first set-up (and after the key changed) administrators see the recovery key once, at the
 * top of the dashboard, to print and lock in the office safe (services/recovery-key.ts). Once
 * they confirm it is printed, the api never sends it again. Nobody else asks for it: the query
 * is for administrators only.
 */
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { RK } from './recovery-key-texts';
import './recovery-key.css';

const QUERY_KEY = ['security.recoveryKey'];
const PRINTING = 'printing-recovery-key';

/** Prints the sheet alone: the body class hides everything else for the print (recovery-key.css). */
function printSheet(): void {
  const body = document.body;
  const done = () => {
    body.classList.remove(PRINTING);
    window.removeEventListener('afterprint', done);
  };
  body.classList.add(PRINTING);
  window.addEventListener('afterprint', done);
  window.print();
}

export function RecoveryKeyCard() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const admin = useMe().can('admin');
  const status = useQuery({ queryKey: QUERY_KEY, queryFn: () => api.security.recoveryKey.query(), enabled: admin, staleTime: Infinity });
  const acknowledge = useWrite(() => api.security.acknowledgeRecoveryKey.mutate(), {
    success: RK.acknowledged,
    onSuccess: (data) => qc.setQueryData(QUERY_KEY, data),
  });
  // Leaving the page (or the card going away) mid-print must not leave the next print blank.
  const pending = status.data?.pending === true;
  useEffect(() => () => document.body.classList.remove(PRINTING), [pending]);
  if (!admin || !pending || !status.data?.recoveryKey) return null;
  const { recoveryKey, keyId } = status.data;

  const confirm = () =>
    modal.confirm({
      title: t(RK.confirmTitle),
      content: <div data-testid="recovery-key-confirm">{t(RK.confirmBody)}</div>,
      okText: t(RK.confirmOk),
      cancelText: t(C.cancel),
      okButtonProps: { 'data-testid': 'recovery-key-confirm-ok' },
      cancelButtonProps: { 'data-testid': 'recovery-key-confirm-cancel' },
      onOk: () => acknowledge.mutateAsync(undefined).catch(() => undefined),
    });

  const keyBlock = (testId?: string) => (
    <div className="recovery-key-value" data-testid={testId}>
      {recoveryKey}
    </div>
  );

  return (
    <>
      <Card
        size="small"
        data-testid="recovery-key-card"
        title={<span data-testid="recovery-key-title">{t(RK.title)}</span>}
        style={{ marginBottom: 12, borderColor: '#faad14', background: '#fffbe6' }}
        styles={{ header: { background: '#fff1b8', fontSize: 16 } }}
      >
        <Typography.Paragraph style={{ marginBottom: 8 }}>{t(RK.body)}</Typography.Paragraph>
        <div style={{ color: '#8c8c8c', fontSize: 12, marginBottom: 4 }}>{t(RK.recoveryKey)}</div>
        {keyBlock('recovery-key-value')}
        <Space align="center" style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginTop: 12 }}>
          <span>
            {t(RK.keyId)}：<Typography.Text code data-testid="recovery-key-id">{keyId}</Typography.Text>
          </span>
          <Space>
            <Button icon={<PrinterOutlined />} onClick={printSheet} data-testid="recovery-key-print">
              {t(RK.print)}
            </Button>
            <Button type="primary" onClick={confirm} loading={acknowledge.isPending} data-testid="recovery-key-ack">
              {t(RK.done)}
            </Button>
          </Space>
        </Space>
      </Card>
      {createPortal(
        <div className="recovery-key-sheet" data-testid="recovery-key-sheet">
          <h1>{t(RK.title)}</h1>
          <p>{t(RK.body)}</p>
          {keyBlock()}
          <p>
            {t(RK.keyId)}：{keyId}
          </p>
          <p>{t(RK.printedAt, { at: dayjs().format('YYYY-MM-DD HH:mm') })}</p>
          <p>{t(RK.sheetHint)}</p>
        </div>,
        document.body,
      )}
    </>
  );
}
