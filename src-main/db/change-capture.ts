/**
 * The change log's capture: for every shared table, AFTER INSERT / UPDATE / DELETE triggers
 * that append the row before and after — as JSON, foreign keys written as the uid of the row
 * they point to — with this install as origin and its next sequence number. The triggers are
 * made from the drizzle schema on every open (a column added by a later migration is captured
 * without anyone remembering to), and replaced when their text differs.
 *
 * Not captured: regions (reference data shipped with the app, the same everywhere), accounts,
 * the audit trail, refusals, month closes (each office closes its own month), derived tables,
 * and the install-local settings (keys starting with `_`, the LAN switch). A table's row is
 * named by its uid; settings by their key.
 */
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Sqlite } from './connection';
import * as schema from './schema';
import { SETTINGS_SCHEMA } from './settings';
import { snakeCase } from './schema-columns';

export interface CapturedTable {
  /** SQL name. */
  name: string;
  /** The column that names a row in every install. */
  key: 'uid' | 'key';
  /** Captured columns (SQL names), the local integer id left out. */
  columns: string[];
  /** Foreign keys to a table with a uid: column → that table (the value travels as its uid). */
  references: Record<string, string>;
  /** Extra condition on the rows captured (SQL over the row alias). */
  only?: (row: string) => string;
}

/** In the order a receiver can insert them (what a row points to comes first). */
export const SHARED_TABLES: readonly SQLiteTable[] = [
  schema.installs,
  schema.settings,
  schema.operators,
  schema.facilities,
  schema.facilityStatusChanges,
  schema.facilityLicences,
  schema.populations,
  schema.targets,
  schema.beds,
  schema.residents,
  schema.stays,
  schema.leaves,
  schema.waitingApplications,
  schema.assessments,
  schema.contracts,
  schema.contractEvaluations,
];

/** The settings every office shares (the administrator's settings); the rest are this PC's own. */
export const SHARED_SETTING_KEYS: readonly string[] = Object.keys(SETTINGS_SCHEMA.shape);


function describe(table: SQLiteTable): CapturedTable {
  const config = getTableConfig(table);
  const columns = config.columns.map((c) => snakeCase(c.name)).filter((c) => c !== 'id');
  const references: Record<string, string> = {};
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const target = getTableConfig(ref.foreignTable);
    const pointsTo = snakeCase(ref.foreignColumns[0]!.name);
    // regions are known by their code everywhere: that value travels as it is
    if (pointsTo === 'id') references[snakeCase(ref.columns[0]!.name)] = target.name;
  }
  const key = columns.includes('uid') ? 'uid' : 'key';
  const captured: CapturedTable = { name: config.name, key, columns, references };
  if (config.name === 'settings') captured.only = (row) => `${row}.key IN (${SHARED_SETTING_KEYS.map((k) => `'${k}'`).join(', ')})`;
  return captured;
}

export const CAPTURED_TABLES: readonly CapturedTable[] = SHARED_TABLES.map(describe);
export const CAPTURED_BY_NAME: ReadonlyMap<string, CapturedTable> = new Map(CAPTURED_TABLES.map((t) => [t.name, t]));

/** The row as the change log holds it: json_object over the row alias (NEW, OLD or the table). */
export function rowJson(table: CapturedTable, row: string): string {
  const parts = table.columns.map((c) => {
    const ref = table.references[c];
    const value = ref ? `(SELECT uid FROM "${ref}" WHERE id = ${row}."${c}")` : `${row}."${c}"`;
    return `'${c}', ${value}`;
  });
  return `json_object(${parts.join(', ')})`;
}

const ORIGIN = '(SELECT uid FROM install_identity WHERE id = 1)';
const NEXT_SEQ = `(SELECT coalesce(max(seq), 0) + 1 FROM change_log WHERE origin = ${ORIGIN})`;
const CAPTURING = 'NOT EXISTS (SELECT 1 FROM change_capture_off)';

/**
 * The shared tables as this store has them: a store migrated with an older drizzle/ folder (a
 * test of an older version's database) lacks the columns later migrations add, and its triggers
 * and baseline capture what it has — a table a later migration makes is left out until it is
 * there; the next open after the migration captures the rest.
 */
