/**
 * 月报: pick a month, review its figures and data-quality warnings, close it, export the
 * workbook or print. A closed month shows its frozen snapshot, and where the live register
 * now differs, both side by side. 打印 opens the print page (/print/month/:month), which
 * prints the month report as the same form as the workbook, with its signature block.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, apiError } from '../../api/client';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { monthEnd } from '@domain/dates';
import { MONTH_STATE, previousMonth, type MonthState } from '@domain/month';
import { DATA_QUALITY_TITLES, type DataQualityCode } from '@contract/data-quality-texts';
import type { DataQualityCount, MonthHistoryEntry } from '../../api/outputs';
import { CountyTable } from '../dashboard/CountyTable';
import { ContractDifferencesTable } from './ContractDifferencesTable';
import { DifferencesTable } from './DifferencesTable';
import { MonthActions } from './MonthActions';
import { StatFormButtons } from './StatFormButtons';
import { MonthReportingWarning } from '../reporting/MonthReportingWarning';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';
import { MonthField } from '../../components/MonthField';

const STATE_COLOR: Record<MonthState, string> = { open: 'default', closed: 'green', reopened: 'orange' };

export function MonthPage() {
  const { t, lang } = useI18n();
  const [month, setMonth] = useState(() => previousMonth(todayIso()));
  const status = useQuery({ queryKey: ['month.status', month], queryFn: () => api.month.status.query({ month }) });
  const report = useQuery({ queryKey: ['month.report', month], queryFn: () => api.month.report.query({ month }), retry: false });
  const noData = report.error ? apiError(report.error).code === 'NO_DATA_FOR_MONTH' : false;
  const state = status.data?.state ?? 'open';
  const warnings = (report.data?.report.dataQuality ?? []).reduce((n, c) => n + c.count, 0);
  const [y] = month.split('-');

  return (
    <div data-testid="page-month" className="month-report">
      <PageHeader
        className="no-print"
        title={t(T.title)}
        asOf={{ date: monthEnd(month), testId: 'month-as-of' }}
        subtitle={t(T.hint)}
        period={
          <MonthField label={t(T.month)} month={month} onChange={setMonth} testId="month-picker" />
        }
        actions={
          <>
            {status.data && (
              <Tag color={STATE_COLOR[state]} data-testid="month-state">
                {t(MONTH_STATE[state])}
              </Tag>
            )}
            <MonthActions month={month} state={state} warnings={warnings} canReport={!!report.data} />
            <StatFormButtons month={month} disabled={!report.data} />
          </>
        }
      />

      {state !== 'closed' && <MonthReportingWarning month={month} />}

      {report.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : noData ? (
        <Empty description={t(T.noData, { m: month })} data-testid="month-no-data">
          <Link to="/facilities">
            <Button type="primary">{t({ zh: '去登记机构', en: 'Register facilities' })}</Button>
          </Link>
        </Empty>
      ) : report.error || !report.data ? (
        <Alert type="error" showIcon message={t(C.loadFailed)} description={report.error ? apiError(report.error)[lang] : ''} action={<Button onClick={() => void report.refetch()}>{t(C.retry)}</Button>} />
      ) : (
        <>
          <Alert
            type={report.data.source === 'snapshot' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="month-source"
            message={report.data.source === 'snapshot' ? t(T.sourceSnapshot, { at: formatTime(report.data.snapshotTakenAt) }) : t(T.sourceLive)}
          />
          <div className="no-print">
            <DifferencesTable rows={report.data.differences} closed={report.data.source === 'snapshot'} />
            <ContractDifferencesTable rows={report.data.contractDifferences} />
          </div>
          <Card size="small" title={t(T.summary)} className="print-card">
            <CountyTable data={report.data.report.statistics} year={Number(y)} testIdPrefix="month" />
          </Card>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={14}>
              <DataQualityCard counts={report.data.report.dataQuality} date={monthEnd(month)} />
            </Col>
            <Col xs={24} xl={10} className="no-print">
              <HistoryCard history={status.data?.history ?? []} />
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

function formatTime(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** The month's data-quality counts by check (the report names no resident; the 数据质量 page has the list). */
function DataQualityCard({ counts, date }: { counts: DataQualityCount[]; date: string }) {
  const { t } = useI18n();
  const byCode = useMemo(() => {
    const totals = new Map<DataQualityCode, { n: number; severity: DataQualityCount['severity'] }>();
    for (const c of counts) {
      const had = totals.get(c.code);
      totals.set(c.code, { n: (had?.n ?? 0) + c.count, severity: had?.severity === 'error' ? 'error' : c.severity });
    }
    return [...totals.entries()];
  }, [counts]);
  const total = byCode.reduce((n, [, v]) => n + v.n, 0);
  return (
    <Card size="small" title={t(T.dq, { n: total })} className="print-card" data-testid="month-dq">
      {byCode.length === 0 ? (
        <Typography.Text type="success">{t(T.dqNone)}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={byCode}
          renderItem={([code, { n, severity }]) => (
            <List.Item extra={<Link className="no-print" to={`/data-quality?date=${date}`}>{t(T.dqGo)}</Link>}>
              <Space>
                <Tag color={severity === 'error' ? 'red' : 'gold'}>{n}</Tag>
                {t(DATA_QUALITY_TITLES[code])}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function HistoryCard({ history }: { history: MonthHistoryEntry[] }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t(T.history)} data-testid="month-history">
      {history.length === 0 ? (
        <Typography.Text type="secondary">{t(T.historyEmpty)}</Typography.Text>
      ) : (
        <Timeline
          items={history.map((h) => ({
            color: h.action === 'month.close' ? 'green' : 'orange',
            children: (
              <>
                <div>
                  {formatTime(h.at)} · {h.displayName} · {t(h.action === 'month.close' ? T.actionClose : T.actionReopen)}
                </div>
                {h.reason && <Typography.Text type="secondary">{h.reason}</Typography.Text>}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
