/**
 * The residents register: who is registered, where each one stays today, their priority
 * categories and latest ability level. ID numbers stay masked as the api returns them, and
 * the rows carry the age (the birth date only for accounts that may reveal personal data).
 * Searching by ID number is for those accounts too; others search by name. The rows stay on
 * the server (ServerGrid): pages of 200, sorted and filtered (search, county, in care, age) in
 * SQL, so the register opens as fast at province scale as in one county.
 */
import { SearchOutlined } from '@ant-design/icons';
import type { ColDef, NumberFilterModel } from 'ag-grid-community';
import { Button, Input, Space, Switch, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthGate';
import { COUNTIES_QUERY } from '../../components/CountySelect';
import { useQueryClient } from '@tanstack/react-query';
import { ServerGrid, type PageRequest } from '../../components/ServerGrid';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { SELF_CARE } from '@domain/enums';
import type { ResidentSortBy } from '@contract/schemas';
import type { ResidentListRow } from '../../api/outputs';
import { CountyField } from './CountyField';
import { categoryLabels, levelText, SEP, sexText } from '../../components/format';
import { ResidentForm } from './ResidentForm';
import { RosterExport } from './RosterExport';
import { R } from './texts';
import { PageHeader } from '../../components/PageHeader';

type Row = ResidentListRow & { householdName: string | null };

/** The grid's sortable columns and what the api sorts them by. */
const SORT_OF_COLUMN: Record<string, ResidentSortBy> = {
  name: 'name',
  age: 'age',
  sex: 'sex',
  householdName: 'household',
  facilityName: 'facility',
  admittedOn: 'admittedOn',
  tekun: 'tekun',
  latestLevel: 'latestLevel',
  latestAssessedOn: 'latestAssessedOn',
};

/** The age filter: one condition, both ends included, as the api's ageMin/ageMax take it. */
const AGE_FILTER = {
  filterOptions: ['greaterThanOrEqual', 'lessThanOrEqual', 'equals', 'inRange'],
  maxNumConditions: 1,
  inRangeInclusive: true,
  buttons: ['reset'],
};

function ageRange(m: NumberFilterModel | undefined): { ageMin?: number; ageMax?: number } {
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(150, Math.round(v))) : undefined);
  if (!m) return {};
  switch (m.type) {
    case 'equals':
      return { ageMin: n(m.filter), ageMax: n(m.filter) };
    case 'greaterThanOrEqual':
      return { ageMin: n(m.filter) };
    case 'lessThanOrEqual':
      return { ageMax: n(m.filter) };
    case 'inRange':
      return { ageMin: n(m.filter), ageMax: n(m.filterTo) };
    default:
      return {};
  }
}

export function ResidentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [counties, setCounties] = useState<string[]>([]);
  const [inCareOnly, setInCareOnly] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const byId = useMe().can('revealPersonal');

  // Server-side search, a moment after typing stops.
  useEffect(() => {
    const h = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);

  const input = useMemo(() => ({ search: search || undefined, counties, inCareOn: inCareOnly ? todayIso() : undefined }), [search, counties, inCareOnly]);
  const [total, setTotal] = useState<number | null>(null);
  const qc = useQueryClient();
  // One page as the grid asks for it: sorting and the age filter in SQL, county names put
  // into the rows (AG Grid does not re-format cells when only a formatter's data changes);
  // the county list comes with the first page, in the same request.
  const fetchPage = useCallback(
    async (req: PageRequest) => {
      const by = req.sort ? SORT_OF_COLUMN[req.sort.colId] : undefined;
      const [r, counties] = await Promise.all([
        api.resident.list.query({
          ...input,
          ...ageRange(req.filter.age as NumberFilterModel | undefined),
          ...(by && req.sort ? { sort: { by, dir: req.sort.dir } } : {}),
          limit: req.limit,
          offset: req.offset,
        }),
        qc.ensureQueryData(COUNTIES_QUERY),
      ]);
      const names = new Map(counties.map((c) => [c.code, c.name]));
      return { total: r.total, rows: r.rows.map((row): Row => ({ ...row, householdName: row.householdRegionCode ? (names.get(row.householdRegionCode) ?? row.householdRegionCode) : null })) };
    },
    [input, qc],
  );

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'name', headerName: t(R.name), width: 110, pinned: 'left', sortable: true },
      { field: 'idNumberMasked', headerName: t(R.idNumber), width: 190, cellStyle: { fontFamily: 'monospace' } },
      { field: 'sex', headerName: t(R.sex), width: 70, sortable: true, valueFormatter: (p) => sexText(t, p.value as string) },
      // A number (sorts and sums, in the grid and in the CSV); 高龄 is its own column.
      { field: 'age', headerName: t(R.age), width: 90, type: 'numericColumn', sortable: true, filter: 'agNumberColumnFilter', filterParams: AGE_FILTER },
      { colId: 'oldOld', headerName: t(R.oldOld), width: 90, valueGetter: (p) => (p.data && p.data.age >= 80 ? t(R.oldOld) : '') },
      { field: 'householdName', headerName: t(R.household), width: 160, sortable: true, valueFormatter: (p) => (p.value as string | null) ?? '—' },
      { field: 'facilityName', headerName: t(R.facility), flex: 2, minWidth: 230, sortable: true, valueFormatter: (p) => (p.value as string | null) ?? (p.data?.diedOn ? t(R.diedSince, { date: p.data.diedOn }) : t(R.notInCare)) },
      { field: 'bedLabel', headerName: t(R.bed), width: 110, valueFormatter: (p) => (p.value as string | null) ?? '—' },
      { field: 'admittedOn', headerName: t(R.admittedOn), width: 115, sortable: true, valueFormatter: (p) => (p.value as string | null) ?? '—' },
      {
        colId: 'tekun',
        headerName: t(R.tekun),
        sortable: true,
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
      { field: 'latestLevel', headerName: t(R.latestLevel), width: 140, sortable: true, valueFormatter: (p) => levelText(t, p.value as number | null) },
      { field: 'latestAssessedOn', headerName: t(R.latestAssessedOn), width: 120, sortable: true, valueFormatter: (p) => (p.value as string | null) ?? '—' },
    ],
    [t],
  );

  return (
    <div data-testid="page-residents">
      <PageHeader title={t(R.title)} />
      <ServerGrid<Row>
        gridId="residents"
        columns={columns}
        fetchPage={fetchPage}
        queryKey={JSON.stringify(input)}
        onTotal={setTotal}
        emptyText={t(byId ? R.empty : R.emptyNameOnly)}
        csvFileName={`老人_${todayIso()}`}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => navigate(`/residents/${r.id}`)}
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
            {total !== null && (
              <Typography.Text type="secondary" data-testid="resident-count">
                {t(R.total, { n: total.toLocaleString('zh-CN') })}
              </Typography.Text>
            )}
          </Space>
        }
      />
      <ResidentForm open={formOpen} onClose={() => setFormOpen(false)} onSaved={(r) => navigate(`/residents/${r.id}`)} />
    </div>
  );
}
