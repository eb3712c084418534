/** The operators chosen by open selection to run public homes. */
import type { ColDef } from 'ag-grid-community';
import { Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataGrid, nameComparator } from '../../components/DataGrid';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { useOperators, type OperatorRow } from './data';
import { OperatorForm } from './OperatorForm';
import { T } from './texts';

export function OperatorsTab() {
  const { can } = useMe();
  const { t } = useI18n();
  const operators = useOperators();
  const [editing, setEditing] = useState<OperatorRow | null>(null);
  const [open, setOpen] = useState(false);
  // The header search links an operator as ?operator=<id>: open it once the list is there.
  const [params, setParams] = useSearchParams();
  const wanted = params.get('operator');
  useEffect(() => {
    if (!wanted || !operators.data || !can('manage')) return;
    const hit = operators.data.find((o) => String(o.id) === wanted);
    if (hit) {
      setEditing(hit);
      setOpen(true);
    }
    const next = new URLSearchParams(params);
    next.delete('operator');
    setParams(next, { replace: true });
  }, [wanted, operators.data, can, params, setParams]);

  const columns = useMemo<ColDef<OperatorRow>[]>(
    () => [
      { field: 'name', headerName: t(T.operatorName), flex: 2, minWidth: 200, comparator: nameComparator },
      { field: 'creditCode', headerName: t(T.creditCode), width: 190, cellStyle: { fontFamily: 'monospace' } },
      { field: 'legalRepresentative', headerName: t(T.legalRepresentative), width: 110 },
      { field: 'contactPerson', headerName: t(T.contactPerson), width: 100 },
      { field: 'phone', headerName: t(T.phone), width: 130 },
      { field: 'address', headerName: t(T.address), flex: 1, minWidth: 160 },
      { field: 'contracts', headerName: t(T.contractCount), width: 90, type: 'numericColumn' },
    ],
    [t],
  );

  return (
    <>
      <DataGrid<OperatorRow>
        gridId="operators"
        rows={operators.data}
        loading={operators.isLoading}
        columns={columns}
        emptyText={t(T.emptyOperators)}
        csvFileName="运营方"
        getRowId={(r) => String(r.id)}
        height="calc(100vh - 250px)"
        onRowClicked={(r) => {
          if (!can('manage')) return;
          setEditing(r);
          setOpen(true);
        }}
        toolbar={
          can('manage') && <Button
            type="primary"
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="operator-new"
          >
            {t(T.newOperator)}
          </Button>
        }
      />
      <OperatorForm open={open} operator={editing} onClose={() => setOpen(false)} />
    </>
  );
}
