/**
 * A batch for another install: every change it lacks (past what it acknowledged of each
 * origin) that concerns it, its own changes never sent back. Up to a section: everything this
 * install holds of the section's scope — its own changes and those it relays from below.
 * Down to an office: what concerns that office (db/exchange/change-owner.ts audience).
 */
import type { Sqlite } from '../../db/connection';
import { installIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import type { Batch, Report, Row, WireChange } from '../../db/exchange/types';
import { clockNowIso } from '../../domain/dates';
import { fail } from '../../domain/errors';
import type { InstallPlace } from '../../domain/install-place';

interface Peer {
  uid: string;
  level: string;
  regionCode: string;
  facilityUid: string | null;
}

function peerOf(sqlite: Sqlite, uid: string): Peer {
  const p = sqlite.prepare('SELECT uid, level, region_code AS regionCode, facility_uid AS facilityUid FROM installs WHERE uid = ?').get(uid) as Peer | undefined;
  if (!p) return fail.notFound({ zh: '交换对象（安装）', en: 'Install' }, uid);
  return p;
}

/** Which audiences a peer receives (SQL over change_log alias c, with its parameters). */
function audienceFilter(peer: Peer): { where: string; params: unknown[] } {
  switch (peer.level) {
    case 'province':
    case 'city':
      return { where: '1', params: [] };
    case 'county':
      return { where: `(c.audience = 'all' OR c.audience = ? OR c.audience LIKE ? ESCAPE '\\')`, params: [`county:${peer.regionCode}`, `county:${peer.regionCode}/%`] };
    default:
      return { where: `(c.audience = 'all' OR c.audience = ?)`, params: [`county:${peer.regionCode}/facility:${peer.facilityUid}`] };
  }
}

/**
 * The installs above this one (its section, theirs …) and below it (those it enrolled, theirs
 * …). A batch up carries this install's changes and those of the offices below it (their
 * whole streams pass through here); a batch down carries its own and those of the offices
 * above it (as far as they concern this install, which covers what concerns those below).
 */
export function relatives(sqlite: Sqlite, me: string): { above: Set<string>; below: Set<string> } {
  const rows = sqlite.prepare('SELECT uid, enrolled_by AS by FROM installs').all() as Array<{ uid: string; by: string | null }>;
  const parent = new Map(rows.map((r) => [r.uid, r.by]));
  const above = new Set<string>();
  for (let at = parent.get(me); at; at = parent.get(at) ?? null) above.add(at);
  const below = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows)
      if (r.by && (r.by === me || below.has(r.by)) && !below.has(r.uid)) {
        below.add(r.uid);
        grew = true;
      }
  }
  return { above, below };
}

/** Through which seq each other origin's changes are processed here. */
export function processedThrough(sqlite: Sqlite): Record<string, number> {
  const rows = sqlite.prepare('SELECT origin, through FROM exchange_progress').all() as Array<{ origin: string; through: number }>;
  return Object.fromEntries(rows.map((r) => [r.origin, r.through]));
}

/** What this install holds of each origin: its own stream whole, the others as processed. */
export function holdings(sqlite: Sqlite, me: string): Record<string, number> {
  const own = (sqlite.prepare('SELECT max(seq) FROM change_log WHERE origin = ? AND txn IS NOT NULL').pluck().get(me) as number | null) ?? 0;
  return { ...processedThrough(sqlite), [me]: own };
}

/** A change_log row (JSON as stored) as it travels. */
export function wireChange(r: LogRow): WireChange {
  return {
    origin: r.origin,
    seq: r.seq,
    txn: r.txn,
    last: r.last === 1,
    tbl: r.tbl,
    rowUid: r.rowUid,
    op: r.op,
    before: r.before === null ? null : (JSON.parse(r.before) as Row),
    after: r.after === null ? null : (JSON.parse(r.after) as Row),
    owner: r.owner ?? '',
    at: r.at,
  };
}

export interface LogRow {
  origin: string;
  seq: number;
  txn: number;
  last: number;
  tbl: string;
  rowUid: string;
  op: WireChange['op'];
  before: string | null;
  after: string | null;
  owner: string | null;
  at: string;
}

