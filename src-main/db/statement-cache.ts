/**
 * drizzle builds and better-sqlite3 compiles a fresh statement for every query. Inside one
 * write transaction (synchronous: nothing else uses the connection meanwhile) the same few
 * statements run again and again — an import or a generated data set runs them hundreds of
 * thousands of times — so for the length of the transaction `prepare` hands back the
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
      // drizzle switches reads to raw (array) rows; each use starts plain.
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
