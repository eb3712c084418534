/**
 * 首页: the city's figures as of a date (docs/domain.md#figures) against the plan's targets, by county,
 * with the plan's build progress and the count of data-quality issues still to fix.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Spin } from 'antd';
import { useState } from 'react';
import { api, apiError } from '../../api/client';
import { lastMonthEnd } from '../../components/options';
import { useMe } from '../../auth/AuthGate';
import { ScopedHome } from '../accounts/ScopedHome';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { BED_CATEGORY } from '@domain/enums';
import type { StatisticsResult } from '../../api/outputs';
import { BackupWarning } from './BackupWarning';
import { BptChart } from './BptChart';
import { CountyTable } from './CountyTable';
import { MetricCards } from './MetricCards';
import { PlanTable } from './PlanTable';
import { RecoveryKeyCard } from './RecoveryKeyCard';
import { TrendsChart } from './TrendsChart';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

export function DashboardPage() {
  const { t, lang } = useI18n();
  const [date, setDate] = useState(lastMonthEnd());
  // Accounts without county figures (facility managers) get their own facilities instead.
  const reports = useMe().can('report');
  const stats = useQuery({ queryKey: ['report.statistics', date], queryFn: () => api.report.statistics.query({ date }), enabled: reports });
  const dq = useQuery({ queryKey: ['report.dataQuality', date], queryFn: () => api.report.dataQuality.query({ date }), enabled: reports });
  const year = Number(date.slice(0, 4));
  if (!reports) return <ScopedHome />;

  return (
    <div data-testid="page-dashboard">
      <RecoveryKeyCard />
      <PageHeader
        title={t(T.title)}
        asOf={{ date, onChange: setDate, testId: 'dashboard-date' }}
        subtitle={
          <>
            {t(T.asOfHint)}
            {stats.data && ` ${t(T.counted, { cats: stats.data.countedCategories.map((c) => t(BED_CATEGORY[c])).join(lang === 'zh' ? '、' : ', ') })}`}
          </>
        }
      />
      <BackupWarning />

      {stats.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : stats.error || !stats.data ? (
        <Alert
          type="error"
          showIcon
          message={t(C.loadFailed)}
          description={stats.error ? apiError(stats.error)[lang] : ''}
          action={<Button onClick={() => void stats.refetch()}>{t(C.retry)}</Button>}
        />
      ) : (
        <Figures data={stats.data} year={year} dq={dq.data} dqDate={date} />
      )}
    </div>
  );
}

/** Everything the statistics say, once they have come. */
function Figures({ data, year, dq, dqDate }: { data: StatisticsResult; year: number; dq: Array<{ severity: 'error' | 'warning' }> | undefined; dqDate: string }) {
  const { t } = useI18n();
  const total = data.total;

  return (
    <>
      <MetricCards total={total} dq={dq} dqDate={dqDate} />

      <Card size="small" title={t(T.byCounty)} style={{ marginTop: 12 }}>
        <CountyTable data={data} year={year} testIdPrefix="dashboard" />
      </Card>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t(T.chartTitle)} style={{ height: '100%' }}>
            <BptChart rows={data.rows} target={total.targets.bedsPerThousand} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t(T.plan)} style={{ height: '100%' }}>
            <PlanTable rows={data.planProgress} />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t(T.trends)} style={{ marginTop: 12 }}>
        <TrendsChart />
      </Card>
    </>
  );
}
