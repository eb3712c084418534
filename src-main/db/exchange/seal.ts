/**
 * The end of a local write: its changes (appended by the capture triggers) get their owner and
 * audience, every one is checked against what this install holds — a write to a record kept by
 * another office is refused here and the whole write rolls back — and they are marked as one
 * write (txn = the seq of its first change, `last` on its final one) so a receiver applies
 * them together.
 */
import type Database from 'better-sqlite3';
import type { Sqlite } from '../connection';
import { readIdentity, type InstallIdentity } from '../install-identity';
import { AppError } from '../../domain/errors';
import { ChangeOwners, UNPLACED } from './change-owner';
import { Holders } from './holders';
import type { Row } from './types';

interface Unsealed {
  id: number;
  seq: number;
  tbl: string;
  op: 'insert' | 'update' | 'delete';
  before: string | null;
  after: string | null;
}

const statements = new WeakMap<
  Sqlite,
  { unsealed: Database.Statement; span: Database.Statement; mark: Database.Statement; installs: Database.Statement; presealedOwners: Database.Statement; markPresealed: Database.Statement }
>();

function prepared(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      unsealed: sqlite.prepare('SELECT id, seq, tbl, op, before, after FROM change_log WHERE origin = ? AND txn IS NULL AND owner IS NULL AND id > ? ORDER BY id LIMIT 2000'),
      // changes a bulk write captured with their owner already known (db/change-capture.ts captureInserted)
      presealedOwners: sqlite.prepare('SELECT DISTINCT owner FROM change_log WHERE origin = ? AND txn IS NULL AND owner IS NOT NULL').pluck(),
      markPresealed: sqlite.prepare('UPDATE change_log SET txn = ?, last = (seq = ?) WHERE origin = ? AND txn IS NULL AND owner IS NOT NULL'),
      span: sqlite.prepare('SELECT min(seq) AS first, max(seq) AS last FROM change_log WHERE origin = ? AND txn IS NULL'),
      mark: sqlite.prepare('UPDATE change_log SET owner = ?, audience = ?, txn = ?, last = ? WHERE id = ?'),
      installs: sqlite.prepare('SELECT count(*) FROM installs').pluck(),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * Seal this install's unsealed changes as one write. `enforce`: refuse (throw, so the caller's
 * transaction rolls back) a change to a record this install does not hold.
 */
export function sealChanges(sqlite: Sqlite, enforce = true): number {
  const me = readIdentity(sqlite);
  if (!me) return 0;
  const s = prepared(sqlite);
  const span = s.span.get(me.uid) as { first: number | null; last: number | null };
  if (span.first === null || span.last === null) return 0;
  const owners = new ChangeOwners(sqlite);
  // one install alone (the city as today's databases are) holds everything: nothing to check
  const alone = (s.installs.get() as number) <= 1 && me.level !== 'facility' && me.level !== 'county';
  const holders = alone ? undefined : new Holders(sqlite);
  // a PC whose key its section revoked (and that has heard of it) writes nothing shared any more
  const revoked = enforce && holders ? holders.refusal(me.uid, 'city', undefined) : null;
  if (revoked?.code === 'REVOKED') throw new AppError({ code: 'INSTALL_REVOKED', kind: 'forbidden', zh: `不能保存：${revoked.zh}`, en: `Cannot save: ${revoked.en}` });
  const txn = span.first;
  const refuse = (owner: string) => {
    if (!enforce || !holders || owner === UNPLACED.owner) return;
    const refusal = holders.refusal(me.uid, owner, undefined);
    if (refusal)
      throw new AppError({
        code: refusal.code === 'NOT_ENROLLED' ? 'NOT_ENROLLED' : refusal.code === 'REVOKED' ? 'INSTALL_REVOKED' : 'NOT_HELD_HERE',
        kind: 'forbidden',
        zh: `不能保存：${refusal.zh}`,
        en: `Cannot save: ${refusal.en}`,
      });
  };
  // a bulk write's changes came with their owner: checked once per owner, marked in one statement
  for (const owner of s.presealedOwners.all(me.uid) as string[]) refuse(owner);
  let sealed = s.markPresealed.run(txn, span.last, me.uid).changes;
  // in chunks, so a write of a whole county (the generator) is not held in memory at once
  for (let rows = s.unsealed.all(me.uid, 0) as Unsealed[]; rows.length > 0; rows = s.unsealed.all(me.uid, rows.at(-1)!.id) as Unsealed[]) {
    for (const r of rows) {
      const change = { tbl: r.tbl, op: r.op, before: parse(r.before), after: parse(r.after) };
      let subject = owners.subject(change);
      if (subject.owner === UNPLACED.owner) subject = { owner: UNPLACED.owner, audience: ownAudience(me) };
      else refuse(subject.owner);
      s.mark.run(subject.owner, subject.audience, txn, r.seq === span.last ? 1 : 0, r.id);
    }
    sealed += rows.length;
  }
  return sealed;
}

function parse(json: string | null): Row | null {
  return json === null ? null : (JSON.parse(json) as Row);
}

/** Who a record made here reaches when the record itself names nobody (a person not yet admitted). */
export function ownAudience(me: InstallIdentity): string {
  if (me.level === 'facility') return `county:${me.regionCode}/facility:${me.facilityUid}`;
  if (me.level === 'county') return `county:${me.regionCode}`;
  return 'top';
}
