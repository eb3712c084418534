/** Column defaults and CHECK expressions shared by the schema files, and the column names behind drizzle's keys. */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { integer, type AnySQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';

export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}
export function isDate(column: AnySQLiteColumn): SQL {
  return sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
}
export function isBool(column: AnySQLiteColumn): SQL {
  return sql`${column} IN (0, 1)`;
}
export const bool = () => integer({ mode: 'boolean' }).notNull().default(false);

/** A column's name in the database from its key (drizzle's snake_case casing): riskEvents → risk_events. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Reads a row as `RETURNING *` gives it (database names, booleans as 0/1) into the object
 * drizzle's `.returning()` gives for the table: its keys in the table's order, booleans as
 * booleans — so a statement prepared once writes the same audit JSON as drizzle would.
 */
export function rowReader<T extends SQLiteTable>(table: T): (raw: unknown) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table)).map(([key, col]) => ({ key, name: col.keyAsName ? snakeCase(key) : col.name, boolean: col.dataType === 'boolean' }));
  return (raw) => {
    const r = raw as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const v = r[c.name];
      out[c.key] = c.boolean && v !== null && v !== undefined ? v === 1 : v;
    }
    return out as T['$inferSelect'];
  };
}