function asStored(sqlite: Sqlite): Map<string, CapturedTable> {
  const out = new Map<string, CapturedTable>();
  for (const t of CAPTURED_TABLES) {
    const has = new Set((sqlite.prepare(`PRAGMA table_info("${t.name}")`).all() as Array<{ name: string }>).map((c) => c.name));
    if (has.size > 0) out.set(t.name, { ...t, columns: t.columns.filter((c) => has.has(c)) });
  }
  return out;
}

function triggerSql(t: CapturedTable, tables: ReadonlyMap<string, CapturedTable>): Record<string, string> {
  const only = (row: string) => (t.only ? ` AND ${t.only(row)}` : '');
  // a row inserted by raw SQL without a uid gets one from migration 0005's trigger: captured then
  const hasUid = (row: string) => (t.key === 'uid' ? ` AND ${row}.uid <> ''` : '');
  const insert = (op: string, before: string, after: string, keyOf: string) =>
    `INSERT INTO change_log (origin, seq, tbl, row_uid, op, before, after) VALUES (${ORIGIN}, ${NEXT_SEQ}, '${t.name}', ${keyOf}, ${op}, ${before}, ${after});`;
  const oldJson = rowJson(t, 'OLD');
  const newJson = rowJson(t, 'NEW');
  // An admission carries the person's record just before it: the record then reaches every
  // office the stay reaches (a person registered before any admission went to the city only),
  // and is the admitting office's version of it (services/exchange/resident-follows.ts).
  const residents = t.name === 'stays' ? tables.get('residents') : undefined;
  // (a row inserted without a uid is captured when migration 0005's trigger gives it one: then too)
  const person = (when: string) =>
    residents
      ? `INSERT INTO change_log (origin, seq, tbl, row_uid, op, before, after) SELECT ${ORIGIN}, ${NEXT_SEQ}, 'residents', r.uid, 'insert', NULL, ${rowJson(residents, 'r')} FROM residents r WHERE r.id = NEW.resident_id AND r.uid <> ''${when}; `
      : '';
  return {
    [`change_${t.name}_insert`]:
      `CREATE TRIGGER "change_${t.name}_insert" AFTER INSERT ON "${t.name}" WHEN ${CAPTURING}${hasUid('NEW')}${only('NEW')} BEGIN ` +
      person('') +
      insert(`'insert'`, 'NULL', newJson, `NEW."${t.key}"`) +
      ' END',
    [`change_${t.name}_update`]:
      `CREATE TRIGGER "change_${t.name}_update" AFTER UPDATE ON "${t.name}" WHEN ${CAPTURING}${hasUid('NEW')}${only('NEW')} AND ${oldJson} IS NOT ${newJson} BEGIN ` +
      (t.key === 'uid'
        ? person(" AND OLD.uid = ''") +
          insert(`CASE WHEN OLD.uid = '' THEN 'insert' ELSE 'update' END`, `CASE WHEN OLD.uid = '' THEN NULL ELSE ${oldJson} END`, newJson, 'NEW.uid')
        : insert(`'update'`, oldJson, newJson, `NEW."${t.key}"`)) +
      ' END',
    [`change_${t.name}_delete`]:
      `CREATE TRIGGER "change_${t.name}_delete" AFTER DELETE ON "${t.name}" WHEN ${CAPTURING}${hasUid('OLD')}${only('OLD')} BEGIN ` +
      insert(`'delete'`, oldJson, 'NULL', `OLD."${t.key}"`) +
      ' END',
  };
}

/** Every capture trigger by name with its SQL, for this store's columns. */
function captureTriggers(sqlite: Sqlite): Map<string, string> {
  const all = new Map<string, string>();
  const tables = asStored(sqlite);
  for (const t of tables.values()) for (const [name, text] of Object.entries(triggerSql(t, tables))) all.set(name, text);
  return all;
}

/** Make the triggers as the schema says: missing ones created, changed ones replaced, stale ones dropped. */
export function ensureCaptureTriggers(sqlite: Sqlite): void {
  const wanted = captureTriggers(sqlite);
  const present = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change\\_%' ESCAPE '\\'").all() as Array<{
    name: string;
    sql: string;
  }>;
  const stale = present.filter((p) => wanted.get(p.name) !== p.sql);
  const missing = [...wanted].filter(([name]) => !present.some((p) => p.name === name && p.sql === wanted.get(name)));
  if (stale.length === 0 && missing.length === 0) return;
  sqlite
    .transaction(() => {
      for (const p of stale) sqlite.exec(`DROP TRIGGER "${p.name}"`);
      for (const [, text] of missing) sqlite.exec(text);
    })
    .immediate();
}

