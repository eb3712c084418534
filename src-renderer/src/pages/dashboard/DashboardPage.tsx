/**
 * 首页: the city's figures as of a date (docs/domain.md#figures) against the plan's targets, by county,
 * with the plan's build progress and the count of data-quality issues still to fix.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Spin, Typography } from 'antd';
import { api, apiError } from '../../api/client';
import { todayIso } from '../../components/options';
import { isLastMonthEnd, useReportingDate } from '../../components/reporting-date';
import { useMe } from '../../auth/AuthGate';
import { ScopedHome } from '../accounts/ScopedHome';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { BED_CATEGORY } from '@domain/enums';
import type { DataQualityItem, StatisticsResult } from '../../api/outputs';
import { BackupWarning } from './BackupWarning';
import { BptChart } from './BptChart';
import { CountySummaryPrint } from './CountySummaryPrint';
import { CountyTable } from './CountyTable';
import { FirstRunChecklist } from './FirstRunChecklist';
import { MetricCards } from './MetricCards';
import { PlanTable } from './PlanTable';
import { RecoveryKeyCard } from './RecoveryKeyCard';
import { RegulatorCard } from './RegulatorCard';
import { TrendsChart } from './TrendsChart';
import { DashboardReportingLine } from '../reporting/DashboardReportingLine';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

export function DashboardPage() {
  const { t, lang } = useI18n();
  // The reporting date (end of last month, or the date chosen here): forms that register existing things default to it.
  const [date, setDate] = useReportingDate();
  // Accounts without county figures (facility managers) get their own facilities instead.
  const { can } = useMe();
  const reports = can('report');
  const stats = useQuery({ queryKey: ['report.statistics', date], queryFn: () => api.report.statistics.query({ date }), enabled: reports });
  // Data quality is the work list of today (as on 数据质量), so a fix leaves it at once.
  const today = todayIso();
  const dq = useQuery({ queryKey: ['report.dataQuality', today], queryFn: () => api.report.dataQuality.query({ date: today }), enabled: reports });
  const checklist = useQuery({ queryKey: ['report.checklist', date], queryFn: () => api.report.checklist.query({ date }), enabled: reports });
  const which = date === today ? T.today : isLastMonthEnd(date) ? T.lastMonthEnd : null;
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
            <span data-testid="dashboard-stat-date">{t(T.statDate, { date, which: which ? t(which) : '' })}</span>
            {t(T.asOfHint)}
            {stats.data && ` ${t(T.counted, { cats: stats.data.countedCategories.map((c) => t(BED_CATEGORY[c])).join(lang === 'zh' ? '、' : ', ') })}`}
          </>
        }
      />
      <BackupWarning />
      <DashboardReportingLine />
      {can('manage') && checklist.data && <FirstRunChecklist data={checklist.data} />}

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
        <Figures data={stats.data} date={date} year={year} dq={checklist.isPending ? undefined : dq.data} dqDate={today} emptyRegister={checklist.data?.emptyRegister === true} />
      )}
    </div>
  );
}

/** Everything the statistics say, once they have come. */
function Figures({ data, date, year, dq, dqDate, emptyRegister }: { data: StatisticsResult; date: string; year: number; dq: Array<Pick<DataQualityItem, 'code' | 'severity'>> | undefined; dqDate: string; emptyRegister: boolean }) {
  const { t } = useI18n();
  const total = data.total;

  return (
    <>
      <MetricCards total={total} dq={dq} dqDate={dqDate} emptyRegister={emptyRegister} />

      <Card size="small" title={t(T.byCounty)} style={{ marginTop: 12 }} extra={!emptyRegister && <CountySummaryPrint counties={data.rows.filter((r) => r.code !== 'selected')} date={date} />}>
        <CountyTable data={data} year={year} testIdPrefix="dashboard" />
        {(data.uncountedFacilities ?? 0) > 0 && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="dashboard-uncounted">
            {t(T.uncounted, { n: data.uncountedFacilities ?? 0 })}
          </Typography.Paragraph>
        )}
      </Card>

      {dq && <RegulatorCard items={dq} />}

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t(T.chartTitle)} style={{ height: '100%' }}>
            <BptChart rows={data.rows} target={total.targets.bedsPerThousand} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t(T.plan)} style={{ height: '100%' }}>
            <PlanTable rows={data.planProgress} quiet={emptyRegister} />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t(T.trends)} style={{ marginTop: 12 }}>
        <TrendsChart />
      </Card>
    </>
  );
}
