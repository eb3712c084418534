/**
 * The hub's PostgreSQL schema is kept in step with the SQLite schema: src-main/db/pg/schema.ts
 * is what scripts/pg-schema.ts makes from today's SQLite tables (rerun it after a migration),
 * and every table keeps the SQLite table's columns, nullability and a matching type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../src-main/db/pg/schema';
import { HUB_TABLES } from '../../src-main/db/pg/hub-tables';
import { snakeCase } from '../../src-main/db/schema-columns';
import { pgSchemaSource } from '../../scripts/pg-schema';

const SAME_TYPE: Record<string, string> = { integer: 'bigint', text: 'text', real: 'double precision' };

describe('the hub schema follows the SQLite schema', () => {
  it('is what scripts/pg-schema.ts makes from the SQLite tables (rerun it after a schema change)', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../src-main/db/pg/schema.ts'), 'utf8');
    expect(committed).toBe(pgSchemaSource());
  });

  it('has every table the installs exchange, with the same columns, types and nullability', () => {
    const pgTables = new Map(Object.values(pgSchema).map((t) => [pgConfig(t).name, pgConfig(t)]));
    expect([...pgTables.keys()].sort()).toEqual(HUB_TABLES.map((t) => sqliteConfig(t).name).sort());
    for (const t of HUB_TABLES) {
      const lite = sqliteConfig(t);
      const hub = pgTables.get(lite.name)!;
      const liteCols = lite.columns.map((c) => ({ name: c.keyAsName ? snakeCase(c.name) : c.name, type: SAME_TYPE[c.getSQLType()], notNull: c.notNull }));
      const hubCols = hub.columns.map((c) => ({ name: c.name, type: c.getSQLType(), notNull: c.notNull }));
      expect(hubCols, lite.name).toEqual(liteCols);
    }
  });
});
