import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { Button, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { CountySelect, useCounties } from '../../components/CountySelect';
import { DataGrid, nameComparator } from '../../components/DataGrid';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { FACILITY_KIND, FACILITY_STATUS, OWNERSHIP, type FacilityKind, type FacilityStatus, type Ownership } from '@domain/enums';
import type { FacilityListRow } from '../../api/outputs';
import { FacilityForm } from './FacilityForm';
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
  const countyList = useCounties();
  const input = { counties, kinds, ownership, statuses, date };
  const list = useQuery({ queryKey: ['facility.list', input], queryFn: () => api.facility.list.query(input) });

  const columns = useMemo<ColDef<FacilityListRow>[]>(
    () => [
      { field: 'regionName', headerName: t(C.county), width: 160 },
      { field: 'name', headerName: t(T.name), flex: 2, minWidth: 240, comparator: nameComparator },
      { field: 'kind', headerName: t(T.kind), width: 225, valueFormatter: (p) => t(FACILITY_KIND[p.value as FacilityKind]) },
      { field: 'ownership', headerName: t(T.ownership), width: 110, valueFormatter: (p) => t(OWNERSHIP[p.value as Ownership]) },
      { field: 'status', headerName: t(T.status), width: 90, valueFormatter: (p) => (p.value ? t(FACILITY_STATUS[p.value as FacilityStatus]) : '—') },
      { field: 'beds', headerName: t(T.beds), width: 90, type: 'numericColumn' },
      { field: 'nursingBeds', headerName: t(T.nursingBeds), width: 90, type: 'numericColumn' },
      { field: 'occupiedBeds', headerName: t(T.occupied), width: 90, type: 'numericColumn' },
      { field: 'medicalCare', headerName: t(T.medicalCare), width: 120, minWidth: 120, valueFormatter: (p) => (p.value ? t(C.yes) : t(C.no)) },
      { field: 'township', headerName: t(T.township), width: 120 },
      { field: 'careWorkerCount', headerName: t(T.careWorkers), width: 100, type: 'numericColumn' },
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
      <DataGrid<FacilityListRow>
        gridId="facilities"
        rows={list.data?.rows}
        loading={list.isLoading || countyList.isLoading}
        columns={columns}
        emptyText={t(T.empty)}
        csvFileName={`机构_${date}`}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => navigate(`/facilities/${r.id}`)}
        toolbar={
          // a facility install keeps its own facility only: new ones are registered by the county
          me.install.register ? (
            <Button type="primary" onClick={() => setFormOpen(true)} data-testid="facility-new">
              {t(T.newFacility)}
            </Button>
          ) : undefined
        }
      />
      <FacilityForm open={formOpen} onClose={() => setFormOpen(false)} onSaved={(f) => navigate(`/facilities/${f.id}`)} />
    </div>
  );
}
