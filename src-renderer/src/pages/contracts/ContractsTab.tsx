/** The contracts of 公建民营 homes, flagged as they near their end. */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { Button, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CountySelect, useCounties } from '../../components/CountySelect';
import { DataGrid } from '../../components/DataGrid';
import { todayIso } from '../../components/options';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { formatYuan } from '@domain/format';
import type { ContractRow } from '../../api/outputs';
import { contractStatus, ContractStatusTag, type ContractStatus } from './contract-status';
import { ContractDetail } from './ContractDetail';
import { ContractForm } from './ContractForm';
import { useContracts, useWarningDays } from './data';
import { T } from './texts';

/**
 * A contract with its county's name and its status: derived here, into the rows, so the grid
 * redraws when the counties or the settings arrive (new column definitions alone would not).
 */
type Row = ContractRow & { regionName: string; status: ContractStatus };

type StatusFilter = 'all' | 'in_force' | 'expiring' | 'ended';

const FILTER: Record<Exclude<StatusFilter, 'all'>, readonly ContractStatus[]> = {
  in_force: ['in_force', 'expiring', 'terminating'],
  expiring: ['expiring'],
  ended: ['ended', 'terminated'],
};

export function ContractsTab() {
  const { can } = useMe();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [counties, setCounties] = useState<string[]>([]);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [formOpen, setFormOpen] = useState(false);
  const contracts = useContracts(counties);
  const countyList = useCounties();
  const warningDays = useWarningDays();

  // The open contract lives in the URL (?contract=ID), so other screens can link to it.
  const selectedId = Number(params.get('contract'));
  const selected = contracts.data?.find((c) => c.id === selectedId) ?? null;
  const select = (id: number | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id === null) next.delete('contract');
        else next.set('contract', String(id));
        return next;
      },
      { replace: true },
    );

  const countyName = useMemo(() => new Map((countyList.data ?? []).map((c) => [c.code, c.name])), [countyList.data]);
  const rows = useMemo<Row[]>(() => {
    const all = (contracts.data ?? []).map((c) => ({ ...c, regionName: countyName.get(c.regionCode) ?? c.regionCode, status: contractStatus(c, warningDays) }));
    if (statusFilter === 'all') return all;
    const keep = FILTER[statusFilter];
    return all.filter((c) => keep.includes(c.status));
  }, [contracts.data, countyName, statusFilter, warningDays]);

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'facilityName', headerName: t(T.facility), flex: 2, minWidth: 170 },
      { field: 'regionName', headerName: t(C.county), width: 160 },
      { field: 'operatorName', headerName: t(T.operator), flex: 2, minWidth: 220 },
      { colId: 'term', headerName: t(T.term), width: 190, valueGetter: (p) => (p.data ? t(T.termRange, { start: p.data.startOn, end: p.data.endOn }) : '') },
      {
        field: 'daysToEnd',
        headerName: t(T.daysToEnd),
        width: 100,
        type: 'numericColumn',
        // Days left only mean something while the contract is (or will be) running.
        valueGetter: (p) => (p.data && (p.data.inForce || p.data.status === 'not_started') ? p.data.daysToEnd : null),
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : String(p.value)),
      },
      { field: 'reservedBeds', headerName: t(T.reservedBeds), width: 100, type: 'numericColumn' },
      { field: 'annualFeeFen', headerName: t(T.annualFee), width: 135, type: 'numericColumn', valueFormatter: (p) => (typeof p.value === 'number' ? formatYuan(p.value) : '') },
      {
        field: 'status',
        headerName: t(T.status),
        // the longest tag, "30 天后到期" / "Ends in 30 days", uncut at 1366 px and always in
        // sight at the grid's right edge, however the other columns scroll (finding 24)
        width: 150,
        minWidth: 150,
        pinned: 'right',
        filter: false,
        cellRenderer: (p: ICellRendererParams<Row>) => (p.data ? <ContractStatusTag contract={p.data} status={p.data.status} /> : null),
      },
    ],
    [t],
  );

  return (
    <>
      <DataGrid<Row>
        gridId="contracts"
        rows={rows}
        loading={contracts.isLoading || countyList.isLoading}
        columns={columns}
        emptyText={t(T.emptyContracts)}
        csvFileName={`公建民营合同_${todayIso()}`}
        getRowId={(r) => String(r.id)}
        height="calc(100vh - 280px)"
        onRowClicked={(r) => select(r.id)}
        toolbar={
          <>
            {can('write') && (
              <Button type="primary" onClick={() => setFormOpen(true)} data-testid="contract-new">
                {t(T.newContract)}
              </Button>
            )}
            <CountySelect multiple value={counties} onChange={(v) => setCounties(v)} placeholder={t(C.county)} testId="contracts-filter-county" allowClear />
            <Select<StatusFilter>
              value={statusFilter}
              onChange={setStatusFilter}
              style={{ width: 150 }}
              data-testid="contracts-filter-status"
              options={[
                { value: 'all', label: t(T.filterAll) },
                { value: 'in_force', label: t(T.filterInForce) },
                { value: 'expiring', label: t(T.filterExpiring) },
                { value: 'ended', label: t(T.filterEnded) },
              ]}
            />
          </>
        }
      />
      {warningDays !== undefined && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {t(T.warningHint, { days: warningDays })}
        </Typography.Text>
      )}
      <ContractForm open={formOpen} onClose={() => setFormOpen(false)} onSaved={(id) => select(id)} />
      <ContractDetail contract={selected} countyName={selected ? (countyName.get(selected.regionCode) ?? selected.regionCode) : ''} warningDays={warningDays} onClose={() => select(null)} />
    </>
  );
}
