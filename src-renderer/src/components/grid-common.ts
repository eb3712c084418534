/**
 * What every grid of the app shares, whichever row model it uses (DataGrid: rows in memory;
 * ServerGrid: pages from the server): the AG Grid modules, theme and column defaults, the
 * name order, and the column state kept per grid across sessions.
 */
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type GridState } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Every column: sortable, resizable, filterable; its text as a tooltip (shown only when truncated). */
export const DEFAULT_COL_DEF: ColDef = {
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
export function plainNumericHeaders<T>(columns: ColDef<T>[]): ColDef<T>[] {
  return columns.map((c) => (c.type === 'numericColumn' ? { ...c, type: undefined, cellClass: c.cellClass ?? 'ag-right-aligned-cell' } : c));
}

export const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontWeight: 600, rowHeight: 34, headerHeight: 36, spacing: 6 });

export function loadGridState(id: string): GridState | undefined {
  try {
    const raw = localStorage.getItem(`eldercare.grid.${id}`);
    return raw ? (JSON.parse(raw) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a grid's column order, widths, visibility, sort and pinning for the next session. */
export function saveGridState(id: string, state: GridState): void {
  try {
    const { columnOrder, columnSizing, columnVisibility, sort, columnPinning } = state;
    localStorage.setItem(`eldercare.grid.${id}`, JSON.stringify({ columnOrder, columnSizing, columnVisibility, sort, columnPinning }));
  } catch {
    // storage unavailable: state lasts for this session
  }
}
