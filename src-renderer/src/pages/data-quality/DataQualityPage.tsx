/**
 * 数据质量: what needs fixing before a month's figures are signed, as of a date, each
 * finding leading to the record to fix.
 */
import { useQuery } from '@tanstack/react-query';
import type { CellStyle, ColDef, ICellRendererParams } from 'ag-grid-community';
import { Alert, Button, Card, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, apiError } from '../../api/client';
import { DataGrid } from '../../components/DataGrid';
import { DateField } from '../../components/DateField';
import { lastMonthEnd } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { Labelled } from '../../../../src-main/domain/enums';
import { formatCount } from '../../../../src-main/domain/format';
import { DATA_QUALITY_TITLES, type DataQualityItem } from '../../../../src-main/services/data-quality';
import { T } from './texts';

type Severity = DataQualityItem['severity'];
type Filter = 'all' | Severity;

interface DqRow extends DataQualityItem {
  key: string;
  regionName: string;
  /** Where to fix it, and what the link says. */
  to: string;
  toLabel: Labelled;
}

const MESSAGE_STYLE: CellStyle = { lineHeight: '20px', paddingTop: '6px', paddingBottom: '6px' };
const LINK_STYLE: CellStyle = { color: '#1677ff', cursor: 'pointer' };

const SEVERITY_COLOR: Record<Severity, string> = { error: 'red', warning: 'orange' };

function initialDate(param: string | null): string {
  return param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : lastMonthEnd();
}

function target(item: DataQualityItem, year: string): { to: string; toLabel: Labelled } {
  switch (item.entity) {
    case 'facility':
      return { to: `/facilities/${item.entityId}`, toLabel: T.openFacility };
    case 'resident':
      return { to: `/residents/${item.entityId}`, toLabel: T.openResident };
    case 'contract':
      return { to: '/contracts', toLabel: T.openContracts };
    case 'region':
      return { to: `/population?year=${year}`, toLabel: T.openPopulation };
  }
}

export function DataQualityPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [date, setDate] = useState(() => initialDate(params.get('date')));
  const [filter, setFilter] = useState<Filter>('all');
  const items = useQuery({ queryKey: ['report.dataQuality', date], queryFn: () => api.report.dataQuality.query({ date }) });
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => api.region.list.query(), staleTime: Infinity });

  const counts = useMemo(() => {
    const list = items.data ?? [];
    return { total: list.length, error: list.filter((i) => i.severity === 'error').length, warning: list.filter((i) => i.severity === 'warning').length };
  }, [items.data]);

  // A filter whose kind has gone (another date, fixed issues) falls back to all.
  const shown: Filter = filter !== 'all' && counts[filter] === 0 ? 'all' : filter;

  const rows = useMemo<DqRow[] | undefined>(() => {
    if (!items.data) return undefined;
    const names = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
    const year = date.slice(0, 4);
    return items.data
      .map((item, i) => ({
        ...item,
        key: `${i}-${item.code}-${item.entity}-${item.entityId}`,
        regionName: item.regionCode ? (names.get(item.regionCode) ?? item.regionCode) : '',
        ...target(item, year),
      }))
      .filter((r) => shown === 'all' || r.severity === shown)
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  }, [items.data, regions.data, date, shown]);

  const columns = useMemo<ColDef<DqRow>[]>(
    () => [
      {
        field: 'severity',
        headerName: t(T.severity),
        width: 100,
        cellRenderer: (p: ICellRendererParams<DqRow>) => (p.data ? <Tag color={SEVERITY_COLOR[p.data.severity]}>{t(T[p.data.severity])}</Tag> : null),
        valueFormatter: (p) => (p.value ? t(T[p.value as Severity]) : ''),
        getQuickFilterText: (p) => t(T[p.value as Severity]),
      },
      { colId: 'title', headerName: t(T.problem), width: 240, valueGetter: (p) => (p.data ? t(DATA_QUALITY_TITLES[p.data.code]) : '') },
      { colId: 'message', headerName: t(T.message), flex: 1, minWidth: 300, wrapText: true, autoHeight: true, cellStyle: MESSAGE_STYLE, valueGetter: (p) => (p.data ? p.data[lang] : ''), tooltipValueGetter: (p) => (p.data ? p.data[lang] : '') },
      { field: 'regionName', headerName: t(T.county), width: 170 },
      {
        colId: 'fix',
        headerName: t(T.fix),
        width: 170,
        sortable: false,
        filter: false,
        valueGetter: (p) => (p.data ? t(p.data.toLabel) : ''),
        cellStyle: LINK_STYLE,
      },
    ],
    [t, lang],
  );

  return (
    <div data-testid="page-data-quality">
      <Space align="center" style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 4 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(T.title)}
        </Typography.Title>
        <Space>
          <span>{t(C.asOf)}</span>
          <span style={{ width: 150, display: 'inline-block' }}>
            <DateField value={date} onChange={(v) => v && setDate(v)} testId="data-quality-date" />
          </span>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t(T.hint)}
      </Typography.Paragraph>
      {items.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={t(C.loadFailed)}
          description={apiError(items.error)[lang]}
          action={<Button onClick={() => void items.refetch()}>{t(C.retry)}</Button>}
        />
      )}
      <Card size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: '8px 16px' } }}>
        <Space size="large" wrap>
          <span>
            {t(T.total)}{' '}
            <strong style={{ fontSize: 18 }} data-testid="dq-count-total">
              {items.data ? formatCount(counts.total) : '…'}
            </strong>
          </span>
          <Tooltip title={t(T.errorsHelp)}>
            <span>
              <Tag color="red">{t(T.error)}</Tag>
              <strong style={{ fontSize: 18, color: counts.error ? '#cf1322' : undefined }} data-testid="dq-count-error">
                {items.data ? formatCount(counts.error) : '…'}
              </strong>
            </span>
          </Tooltip>
          <Tooltip title={t(T.warningsHelp)}>
            <span>
              <Tag color="orange">{t(T.warning)}</Tag>
              <strong style={{ fontSize: 18, color: counts.warning ? '#d48806' : undefined }} data-testid="dq-count-warning">
                {items.data ? formatCount(counts.warning) : '…'}
              </strong>
            </span>
          </Tooltip>
          <Segmented<Filter>
            value={shown}
            onChange={setFilter}
            data-testid="dq-filter"
            options={[
              { value: 'all', label: t(T.all) },
              { value: 'error', label: t(T.error), disabled: counts.error === 0 },
              { value: 'warning', label: t(T.warning), disabled: counts.warning === 0 },
            ]}
          />
        </Space>
      </Card>
      <DataGrid<DqRow>
        gridId="data-quality"
        rows={rows}
        loading={items.isLoading}
        columns={columns}
        emptyText={t(T.empty)}
        csvFileName={`数据质量_${date}`}
        getRowId={(r) => r.key}
        onRowClicked={(r) => navigate(r.to)}
        height="calc(100vh - 290px)"
      />
    </div>
  );
}
