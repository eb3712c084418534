/**
 * Per row of an import: is every record the row wrote one this install keeps?
 *
 * A local write is checked against what this install holds when the write ends
 * (db/exchange/seal.ts). An import is one write, its rows savepoints inside it, so that check
 * ran only at the commit: the preview passed every row, and the commit then refused the whole
 * file with one message naming the first record's owner and no row. Here the row's changes
 * (appended by the capture triggers, not sealed yet) are judged the same way as the seal judges
 * them, right after the row is applied, so a row writing another office's record is refused on
 * its own row, in the preview as in the commit, and the rest of the file is still checked.
 */
import type { Sqlite } from '../db/connection';
import { ChangeOwners, UNPLACED } from '../db/exchange/change-owner';
import { Holders } from '../db/exchange/holders';
import type { Row } from '../db/exchange/types';
import { readIdentity } from '../db/install-identity';
import { RowRejected } from './template';

export interface HeldCheck {
  /** Where this install's change log ends now (before a row). */
  mark(): number;
  /** Refuse the row (RowRejected) when a change made since `from` is to a record another office keeps. */
  check(from: number): void;
}

/** null when this install holds everything (the city alone, as a store before exchange is). */
export function heldCheck(sqlite: Sqlite): HeldCheck | null {
  const me = readIdentity(sqlite);
  if (!me) return null;
  const installs = sqlite.prepare('SELECT count(*) FROM installs').pluck().get() as number;
  if (installs <= 1 && me.level !== 'facility' && me.level !== 'county') return null;
  const owners = new ChangeOwners(sqlite);
  const holders = new Holders(sqlite);
  const last = sqlite.prepare('SELECT coalesce(max(id), 0) FROM change_log').pluck();
  const since = sqlite.prepare('SELECT tbl, op, before, after FROM change_log WHERE origin = ? AND txn IS NULL AND id > ? ORDER BY id');
  const parse = (json: string | null) => (json === null ? null : (JSON.parse(json) as Row));
  return {
    mark: () => last.get() as number,
    check(from) {
      for (const c of since.all(me.uid, from) as Array<{ tbl: string; op: 'insert' | 'update' | 'delete'; before: string | null; after: string | null }>) {
        const subject = owners.subject({ tbl: c.tbl, op: c.op, before: parse(c.before), after: parse(c.after) });
        if (subject.owner === UNPLACED.owner) continue;
        const refusal = holders.refusal(me.uid, subject.owner, undefined);
        if (refusal) throw new RowRejected([{ field: undefined, zh: `不能导入：${refusal.zh}`, en: `Cannot import: ${refusal.en}` }]);
      }
    },
  };
}
