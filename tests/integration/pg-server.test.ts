/**
 * The throw-away PostgreSQL server of tests/support/pg-server.ts: a real server (15 or later),
 * and freshDatabase() gives each caller a database of its own, empty and apart from the others.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPg } from '../../src-main/db/pg/connection';
import { freshDatabase, testPgUrl } from '../support/pg-server';

/** One connection on `url` (through the hub's door, without its migrations), closed after `use`. */
async function withClient<T>(url: string, use: (client: pg.Pool) => Promise<T>): Promise<T> {
  const db = await openPg(url, { max: 1, migrate: false });
  try {
    return await use(db.pool);
  } finally {
    await db.close();
  }
}

const userTables = (client: pg.Pool): Promise<string[]> =>
  client
    .query<{ name: string }>("SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")
    .then((r) => r.rows.map((row) => row.name));

describe('the test PostgreSQL server', () => {
  it('is PostgreSQL 15 or later', async () => {
    const { version, serverVersionNum } = await withClient(await testPgUrl(), async (client) => {
      const v = await client.query<{ version: string }>('SELECT version()');
      const n = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      return { version: v.rows[0]?.version ?? '', serverVersionNum: Number(n.rows[0]?.server_version_num) };
    });
    const major = Number(/^PostgreSQL (\d+)/.exec(version)?.[1]);
    expect(version).toMatch(/^PostgreSQL \d+/);
    expect(major).toBeGreaterThanOrEqual(15);
    expect(Math.floor(serverVersionNum / 10_000)).toBe(major);
  });

  it('gives two different, empty databases, and a table made in one is not in the other', async () => {
    const [a, b] = [await freshDatabase(), await freshDatabase('second')];
    const nameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));
    expect(nameOf(a)).not.toBe(nameOf(b));
    expect(nameOf(a)).toMatch(/^t_\d+_\d+_[0-9a-f]{8}$/);
    expect(nameOf(b)).toMatch(/^t_second_\d+_\d+_[0-9a-f]{8}$/);

    await withClient(a, async (client) => {
      expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db).toBe(nameOf(a));
      expect(await userTables(client)).toEqual([]);
      await client.query('CREATE TABLE beds (id integer PRIMARY KEY, label text NOT NULL)');
      await client.query("INSERT INTO beds VALUES (1, '一楼 101-1')");
      expect(await userTables(client)).toEqual(['public.beds']);
      expect((await client.query<{ label: string }>('SELECT label FROM beds')).rows).toEqual([{ label: '一楼 101-1' }]);
    });

    await withClient(b, async (client) => {
      expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db).toBe(nameOf(b));
      expect(await userTables(client)).toEqual([]);
      const missing = await client.query('SELECT 1 FROM beds').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(missing).toMatchObject({ code: '42P01' }); // undefined_table
    });
  });
});
