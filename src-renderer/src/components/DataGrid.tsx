/**
 * AG Grid with what every grid of the app needs: the zh-CN locale, column state kept per
 * grid across sessions, keyboard navigation (AG Grid's own), CSV export (formula-safe: see
 * grid-csv.ts), a quick search and an empty state that says what to do.
 */
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellValueChangedEvent,
  type ColDef,
  type GridApi,
  type GridState,
  type RowClickedEvent,
  type StateUpdatedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Button, Input, Space } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { C } from '../i18n/common';
import { GRID_CSV_PARAMS } from './grid-csv';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Every column: sortable, resizable, filterable; its text as a tooltip (shown only when truncated). */
const DEFAULT_COL_DEF: ColDef = {
  sortable: true,
  resizable: true,
  filter: true,
  minWidth: 80,
  tooltipValueGetter: (p) => {
    const v: unknown = p.valueFormatted ?? p.value;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  },
};

/**
 * For name columns: Chinese by pinyin, numbers in names by value (公司2 before 公司10), as the
 * api's stored sort key orders them, so clicking the header keeps the same order.
 */
const NAME_COLLATOR = new Intl.Collator('zh-Hans-CN', { numeric: true });
export const nameComparator = (a: unknown, b: unknown): number => NAME_COLLATOR.compare(String(a ?? ''), String(b ?? ''));

/**
 * Numbers right-aligned in their cells, but their headers read from the left like every other
 * header, with the filter and sort icons after the text: AG Grid's own numericColumn mirrors
 * the header, which put the icon at the column's left edge and looked like an extra empty
 * column (finding 24).
 */
function plainNumericHeaders<T>(columns: ColDef<T>[]): ColDef<T>[] {
  return columns.map((c) => (c.type === 'numericColumn' ? { ...c, type: undefined, cellClass: c.cellClass ?? 'ag-right-aligned-cell' } : c));
}

const theme = themeQuartz.withParams({ fontSize: 13, headerFontWeight: 600, rowHeight: 34, headerHeight: 36, spacing: 6 });

function loadState(id: string): GridState | undefined {
  try {
    const raw = localStorage.getItem(`eldercare.grid.${id}`);
    return raw ? (JSON.parse(raw) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

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
  const initialState = useMemo(() => loadState(gridId), [gridId]);
  const columnDefs = useMemo(() => plainNumericHeaders(columns), [columns]);
  const onStateUpdated = useCallback(
    (e: StateUpdatedEvent<T>) => {
      try {
        const { columnOrder, columnSizing, columnVisibility, sort, columnPinning } = e.state;
        localStorage.setItem(`eldercare.grid.${gridId}`, JSON.stringify({ columnOrder, columnSizing, columnVisibility, sort, columnPinning }));
      } catch {
        // storage unavailable: state lasts for this session
      }
    },
    [gridId],
  );
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
          theme={theme}
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
