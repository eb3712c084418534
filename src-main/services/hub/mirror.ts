/**
 * The hub's register in PostgreSQL, kept equal to the register its packages made
 * (docs/architecture.md#hub). The rows are the install's own — the same ids, the same
 * columns — so the statistics' one SQL program reads the same figures from either engine;
 * personal fields are sealed on the way (db/pg/personal-cipher.ts).
 *
 * The first mirror copies every table; each later one copies only the rows the change log
 * touched since: the changes made or applied after the last mirror, and those that were still
 * waiting for an earlier package then and have been applied since. One PostgreSQL transaction
 * each, so a report never reads half a mirror.
 */
import type { PoolClient } from 'pg';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { AppDb } from '../../db/open';
import { CAPTURED_BY_NAME } from '../../db/change-capture';
import type { PgDb } from '../../db/pg/connection';
import { HUB_TABLES } from '../../db/pg/hub-tables';
import { PERSONAL_COLUMNS, type PersonalCipher } from '../../db/pg/personal-cipher';
import { snakeCase } from '../../db/schema-columns';

interface MirrorTable {
  name: string;
  key: 'uid' | 'key' | 'code';
  columns: string[];
}

const TABLES: readonly MirrorTable[] = HUB_TABLES.map((t) => {
  const config = getTableConfig(t);
  const columns = config.columns.map((c) => (c.keyAsName ? snakeCase(c.name) : c.name));
  const key = columns.includes('uid') ? 'uid' : columns.includes('key') ? 'key' : 'code';
  return { name: config.name, key, columns };
});

interface MirrorState {
  /** The last change_log id looked at. */
  through: number;
  /** Changes that were waiting then (an earlier package missing): looked at again next time. */
  pending: number[];
}

export interface MirrorReport {
  full: boolean;
  /** Rows written (or removed) per table. */
  rows: Record<string, number>;
  through: number;
}

const STATE_KEY = 'mirror';
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMS = 30_000;
/** Rows read from the engine at a time. */
const PAGE = 20_000;

