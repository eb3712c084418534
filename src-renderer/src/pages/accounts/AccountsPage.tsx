/**
 * 账号与权限 (administrators): the first administrator while login is off; then the account
 * list with roles and scopes, password resets and unlocking; and browser-mode LAN access.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { CountySelect, useCounties } from '../../components/CountySelect';
import { useI18n } from '../../i18n';
import { ROLE, ROLES, type Role } from '@domain/enums';
import { A } from './texts';
import { dateTimeText } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

type User = Awaited<ReturnType<typeof api.user.list.query>>[number];

export function AccountsPage() {
  const { t } = useI18n();
  const { can, loginRequired } = useMe();
  if (!can('admin')) return <Alert type="warning" showIcon message={t(A.noPermission)} />;
  return (
    <div data-testid="page-accounts">
      <PageHeader title={t(A.accountsTitle)} />
      {loginRequired ? <Users /> : <SetupAdmin />}
      <Security />
    </div>
  );
}

function PasswordFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="password" label={t(A.password)} extra={t(A.passwordRule)} rules={[{ required: true, message: t(A.required) }]}>
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t(A.confirmPassword)}
        dependencies={['password']}
        rules={[
          { required: true, message: t(A.required) },
          ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t(A.mismatch)))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-confirm" />
      </Form.Item>
    </>
  );
}

function SetupAdmin() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ username: string; displayName: string; password: string }>();
  const setup = useWrite((v: { username: string; displayName: string; password: string }) => api.account.setupAdmin.mutate(v), { form, success: A.adminCreated });
  return (
    <Card title={t(A.setupTitle)} style={{ maxWidth: 560, marginBottom: 16 }} data-testid="setup-admin">
      <Typography.Paragraph>{t(A.setupIntro)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => setup.mutate({ username: v.username, displayName: v.displayName, password: v.password })}>
        <Form.Item name="username" label={t(A.username)} initialValue="admin" rules={[{ required: true, message: t(A.required) }]}>
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t(A.displayName)} initialValue="管理员" rules={[{ required: true, message: t(A.required) }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <PasswordFields />
        <Button type="primary" htmlType="submit" loading={setup.isPending} data-testid="setup-submit">
          {t(A.createAdmin)}
        </Button>
      </Form>
    </Card>
  );
}

function Users() {
  const { t, lang } = useI18n();
  const users = useQuery({ queryKey: ['user.list'], queryFn: () => api.user.list.query() });
  const counties = useCounties();
  const facilities = useQuery({ queryKey: ['facility.list', 'names'], queryFn: () => api.facility.list.query({}) });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const unlock = useWrite((id: number) => api.user.unlock.mutate({ id }), { success: A.saved });
  const countyName = (c: string) => counties.data?.find((x) => x.code === c)?.name ?? c;
  const facilityName = (id: number) => facilities.data?.rows.find((f) => f.id === id)?.name ?? `#${id}`;
  const now = new Date().toISOString();
  const columns: ColumnsType<User> = [
    { title: t(A.username), dataIndex: 'username' },
    {
      title: t(A.displayName),
      dataIndex: 'displayName',
      // The pseudo-account stays listed (the command line still acts under it) with what it is.
      render: (v: string, u) =>
        u.local ? (
          <span data-testid="local-account-note">
            {t(A.localAccountName)}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t(A.localAccountNote)}
            </Typography.Text>
          </span>
        ) : (
          v
        ),
    },
    { title: t(A.role), dataIndex: 'role', render: (r: Role) => t(ROLE[r]) },
    {
      title: t(A.scope),
      render: (_, u) =>
        u.role === 'facility' ? u.facilityIds.map(facilityName).join('、') : u.counties.length ? u.counties.map(countyName).join('、') : t(A.cityWide),
    },
    {
      title: t(A.status),
      render: (_, u) => (
        <Space size={4}>
          {u.active ? <Tag color="green">{t(A.active)}</Tag> : <Tag>{t(A.inactive)}</Tag>}
          {u.lockedUntil && u.lockedUntil > now && <Tag color="red">{t(A.locked)}</Tag>}
        </Space>
      ),
    },
    { title: t(A.lastLogin), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? dateTimeText(v, lang) : '—') },
    {
      title: t(A.actions),
      render: (_, u) =>
        u.local ? null : (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
              {t(A.edit)}
            </Button>
            <Button type="link" size="small" onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
              {t(A.resetPassword)}
            </Button>
            {u.lockedUntil && u.lockedUntil > now && (
              <Button type="link" size="small" onClick={() => unlock.mutate(u.id)}>
                {t(A.unlock)}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  return (
    <Card
      title={t(A.users)}
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="user-new">
          {t(A.newUser)}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t(A.roleHelp)}</Typography.Paragraph>
      <Table rowKey="id" size="small" pagination={false} loading={users.isLoading} dataSource={users.data ?? []} columns={columns} data-testid="users-table" />
      {editing && <UserModal user={editing === 'new' ? null : editing} facilities={facilities.data?.rows ?? []} onClose={() => setEditing(null)} />}
      {resetting && <ResetModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  counties?: string[];
  facilityIds?: number[];
  active?: boolean;
  password: string;
}

function UserModal({ user, facilities, onClose }: { user: User | null; facilities: Array<{ id: number; name: string; regionName: string }>; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const create = useWrite((v: Omit<UserForm, 'active'>) => api.user.create.mutate(v), { form, success: A.saved, onSuccess: onClose });
  const update = useWrite((v: Omit<UserForm, 'username' | 'password'> & { id: number }) => api.user.update.mutate(v), { form, success: A.saved, onSuccess: onClose });
  const submit = (v: UserForm) => {
    const scope = { counties: v.role === 'section' || v.role === 'readonly' ? (v.counties ?? []) : [], facilityIds: v.role === 'facility' ? (v.facilityIds ?? []) : [] };
    if (user) update.mutate({ id: user.id, displayName: v.displayName, role: v.role, active: v.active, ...scope });
    else create.mutate({ username: v.username, displayName: v.displayName, role: v.role, password: v.password, ...scope });
  };
  return (
    <Modal
      open
      title={t(user ? A.editUser : A.newUser)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(A.save)}
      cancelText={t(A.cancel)}
      okButtonProps={{ loading: create.isPending || update.isPending, 'data-testid': 'user-save' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={user ? { ...user } : { role: 'section', active: true, counties: [], facilityIds: [] }}
      >
        <Form.Item name="username" label={t(A.username)} rules={[{ required: true, message: t(A.required) }]}>
          <Input disabled={!!user} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t(A.displayName)} rules={[{ required: true, message: t(A.required) }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t(A.role)} rules={[{ required: true }]}>
          <Select data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: t(ROLE[r]) }))} />
        </Form.Item>
        {(role === 'section' || role === 'readonly') && (
          <Form.Item name="counties" label={t(A.counties)}>
            <CountySelect multiple testId="user-counties" style={{ width: '100%' }} />
          </Form.Item>
        )}
        {role === 'facility' && (
          <Form.Item name="facilityIds" label={t(A.facilities)} rules={[{ required: true, message: t(A.required) }]}>
            <Select
              mode="multiple"
              data-testid="user-facilities"
              showSearch={{ optionFilterProp: 'label' }}
              options={facilities.map((f) => ({ value: f.id, label: `${f.regionName} · ${f.name}` }))}
            />
          </Form.Item>
        )}
        {user ? (
          <Form.Item name="active" label={t(A.active)} valuePropName="checked">
            <Switch data-testid="user-active" />
          </Form.Item>
        ) : (
          <PasswordFields />
        )}
      </Form>
    </Modal>
  );
}

function ResetModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useWrite((v: { password: string }) => api.user.resetPassword.mutate({ id: user.id, password: v.password }), { form, success: A.saved, onSuccess: onClose });
  return (
    <Modal open title={`${t(A.resetPassword)} · ${user.username}`} onCancel={onClose} onOk={() => form.submit()} okText={t(A.save)} cancelText={t(A.cancel)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)}>
        <PasswordFields />
      </Form>
    </Modal>
  );
}

function Security() {
  const { t } = useI18n();
  const security = useQuery({ queryKey: ['security.get'], queryFn: () => api.security.get.query() });
  const update = useWrite((lanEnabled: boolean) => api.security.update.mutate({ lanEnabled }), { success: A.saved });
  return (
    <Card title={t(A.security)} style={{ maxWidth: 720 }}>
      <Space align="start">
        <Switch
          checked={security.data?.lanEnabled ?? false}
          disabled={!security.data?.loginRequired}
          loading={security.isLoading || update.isPending}
          onChange={(v) => update.mutate(v)}
          data-testid="security-lan"
        />
        <div>
          <Typography.Text strong>{t(A.lan)}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(A.lanHelp)}
            {!security.data?.loginRequired && ` ${t(A.lanNeedsAccounts)}`}
          </Typography.Paragraph>
        </div>
      </Space>
      <TlsCertificate />
    </Card>
  );
}

/** The certificate this page came with (M11): colleagues compare its fingerprint with their browser's. */
function TlsCertificate() {
  const { t, lang } = useI18n();
  const tls = useQuery({ queryKey: ['security.tls'], queryFn: () => api.security.tls.query() });
  if (!tls.data) return null;
  const d = tls.data;
  return (
    <div style={{ marginTop: 16 }} data-testid="security-tls">
      <Typography.Text strong>{t(A.tlsTitle)}</Typography.Text>
      {d.enabled ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t(A.tlsOn)}
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t(A.tlsFingerprint)}>
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="security-tls-fingerprint">
                {d.fingerprintSha256}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t(A.tlsSubject)}>{d.subject}</Descriptions.Item>
            <Descriptions.Item label={t(A.tlsNames)}>{d.altNames.join(', ')}</Descriptions.Item>
            <Descriptions.Item label={t(A.tlsValidTo)}>{dateTimeText(d.validTo, lang)}</Descriptions.Item>
            <Descriptions.Item label={t(A.tlsSource)}>{t(d.source === 'supplied' ? A.tlsSupplied : A.tlsGenerated)}</Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon style={{ marginTop: 8 }} message={t(A.tlsCheck)} />
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t(A.tlsOff)}
        </Typography.Paragraph>
      )}
    </div>
  );
}
