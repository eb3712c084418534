/**
 * A grid whose rows stay on the server (AG Grid's infinite row model, community edition):
 * it asks for pages of a few hundred rows as the user scrolls, sorting and the column filters
 * go to the server as part of each request (SQL does them), and only a bounded number of
 * pages is kept — so the first rows come at once and memory does not grow with the register.
 * The count is the server's; 导出 CSV fetches the whole filtered, sorted set page by page
 * (with progress) and writes it as DataGrid's export does.
 */
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import type { ColDef, FilterModel, GridApi, IDatasource, RowClickedEvent, StateUpdatedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Space } from 'antd';
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { C } from '../i18n/common';
import { DEFAULT_COL_DEF, gridTheme, loadGridState, plainNumericHeaders, saveGridState } from './grid-common';
import { CSV_BOM, rowsCsvLines } from './grid-csv';
import { useQuery } from '@tanstack/react-query';
import { apiError } from '../api/client';

/** Rows per request while scrolling, and how many such pages the grid keeps. */
const PAGE = 200;
const KEPT_PAGES = 10;
/** Sorting and filters are the server's: no column sorts or filters unless its definition says so. */
const SERVER_COL_DEF: ColDef = { ...DEFAULT_COL_DEF, sortable: false, filter: false };
/** Rows per request while exporting. */
const EXPORT_PAGE = 2000;

export interface PageRequest {
  offset: number;
  limit: number;
  /** The column sorted by (its colId), if any. */
  sort?: { colId: string; dir: 'asc' | 'desc' };
  /** AG Grid's filter model of the column filters. */
  filter: FilterModel;
}

export interface ServerGridProps<T> {
  gridId: string;
  columns: ColDef<T>[];
  /** One page of rows and the count of all rows the request's filters find. */
  fetchPage: (req: PageRequest) => Promise<{ rows: T[]; total: number }>;
  /** Changes whenever a filter outside the grid (search box, county, switches) changes: the grid starts again from the top. */
  queryKey: string;
  emptyText: string;
  csvFileName?: string;
  onRowClicked?: (row: T) => void;
  /** The count the server gave for the current filters. */
  onTotal?: (n: number) => void;
  toolbar?: ReactNode;
  height?: number | string;
  getRowId: (row: T) => string;
}

const TX = {
  exporting: { zh: '正在导出 {done} / {total} 行…', en: 'Exporting {done} / {total} rows…' },
  exported: { zh: '已导出 {n} 行', en: '{n} rows exported' },
  failed: { zh: '读取失败：{msg}', en: 'Could not load: {msg}' },
} as const;

