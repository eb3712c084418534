/** The account in the header: who is logged in, password change, logout. */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { A } from './texts';

export function UserMenu() {
  const { t } = useI18n();
  const { me, loginRequired } = useMe();
  const qc = useQueryClient();
  const [changing, setChanging] = useState(false);
  const logout = useWrite(() => api.account.logout.mutate(), { onSuccess: () => qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'account.status' }) });
  if (!loginRequired) return <Typography.Text type="secondary" style={{ marginRight: 12 }} data-testid="user-local">{t(A.localUser)}</Typography.Text>;
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'password', label: <span data-testid="menu-change-password">{t(A.changePassword)}</span> },
            { key: 'logout', label: <span data-testid="menu-logout">{t(A.logout)}</span> },
          ],
          onClick: (e) => (e.key === 'logout' ? logout.mutate(undefined) : setChanging(true)),
        }}
      >
        <Button type="text" style={{ marginRight: 8 }} data-testid="user-menu">
          {me.displayName} · {t(me.roleLabel)}
          {me.displayName !== me.username && (
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {me.username}
            </Typography.Text>
          )}
        </Button>
      </Dropdown>
      {changing && <PasswordModal onClose={() => setChanging(false)} />}
    </>
  );
}

function PasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ current: string; next: string; confirm: string }>();
  const change = useWrite((v: { current: string; next: string }) => api.account.changePassword.mutate(v), { form, success: A.passwordChanged, onSuccess: onClose });
  return (
    <Modal open title={t(A.changePassword)} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: change.isPending, 'data-testid': 'password-save' } as never} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate({ current: v.current, next: v.next })}>
        <Form.Item name="current" label={t(A.currentPassword)} rules={[{ required: true, message: t(A.required) }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="next" label={t(A.newPassword)} extra={t(A.passwordRule)} rules={[{ required: true, message: t(A.required) }]}>
          <Input.Password autoComplete="new-password" data-testid="password-next" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t(A.confirmPassword)}
          dependencies={['next']}
          rules={[
            { required: true, message: t(A.required) },
            ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t(A.mismatch)))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
