/**
 * The hub's connection to PostgreSQL: a pool, its number types, and its migrations
 * (drizzle/pg, made by drizzle-kit from db/pg/schema.ts and db/pg/hub-schema.ts). Counts and
 * sums come back as JavaScript numbers, as SQLite gives them: the figures never exceed 2^53.
 */
import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { defaultMigrationsFolder } from '../open';
import { runAsync, type Program } from '../sql-program';

// int8 (count, sum of integers) and numeric (sum of int8) as numbers, not strings
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface PgDb {
  url: string;
  pool: pg.Pool;
  orm: NodePgDatabase;
  close(): Promise<void>;
}

/** drizzle/pg, inside the SQLite migrations' folder (wherever the app finds that). */
export function pgMigrationsFolder(): string {
  return path.join(defaultMigrationsFolder(), 'pg');
}

/** Open a pool on `url` and bring its schema up to date (migrations run once, in one transaction each). */
export async function openPg(url: string, options: { max?: number; migrate?: boolean } = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'eldercare-hub' });
  pool.on('error', () => {
    // an idle client lost its server: the next query reconnects or reports it
  });
  const orm = drizzle(pool);
  if (options.migrate !== false) await migrate(orm, { migrationsFolder: pgMigrationsFolder() });
  return { url, pool, orm, close: () => pool.end() };
}


/** Run a SQL program (db/sql-program.ts) on the hub's pool. */
export function runOnPg<T>(db: Pick<PgDb, 'pool'>, program: Program<T>): Promise<T> {
  return runAsync(async (text, values) => (await db.pool.query(text, values)).rows as Array<Record<string, unknown>>, program);
}

/** What went wrong reaching PostgreSQL, in words; null for an error that is not about the connection. */
export function pgProblem(e: unknown): { code: string; zh: string; en: string } | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'].includes(code))
    return { code: 'PG_UNREACHABLE', zh: `连接不上 PostgreSQL 服务器（${message}）`, en: `Cannot reach the PostgreSQL server (${message})` };
  if (code === '28P01' || code === '28000')
    return { code: 'PG_LOGIN_FAILED', zh: `PostgreSQL 拒绝登录：用户名、密码或认证方式不对（${message}）`, en: `PostgreSQL refused the login: user, password or authentication method (${message})` };
  if (code === '3D000') return { code: 'PG_NO_DATABASE', zh: `PostgreSQL 上没有这个数据库（${message}）`, en: `No such database on the PostgreSQL server (${message})` };
  if (code === '42P01')
    return { code: 'PG_NOT_A_HUB', zh: '这个数据库还不是中心服务器的数据库：先用它启动一次 npm run hub', en: 'This database is not a hub database yet: start npm run hub on it once' };
  return null;
}
