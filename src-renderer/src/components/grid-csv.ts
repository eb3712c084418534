/**
 * How every grid writes its CSV (DataGrid's 导出 CSV): each cell and header goes through the
 * domain's formula-safe rule (src-main/domain/csv-cell.ts), so a name such as
 * `=HYPERLINK(…)` or `+cmd|…` opens as text in Excel, WPS and LibreOffice. AG Grid itself
 * then quotes every field and doubles inner quotes.
 */
import type { CsvExportParams, GridApi, ProcessCellForExportParams, ProcessHeaderForExportParams, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { formulaSafe, formulaSafeShown } from '@domain/csv-cell';

/** A body cell: the text the grid shows (its valueFormatter, unless the column opts out), made formula-safe. */
export function gridCsvCell(p: ProcessCellForExportParams): string {
  const raw: unknown = p.value;
  const shown: unknown = p.column.getColDef().useValueFormatterForExport === false ? raw : p.formatValue(raw);
  return formulaSafeShown(raw, shown ?? raw);
}

/** A header cell: the column's display name, made formula-safe (header names can come from data). */
export function gridCsvHeader(p: ProcessHeaderForExportParams): string {
  return formulaSafe(p.api.getDisplayNameForColumn(p.column, 'csv'));
}

export const GRID_CSV_PARAMS = { processCellCallback: gridCsvCell, processHeaderCallback: gridCsvHeader } satisfies CsvExportParams;

/**
 * A CSV of rows the grid has not loaded (ServerGrid fetches them page by page): the grid's
 * displayed columns in their order, each cell as its valueGetter/valueFormatter shows it and
 * made formula-safe like the cells above, every field quoted, with a BOM so that Excel reads
 * it as UTF-8 — as AG Grid's own export writes it.
 */
export function rowsCsvLines<T>(api: GridApi<T>, rows: T[], withHeader: boolean): string {
  const columns = api.getAllDisplayedColumns();
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines: string[] = [];
  if (withHeader) lines.push(columns.map((c) => quote(formulaSafe(api.getDisplayNameForColumn(c, 'csv')))).join(','));
  for (const data of rows) {
    lines.push(
      columns
        .map((column) => {
          const colDef = column.getColDef();
          const base = { data, node: null, colDef, column, api, context: undefined };
          const raw: unknown =
            typeof colDef.valueGetter === 'function'
              ? colDef.valueGetter({ ...base, getValue: () => undefined } as unknown as ValueGetterParams<T>)
              : colDef.field
                ? (data as Record<string, unknown>)[colDef.field]
                : undefined;
          const shown: unknown =
            colDef.useValueFormatterForExport === false || typeof colDef.valueFormatter !== 'function'
              ? raw
              : colDef.valueFormatter({ ...base, value: raw } as unknown as ValueFormatterParams<T>);
          return quote(formulaSafeShown(raw, shown ?? raw));
        })
        .join(','),
    );
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

export const CSV_BOM = '\ufeff';
