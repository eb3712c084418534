/**
 * How every grid writes its CSV (DataGrid's 导出 CSV): each cell and header goes through the
 * domain's formula-safe rule (src-main/domain/csv-cell.ts), so a name such as
 * `=HYPERLINK(…)` or `+cmd|…` opens as text in Excel, WPS and LibreOffice. AG Grid itself
 * then quotes every field and doubles inner quotes.
 */
import type { CsvExportParams, ProcessCellForExportParams, ProcessHeaderForExportParams } from 'ag-grid-community';
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
