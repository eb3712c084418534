/**
 * AG Grid with what every grid of the app needs: the zh-CN locale, column state kept per
 * grid across sessions, keyboard navigation (AG Grid's own), CSV export (formula-safe: see
 * grid-csv.ts), a quick search and an empty state that says what to do.
 */
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import type { CellValueChangedEvent, ColDef, GridApi, RowClickedEvent, StateUpdatedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Button, Input, Space } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { C } from '../i18n/common';
import { GRID_CSV_PARAMS } from './grid-csv';
import { DEFAULT_COL_DEF, gridTheme, loadGridState, plainNumericHeaders, saveGridState } from './grid-common';

export { nameComparator } from './grid-common';

export interface DataGridProps<T> {
  /** Stable id: the key column state is kept under. */
  gridId: string;
  rows: T[] | undefined;
  columns: ColDef<T>[];
  loading?: boolean;
  /** What to do when there are no rows, e.g. "点击“新增机构”登记第一家机构". */
  emptyText: string;
  csvFileName?: string;
  onRowClicked?: (row: T) => void;
  toolbar?: ReactNode;
  height?: number | string;
  getRowId?: (row: T) => string;
  quickSearch?: boolean;
  /** Called after an editable cell (ColDef `editable`) took a new value. */
  onCellValueChanged?: (e: CellValueChangedEvent<T>) => void;
  /** Like a spreadsheet: Enter saves an edit and moves down a row (Enter on a cell not being edited still starts editing). */
  enterMovesDown?: boolean;
}

export function DataGrid<T>({ gridId, rows, columns, loading, emptyText, csvFileName, onRowClicked, toolbar, height = 'calc(100vh - 230px)', getRowId, quickSearch = true, onCellValueChanged, enterMovesDown = false }: DataGridProps<T>) {
  const { t, lang } = useI18n();
  const apiRef = useRef<GridApi<T> | null>(null);
  const [quick, setQuick] = useState('');
  const initialState = useMemo(() => loadGridState(gridId), [gridId]);
  const columnDefs = useMemo(() => plainNumericHeaders(columns), [columns]);
  const onStateUpdated = useCallback((e: StateUpdatedEvent<T>) => saveGridState(gridId, e.state), [gridId]);
  return (
    <div data-testid={`grid-${gridId}`}>
      <Space style={{ marginBottom: 8 }} wrap>
        {toolbar}
        {quickSearch && (
          <Input.Search allowClear placeholder={t(C.search)} style={{ width: 220 }} value={quick} onChange={(e) => setQuick(e.target.value)} data-testid={`grid-${gridId}-search`} />
        )}
        {csvFileName && (
          <Button onClick={() => apiRef.current?.exportDataAsCsv({ fileName: `${csvFileName}.csv`, ...GRID_CSV_PARAMS })} data-testid={`grid-${gridId}-csv`}>
            {t(C.exportCsv)}
          </Button>
        )}
      </Space>
      <div style={{ height }}>
        <AgGridReact<T>
          key={lang}
          theme={gridTheme}
          rowData={rows}
          columnDefs={columnDefs}
          loading={loading}
          localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
          overlayNoRowsTemplate={`<span data-testid="grid-empty">${emptyText.replace(/</g, '&lt;')}</span>`}
          defaultColDef={DEFAULT_COL_DEF}
          // Any CSV this grid writes, however started, goes through the formula-safe rule.
          defaultCsvExportParams={GRID_CSV_PARAMS}
          // A cell too narrow for its text shows the whole text on hover.
          tooltipShowMode="whenTruncated"
          tooltipShowDelay={300}
          initialState={initialState}
          onStateUpdated={onStateUpdated}
          quickFilterText={quick}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onRowClicked={onRowClicked ? (e: RowClickedEvent<T>) => e.data && onRowClicked(e.data) : undefined}
          onCellKeyDown={(e) => {
            const ke = e.event as KeyboardEvent | null | undefined;
            if (ke?.key === 'Enter' && onRowClicked && e.data) onRowClicked(e.data);
          }}
          getRowId={getRowId ? (p) => getRowId(p.data) : undefined}
          onCellValueChanged={onCellValueChanged}
          enterNavigatesVerticallyAfterEdit={enterMovesDown}
          stopEditingWhenCellsLoseFocus
          rowSelection={undefined}
          enableCellTextSelection
          ensureDomOrder
        />
      </div>
    </div>
  );
}
