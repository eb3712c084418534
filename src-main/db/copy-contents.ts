/**
 * Copy a whole database between two schemas of one connection, as one transaction: used to
 * put a restored copy into the live file (everyone else sees the old database or the restored
 * one, never a mixture) and to encrypt a plain file without ever writing a plain copy (the
 * plain source is read, the keyed target attached). SQLite's backup API cannot do either:
 * it refuses a target with another cipher, and it needs a second connection the caller does
 * not have. Triggers are dropped in the target for the copy and made again afterwards (the
 * audit log's append-only triggers would refuse the copy otherwise).
 */
import type { Sqlite } from './connection';

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function objects(sqlite: Sqlite, schema: string): SchemaObject[] {
  return sqlite.prepare(`SELECT type, name, tbl_name, sql FROM ${schema}.sqlite_master ORDER BY rowid`).all() as SchemaObject[];
}

function columns(sqlite: Sqlite, schema: string, table: string): string[] {
  return (sqlite.prepare(`SELECT name FROM pragma_table_xinfo(?, ?) WHERE hidden = 0`).all(table, schema) as Array<{ name: string }>).map((r) => r.name);
}

/** `CREATE TABLE "x"` → `CREATE TABLE to."x"`: the statement made for another schema. */
function inSchema(sql: string, to: string): string {
  return sql.replace(/^(CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?)/i, `$1${to}.`);
}

export interface CopyOptions {
  /** The target is empty: make every table, index, view and trigger of the source there. */
  createSchema?: boolean;
}

/**
 * Replace the contents of schema `to` by those of schema `from` (both attached to `sqlite`),
 * in one transaction. With foreign keys checked at the end: the copy must be consistent.
 */
export function copyContents(sqlite: Sqlite, from: string, to: string, options: CopyOptions = {}): void {
  const src = objects(sqlite, from);
  const fkWasOn = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  // Foreign keys off for the copy (no cascades while tables are emptied and refilled in any
  // order); checked as a whole before the commit. The pragma is a no-op inside a transaction.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      if (options.createSchema) {
        for (const o of src) if (o.type === 'table' && o.sql && !o.name.startsWith('sqlite_')) sqlite.exec(inSchema(o.sql, to));
      }
      const targetTables = new Set(objects(sqlite, to).filter((o) => o.type === 'table').map((o) => o.name));
      const triggers = objects(sqlite, to).filter((o) => o.type === 'trigger');
      for (const t of triggers) sqlite.exec(`DROP TRIGGER ${to}.${quote(t.name)}`);
      for (const name of targetTables) if (name !== 'sqlite_sequence') sqlite.exec(`DELETE FROM ${to}.${quote(name)}`);
      for (const o of src) {
        if (o.type !== 'table' || !targetTables.has(o.name) || o.name === 'sqlite_sequence') continue;
        const cols = columns(sqlite, to, o.name);
        const have = new Set(columns(sqlite, from, o.name));
        const shared = cols.filter((c) => have.has(c)).map(quote).join(', ');
        sqlite.exec(`INSERT INTO ${to}.${quote(o.name)} (${shared}) SELECT ${shared} FROM ${from}.${quote(o.name)}`);
      }
      if (targetTables.has('sqlite_sequence')) {
        sqlite.exec(`DELETE FROM ${to}.sqlite_sequence`);
        if (src.some((o) => o.name === 'sqlite_sequence')) sqlite.exec(`INSERT INTO ${to}.sqlite_sequence (name, seq) SELECT name, seq FROM ${from}.sqlite_sequence`);
      }
      if (options.createSchema) {
        for (const o of src) if ((o.type === 'index' || o.type === 'view') && o.sql) sqlite.exec(inSchema(o.sql, to));
        for (const o of src) if (o.type === 'trigger' && o.sql) sqlite.exec(inSchema(o.sql, to));
      } else {
        for (const t of triggers) if (t.sql) sqlite.exec(inSchema(t.sql, to));
      }
      const broken = sqlite.pragma(`${to}.foreign_key_check`) as unknown[];
      if (broken.length > 0) throw new Error(`the copy would break a foreign key (${JSON.stringify(broken[0])})`);
      const pv = sqlite.pragma(`${from}.user_version`, { simple: true });
      sqlite.pragma(`${to}.user_version = ${Number(pv)}`);
    })();
  } finally {
    if (fkWasOn) sqlite.pragma('foreign_keys = ON');
  }
}
