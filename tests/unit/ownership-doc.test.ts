/**
 * docs/architecture.md "Ownership map" says what src-main/domain/ownership.ts holds: every
 * table once with the same owner and identity, every facilities field with the same owner; and
 * the map covers every table and facilities column of the schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src-main/db/schema';
import { FACILITY_FIELD_OWNERSHIP, TABLE_OWNERSHIP } from '../../src-main/domain/ownership';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/architecture.md'), 'utf8');

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}\n`) >= 0 ? md.indexOf(`\n${heading}\n`) + 1 : md.startsWith(`${heading}\n`) ? 0 : -1;
  expect(start, `${heading} in docs/architecture.md`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(start + heading.length);
  const next = rest.search(/\n## /);
  return next >= 0 ? rest.slice(0, next) : rest;
}

/** The Markdown tables of a section, each as rows of cells (header and rule left out). */
function tables(md: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (!line.trim().startsWith('|')) {
      current = null;
      continue;
    }
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (!current) {
      current = [];
      out.push(current);
      continue; // header
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    current.push(cells);
  }
  return out;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('docs/architecture.md ownership map', () => {
  const [tableMap, fieldMap] = tables(section(doc, '## Ownership map'));

  it('lists every table once, with the owner and identity of domain/ownership.ts', () => {
    expect(tableMap).toBeDefined();
    const names = tableMap!.map((r) => r[0]);
    expect(new Set(names).size).toBe(names.length);
    const fromDoc = Object.fromEntries(tableMap!.map((r) => [r[0], { level: r[1], identity: r[2], row: r[3] }]));
    expect(fromDoc).toEqual(TABLE_OWNERSHIP);
  });

  it('splits the facilities fields as domain/ownership.ts does', () => {
    expect(fieldMap).toBeDefined();
    const names = fieldMap!.map((r) => r[0]);
    expect(new Set(names).size).toBe(names.length);
    const code = Object.fromEntries(Object.entries(FACILITY_FIELD_OWNERSHIP).map(([k, v]) => [snake(k), v]));
    expect(Object.fromEntries(fieldMap!.map((r) => [r[0], r[1]]))).toEqual(code);
  });

  it('covers every table of the schema and every facilities column', () => {
    const schemaTables = Object.values(schema as Record<string, unknown>)
      .filter((v): v is SQLiteTable => v instanceof SQLiteTable)
      .map((t) => getTableConfig(t).name)
      .sort();
    expect(Object.keys(TABLE_OWNERSHIP).sort()).toEqual(schemaTables);
    // column keys as in the schema (camelCase; snake_case in SQLite and in the doc)
    const columns = getTableConfig(schema.facilities).columns.map((c) => c.name).sort();
    expect(Object.keys(FACILITY_FIELD_OWNERSHIP).sort()).toEqual(columns);
  });

  it('gives every table with identity uid a uid column, and no other table one', () => {
    for (const t of Object.values(schema as Record<string, unknown>).filter((v): v is SQLiteTable => v instanceof SQLiteTable)) {
      const c = getTableConfig(t);
      const hasUid = c.columns.some((col) => col.name === 'uid');
      expect(hasUid, c.name).toBe(TABLE_OWNERSHIP[c.name as keyof typeof TABLE_OWNERSHIP].identity === 'uid');
    }
  });
});
