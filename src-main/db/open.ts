/**
 * Opening the store: pragmas, pending migrations (with a backup first when the file already
 * holds data), reference data. On failure the handle is closed and a typed error raised.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { seedReferenceData } from './reference-data';
import { backupTo } from './backup';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface AppDb {
  readonly file: string;
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  close(): void;
}

export type OpenFailure = 'OPEN_FAILED' | 'MIGRATION_FAILED' | 'NOT_A_DATABASE';

export class DatabaseOpenError extends Error {
  constructor(
    readonly code: OpenFailure,
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`${code}: ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseOpenError';
  }
}

/** The drizzle/ folder: beside the sources in development, beside out/main when built. */
export function defaultMigrationsFolder(): string {
  return process.env.ELDERCARE_MIGRATIONS ?? path.resolve(__dirname, '../../drizzle');
}

export interface OpenOptions {
  migrationsFolder?: string;
  /** Skip the pre-migration backup (tests of the backup itself turn it on). */
  backupBeforeMigrate?: boolean;
}

interface Journal {
  entries: Array<{ tag: string }>;
}

function pendingMigrations(sqlite: Database.Database, folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return journal.entries.length;
  const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return journal.entries.length - row.n;
}

function hasUserTables(sqlite: Database.Database): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facilities'").get();
}

export function openDatabase(file: string, options: OpenOptions = {}): AppDb {
  const folder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (e) {
    throw new DatabaseOpenError('OPEN_FAILED', file, e);
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    sqlite.close();
    throw new DatabaseOpenError('NOT_A_DATABASE', file, e);
  }
  const orm = drizzle({ client: sqlite, schema, casing: 'snake_case' });
  try {
    const pending = pendingMigrations(sqlite, folder);
    if (pending > 0 && file !== ':memory:' && hasUserTables(sqlite) && options.backupBeforeMigrate !== false) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      backupTo(sqlite, `${file}.pre-migrate-${stamp}.bak`);
    }
    if (pending > 0) migrate(orm, { migrationsFolder: folder });
    seedReferenceData(sqlite);
  } catch (e) {
    sqlite.close();
    throw new DatabaseOpenError('MIGRATION_FAILED', file, e);
  }
  return { file, sqlite, orm, close: () => sqlite.close() };
}
