/**
 * drizzle/pg (drizzle-kit's migrations of the hub schema) makes, on a real PostgreSQL server,
 * exactly the tables and columns of src-main/db/pg/schema.ts and hub-schema.ts — so a schema
 * change without its migration fails here — and running them again changes nothing.
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { openPg } from '../../src-main/db/pg/connection';
import * as hubSchema from '../../src-main/db/pg/hub-schema';
import * as registerSchema from '../../src-main/db/pg/schema';
import { freshDatabase } from '../support/pg-server';

describe('the hub migrations', () => {
  it('make the schema the code declares, and a second run is a no-op', async () => {
    const url = await freshDatabase('migrations');
    const pg = await openPg(url);
    try {
      const cols = (await pg.pool.query<{ t: string; c: string; type: string; nullable: string }>(
        `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      )).rows;
      const declared = [...Object.values(registerSchema), ...Object.values(hubSchema)].filter((t) => typeof t === 'object' && t !== null && 'getSQL' in t);
      const expected = declared
        .map((t) => getTableConfig(t as Parameters<typeof getTableConfig>[0]))
        // information_schema names an array column's type ARRAY
        .flatMap((cfg) => cfg.columns.map((c) => ({ t: cfg.name, c: c.name, type: c.getSQLType().endsWith('[]') ? 'ARRAY' : c.getSQLType(), nullable: c.notNull ? 'NO' : 'YES' })));
      const byKey = (r: { t: string; c: string }) => `${r.t}.${r.c}`;
      expect(cols.map(byKey).sort()).toEqual(expected.map(byKey).sort());
      for (const e of expected) {
        const got = cols.find((c) => byKey(c) === byKey(e))!;
        expect(got, byKey(e)).toEqual(e);
      }
      const before = (await pg.pool.query<{ n: number }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).rows[0]!.n;
      expect(before).toBeGreaterThan(0);
      const again = await openPg(url);
      const after = (await again.pool.query<{ n: number }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).rows[0]!.n;
      await again.close();
      expect(after).toBe(before);
    } finally {
      await pg.close();
    }
  });
});
