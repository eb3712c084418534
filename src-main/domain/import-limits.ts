/** Bounds of the import row limit (a setting): the largest stays below a spreadsheet's 1,048,576 rows. */
export const IMPORT_ROWS_MIN = 100;
export const IMPORT_ROWS_MAX = 1_000_000;
export const IMPORT_ROWS_DEFAULT = 100_000;
