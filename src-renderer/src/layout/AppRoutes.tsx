/**
 * The app's screens and the side menu that reaches them. Each page lives in its own file
 * under pages/; the print pages (print-routes.tsx) have no menu or header.
 */
import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  HistoryOutlined,
  ImportOutlined,
  LoginOutlined,
  QuestionCircleOutlined,
  SafetyOutlined,
  SendOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/AuthGate';
import { useI18n } from '../i18n';
import { UserMenu } from '../pages/accounts/UserMenu';
import { C } from '../i18n/common';
import { HeaderSearch } from '../components/HeaderSearch';
import { preloadPages, ROUTES } from './routes';
import { pageKeptHere, pagePermission } from './page-permissions';
import { NotForThisAccount } from './not-for-account';
import { isPrintPath, PrintRoutes } from './print-routes';

const NAV = [
  { key: '/', icon: <DashboardOutlined />, label: { zh: '首页', en: 'Dashboard' } },
  { key: '/facilities', icon: <BankOutlined />, label: { zh: '机构', en: 'Facilities' } },
  { key: '/residents', icon: <TeamOutlined />, label: { zh: '老人', en: 'Residents' } },
  { key: '/admission', icon: <LoginOutlined />, label: { zh: '入住登记', en: 'Admission' } },
  { key: '/contracts', icon: <FileProtectOutlined />, label: { zh: '公建民营', en: 'PPP contracts' } },
  { key: '/month', icon: <AuditOutlined />, label: { zh: '月报', en: 'Monthly report' } },
  { key: '/reporting', icon: <SendOutlined />, label: { zh: '报送情况', en: 'Reporting' } },
  { key: '/population', icon: <UsergroupAddOutlined />, label: { zh: '人口', en: 'Population' } },
  { key: '/import', icon: <ImportOutlined />, label: { zh: '导入', en: 'Import' } },
  { key: '/exchange', icon: <SwapOutlined />, label: { zh: '数据交换', en: 'Data exchange' } },
  { key: '/data-quality', icon: <AlertOutlined />, label: { zh: '数据质量', en: 'Data quality' } },
  { key: '/settings', icon: <SettingOutlined />, label: { zh: '设置', en: 'Settings' } },
  { key: '/accounts', icon: <SafetyOutlined />, label: { zh: '账号与权限', en: 'Accounts' } },
  { key: '/audit', icon: <HistoryOutlined />, label: { zh: '操作日志', en: 'Audit log' } },
  { key: '/help', icon: <QuestionCircleOutlined />, label: { zh: '帮助', en: 'Help' } },
] as const;

/** While a page's code loads (the first time it is opened): a spinner where the page will be. */
export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} data-testid="page-loading">
      <Spin />
    </div>
  );
}

export function AppRoutes() {
  // The print pages stand outside the layout: a form and its toolbar, nothing else.
  return isPrintPath(useLocation().pathname) ? (
    <Suspense fallback={<PageLoading />}>
      <PrintRoutes />
    </Suspense>
  ) : (
    <AppLayout />
  );
}

function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const { can, me } = useMe();
  // Only the pages the account may use, about what this install keeps (layout/page-permissions.ts).
  const nav = NAV.filter((n) => can(pagePermission(n.key)) && pageKeptHere(n.key, me.install));
  const selected = NAV.filter((n) => n.key !== '/' && location.pathname.startsWith(n.key)).map((n) => n.key);
  // the other pages' code, fetched while the user reads the first screen
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 1500));
    idle(() => preloadPages());
  }, []);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={176} theme="light" breakpoint="lg" collapsedWidth={56} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '14px 16px', fontWeight: 600, fontSize: 15, lineHeight: 1.3 }}>{t(C.appName)}</div>
        <Menu
          mode="inline"
          style={{ borderInlineEnd: 'none' }}
          selectedKeys={selected.length ? selected : ['/']}
          items={nav.map((n) => ({ key: n.key, icon: n.icon, label: <span data-testid={`nav-${n.key.slice(1) || 'home'}`}>{t(n.label)}</span> }))}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', height: 48, lineHeight: '48px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <HeaderSearch />
          <Typography.Text type="secondary" style={{ marginRight: 16 }}>
            {lang === 'zh' ? '离线可用 · 数据保存在本机' : 'Works offline · data stays on this PC'}
          </Typography.Text>
          <UserMenu />
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {t(C.language)}
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              {ROUTES.map((r) => (
                <Route key={r.path} path={r.path} element={can(pagePermission(r.path)) ? r.element : <NotForThisAccount />} />
              ))}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