export function makeBatch(db: AppDb, to: string): Batch {
  const sqlite = db.sqlite;
  const me = installIdentity(sqlite);
  const peer = peerOf(sqlite, to);
  const { above, below } = relatives(sqlite, me.uid);
  const up = above.has(to);
  if (!up && !below.has(to)) fail.validation('NOT_RELATED', 'to', '只能与上级单位或本单位登记的下级交换', 'Exchange only with the section above or an office enrolled below');
  const acked = new Map((sqlite.prepare('SELECT origin, seq FROM peer_acks WHERE peer = ?').all(to) as Array<{ origin: string; seq: number }>).map((a) => [a.origin, a.seq]));
  return batchFor(db, peer, up ? below : above, up, acked);
}

/** The batch an office at `place` starts with (an enrolment file): all that concerns it, from nothing. */
export function startingBatch(db: AppDb, place: InstallPlace): Batch {
  const me = installIdentity(db.sqlite);
  const { above, below } = relatives(db.sqlite, me.uid);
  // below too: a re-enrolled office starts with what its revoked PC had sent (and what other
  // offices below wrote about it, which the audience filter finds)
  return batchFor(db, { uid: '', level: place.level, regionCode: place.regionCode, facilityUid: place.facilityUid ?? null }, new Set([...above, ...below]), false, new Map());
}

function batchFor(db: AppDb, peer: Peer, relayed: Set<string>, up: boolean, acked: Map<string, number>): Batch {
  const sqlite = db.sqlite;
  const me = installIdentity(sqlite);
  const held = holdings(sqlite, me.uid);
  const origins = Object.keys(held).filter((o) => o === me.uid || relayed.has(o));
  // a revoked install's changes past the cut are never passed on
  const cut = new Map((sqlite.prepare('SELECT uid, revoked_through AS t FROM installs WHERE revoked_through IS NOT NULL').all() as Array<{ uid: string; t: number }>).map((r) => [r.uid, r.t]));
  const filter = up ? { where: '1', params: [] as unknown[] } : audienceFilter(peer);
  const select = sqlite.prepare(
    `SELECT origin, seq, txn, last, tbl, row_uid AS rowUid, op, before, after, owner, at FROM change_log c
     WHERE c.origin = ? AND c.seq > ? AND c.seq <= ? AND c.txn IS NOT NULL AND ${filter.where} ORDER BY c.seq`,
  );
  const changes: WireChange[] = [];
  const ranges: Batch['ranges'] = {};
  for (const origin of origins) {
    const after = acked.get(origin) ?? 0;
    const through = Math.min(held[origin]!, cut.get(origin) ?? Infinity);
    if (through <= after) continue;
    ranges[origin] = { after, through };
    for (const r of select.all(origin, after, through, ...filter.params) as LogRow[]) changes.push(wireChange(r));
  }
  const own = { origin: me.uid, madeAt: clockNowIso(), seq: held[me.uid] ?? 0 };
  // up, the latest report of each office below passes on, so the city sees who reported through the county
  const relayedReports = up
    ? (sqlite
        .prepare('SELECT origin, max(made_at) AS madeAt, seq FROM exchange_reports GROUP BY origin')
        .all() as Report[]).filter((r) => relayed.has(r.origin))
    : [];
  return { from: me.uid, to: peer.uid, changes, ranges, acks: holdings(sqlite, me.uid), reports: [own, ...relayedReports] };
}

/**
 * The batch for a hub (services/hub/): everything this install holds whole — its own changes
 * and those of the offices below it, as a batch up carries them — past what the hub has
 * acknowledged. Never the changes of the offices above: this install holds only what concerns
 * it of those, and the hub gets them whole from their own installs.
 */
export function makeHubBatch(db: AppDb, hubUid: string): Batch {
  const me = installIdentity(db.sqlite);
  const { below } = relatives(db.sqlite, me.uid);
  const acked = new Map((db.sqlite.prepare('SELECT origin, seq FROM peer_acks WHERE peer = ?').all(hubUid) as Array<{ origin: string; seq: number }>).map((a) => [a.origin, a.seq]));
  return batchFor(db, { uid: hubUid, level: 'province', regionCode: '', facilityUid: null }, below, true, acked);
}
