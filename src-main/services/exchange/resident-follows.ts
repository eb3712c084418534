/**
 * One person is one resident by uid (the keyed hash of the ID number), whichever installs
 * registered them; their personal record follows the facility of their latest admission. Of
 * every version of the record received (each office's own writes of it), the record shows the
 * newest written by an install holding that facility (the facility — or a revoked PC that
 * kept it —, its county, the city — before the facility had its own); with none, the newest of all. A function of what has
 * arrived, not of the order it arrived in: every install that has the same changes shows the
 * same record.
 */
import type { Sqlite } from '../../db/connection';
import type { Holders } from '../../db/exchange/holders';
import type { Row } from '../../db/exchange/types';
import { applyRow } from './apply-row';

interface Version {
  origin: string;
  seq: number;
  after: string;
  at: string;
}

export function settleResident(sqlite: Sqlite, holders: Holders, residentUid: string): void {
  const latest = sqlite
    .prepare(
      `SELECT f.uid FROM stays s JOIN facilities f ON f.id = s.facility_id
       WHERE s.resident_id = (SELECT id FROM residents WHERE uid = ?) ORDER BY s.admitted_on DESC, s.uid DESC LIMIT 1`,
    )
    .pluck()
    .get(residentUid) as string | undefined;
  if (!sqlite.prepare('SELECT 1 FROM residents WHERE uid = ?').get(residentUid)) return;
  const keepers = new Set(latest ? holders.everHeld(`facility:${latest}`).map((i) => i.uid) : []);
  const versions = sqlite
    .prepare(
      `SELECT origin, seq, after, at FROM change_log
       WHERE tbl = 'residents' AND row_uid = ? AND op <> 'delete' AND state IN ('local', 'applied')`,
    )
    .all(residentUid) as Version[];
  if (versions.length === 0) return;
  const rank = (v: Version) => [keepers.has(v.origin) ? 1 : 0, v.at, v.origin, v.seq] as const;
  const best = versions.reduce((a, b) => (compare(rank(a), rank(b)) >= 0 ? a : b));
  applyRow(sqlite, { tbl: 'residents', rowUid: residentUid, op: 'insert', before: null, after: JSON.parse(best.after) as Row });
}

function compare(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}