export function ServerGrid<T>({ gridId, columns, fetchPage, queryKey, emptyText, csvFileName, onRowClicked, onTotal, toolbar, height = 'calc(100vh - 230px)', getRowId }: ServerGridProps<T>) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const apiRef = useRef<GridApi<T> | null>(null);
  // The datasource reads the latest props through refs: a new search refetches, it does not rebuild the grid.
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const totalRef = useRef(onTotal);
  totalRef.current = onTotal;
  const initialState = useMemo(() => loadGridState(gridId), [gridId]);
  const columnDefs = useMemo(() => plainNumericHeaders(columns), [columns]);
  const onStateUpdated = useCallback((e: StateUpdatedEvent<T>) => saveGridState(gridId, e.state), [gridId]);
  const errorOf = (e: unknown) => {
    const err = apiError(e);
    return lang === 'zh' ? err.zh : err.en;
  };
  // Every write refreshes every query (api/hooks.ts useWrite); this one stands for the grid's
  // pages, which live in the grid and not in react-query, so a write refetches them too.
  const written = useQuery({ queryKey: ['server-grid', gridId], queryFn: () => Date.now(), refetchOnWindowFocus: false });

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        const sort = p.sortModel[0];
        fetchRef
          .current({ offset: p.startRow, limit: p.endRow - p.startRow, sort: sort ? { colId: sort.colId, dir: sort.sort } : undefined, filter: p.filterModel as FilterModel })
          .then((r) => {
            p.successCallback(r.rows, r.total);
            totalRef.current?.(r.total);
            if (r.total === 0) apiRef.current?.showNoRowsOverlay();
            else apiRef.current?.hideOverlay();
          })
          .catch((e: unknown) => {
            p.failCallback();
            void message.error(t(TX.failed, { msg: errorOf(e) }));
          });
      },
    }),
    [message, t],
  );

  // Filters outside the grid changed: drop the pages held and ask again from the first row.
  const shownKey = useRef(queryKey);
  useEffect(() => {
    if (shownKey.current === queryKey) return;
    shownKey.current = queryKey;
    apiRef.current?.ensureIndexVisible(0, 'top');
    apiRef.current?.purgeInfiniteCache();
  }, [queryKey]);
  // Something was written: the same rows asked again where the user is.
  const shownWrite = useRef(written.data);
  useEffect(() => {
    if (written.data === undefined || shownWrite.current === written.data) return;
    const first = shownWrite.current === undefined;
    shownWrite.current = written.data;
    if (!first) apiRef.current?.refreshInfiniteCache();
  }, [written.data]);

  const exportCsv = async () => {
    const api = apiRef.current;
    if (!api || !csvFileName) return;
    const sort = api.getColumnState().find((c) => c.sort);
    const base = { sort: sort ? { colId: sort.colId, dir: sort.sort! } : undefined, filter: api.getFilterModel() };
    const key = `csv-${gridId}`;
    const parts: string[] = [CSV_BOM];
    try {
      let done = 0;
      for (let total = Infinity; done < total; ) {
        const page = await fetchRef.current({ ...base, offset: done, limit: EXPORT_PAGE });
        total = page.total;
        parts.push(rowsCsvLines(api, page.rows, done === 0));
        done += page.rows.length;
        if (page.rows.length === 0) break;
        void message.open({ key, type: 'loading', content: t(TX.exporting, { done: done.toLocaleString('zh-CN'), total: total.toLocaleString('zh-CN') }), duration: 0 });
      }
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${csvFileName}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.open({ key, type: 'success', content: t(TX.exported, { n: done.toLocaleString('zh-CN') }) });
    } catch (e) {
      void message.open({ key, type: 'error', content: t(TX.failed, { msg: errorOf(e) }) });
    }
  };

  return (
    <div data-testid={`grid-${gridId}`}>
      <Space style={{ marginBottom: 8 }} wrap>
        {toolbar}
        {csvFileName && (
          <Button onClick={() => void exportCsv()} data-testid={`grid-${gridId}-csv`}>
            {t(C.exportCsv)}
          </Button>
        )}
      </Space>
      <div style={{ height }}>
        <AgGridReact<T>
          key={lang}
          theme={gridTheme}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={PAGE}
          maxBlocksInCache={KEPT_PAGES}
          // the first page is asked for at once; scrolling asks for the next two at most together
          maxConcurrentDatasourceRequests={2}
          infiniteInitialRowCount={1}
          columnDefs={columnDefs}
          localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
          overlayNoRowsTemplate={`<span data-testid="grid-empty">${emptyText.replace(/</g, '&lt;')}</span>`}
          defaultColDef={SERVER_COL_DEF}
          tooltipShowMode="whenTruncated"
          tooltipShowDelay={300}
          initialState={initialState}
          onStateUpdated={onStateUpdated}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onRowClicked={onRowClicked ? (e: RowClickedEvent<T>) => e.data && onRowClicked(e.data) : undefined}
          onCellKeyDown={(e) => {
            const ke = e.event as KeyboardEvent | null | undefined;
            if (ke?.key === 'Enter' && onRowClicked && e.data) onRowClicked(e.data);
          }}
          getRowId={(p) => getRowId(p.data)}
          enableCellTextSelection
          ensureDomOrder
        />
      </div>
    </div>
  );
}
