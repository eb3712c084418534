/**
 * 首页: the city's figures as of a date (DOMAIN.md §5) against the plan's targets, by county,
 * with the plan's build progress and the count of data-quality issues still to fix.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Spin, Table } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, apiError } from '../../api/client';
import { EChart } from '../../components/EChart';
import { lastMonthEnd } from '../../components/options';
import { useMe } from '../../auth/AuthGate';
import { ScopedHome } from '../accounts/ScopedHome';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { BED_CATEGORY, TARGET_METRIC } from '@domain/enums';
import { formatCount, formatPercent, formatPerThousand } from '@domain/format';
import type { PlanProgressRow, StatisticsResult, StatisticsRow } from '../../api/outputs';
import { CountyTable } from './CountyTable';
import { RecoveryKeyCard } from './RecoveryKeyCard';
import { TrendsChart } from './TrendsChart';
import { FigureText, GapText, gapText, whyMissing, whyNoGap } from './figures';
import { T } from './texts';
import { dateTimeText } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

function MetricCard({ title, value, lines, testId }: { title: string; value: ReactNode; lines: ReactNode[]; testId?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '12px 16px' } }}>
      <div style={{ color: '#595959', fontSize: 13, minHeight: 20 }}>{title}</div>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.4, margin: '2px 0' }} data-testid={testId}>
        {value}
      </div>
      {lines.map((l, i) => (
        <div key={i} style={{ fontSize: 12, color: '#8c8c8c', lineHeight: 1.7 }}>
          {l}
        </div>
      ))}
    </Card>
  );
}

/**
 * Administrators are told when the daily automatic backup failed, or when the newest backup is
 * over two days old (backup.status); nobody else can act on the backups folder.
 */
function BackupWarning() {
  const { t, lang } = useI18n();
  const admin = useMe().can('admin');
  const status = useQuery({ queryKey: ['backup.status'], queryFn: () => api.backup.status.query(), enabled: admin });
  if (!admin || !status.data) return null;
  const { lastError, stale, newestBackupAt } = status.data;
  if (!lastError && !stale) return null;
  const message = lastError
    ? lastError.problem
      ? t(T.backupFailedStorage, { msg: lang === 'zh' ? lastError.problem.zh : lastError.problem.en })
      : t(T.backupFailed, { msg: lastError.message })
    : newestBackupAt
      ? t(T.backupStale, { at: dateTimeText(newestBackupAt, lang) })
      : t(T.backupNone);
  return (
    <Alert
      type={lastError ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="dashboard-backup-warning"
      message={message}
      action={<Link to="/settings">{t(T.backupGo)}</Link>}
    />
  );
}

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

function Figures({ data, year, dq, dqDate }: { data: StatisticsResult; year: number; dq: Array<{ severity: 'error' | 'warning' }> | undefined; dqDate: string }) {
  const { t, lang } = useI18n();
  const total = data.total;
  const errors = dq?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = dq?.filter((i) => i.severity === 'warning').length ?? 0;
  const dqLink = dqDate === lastMonthEnd() ? '/data-quality' : `/data-quality?date=${dqDate}`;

  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.bpt)}
            testId="dashboard-card-bpt"
            value={<FigureText text={formatPerThousand(total.bedsPerThousand)} why={t(whyMissing(total, 'bedsPerThousand', true))} />}
            lines={[
              <>
                {t(T.target)} <FigureText text={formatPerThousand(total.targets.bedsPerThousand)} why={t(T.whyNoTarget)} /> · {t(T.gap)}{' '}
                <GapText value={total.gaps.bedsPerThousand} unit="per_thousand" lang={lang} why={t(whyNoGap(total.targets.bedsPerThousand))} />
              </>,
            ]}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.nursingShare)}
            testId="dashboard-card-nursing"
            value={<FigureText text={formatPercent(total.nursingShare)} why={t(whyMissing(total, 'nursingShare', true))} />}
            lines={[
              <>
                {t(T.target)} <FigureText text={formatPercent(total.targets.nursingShare)} why={t(T.whyNoTarget)} /> · {t(T.gap)}{' '}
                <GapText value={total.gaps.nursingShare} unit="ratio" lang={lang} why={t(whyNoGap(total.targets.nursingShare))} />
              </>,
            ]}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.occupancy)}
            testId="dashboard-card-occupancy"
            value={<FigureText text={formatPercent(total.occupancyRate)} why={t(whyMissing(total, 'occupancyRate', true))} />}
            lines={[t(T.occupiedOf, { occ: formatCount(total.occupiedBeds), beds: formatCount(total.countedBeds) })]}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.tekunRate)}
            testId="dashboard-card-tekun"
            value={<FigureText text={formatPercent(total.tekunRate)} why={t(whyMissing(total, 'tekunRate', true))} />}
            lines={[
              <>
                {t(T.target)} <FigureText text={formatPercent(total.targets.tekunRate)} why={t(T.whyNoTarget)} /> · {t(T.gap)}{' '}
                <GapText value={total.gaps.tekunRate} unit="ratio" lang={lang} why={t(whyNoGap(total.targets.tekunRate))} />
              </>,
            ]}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.beds)}
            testId="dashboard-card-beds"
            value={formatCount(total.countedBeds)}
            lines={[t(T.bedsDetail, { inst: formatCount(total.institutionBeds), nursing: formatCount(total.nursingBeds) })]}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.facilities)}
            testId="dashboard-card-facilities"
            value={formatCount(total.facilities)}
            lines={[t(T.facilitiesDetail, { staff: formatCount(total.staff), care: formatCount(total.careWorkers) })]}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard title={t(T.residents)} testId="dashboard-card-residents" value={formatCount(total.residents)} lines={[t(T.residentsDetail)]} />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <MetricCard
            title={t(T.dq)}
            value={
              <Link to={dqLink} style={{ color: errors > 0 ? '#cf1322' : warnings > 0 ? '#d48806' : '#389e0d' }}>
                <span data-testid="dashboard-dq-count">{dq ? formatCount(dq.length) : '…'}</span>
              </Link>
            }
            lines={[
              dq && dq.length === 0 ? (
                t(T.dqNone)
              ) : (
                <>
                  {t(T.dqDetail, { e: errors, w: warnings })} · <Link to={dqLink}>{t(T.dqGo)}</Link>
                </>
              ),
            ]}
          />
        </Col>
      </Row>

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

