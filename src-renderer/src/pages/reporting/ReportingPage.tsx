/**
 * 报送情况: for a chosen month (default last month, like 月报), which offices below this install
 * have reported, late, or not yet, against the deadline (setting reportDeadlineDay); per office
 * the last package received, the date its data runs through, and whether a package is missing
 * (changes waiting for an earlier one). 打印未报送名单 opens the list for a phoning round.
 */
import { PrinterOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import { Alert, Button, Card, Empty, Radio, Space, Spin, Statistic, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { previousMonth } from '@domain/month';
import { formatPercent } from '@domain/format';
import { apiError } from '../../api/client';
import { DataGrid, nameComparator } from '../../components/DataGrid';
import { dateTimeText } from '../../components/format';
import { todayIso } from '../../components/options';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { useReporting, type ReportingRow, type ReportingState, type ReportingStatus } from './reporting-query';
import { R, STATE_COLOR, STATE_TEXT, STATES } from './texts';
import { MonthField } from '../../components/MonthField';

/** A count in its state's colour while there is one to see (none: grey). */
const COUNT_COLOR: Record<ReportingState, string> = { reported: '#389e0d', late: '#d46b08', missing: '#cf1322', notDue: '#8c8c8c' };

export function ReportingPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [month, setMonth] = useState(() => previousMonth(todayIso()));
  const [state, setState] = useState<ReportingState | 'all'>('all');
  const q = useReporting(month);
  const data = q.data;

  return (
    <div data-testid="page-reporting">
      <PageHeader
        title={t(R.title)}
        subtitle={t(R.hint)}
        period={
          <MonthField label={t(R.month)} month={month} onChange={setMonth} testId="reporting-month" />
        }
        actions={
          data && (
            <>
              <Tag color={data.overdue ? 'red' : 'blue'} data-testid="reporting-deadline">
                {t(R.deadline, { d: data.deadline })} · {t(data.overdue ? R.overdue : R.notYet)}
              </Tag>
              {data.rows.length > 0 && (
                <Tooltip title={t(R.printHint)}>
                  <Button icon={<PrinterOutlined />} onClick={() => void navigate(`/print/reporting/${month}`)} data-testid="reporting-print">
                    {t(R.print)}
                  </Button>
                </Tooltip>
              )}
            </>
          )
        }
      />
      {q.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : q.error || !data ? (
        <Alert type="error" showIcon message={t(C.loadFailed)} description={q.error ? apiError(q.error)[lang] : ''} action={<Button onClick={() => void q.refetch()}>{t(C.retry)}</Button>} />
      ) : data.rows.length === 0 ? (
        <Empty description={t(R.empty)} data-testid="reporting-empty">
          <Link to="/exchange">
            <Button type="primary">{t(R.goExchange)}</Button>
          </Link>
        </Empty>
      ) : (
        <>
          <Counts data={data} />
          <ReportingGrid rows={state === 'all' ? data.rows : data.rows.filter((r) => r.state === state)} month={month} filter={<StateFilter data={data} value={state} onChange={setState} />} />
        </>
      )}
    </div>
  );
}

function Counts({ data }: { data: ReportingStatus }) {
  const { t } = useI18n();
  const due = data.counts.reported + data.counts.late + data.counts.missing;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="reporting-counts">
      <Space size={40} wrap>
        {STATES.map((s) => (
          <Statistic key={s} title={t(STATE_TEXT[s])} value={data.counts[s]} valueStyle={{ color: data.counts[s] > 0 ? COUNT_COLOR[s] : '#8c8c8c' }} data-testid={`reporting-count-${s}`} />
        ))}
        <Statistic
          title={`${t(R.share)} · ${t(R.shareOf, { n: data.counts.reported + data.counts.late, due })}`}
          value={formatPercent(data.share)}
          data-testid="reporting-share"
        />
      </Space>
    </Card>
  );
}

function StateFilter({ data, value, onChange }: { data: ReportingStatus; value: ReportingState | 'all'; onChange: (v: ReportingState | 'all') => void }) {
  const { t } = useI18n();
  return (
    <Radio.Group optionType="button" value={value} onChange={(e) => onChange(e.target.value as ReportingState | 'all')} data-testid="reporting-filter">
      <Radio.Button value="all">
        <span data-testid="reporting-filter-all">
          {t(R.all)} {data.rows.length}
        </span>
      </Radio.Button>
      {STATES.map((s) => (
        <Radio.Button key={s} value={s}>
          <span data-testid={`reporting-filter-${s}`}>
            {t(STATE_TEXT[s])} {data.counts[s]}
          </span>
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

function ReportingGrid({ rows, month, filter }: { rows: ReportingRow[]; month: string; filter: React.ReactNode }) {
  const { t } = useI18n();
  const time = (v: unknown) => (typeof v === 'string' ? dateTimeText(v) : '—');
  const columns = useMemo<ColDef<ReportingRow>[]>(
    () => [
      { field: 'regionName', headerName: t(R.region), width: 120 },
      { field: 'name', headerName: t(R.name), flex: 2, minWidth: 220, comparator: nameComparator },
      { field: 'level', headerName: t(R.level), width: 90, valueFormatter: (p) => t(p.value === 'county' ? R.levelCounty : R.levelFacility) },
      {
        field: 'state',
        headerName: t(R.state),
        width: 130,
        valueFormatter: (p) => t(STATE_TEXT[p.value as ReportingState]),
        cellRenderer: (p: { value: ReportingState; data?: ReportingRow }) => (
          <Tag color={STATE_COLOR[p.value]} data-testid={`reporting-state-${p.data?.uid ?? ''}`}>
            {t(STATE_TEXT[p.value])}
          </Tag>
        ),
      },
      { field: 'reportedAt', headerName: t(R.reportedAt), width: 150, valueFormatter: (p) => time(p.value) },
      { field: 'lastReceivedAt', headerName: t(R.lastReceivedAt), width: 150, valueFormatter: (p) => time(p.value) },
      { field: 'madeThrough', headerName: t(R.madeThrough), width: 120, valueFormatter: (p) => (typeof p.value === 'string' ? dayjs(p.value).format('YYYY-MM-DD') : '—') },
      {
        field: 'waiting',
        headerName: t(R.waiting),
        width: 230,
        valueFormatter: (p) => ((p.value as number) > 0 ? t(R.gap, { n: p.value as number }) : '—'),
        cellRenderer: (p: { value: number; valueFormatted: string | null }) =>
          p.value > 0 ? (
            <Tag color="warning" data-testid="reporting-gap">
              {p.valueFormatted}
            </Tag>
          ) : (
            '—'
          ),
      },
    ],
    [t],
  );
  return <DataGrid<ReportingRow> gridId="reporting" rows={rows} columns={columns} emptyText={t(R.gridEmpty)} csvFileName={`报送情况_${month}`} getRowId={(r) => r.uid} toolbar={filter} height="calc(100vh - 330px)" />;
}
