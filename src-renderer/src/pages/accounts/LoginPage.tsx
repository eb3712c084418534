/** 登录: shown instead of the app while login is required and nobody is logged in. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { A } from './texts';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t, lang, setLang } = useI18n();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const qc = useQueryClient();
  const login = useWrite((v: { username: string; password: string }) => api.account.login.mutate(v), {
    form,
    // useWrite refreshes the login state; what an earlier account loaded is dropped.
    // and everyone starts on the home page, not on the page an earlier account left open.
    onSuccess: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'account.status' });
      window.location.hash = '#/';
    },
  });
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }} data-testid="page-login">
      <Card style={{ width: 380 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t(C.appName)}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t(A.loginIntro)}</Typography.Paragraph>
        {expired && <Alert type="warning" showIcon message={t(A.expired)} style={{ marginBottom: 16 }} data-testid="login-expired" />}
        <Form form={form} layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
          <Form.Item name="username" label={t(A.username)} rules={[{ required: true, message: t(A.required) }]}>
            <Input autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t(A.password)} rules={[{ required: true, message: t(A.required) }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t(A.login)}
          </Button>
        </Form>
        <Button type="link" size="small" style={{ marginTop: 12, padding: 0 }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t(C.language)}
        </Button>
      </Card>
    </div>
  );
}
