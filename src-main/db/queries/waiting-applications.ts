/** The waiting list's SELECTs (services/waiting-list.ts writes; docs/domain.md#waiting-list). */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { assessments, stays, waitingApplications } from '../schema';
import { fail } from '../../domain/errors';
import type { WaitingCategory, WaitingStatus } from '../../domain/waiting-list';
import { ENTITY } from './entities';

export type WaitingApplicationRow = typeof waitingApplications.$inferSelect;

/** An application with its applicant as the list shows them (the ID number still whole: the service masks it). */
export interface WaitingListRow {
  id: number;
  facilityId: number;
  residentId: number;
  appliedOn: string;
  category: WaitingCategory;
  assessmentLevel: number | null;
  status: WaitingStatus;
  closedOn: string | null;
  stayId: number | null;
  withdrawReason: string;
  note: string;
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  tekun: number;
  tekunSelfCare: string | null;
  dibao: number;
  lowIncome: number;
  shidu: number;
  youfu: number;
}

const LIST_SQL = `SELECT w.id, w.facility_id AS facilityId, w.resident_id AS residentId, w.applied_on AS appliedOn, w.category,
    w.assessment_level AS assessmentLevel, w.status, w.closed_on AS closedOn, w.stay_id AS stayId, w.withdraw_reason AS withdrawReason, w.note,
    r.name, r.id_number AS idNumber, r.birth_date AS birthDate, r.sex, r.tekun, r.tekun_self_care AS tekunSelfCare, r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu
  FROM waiting_applications w JOIN residents r ON r.id = w.resident_id`;

/** A facility's applications: the waiting ones, or all of them. */
export function waitingListRows(sqlite: Sqlite, facilityId: number, onlyWaiting: boolean): WaitingListRow[] {
  const where = onlyWaiting ? "w.facility_id = ? AND w.status = 'waiting'" : 'w.facility_id = ?';
  return sqlite.prepare(`${LIST_SQL} WHERE ${where}`).all(facilityId) as WaitingListRow[];
}

export function waitingListRow(sqlite: Sqlite, applicationId: number): WaitingListRow | undefined {
  return sqlite.prepare(`${LIST_SQL} WHERE w.id = ?`).get(applicationId) as WaitingListRow | undefined;
}

/** The application of that facility (one of another facility is not found here: the scope was checked on the facility). */
export function requireApplication(tx: Orm, facilityId: number, applicationId: number, field = 'applicationId'): WaitingApplicationRow {
  const row = tx.select().from(waitingApplications).where(eq(waitingApplications.id, applicationId)).get();
  if (!row || row.facilityId !== facilityId) return fail.notFound(ENTITY.waitingApplication, applicationId, field);
  return row;
}

/** The resident's waiting application at the facility, if any (other than `except`). */
export function waitingOf(tx: Orm, residentId: number, facilityId: number, except?: number): WaitingApplicationRow | undefined {
  const rows = tx
    .select()
    .from(waitingApplications)
    .where(and(eq(waitingApplications.residentId, residentId), eq(waitingApplications.facilityId, facilityId), eq(waitingApplications.status, 'waiting')))
    .all();
  return rows.find((r) => r.id !== except);
}

/** The resident's open stay at the facility, if any. */
export function openStayAt(tx: Orm, residentId: number, facilityId: number): { id: number; admittedOn: string } | undefined {
  return tx
    .select({ id: stays.id, admittedOn: stays.admittedOn })
    .from(stays)
    .where(and(eq(stays.residentId, residentId), eq(stays.facilityId, facilityId), isNull(stays.dischargedOn)))
    .get();
}

/** The resident's latest kept GB/T 42195 assessment (a voided one counts nowhere; an MZ/T 039 level is another scale). */
export function latestLevel(tx: Orm, residentId: number): { finalLevel: number; assessedOn: string } | undefined {
  return tx
    .select({ finalLevel: assessments.finalLevel, assessedOn: assessments.assessedOn })
    .from(assessments)
    .where(and(eq(assessments.residentId, residentId), eq(assessments.standard, 'GB/T 42195-2022'), isNull(assessments.voidedAt)))
    .orderBy(desc(assessments.assessedOn), desc(assessments.id))
    .limit(1)
    .get();
}

/** Applications waiting on `date` (applied by then, not closed by then) in the given categories. */
export function countWaitingOn(sqlite: Sqlite, facilityId: number, date: string, categories: readonly string[]): number {
  const marks = categories.map(() => '?').join(', ');
  return sqlite
    .prepare(
      `SELECT count(*) FROM waiting_applications WHERE facility_id = ? AND applied_on <= ? AND (closed_on IS NULL OR closed_on > ?) AND category IN (${marks})`,
    )
    .pluck()
    .get(facilityId, date, date, ...categories) as number;
}
