/**
 * Receiving a batch: its changes are stored, then applied per origin in sequence, a write at a
 * time. Idempotent: a change already here is skipped. A gap waits: the changes after it stay
 * stored until the batch with the missing ones arrives (a resent batch, or the same changes by
 * another path — direct, or relayed by a county). A change that cannot stand is refused with
 * its reason and consumes its number, so the rest of its origin's changes still apply:
 * - its origin does not hold the record (db/exchange/holders.ts) — judged on the register as it
 *   is after the write, so a person registered and admitted in one write is the facility's;
 * - it breaks a rule of the register (apply-row.ts).
 * Rules spanning two origins do not block: a person admitted at B while A's discharge has not
 * arrived yet is stored (two open stays, shown in data quality until the discharge arrives).
 */
import { withStatementCache } from '../../db/statement-cache';
import type { Sqlite } from '../../db/connection';
import { ChangeOwners } from '../../db/exchange/change-owner';
import { Holders } from '../../db/exchange/holders';
import type { Batch, ReceiveReport, Row } from '../../db/exchange/types';
import { installIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { clockNowIso } from '../../domain/dates';
import { fail } from '../../domain/errors';
import { applyRow, refusalReason } from './apply-row';
import { settleResident } from './resident-follows';
import { audit, type Actor } from '../context';
import { localActor } from '../local-actor';

interface Pending {
  id: number;
  origin: string;
  seq: number;
  txn: number;
  tbl: string;
  rowUid: string;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
}

class Retry extends Error {}

/** Receive a batch; one audit row says from whom and what became of it (the refusals with their reasons stay in the change log). */
export function receiveBatch(db: AppDb, batch: Batch, actor: Actor = localActor(db)): ReceiveReport {
  const sqlite = db.sqlite;
  const me = installIdentity(sqlite);
  if (batch.to !== me.uid) fail.validation('NOT_FOR_THIS_INSTALL', 'to', '该交换包不是发给本机的', 'The batch is meant for another install');
  const report: ReceiveReport = { applied: 0, alreadyHad: 0, waiting: 0, refused: [] };
  withStatementCache(sqlite, () =>
    sqlite
      .transaction(() => {
        store(sqlite, me.uid, batch, report);
        processAll(sqlite, report);
        report.waiting = sqlite.prepare("SELECT count(*) FROM change_log WHERE state = 'pending'").pluck().get() as number;
        audit(db.orm, actor, 'exchange.receive', 'install', batch.from, null, {
          changes: batch.changes.length,
          applied: report.applied,
          alreadyHad: report.alreadyHad,
          waiting: report.waiting,
          refused: report.refused.map((r) => ({ origin: r.origin, seq: r.seq, reason: r.reason })),
        });
      })
      .immediate(),
  );
  return report;
}

function store(sqlite: Sqlite, me: string, batch: Batch, report: ReceiveReport): void {
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO change_log (origin, seq, txn, last, tbl, row_uid, op, before, after, owner, at, state, via, received_at)
     VALUES (@origin, @seq, @txn, @last, @tbl, @rowUid, @op, @before, @after, @owner, @at, 'pending', @via, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  );
  const progress = sqlite.prepare('SELECT through FROM exchange_progress WHERE origin = ?').pluck();
  for (const c of batch.changes) {
    // its own, or at or below what was processed of its origin (applied, refused, or not for this office)
    if (c.origin === me || c.seq <= ((progress.get(c.origin) as number | undefined) ?? 0)) {
      report.alreadyHad++;
      continue;
    }
    const done = insert.run({
      ...c,
      last: c.last ? 1 : 0,
      before: c.before === null ? null : JSON.stringify(c.before),
      after: c.after === null ? null : JSON.stringify(c.after),
      via: batch.from,
    });
    if (done.changes === 0) report.alreadyHad++;
  }
  const range = sqlite.prepare('INSERT INTO exchange_ranges (origin, after, through) VALUES (?, ?, ?)');
  for (const [origin, r] of Object.entries(batch.ranges))
    if (origin !== me && r.through > ((progress.get(origin) as number | undefined) ?? 0)) range.run(origin, r.after, r.through);
  const ack = sqlite.prepare(
    `INSERT INTO peer_acks (peer, origin, seq) VALUES (?, ?, ?)
     ON CONFLICT(peer, origin) DO UPDATE SET seq = max(seq, excluded.seq), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  );
  for (const [origin, seq] of Object.entries(batch.acks)) ack.run(batch.from, origin, seq);
  const reported = sqlite.prepare('INSERT OR IGNORE INTO exchange_reports (origin, made_at, seq, via, received_at) VALUES (?, ?, ?, ?, ?)');
  const now = clockNowIso();
  for (const r of batch.reports ?? []) if (r.origin !== me) reported.run(r.origin, r.madeAt, r.seq, batch.from, now);
}

function processAll(sqlite: Sqlite, report: ReceiveReport): void {
  const holders = new Holders(sqlite);
  const owners = new ChangeOwners(sqlite);
  const origins = sqlite.prepare('SELECT DISTINCT origin FROM exchange_ranges').pluck();
  const progressOf = sqlite.prepare('SELECT through FROM exchange_progress WHERE origin = ?').pluck();
  const rangeFor = sqlite.prepare('SELECT through FROM exchange_ranges WHERE origin = ? AND after <= ? AND through > ? ORDER BY through DESC LIMIT 1').pluck();
  const pendingIn = sqlite.prepare(
    `SELECT id, origin, seq, txn, tbl, row_uid AS rowUid, op, before, after FROM change_log
     WHERE origin = ? AND seq > ? AND seq <= ? AND state = 'pending' ORDER BY seq`,
  );
  const setProgress = sqlite.prepare('INSERT INTO exchange_progress (origin, through) VALUES (?, ?) ON CONFLICT(origin) DO UPDATE SET through = excluded.through');
  const dropRanges = sqlite.prepare('DELETE FROM exchange_ranges WHERE origin = ? AND through <= ?');
  let moved = true;
  while (moved) {
    moved = false;
    for (const origin of origins.all() as string[]) {
      // an origin not (yet) in the registry waits for the enrolment that names it
      if (!holders.known(origin)) continue;
      for (;;) {
        const p = (progressOf.get(origin) as number | undefined) ?? 0;
        const through = rangeFor.get(origin, p, p) as number | undefined;
        if (through === undefined) break;
        const rows = (pendingIn.all(origin, p, through) as Array<Omit<Pending, 'before' | 'after'> & { before: string | null; after: string | null }>).map((r) => ({
          ...r,
          before: r.before === null ? null : (JSON.parse(r.before) as Row),
          after: r.after === null ? null : (JSON.parse(r.after) as Row),
        }));
        for (const group of byWrite(rows)) applyWrite(sqlite, holders, owners, group, report);
        setProgress.run(origin, through);
        dropRanges.run(origin, through);
        moved = true;
      }
    }
  }
}

/** Consecutive changes of one write. */
function byWrite(rows: Pending[]): Pending[][] {
  const groups: Pending[][] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    if (last && last[0]!.txn === r.txn) last.push(r);
    else groups.push([r]);
  }
  return groups;
}

/** May the origin write this change's record? Null when it may, else why not. */
function ownership(holders: Holders, owners: ChangeOwners, sqlite: Sqlite, c: Pending): { code: string; zh: string; en: string } | null {
  // the personal record follows the latest admission (resident-follows.ts), whoever wrote it
  if (c.tbl === 'residents') return null;
  if (c.tbl === 'assessments') {
    // an assessment belongs to a stay of the person that had begun by its date, at whichever office
    const row = (c.after ?? c.before)!;
    const at = sqlite
      .prepare(
        `SELECT DISTINCT f.uid FROM stays s JOIN facilities f ON f.id = s.facility_id
         WHERE s.resident_id = (SELECT id FROM residents WHERE uid = ?) AND s.admitted_on <= ?`,
      )
      .pluck()
      .all(row.resident_id, row.assessed_on) as string[];
    if (at.some((f) => holders.refusal(c.origin, `facility:${f}`, c.seq) === null)) return null;
  }
  return holders.refusal(c.origin, owners.subject(c).owner, c.seq);
}

function applyWrite(sqlite: Sqlite, holders: Holders, owners: ChangeOwners, group: Pending[], report: ReceiveReport): void {
  const refused = new Map<number, { code: string; zh: string; en: string }>();
  const mark = sqlite.prepare("UPDATE change_log SET state = ?, reason = ?, owner = coalesce(?, owner), audience = coalesce(?, audience) WHERE id = ?");
  for (let attempt = 0; attempt <= group.length; attempt++) {
    try {
      sqlite.transaction(() => {
        sqlite.prepare('INSERT OR IGNORE INTO change_capture_off (id) VALUES (1)').run();
        for (const c of group) {
          if (refused.has(c.seq)) continue;
          try {
            sqlite.transaction(() => applyRow(sqlite, c))();
          } catch (e) {
            refused.set(c.seq, refusalReason(e));
          }
          if (c.tbl === 'installs') holders.forget();
        }
        const notHeld = group.filter((c) => !refused.has(c.seq)).map((c) => [c, ownership(holders, owners, sqlite, c)] as const).filter(([, r]) => r !== null);
        if (notHeld.length > 0) {
          for (const [c, r] of notHeld) refused.set(c.seq, r!);
          throw new Retry();
        }
        for (const c of group) {
          const reason = refused.get(c.seq);
          const subject = reason ? undefined : owners.subject(c);
          mark.run(reason ? 'refused' : 'applied', reason ? `${reason.code}: ${reason.zh} / ${reason.en}` : null, subject?.owner ?? null, subject?.audience ?? null, c.id);
        }
        const people = new Set<string>();
        for (const c of group) {
          if (refused.has(c.seq)) continue;
          if (c.tbl === 'residents') people.add(c.rowUid);
          if (c.tbl === 'stays') people.add(String((c.after ?? c.before)!.resident_id));
        }
        for (const uid of people) settleResident(sqlite, holders, uid);
        sqlite.prepare('DELETE FROM change_capture_off').run();
      })();
      break;
    } catch (e) {
      holders.forget();
      if (!(e instanceof Retry)) throw e;
    }
  }
  for (const c of group) {
    const reason = refused.get(c.seq);
    if (reason) report.refused.push({ origin: c.origin, seq: c.seq, tbl: c.tbl, rowUid: c.rowUid, reason: `${reason.zh} / ${reason.en}` });
    else report.applied++;
  }
}
