/**
 * 数据交换 (docs/exchange.md): this install, the package for the office above, the sync with
 * the hub when there is a network, importing the packages of others, enrolling offices below
 * and the installs known here.
 */
import { useQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { EnrolOffice } from './EnrolOffice';
import { HubSync } from './HubSync';
import { ImportPackages } from './ImportPackages';
import { KnownInstalls } from './KnownInstalls';
import { ThisInstall } from './ThisInstall';
import { T } from './texts';

export function ExchangePage() {
  const { t } = useI18n();
  const { can } = useMe();
  const status = useQuery({ queryKey: ['exchange.status'], queryFn: () => api.exchange.status.query() });
  const level = status.data?.install.level;
  return (
    <div data-testid="page-exchange">
      <PageHeader title={t(T.title)} subtitle={t(T.help)} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <ThisInstall status={status.data} />
        {can('write') && <HubSync />}
        {can('write') && <ImportPackages />}
        {can('manage') && (level === 'county' || level === 'city') && <EnrolOffice level={level} />}
        <KnownInstalls status={status.data} />
      </Space>
    </div>
  );
}
