/**
 * A read written once and run on either engine (docs/architecture.md#one-sql). A program is a
 * generator: it yields each query it needs — SQL text with `@name` parameters — and is handed
 * back the rows, so its logic (the statistics, say) is one function whether the rows come
 * from SQLite, synchronously, inside the office's transactions, or from the hub's PostgreSQL,
 * asynchronously, over a pool. The few places the two dialects differ are asked of `Dialect`
 * by the program itself; nothing is translated behind its back but the parameter markers.
 */
import type { Sqlite } from './connection';

export type Dialect = 'sqlite' | 'pg';

export interface Query {
  text: string;
  params?: Readonly<Record<string, unknown>>;
}

export type Program<T> = Generator<Query, T, Array<Record<string, unknown>>>;

/** Run a program on a SQLite connection, synchronously (better-sqlite3 takes `@name` itself). */
export function runOnSqlite<T>(sqlite: Sqlite, program: Program<T>): T {
  let step = program.next([]);
  while (!step.done) {
    const q = step.value;
    const rows = sqlite.prepare(q.text).all(q.params ?? {}) as Array<Record<string, unknown>>;
    step = program.next(rows);
  }
  return step.value;
}

/** `@name` markers as PostgreSQL's `$1, $2 …`, each name one position however often it is used. */
export function positional(q: Query): { text: string; values: unknown[] } {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  const text = q.text.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    let n = positions.get(name);
    if (n === undefined) {
      if (!q.params || !(name in q.params)) throw new Error(`SQL parameter @${name} has no value`);
      values.push(q.params[name]);
      n = values.length;
      positions.set(name, n);
    }
    return `$${n}`;
  });
  return { text, values };
}

/** Run a program against anything that answers a positional query with rows (the hub's pool). */
export async function runAsync<T>(query: (text: string, values: unknown[]) => Promise<Array<Record<string, unknown>>>, program: Program<T>): Promise<T> {
  let step = program.next([]);
  while (!step.done) {
    const q = positional(step.value);
    step = program.next(await query(q.text, q.values));
  }
  return step.value;
}
