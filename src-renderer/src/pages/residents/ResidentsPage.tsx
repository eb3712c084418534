/**
 * The residents register: who is registered, where each one stays today, their priority
 * categories and latest ability level. ID numbers stay masked as the api returns them, and
 * the rows carry the age (the birth date only for accounts that may reveal personal data).
 * Searching by ID number is for those accounts too; others search by name.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { Button, Input, Space, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { useCounties } from '../../components/CountySelect';
import { DataGrid, nameComparator } from '../../components/DataGrid';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { SELF_CARE } from '@domain/enums';
import type { ResidentListRow } from '../../api/outputs';
import { CountyField } from './CountyField';
import { categoryLabels, levelText, SEP, sexText } from '../../components/format';
import { ResidentForm } from './ResidentForm';
import { RosterExport } from './RosterExport';
import { R } from './texts';
import { PageHeader } from '../../components/PageHeader';

type Row = ResidentListRow & { householdName: string | null };

const FIRST_PAGE = 200;

export function ResidentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [counties, setCounties] = useState<string[]>([]);
  const [inCareOnly, setInCareOnly] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const countyList = useCounties();
  const byId = useMe().can('revealPersonal');

  // Server-side search, a moment after typing stops.
  useEffect(() => {
    const h = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);

  const input = { search: search || undefined, counties, inCareOn: inCareOnly ? todayIso() : undefined };
  // The first page comes at once; the whole list (for sorting, filtering and CSV in the grid)
  // follows and replaces it. At city scale the first page costs milliseconds, the whole list
  // about half a second.
  const firstPage = useQuery({ queryKey: ['resident.list', input, FIRST_PAGE], queryFn: () => api.resident.list.query({ ...input, limit: FIRST_PAGE }) });
  const whole = useQuery({
    queryKey: ['resident.list', input],
    queryFn: () => api.resident.list.query(input),
    enabled: firstPage.data !== undefined && firstPage.data.total > firstPage.data.rows.length,
  });
  const list = whole.data ? whole : firstPage;
  // County names go into the rows: AG Grid does not re-format cells when only a formatter's data changes.
  const rows = useMemo<Row[] | undefined>(() => {
    if (!list.data) return undefined;
    const names = new Map((countyList.data ?? []).map((c) => [c.code, c.name]));
    return list.data.rows.map((r) => ({ ...r, householdName: r.householdRegionCode ? (names.get(r.householdRegionCode) ?? r.householdRegionCode) : null }));
  }, [list.data, countyList.data]);

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'name', headerName: t(R.name), width: 110, pinned: 'left', comparator: nameComparator },
      { field: 'idNumberMasked', headerName: t(R.idNumber), width: 190, cellStyle: { fontFamily: 'monospace' } },
      { field: 'sex', headerName: t(R.sex), width: 70, valueFormatter: (p) => sexText(t, p.value as string) },
      // A number (sorts and sums, in the grid and in the CSV); 高龄 is its own column.
      { field: 'age', headerName: t(R.age), width: 90, type: 'numericColumn', filter: 'agNumberColumnFilter' },
      { colId: 'oldOld', headerName: t(R.oldOld), width: 90, valueGetter: (p) => (p.data && p.data.age >= 80 ? t(R.oldOld) : '') },
      { field: 'householdName', headerName: t(R.household), width: 160, valueFormatter: (p) => (p.value as string | null) ?? '—' },
      { field: 'facilityName', headerName: t(R.facility), flex: 2, minWidth: 230, valueFormatter: (p) => (p.value as string | null) ?? (p.data?.diedOn ? t(R.diedSince, { date: p.data.diedOn }) : t(R.notInCare)) },
      { field: 'bedLabel', headerName: t(R.bed), width: 110, valueFormatter: (p) => (p.value as string | null) ?? '—' },
      { field: 'admittedOn', headerName: t(R.admittedOn), width: 115, valueFormatter: (p) => (p.value as string | null) ?? '—' },
      {
        colId: 'tekun',
        headerName: t(R.tekun),
        // wide enough for 部分丧失 / "Able to care for self" at 1366 px (finding 24)
        width: 170,
        minWidth: 150,
        valueGetter: (p) => (p.data?.tekun ? (p.data.tekunSelfCare ? t(SELF_CARE[p.data.tekunSelfCare]) : t({ zh: '是', en: 'Yes' })) : '—'),
        headerTooltip: t(R.tekunSelfCare),
      },
      {
        colId: 'categories',
        headerName: t(R.categories),
        width: 150,
        valueGetter: (p) => (p.data ? categoryLabels(t, { ...p.data, tekun: false }).join(t(SEP)) || '—' : ''),
      },
      { field: 'latestLevel', headerName: t(R.latestLevel), width: 140, valueFormatter: (p) => levelText(t, p.value as number | null) },
      { field: 'latestAssessedOn', headerName: t(R.latestAssessedOn), width: 120, valueFormatter: (p) => (p.value as string | null) ?? '—' },
    ],
    [t],
  );

  return (
    <div data-testid="page-residents">
      <PageHeader title={t(R.title)} />
      <DataGrid<Row>
        gridId="residents"
        rows={rows}
        loading={list.isLoading || countyList.isLoading}
        columns={columns}
        emptyText={t(byId ? R.empty : R.emptyNameOnly)}
        csvFileName={`老人_${todayIso()}`}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => navigate(`/residents/${r.id}`)}
        quickSearch={false}
        toolbar={
          <Space wrap>
            <Button type="primary" onClick={() => setFormOpen(true)} data-testid="resident-new">
              {t(R.newResident)}
            </Button>
            <Input
              allowClear
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onPressEnter={() => setSearch(typed.trim())}
              prefix={<SearchOutlined />}
              placeholder={t(byId ? R.searchPlaceholder : R.searchPlaceholderName)}
              style={{ width: 320 }}
              data-testid="resident-search"
            />
            <Tooltip title={t(R.countyFilterHelp)}>
              <span>
                <CountyField multiple allowClear value={counties} onChange={(v: string[]) => setCounties(v)} placeholder={t(R.countyFilter)} testId="resident-filter-county" style={{ minWidth: 200 }} />
              </span>
            </Tooltip>
            <RosterExport inCareOn={inCareOnly ? todayIso() : undefined} />
            <Space>
              <Switch checked={inCareOnly} onChange={setInCareOnly} data-testid="resident-in-care" id="resident-in-care" />
              <label htmlFor="resident-in-care">{t(R.inCareOnly)}</label>
            </Space>
            {list.data && (
              <Typography.Text type="secondary" data-testid="resident-count">
                {t(R.total, { n: list.data.total })}
              </Typography.Text>
            )}
          </Space>
        }
      />
      <ResidentForm open={formOpen} onClose={() => setFormOpen(false)} onSaved={(r) => navigate(`/residents/${r.id}`)} />
    </div>
  );
}