function BptChart({ rows, target }: { rows: StatisticsRow[]; target: number | null }) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPerThousand(v) : '—'),
      },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 35, fontSize: 11 } },
      yAxis: {
        type: 'value',
        name: t(T.bptShort),
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, target ?? 0) * 1.15),
      },
      series: [
        {
          type: 'bar',
          name: t(T.bpt),
          barMaxWidth: 36,
          data: rows.map((r) =>
            r.bedsPerThousand === null
              ? '-'
              : { value: r.bedsPerThousand, itemStyle: { color: r.gaps.bedsPerThousand !== null && r.gaps.bedsPerThousand < 0 ? '#ff7875' : '#4096ff' } },
          ),
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatPerThousand(p.value) : '') },
          markLine:
            target === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#cf1322', type: 'dashed', width: 1.5 },
                  label: { position: 'insideStartTop', formatter: t(T.targetLine, { v: formatPerThousand(target) }), color: '#cf1322' },
                  data: [{ yAxis: target }],
                },
        },
      ],
    }),
    [rows, target, t],
  );
  if (rows.every((r) => r.bedsPerThousand === null)) return <Alert type="info" showIcon message={t(T.chartEmpty)} />;
  return <EChart option={option} height={330} testId="dashboard-chart" />;
}

function PlanTable({ rows }: { rows: PlanProgressRow[] }) {
  const { t, lang } = useI18n();
  return (
    <Table<PlanProgressRow>
      size="small"
      rowKey="metric"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t(T.planEmpty) }}
      columns={[
        { key: 'metric', title: t(T.planMetric), render: (_, r) => t(TARGET_METRIC[r.metric]) },
        { key: 'actual', title: t(T.planActual), align: 'right', render: (_, r) => formatCount(r.actual) },
        { key: 'target', title: t(T.target), align: 'right', render: (_, r) => <FigureText text={formatCount(r.target)} why={t(T.whyNoTarget)} /> },
        {
          key: 'gap',
          title: t(T.gap),
          align: 'right',
          render: (_, r) => (r.gap === null ? <FigureText text={gapText(null, 'count', lang)} why={t(whyNoGap(r.target))} /> : <GapText value={r.gap} unit="count" lang={lang} />),
        },
      ]}
    />
  );
}
