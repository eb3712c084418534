/**
 * File names a clerk can read on a USB stick: who made it, for when, which changes.
 *   碧江区某某敬老院_上报包_2026-12-03_第1-245号.eldx · 碧江区某某敬老院_登记文件_2026-12-03.elde
 */
import { installIdentity } from '../../db/install-identity';
import type { AppDb } from '../../db/open';
import { todayIso } from '../../domain/dates';
import type { InstallPlace } from '../../domain/install-place';

/** A name without characters Windows refuses in file names. */
function safe(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}

function placeName(db: AppDb, place: InstallPlace): string {
  const q = (sql: string, p: unknown) => db.sqlite.prepare(sql).pluck().get(p) as string | undefined;
  if (place.facilityUid) return q('SELECT name FROM facilities WHERE uid = ?', place.facilityUid) ?? place.facilityUid;
  return q('SELECT name FROM regions WHERE code = ?', place.regionCode) ?? place.regionCode;
}

/** A package: the sender, the day it was made, the range of its own changes it carries (none: 无新变更). */
export function packageFileName(db: AppDb, made: { ownRange?: { after: number; through: number } }): string {
  const me = installIdentity(db.sqlite);
  const range = made.ownRange ? `第${made.ownRange.after + 1}-${made.ownRange.through}号` : '无新变更';
  return `${safe(placeName(db, me))}_上报包_${todayIso()}_${range}.eldx`;
}

export function enrolmentFileName(db: AppDb, place: InstallPlace): string {
  return `${safe(placeName(db, place))}_登记文件_${todayIso()}.elde`;
}
