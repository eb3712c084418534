/**
 * Writes src-main/db/pg/schema.ts: the hub's PostgreSQL tables for the register, made from the
 * SQLite schema (the tables installs exchange, and regions). Run after a change to the SQLite
 * schema, then `npx drizzle-kit generate --config config/drizzle-pg.config.ts`;
 * tests/unit/pg-schema.test.ts fails until both are done.
 *
 *   npx tsx scripts/pg-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { HUB_TABLES } from '../src-main/db/pg/hub-tables';
import { snakeCase } from '../src-main/db/schema-columns';

/** The column's name in SQLite (drizzle's snake_case casing names a column by its key). */
function sqlName(c: SQLiteColumn): string {
  return c.keyAsName ? snakeCase(c.name) : c.name;
}

function pgType(c: SQLiteColumn): string {
  switch (c.getSQLType()) {
    case 'integer':
      // SQLite's INTEGER is 64-bit (amounts in fen pass 2^31)
      return 'bigint';
    case 'real':
      return 'doublePrecision';
    case 'text':
      return 'text';
    default:
      throw new Error(`${c.name}: no PostgreSQL type for SQLite ${c.getSQLType()} here yet`);
  }
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

function tableSource(table: SQLiteTable): { name: string; source: string; types: Set<string> } {
  const config = getTableConfig(table);
  const types = new Set<string>(['index']);
  const cols = config.columns.map((c) => {
    const type = pgType(c);
    types.add(type);
    let def = type === 'bigint' ? `bigint('${sqlName(c)}', { mode: 'number' })` : `${type}('${sqlName(c)}')`;
    if (c.primary) def += '.primaryKey()';
    else if (c.notNull) def += '.notNull()';
    return `    ${camel(sqlName(c))}: ${def},`;
  });
  const extras: string[] = [];
  const names = new Set(config.columns.map(sqlName));
  if (names.has('uid')) {
    types.add('uniqueIndex');
    extras.push(`uniqueIndex('${config.name}_uid').on(t.uid)`);
  }
  // every foreign key column is indexed: the figures walk facility → beds → stays by them
  for (const fk of config.foreignKeys) {
    const col = sqlName(fk.reference().columns[0]!);
    extras.push(`index('${config.name}_${col}').on(t.${camel(col)})`);
  }
  if (config.name === 'facility_status_changes') extras.push(`index('facility_status_changes_on').on(t.facilityId, t.effectiveOn)`);
  const body = extras.length ? `,\n  (t) => [\n    ${[...new Set(extras)].join(',\n    ')},\n  ]` : '';
  return { name: config.name, types, source: `export const ${camel(config.name)} = pgTable(\n  '${config.name}',\n  {\n${cols.join('\n')}\n  }${body},\n);\n` };
}

/** The source of src-main/db/pg/schema.ts, as this script writes it. */
export function pgSchemaSource(): string {
  const parts = HUB_TABLES.map(tableSource);
  const types = new Set<string>(['pgTable']);
  for (const p of parts) for (const t of p.types) types.add(t);
  return `/**
 * The hub's PostgreSQL tables of the register: made by scripts/pg-schema.ts from the SQLite
 * schema (src-main/db/schema.ts) — do not edit by hand. Each keeps the SQLite table's name,
 * columns, types (64-bit integers as bigint, text, double precision) and nullability, and the install's
 * own integer ids, so the statistics' SQL runs on both (docs/architecture.md#one-sql).
 * tests/unit/pg-schema.test.ts keeps the two in step.
 */
import { ${[...types].sort().join(', ')} } from 'drizzle-orm/pg-core';

${parts.map((p) => p.source).join('\n')}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(new URL('../src-main/db/pg/schema.ts', import.meta.url), pgSchemaSource());
  process.stdout.write(`src-main/db/pg/schema.ts: ${HUB_TABLES.length} tables\n`);
}
