/**
 * 数据质量: what needs fixing before a month's figures are signed, as of a date, each
 * finding leading to the record to fix. Accounts that may change registers see residents by
 * name and may export the named list (内部资料, audited); read-only accounts see residents'
 * findings as counts per county, without names.
 */
import { useQuery } from '@tanstack/react-query';
import type { CellStyle, ColDef, ICellRendererParams } from 'ag-grid-community';
import { Alert, App, Button, Card, Collapse, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, apiError } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { DataGrid } from '../../components/DataGrid';
import { saveBase64, XLSX_TYPE } from '../../components/download';
import { lastMonthEnd, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { Labelled } from '@domain/enums';
import { formatCount } from '@domain/format';
import { countText, DATA_QUALITY_TITLES, type DataQualityCode } from '@contract/data-quality-texts';
import type { DataQualityItem } from '../../api/outputs';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

type Severity = DataQualityItem['severity'];
type Filter = 'all' | Severity;

interface DqRow extends DataQualityItem {
  key: string;
  regionName: string;
  /** Where to fix it, and what the link says; null for unnamed residents. */
  to: string | null;
  toLabel: Labelled;
}

const MESSAGE_STYLE: CellStyle = { lineHeight: '20px', paddingTop: '6px', paddingBottom: '6px' };
const LINK_STYLE: CellStyle = { color: '#1677ff', cursor: 'pointer' };

const SEVERITY_COLOR: Record<Severity, string> = { error: 'red', warning: 'orange' };

/**
 * Today by default (the one clock): an assessment, admission or population figure recorded
 * today fixes its item at once, and the list (refreshed by every write, api/hooks.ts) drops
 * it. The end of last month is one click away for checking a month before it is closed.
 */
function initialDate(param: string | null): string {
  return param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : todayIso();
}

/** A group filter: one problem type or one county; null shows all. */
type Group = { kind: 'code'; code: DataQualityCode } | { kind: 'county'; code: string } | null;

function target(item: DataQualityItem, year: string): { to: string | null; toLabel: Labelled } {
  switch (item.entity) {
    case 'facility':
      return { to: `/facilities/${item.entityId}`, toLabel: T.openFacility };
    case 'resident':
      return { to: `/residents/${item.entityId}`, toLabel: T.openResident };
    case 'contract':
      return { to: '/contracts', toLabel: T.openContracts };
    case 'region':
      return { to: `/population?year=${year}${item.regionCode ? `&county=${item.regionCode}` : ''}`, toLabel: T.openPopulation };
    case 'residents':
      return { to: null, toLabel: T.countOnly };
    case 'settings':
      return { to: '/settings', toLabel: T.openSettings };
  }
}

/**
 * Unnamed resident findings (read-only accounts) as one row per check and county, e.g.
 * "没有能力评估记录的老人：53 人"; named findings one row each.
 */
function grouped(items: DataQualityItem[]): DataQualityItem[] {
  const key = (i: DataQualityItem) => `${i.code}|${i.regionCode ?? ''}`;
  const counts = new Map<string, number>();
  for (const i of items) if (i.entity === 'residents') counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  const seen = new Set<string>();
  return items.flatMap((i) => {
    if (i.entity !== 'residents') return [i];
    if (seen.has(key(i))) return [];
    seen.add(key(i));
    return [{ ...i, ...countText(i.code, counts.get(key(i)) ?? 1) }];
  });
}

export function DataQualityPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { can } = useMe();
  const [params] = useSearchParams();
  const [date, setDate] = useState(() => initialDate(params.get('date')));
  const [filter, setFilter] = useState<Filter>('all');
  const [group, setGroup] = useState<Group>(null);
  // Facility managers have no county figures: they get the named list of their homes only.
  const reports = can('report');
  const raw = useQuery({ queryKey: ['report.dataQuality', date], queryFn: () => api.report.dataQuality.query({ date }), enabled: reports });
  const regions = useQuery({ queryKey: ['region.list'], queryFn: () => api.region.list.query(), staleTime: Infinity });
  const checklist = useQuery({ queryKey: ['report.checklist', date], queryFn: () => api.report.checklist.query({ date }), enabled: reports });
  // No facility yet: a missing population is a step of the first-run checklist, not an error.
  const emptyRegister = checklist.data?.emptyRegister === true;
  // Until the checklist has answered, nothing is shown, so no error flashes on an empty register.
  const checklistPending = reports && checklist.isPending;
  const data = useMemo(
    () => (checklistPending ? undefined : raw.data && emptyRegister ? raw.data.filter((i) => i.code !== 'COUNTY_NO_POPULATION') : raw.data),
    [raw.data, emptyRegister, checklistPending],
  );
  const names = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.name])), [regions.data]);

  const counts = useMemo(() => {
    const list = data ?? [];
    return { total: list.length, error: list.filter((i) => i.severity === 'error').length, warning: list.filter((i) => i.severity === 'warning').length };
  }, [data]);

  /** Counts by problem type and by county (each item one resident, facility, contract or county). */
  const groups = useMemo(() => {
    const byCode = new Map<DataQualityCode, number>();
    const byCounty = new Map<string, number>();
    for (const i of data ?? []) {
      byCode.set(i.code, (byCode.get(i.code) ?? 0) + 1);
      const c = i.regionCode ?? '';
      byCounty.set(c, (byCounty.get(c) ?? 0) + 1);
    }
    const desc = <K,>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
    return { byCode: desc(byCode), byCounty: desc(byCounty) };
  }, [data]);
  // A group that has gone (another date, fixed issues) falls back to all.
  const shownGroup: Group = group && (group.kind === 'code' ? groups.byCode.some(([c]) => c === group.code) : groups.byCounty.some(([c]) => c === group.code)) ? group : null;

  // A filter whose kind has gone (another date, fixed issues) falls back to all.
  const shown: Filter = filter !== 'all' && counts[filter] === 0 ? 'all' : filter;

  const rows = useMemo<DqRow[] | undefined>(() => {
    if (!data) return undefined;
    const year = date.slice(0, 4);
    const inGroup = (i: DataQualityItem) => !shownGroup || (shownGroup.kind === 'code' ? i.code === shownGroup.code : (i.regionCode ?? '') === shownGroup.code);
    return grouped(data.filter(inGroup))
      .map((item, i) => ({
        ...item,
        key: `${i}-${item.code}-${item.entity}-${item.entityId}`,
        regionName: item.regionCode ? (names.get(item.regionCode) ?? item.regionCode) : '',
        ...target(item, year),
      }))
      .filter((r) => shown === 'all' || r.severity === shown)
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  }, [data, names, date, shown, shownGroup]);

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

  const today = todayIso();
  const which = date === today ? T.today : date === lastMonthEnd() ? T.lastMonthEnd : null;
  const header = (
    <PageHeader
      title={t(T.title)}
      asOf={{ date, onChange: setDate, testId: 'data-quality-date' }}
      actions={can('write') && <InternalExport date={date} />}
      subtitle={
        <span data-testid="dq-date-note">
          {t(T.dateNote, { date, which: which ? t(which) : '' })}
          {date !== lastMonthEnd() && (
            <>
              {' '}
              <Typography.Link onClick={() => setDate(lastMonthEnd())} data-testid="dq-last-month-end">
                {t(T.showLastMonthEnd, { date: lastMonthEnd() })}
              </Typography.Link>
            </>
          )}
          {date !== today && (
            <>
              {' '}
              <Typography.Link onClick={() => setDate(today)} data-testid="dq-today">
                {t(T.showToday)}
              </Typography.Link>
            </>
          )}
        </span>
      }
    />
  );

  // A facility manager: no county figures, only the named list of their own homes to export.
  if (!reports)
    return (
      <div data-testid="page-data-quality">
        {header}
        <Typography.Paragraph type="secondary">{t(T.facilityHint)}</Typography.Paragraph>
      </div>
    );

  return (
    <div data-testid="page-data-quality">
      {header}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t(T.hint)}
      </Typography.Paragraph>
      {emptyRegister && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t(T.emptyRegister)} action={<Button size="small" onClick={() => navigate('/')}>{t(T.openChecklist)}</Button>} data-testid="dq-empty-register" />}
      {reports && !can('write') && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t(T.namesHidden)} data-testid="dq-names-hidden" />}
      {raw.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={t(C.loadFailed)}
          description={apiError(raw.error)[lang]}
          action={<Button onClick={() => void raw.refetch()}>{t(C.retry)}</Button>}
        />
      )}
      <Card size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: '8px 16px' } }}>
        <Space size="large" wrap>
          <span>
            {t(T.total)}{' '}
            <strong style={{ fontSize: 18 }} data-testid="dq-count-total">
              {data ? formatCount(counts.total) : '…'}
            </strong>
          </span>
          <Tooltip title={t(T.errorsHelp)}>
            <span>
              <Tag color="red">{t(T.error)}</Tag>
              <strong style={{ fontSize: 18, color: counts.error ? '#cf1322' : undefined }} data-testid="dq-count-error">
                {data ? formatCount(counts.error) : '…'}
              </strong>
            </span>
          </Tooltip>
          <Tooltip title={t(T.warningsHelp)}>
            <span>
              <Tag color="orange">{t(T.warning)}</Tag>
              <strong style={{ fontSize: 18, color: counts.warning ? '#d48806' : undefined }} data-testid="dq-count-warning">
                {data ? formatCount(counts.warning) : '…'}
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
      {groups.byCode.length > 0 && (
        <Collapse
          size="small"
          style={{ marginBottom: 8 }}
          defaultActiveKey={['code', 'county']}
          data-testid="dq-groups"
          items={[
            {
              key: 'code',
              label: t(T.byProblem),
              children: (
                <Space wrap size={[8, 8]}>
                  {groups.byCode.map(([code, n]) => (
                    <Tag.CheckableTag
                      key={code}
                      checked={shownGroup?.kind === 'code' && shownGroup.code === code}
                      onChange={(on) => setGroup(on ? { kind: 'code', code } : null)}
                      data-testid={`dq-group-code-${code}`}
                      style={{ border: '1px solid #d9d9d9' }}
                    >
                      {t(DATA_QUALITY_TITLES[code])} <strong>{formatCount(n)}</strong>
                    </Tag.CheckableTag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'county',
              label: t(T.byCounty),
              children: (
                <Space wrap size={[8, 8]}>
                  {groups.byCounty.map(([code, n]) => (
                    <Tag.CheckableTag
                      key={code || 'none'}
                      checked={shownGroup?.kind === 'county' && shownGroup.code === code}
                      onChange={(on) => setGroup(on ? { kind: 'county', code } : null)}
                      data-testid={`dq-group-county-${code || 'none'}`}
                      style={{ border: '1px solid #d9d9d9' }}
                    >
                      {code ? (names.get(code) ?? code) : t(T.noCounty)} <strong>{formatCount(n)}</strong>
                    </Tag.CheckableTag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      <DataGrid<DqRow>
        gridId="data-quality"
        rows={rows}
        loading={raw.isLoading || checklistPending}
        columns={columns}
        emptyText={t(T.empty)}
        csvFileName={`数据质量_${date}`}
        getRowId={(r) => r.key}
        onRowClicked={(r) => r.to && navigate(r.to)}
        height="calc(100vh - 290px)"
      />
    </div>
  );
}

/** 导出明细（内部资料）: the named list within the account's scope, after a warning; the api audits it. */
function InternalExport({ date }: { date: string }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await api.report.dataQualityInternal.mutate({ date });
      saveBase64(r.fileName, r.base64, XLSX_TYPE);
      void message.success(t(T.internalDone, { file: r.fileName, n: String(r.rows) }));
    } catch (e) {
      void message.error(t(apiError(e)));
    } finally {
      setBusy(false);
    }
  };
  const confirm = () =>
    modal.confirm({
      title: t(T.internalTitle),
      content: <div data-testid="dq-internal-confirm">{t(T.internalWarning)}</div>,
      okText: t(T.internalExport),
      cancelText: t(C.cancel),
      okButtonProps: { 'data-testid': 'dq-internal-ok' },
      onOk: () => run(),
    });
  return (
    <Tooltip title={t(T.internalHelp)}>
      <Button onClick={confirm} loading={busy} data-testid="dq-internal-export">
        {t(T.internalExport)}
      </Button>
    </Tooltip>
  );
}
