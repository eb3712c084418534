/** Column defaults and CHECK expressions shared by the schema files. */
import { sql, type SQL } from 'drizzle-orm';
import { integer, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

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
