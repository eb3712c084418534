/** Bounds of the import row limit (a setting): the largest stays below a spreadsheet's 1,048,576 rows. */
export const IMPORT_ROWS_MIN = 100;
export const IMPORT_ROWS_MAX = 1_000_000;
export const IMPORT_ROWS_DEFAULT = 100_000;

/** Larger files are refused before they are sent or parsed: 100,000 register rows are well under this. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;
