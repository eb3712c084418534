/**
 * drizzle compiles a fresh SQLite statement for every query; over 50,000 rows the compiling
 * costs more than the writing. For the length of one import (synchronous, inside one
 * transaction, so nothing else uses the connection meanwhile) `prepare` hands back the
 * statement it already compiled for the same SQL, reset to its default modes.
 */
import type Database from 'better-sqlite3';

export function withStatementCache<T>(sqlite: Database.Database, fn: () => T): T {
  const original = sqlite.prepare;
  const cache = new Map<string, Database.Statement>();
  const cached = function (this: Database.Database, source: string) {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = original.call(sqlite, source) as Database.Statement;
      cache.set(source, stmt);
    } else if (stmt.reader) {
      // drizzle switches statements to raw (array) rows for some reads; start each use plain.
      stmt.raw(false);
      stmt.pluck(false);
    }
    return stmt;
  };
  sqlite.prepare = cached as typeof sqlite.prepare;
  try {
    return fn();
  } finally {
    sqlite.prepare = original;
  }
}
