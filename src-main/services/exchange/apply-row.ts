/**
 * One received change written to the register: foreign keys turned back from uids into this
 * install's ids, an insert of a row already here taken as its new state, an update writing
 * only the fields it changed (so a county's edit of a facility's name and the facility's edit
 * of its staff counts both stand, in either order), a delete removing the row. The database's
 * own rules (CHECKs, unique indexes, foreign keys) hold as for any write; a change that breaks
 * one is refused with SQLite's reason.
 */
import { CAPTURED_BY_NAME, type CapturedTable } from '../../db/change-capture';
import type { Sqlite } from '../../db/connection';
import type { Row } from '../../db/exchange/types';

export class ChangeRefused extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${code}: ${en}`);
  }
}

export interface RowChange {
  tbl: string;
  rowUid: string;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
}

function table(name: string): CapturedTable {
  const t = CAPTURED_BY_NAME.get(name);
  if (!t) throw new ChangeRefused('UNKNOWN_TABLE', `本版本不认识的数据表 ${name}（请升级程序）`, `A table this version does not know: ${name} (upgrade the app)`);
  return t;
}

function localValues(sqlite: Sqlite, t: CapturedTable, row: Row, columns: readonly string[]): unknown[] {
  return columns.map((c) => {
    const v = row[c] ?? null;
    const ref = t.references[c];
    if (!ref || v === null) return v;
    const id = sqlite.prepare(`SELECT id FROM "${ref}" WHERE uid = ?`).pluck().get(v);
    if (id === undefined) throw new ChangeRefused('MISSING_REFERENCE', `引用的记录（${ref} ${String(v)}）在本机不存在`, `The record it refers to (${ref} ${String(v)}) is not here`);
    return id;
  });
}

function exists(sqlite: Sqlite, t: CapturedTable, key: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM "${t.name}" WHERE "${t.key}" = ?`).get(key) !== undefined;
}

/**
 * `merge`: an update of some fields. Its `updated_at` never goes back: two offices editing their
 * own fields of one row (a county the facility's address, the facility its staff counts) both
 * stamp it, and every install keeps the later stamp, whichever edit arrives last.
 */
function setColumns(sqlite: Sqlite, t: CapturedTable, key: string, row: Row, columns: readonly string[], merge = false): void {
  if (columns.length === 0) return;
  const set = columns.map((c) => (merge && c === 'updated_at' ? `"${c}" = max(coalesce("${c}", ''), ?)` : `"${c}" = ?`));
  sqlite.prepare(`UPDATE "${t.name}" SET ${set.join(', ')} WHERE "${t.key}" = ?`).run(...localValues(sqlite, t, row, columns), key);
}

/** Write one change; throws ChangeRefused (or SQLite's error) when it cannot stand. */
export function applyRow(sqlite: Sqlite, c: RowChange): void {
  const t = table(c.tbl);
  // a column a newer version added is left out: this version holds what it can
  const known = (row: Row) => t.columns.filter((col) => col in row);
  switch (c.op) {
    case 'insert': {
      const row = c.after!;
      const columns = known(row);
      if (exists(sqlite, t, c.rowUid)) setColumns(sqlite, t, c.rowUid, row, columns.filter((col) => col !== t.key));
      else
        sqlite
          .prepare(`INSERT INTO "${t.name}" (${columns.map((col) => `"${col}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...localValues(sqlite, t, row, columns));
      return;
    }
    case 'update': {
      if (!exists(sqlite, t, c.rowUid)) throw new ChangeRefused('NOT_FOUND', `要修改的记录在本机不存在（${c.tbl} ${c.rowUid}）`, `The record to change is not here (${c.tbl} ${c.rowUid})`);
      const before = c.before ?? {};
      const after = c.after!;
      setColumns(sqlite, t, c.rowUid, after, known(after).filter((col) => col !== t.key && JSON.stringify(before[col] ?? null) !== JSON.stringify(after[col] ?? null)), true);
      return;
    }
    case 'delete':
      sqlite.prepare(`DELETE FROM "${t.name}" WHERE "${t.key}" = ?`).run(c.rowUid);
      return;
  }
}

/** A SQLite error or a refusal, as the reason kept with the refused change. */
export function refusalReason(e: unknown): { code: string; zh: string; en: string } {
  if (e instanceof ChangeRefused) return { code: e.code, zh: e.zh, en: e.en };
  const message = e instanceof Error ? e.message : String(e);
  const code = String((e as { code?: unknown }).code ?? 'ERROR');
  return { code, zh: `不符合数据规则：${message}`, en: `Breaks a rule of the register: ${message}` };
}
