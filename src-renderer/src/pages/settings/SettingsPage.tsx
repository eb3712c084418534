/**
 * 设置: the administrator's settings (docs/domain.md#settings) and the plan's yearly
 * targets. Ratio targets are stored as fractions and entered as percentages.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { api, apiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { BackupSection } from './BackupSection';
import { SettingsForm } from './SettingsForm';
import { TargetsCard } from './TargetsCard';
import { RegulatorSettingsCard } from './RegulatorSettingsCard';
import { WorkCalendarCard } from './WorkCalendarCard';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

export function SettingsPage() {
  const { t, lang } = useI18n();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get.query() });
  return (
    <div data-testid="page-settings">
      <PageHeader title={t(T.title)} />
      {settings.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : settings.error || !settings.data ? (
        <Alert type="error" showIcon message={t(C.loadFailed)} description={settings.error ? apiError(settings.error)[lang] : ''} />
      ) : (
        <>
          <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />
          <RegulatorSettingsCard key={`r${JSON.stringify(settings.data)}`} settings={settings.data} />
          <WorkCalendarCard settings={settings.data} />
          <TargetsCard homeRegion={settings.data.homeRegion} />
          <BackupSection />
        </>
      )}
    </div>
  );
}
