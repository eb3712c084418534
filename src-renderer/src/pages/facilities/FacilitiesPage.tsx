import type { ColDef } from 'ag-grid-community';
import { Button, Input, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { CountySelect } from '../../components/CountySelect';
import { ServerGrid, type PageRequest } from '../../components/ServerGrid';
import { FACILITY_SORTS, type FacilitySortBy } from '@contract/schemas';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { FACILITY_KIND, FACILITY_STATUS, OWNERSHIP, type FacilityKind, type FacilityStatus, type Ownership } from '@domain/enums';
import type { FacilityListRow } from '../../api/outputs';
import { FacilityForm } from './FacilityForm';
import { NationalListExport } from './NationalListExport';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../auth/AuthGate';

export function FacilitiesPage() {
  const { t } = useI18n();
  const { me } = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [counties, setCounties] = useState<string[]>(params.get('county') ? [params.get('county')!] : []);
  const [kinds, setKinds] = useState<FacilityKind[]>([]);
  const [ownership, setOwnership] = useState<Ownership[]>([]);
  const [statuses, setStatuses] = useState<FacilityStatus[]>([]);
  const [date, setDate] = useState(todayIso());
  const [formOpen, setFormOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  // Server-side search, a moment after typing stops.
  useEffect(() => {
    const h = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);
  const input = useMemo(() => ({ counties, kinds, ownership, statuses, date, search: search || undefined }), [counties, kinds, ownership, statuses, date, search]);
  // One page as the grid asks for it, sorted in SQL (FACILITY_SORTS; colIds are the api's sort names).
  const fetchPage = useCallback(
    (req: PageRequest) =>
      api.facility.list.query({
        ...input,
        ...(req.sort && (FACILITY_SORTS as readonly string[]).includes(req.sort.colId) ? { sort: { by: req.sort.colId as FacilitySortBy, dir: req.sort.dir } } : {}),
        limit: req.limit,
        offset: req.offset,
      }),
    [input],
  );

  const columns = useMemo<ColDef<FacilityListRow>[]>(
    () => [
      { colId: 'region', field: 'regionName', headerName: t(C.county), width: 160, sortable: true },
      { field: 'name', headerName: t(T.name), flex: 2, minWidth: 240, sortable: true },
      { field: 'kind', headerName: t(T.kind), width: 225, sortable: true, valueFormatter: (p) => t(FACILITY_KIND[p.value as FacilityKind]) },
      { field: 'ownership', sortable: true, headerName: t(T.ownership), width: 110, valueFormatter: (p) => t(OWNERSHIP[p.value as Ownership]) },
      { field: 'status', sortable: true, headerName: t(T.status), width: 90, valueFormatter: (p) => (p.value ? t(FACILITY_STATUS[p.value as FacilityStatus]) : '—') },
      { field: 'beds', sortable: true, headerName: t(T.beds), width: 90, type: 'numericColumn' },
      { field: 'nursingBeds', sortable: true, headerName: t(T.nursingBeds), width: 90, type: 'numericColumn' },
      { field: 'occupiedBeds', sortable: true, headerName: t(T.occupied), width: 90, type: 'numericColumn' },
      { field: 'medicalCare', sortable: true, headerName: t(T.medicalCare), width: 120, minWidth: 120, valueFormatter: (p) => (p.value ? t(C.yes) : t(C.no)) },
      { field: 'township', sortable: true, headerName: t(T.township), width: 120 },
      { field: 'careWorkerCount', sortable: true, headerName: t(T.careWorkers), width: 100, type: 'numericColumn' },
    ],
    [t],
  );

  return (
    <div data-testid="page-facilities">
      <PageHeader title={t(T.title)} asOf={{ date, onChange: setDate, testId: 'facilities-date' }} />
      <Space wrap style={{ marginBottom: 8 }}>
        <CountySelect multiple value={counties} onChange={(v) => setCounties(v)} placeholder={t(C.county)} testId="filter-county" allowClear />
        <Select mode="multiple" allowClear placeholder={t(T.kind)} value={kinds} onChange={setKinds} options={enumOptions(FACILITY_KIND, t)} style={{ minWidth: 180 }} maxTagCount="responsive" />
        <Select mode="multiple" allowClear placeholder={t(T.ownership)} value={ownership} onChange={setOwnership} options={enumOptions(OWNERSHIP, t)} style={{ minWidth: 140 }} maxTagCount="responsive" />
        <Select mode="multiple" allowClear placeholder={t(T.status)} value={statuses} onChange={setStatuses} options={enumOptions(FACILITY_STATUS, t)} style={{ minWidth: 120 }} maxTagCount="responsive" />
      </Space>
      <ServerGrid<FacilityListRow>
        gridId="facilities"
        columns={columns}
        fetchPage={fetchPage}
        queryKey={JSON.stringify(input)}
        onTotal={setTotal}
        emptyText={t(T.empty)}
        csvFileName={`机构_${date}`}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => navigate(`/facilities/${r.id}`)}
        toolbar={
          <Space wrap>
            {/* a facility install keeps its own facility only: new ones are registered by the county */}
            {me.install.register && (
              <Button type="primary" onClick={() => setFormOpen(true)} data-testid="facility-new">
                {t(T.newFacility)}
              </Button>
            )}
            <NationalListExport date={date} />
            <Input.Search allowClear placeholder={t(T.searchPlaceholder)} style={{ width: 260 }} value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={(v) => setSearch(v.trim())} data-testid="grid-facilities-search" />
            {total !== null && (
              <Typography.Text type="secondary" data-testid="facility-count">
                {t(T.total, { n: total.toLocaleString('zh-CN') })}
              </Typography.Text>
            )}
          </Space>
        }
      />
      <FacilityForm open={formOpen} onClose={() => setFormOpen(false)} onSaved={(f) => navigate(`/facilities/${f.id}`)} />
    </div>
  );
}