export async function mirrorRegister(engine: AppDb, pg: PgDb, cipher: PersonalCipher): Promise<MirrorReport> {
  const client = await pg.pool.connect();
  try {
    await client.query('BEGIN');
    const saved = (await client.query<{ value: string }>('SELECT value FROM hub_state WHERE key = $1 FOR UPDATE', [STATE_KEY])).rows[0];
    const state = saved ? (JSON.parse(saved.value) as MirrorState) : null;
    const sqlite = engine.sqlite;
    const through = (sqlite.prepare('SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number) ?? 0;
    const report: MirrorReport = { full: state === null, rows: {}, through };
    const seal = sealer(cipher);
    if (state === null) {
      // the first mirror, or after resetMirror: the register whole
      for (const t of TABLES) {
        await client.query(`DELETE FROM "${t.name}"`);
        // page by page (by rowid, with no statement left open across an await): a province does not fit in memory at once
        const page = sqlite.prepare(`SELECT rowid AS _rowid, * FROM "${t.name}" WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`);
        let n = 0;
        for (let after = 0; ; ) {
          const rows = page.all(after) as Row[];
          if (rows.length === 0) break;
          n += await copyRows(client, t, rows, seal);
          after = rows[rows.length - 1]!._rowid as number;
        }
        report.rows[t.name] = n;
      }
    } else {
      const touched = touchedRows(engine, state, through);
      await mirrorRegions(client, engine, seal, report);
      for (const t of TABLES) {
        const keys = touched.get(t.name);
        if (!keys || keys.size === 0) continue;
        const list = [...keys];
        for (let i = 0; i < list.length; i += 1000) {
          const part = list.slice(i, i + 1000);
          await client.query(`DELETE FROM "${t.name}" WHERE "${t.key}" = ANY($1)`, [part]);
          const rows = sqlite.prepare(`SELECT * FROM "${t.name}" WHERE "${t.key}" IN (SELECT value FROM json_each(?))`).all(JSON.stringify(part)) as Row[];
          await copyRows(client, t, rows, seal);
        }
        report.rows[t.name] = keys.size;
      }
    }
    await mirrorChanges(client, engine, state, through, cipher, report);
    // a whole copy: the planner's statistics first, or the first reports plan blind (seconds, not milliseconds)
    if (state === null) for (const t of [...TABLES.map((x) => x.name), 'hub_changes']) await client.query(`ANALYZE "${t}"`);
    const pending = sqlite.prepare("SELECT id FROM change_log WHERE state = 'pending' AND id <= ?").pluck().all(through) as number[];
    const next = JSON.stringify({ through, pending } satisfies MirrorState);
    await client.query('INSERT INTO hub_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [STATE_KEY, next]);
    await client.query('COMMIT');
    return report;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Forget what was mirrored: the next mirror copies everything (a rebuilt engine has other ids). */
export async function resetMirror(pg: PgDb): Promise<void> {
  await pg.pool.query('DELETE FROM hub_state WHERE key = $1', [STATE_KEY]);
}

/**
 * The change stream as the engine holds it — each change with what became of it (applied,
 * refused with its reason, waiting) — personal fields sealed inside the rows before and after.
 */
async function mirrorChanges(client: PoolClient, engine: AppDb, state: MirrorState | null, through: number, cipher: PersonalCipher, report: MirrorReport): Promise<void> {
  // page by page, by id: the first mirror of a province carries over a million changes
  const which = state === null ? 'id <= @through' : '((id > @from AND id <= @through) OR id IN (SELECT value FROM json_each(@pending)))';
  const page = engine.sqlite.prepare(
    `SELECT id, origin, seq, txn, last, tbl, row_uid, op, before, after, owner, at, state, reason FROM change_log
     WHERE txn IS NOT NULL AND id > @after AND ${which} ORDER BY id LIMIT ${PAGE}`,
  );
  const params = { from: state?.through ?? 0, through, pending: JSON.stringify(state?.pending ?? []) };
  if (state === null) await client.query('DELETE FROM hub_changes');
  const sealJson = (tbl: string, json: unknown): unknown => {
    const personal = PERSONAL_COLUMNS[tbl];
    if (typeof json !== 'string' || !personal) return json ?? null;
    const row = JSON.parse(json) as Row;
    for (const c of personal) if (typeof row[c] === 'string') row[c] = cipher.seal(tbl, c, row[c]);
    return JSON.stringify(row);
  };
  const columns = ['origin', 'seq', 'txn', 'last', 'tbl', 'row_uid', 'op', 'before', 'after', 'owner', 'at', 'state', 'reason'];
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  let total = 0;
  for (let after = 0; ; ) {
    const rows = page.all({ ...params, after }) as Row[];
    if (rows.length === 0) break;
    for (let i = 0; i < rows.length; i += perStatement) {
      const values: unknown[] = [];
      const tuples = rows.slice(i, i + perStatement).map((r) => {
        const v: Row = { ...r, before: sealJson(String(r.tbl), r.before), after: sealJson(String(r.tbl), r.after), owner: r.owner ?? '' };
        return `(${columns.map((c) => (values.push(v[c] ?? null), `$${values.length}`)).join(', ')})`;
      });
      await client.query(
        `INSERT INTO hub_changes (${columns.join(', ')}) VALUES ${tuples.join(', ')}
         ON CONFLICT (origin, seq) DO UPDATE SET state = excluded.state, reason = excluded.reason, owner = excluded.owner`,
        values,
      );
    }
    total += rows.length;
    after = rows[rows.length - 1]!.id as number;
  }
  report.rows.hub_changes = total;
}

type Row = Record<string, unknown>;
type Sealer = (table: string, row: Row) => Row;

function sealer(cipher: PersonalCipher): Sealer {
  return (table, row) => {
    const personal = PERSONAL_COLUMNS[table];
    if (!personal) return row;
    const out = { ...row };
    for (const c of personal) if (typeof out[c] === 'string') out[c] = cipher.seal(table, c, out[c]);
    return out;
  };
}

/** Regions are reference data, not changes: a small table, copied whole each time. */
async function mirrorRegions(client: PoolClient, engine: AppDb, seal: Sealer, report: MirrorReport): Promise<void> {
  const t = TABLES.find((x) => x.name === 'regions')!;
  await client.query('DELETE FROM regions');
  report.rows.regions = await copyRows(client, t, engine.sqlite.prepare('SELECT * FROM regions').all() as Row[], seal);
}

/** The rows (table → keys) that changes since the last mirror may have written. */
function touchedRows(engine: AppDb, state: MirrorState, through: number): Map<string, Set<string>> {
  const rows = engine.sqlite
    .prepare(
      `SELECT tbl, row_uid AS rowUid, before, after FROM change_log
       WHERE state IN ('local', 'applied') AND ((id > ? AND id <= ?) OR id IN (SELECT value FROM json_each(?)))`,
    )
    .all(state.through, through, JSON.stringify(state.pending)) as Array<{ tbl: string; rowUid: string; before: string | null; after: string | null }>;
  const touched = new Map<string, Set<string>>();
  const add = (tbl: string, key: string) => {
    let s = touched.get(tbl);
    if (!s) touched.set(tbl, (s = new Set()));
    s.add(key);
  };
  for (const r of rows) {
    if (!CAPTURED_BY_NAME.has(r.tbl)) continue;
    add(r.tbl, r.rowUid);
    // a stay decides which version of the person's record stands (resident-follows.ts)
    if (r.tbl === 'stays')
      for (const json of [r.before, r.after]) {
        const person = json ? (JSON.parse(json) as Row).resident_id : null;
        if (typeof person === 'string') add('residents', person);
      }
  }
  return touched;
}

async function copyRows(client: PoolClient, t: MirrorTable, rows: readonly Row[], seal: Sealer): Promise<number> {
  if (rows.length === 0) return 0;
  const cols = t.columns.map((c) => `"${c}"`).join(', ');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / t.columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const values: unknown[] = [];
    const tuples = part.map((raw) => {
      const row = seal(t.name, raw);
      const marks = t.columns.map((c) => {
        values.push(row[c] ?? null);
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await client.query(`INSERT INTO "${t.name}" (${cols}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}