/**
 * A change for every shared row already in the store, as inserts in an order a receiver can
 * apply: what a database held before the change log (migration 0008) enters it once, so the
 * section's register reaches the offices it enrols like every later write.
 */
export function captureExistingRows(sqlite: Sqlite, keep: (tbl: string, key: string, after: string) => boolean = () => true): number {
  let n = 0;
  for (const t of asStored(sqlite).values()) {
    const where = [t.key === 'uid' ? `r.uid <> ''` : '1', t.only ? t.only('r') : '1'].join(' AND ');
    const rows = sqlite.prepare(`SELECT r."${t.key}" AS k, ${rowJson(t, 'r')} AS after FROM "${t.name}" r WHERE ${where} ORDER BY r.rowid`).all() as Array<{
      k: string;
      after: string;
    }>;
    const insert = sqlite.prepare(`INSERT INTO change_log (origin, seq, tbl, row_uid, op, before, after) VALUES (${ORIGIN}, ${NEXT_SEQ}, ?, ?, 'insert', NULL, ?)`);
    for (const r of rows) {
      if (!keep(t.name, r.k, r.after)) continue;
      insert.run(t.name, r.k, r.after);
      n++;
    }
  }
  return n;
}

/**
 * Every shared row as the change log would carry it, by table then key: what two installs
 * compare to tell whether they hold the same register (timestamps included).
 */
export function registerRows(sqlite: Sqlite, tables: readonly string[] = CAPTURED_TABLES.map((t) => t.name)): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const name of tables) {
    const t = CAPTURED_BY_NAME.get(name);
    if (!t) throw new Error(`not a shared table: ${name}`);
    const where = [t.key === 'uid' ? `r.uid <> ''` : '1', t.only ? t.only('r') : '1'].join(' AND ');
    const rows = sqlite.prepare(`SELECT r."${t.key}" AS k, ${rowJson(t, 'r')} AS j FROM "${t.name}" r WHERE ${where} ORDER BY r."${t.key}"`).all() as Array<{ k: string; j: string }>;
    out[name] = Object.fromEntries(rows.map((r) => [r.k, r.j]));
  }
  return out;
}

/**
 * Runs fn with the capture triggers silent on this connection's transaction (the row in
 * change_capture_off is seen only inside it): for applying received changes, which are logged
 * as they came, and for a bulk write, which captures its rows itself (captureInserted).
 */
export function withCaptureOff<T>(sqlite: Sqlite, fn: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withCaptureOff runs inside a transaction');
  sqlite.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
  try {
    return fn();
  } finally {
    sqlite.prepare('DELETE FROM change_capture_off').run();
  }
}

/**
 * The insert triggers' work for many rows in one statement: a change for every row of `table`
 * with rowid above `afterRowid` (the rows a bulk write just inserted with the capture off), in
 * rowid order, with the same JSON the trigger writes, and with their owner and audience already
 * known (the seal then checks them once per owner: exchange/seal.ts).
 */
export function captureInserted(sqlite: Sqlite, table: string, afterRowid: number, subject: { owner: string; audience: string }): number {
  const t = asStored(sqlite).get(table);
  if (!t) throw new Error(`not a shared table: ${table}`);
  const where = [t.key === 'uid' ? `r.uid <> ''` : '1', t.only ? t.only('r') : '1'].join(' AND ');
  const base = sqlite.prepare(`SELECT ${NEXT_SEQ} - 1`).pluck().get() as number;
  return sqlite
    .prepare(
      `INSERT INTO change_log (origin, seq, tbl, row_uid, op, before, after, owner, audience)
       SELECT ${ORIGIN}, @base + row_number() OVER (ORDER BY r.rowid), '${t.name}', r."${t.key}", 'insert', NULL, ${rowJson(t, 'r')}, @owner, @audience
       FROM "${t.name}" r WHERE r.rowid > @after AND ${where}`,
    )
    .run({ base, after: afterRowid, owner: subject.owner, audience: subject.audience }).changes;
}
