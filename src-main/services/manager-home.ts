/**
 * The facility manager's home: for each facility in the account's scope, the beds free by
 * care type, who is on leave (since when), and whose assessment is due — none yet, overdue,
 * or due within ASSESSMENT_DUE_SOON_DAYS — by the reassessment rule data quality uses
 * (domain/assessment.ts reassessmentDueOn, the interval from the settings).
 */
import { reassessmentDueOn, reassessmentOverdue } from '../domain/assessment';
import { addDays, todayIso } from '../domain/dates';
import {
  managerHomeFacilities,
  managerHomeInCare,
  managerHomeOnLeave,
  type ManagerHomeFacilityRow,
  type ManagerHomeLeaveRow,
} from '../db/queries/manager-home';
import { userById } from './accounts';
import type { ServiceContext } from './context';
import { facilitySql } from './scope';
import { getSettings } from './settings';

/** How far ahead the home lists assessments falling due. */
export const ASSESSMENT_DUE_SOON_DAYS = 30;

export interface AssessmentDueRow {
  residentId: number;
  name: string;
  bedLabel: string | null;
  lastAssessedOn: string | null;
  /** null: never assessed, so due now. */
  dueOn: string | null;
  state: 'none' | 'overdue' | 'due_soon';
}

export interface ManagerHomeFacility extends ManagerHomeFacilityRow {
  freeBeds: number;
  onLeave: Array<Omit<ManagerHomeLeaveRow, 'facilityId'>>;
  assessmentsDue: AssessmentDueRow[];
}

export function managerHome(ctx: ServiceContext, input?: { date?: string }) {
  const date = input?.date ?? todayIso();
  const months = getSettings(ctx).reassessmentMonths;
  const scope = facilitySql(ctx.actor, 'f.id');
  const sqlite = ctx.db.sqlite;
  const soon = addDays(date, ASSESSMENT_DUE_SOON_DAYS);
  const leaves = managerHomeOnLeave(sqlite, scope, date);
  const inCare = managerHomeInCare(sqlite, scope, date);
  const facilities: ManagerHomeFacility[] = managerHomeFacilities(sqlite, scope, date).map((f) => ({
    ...f,
    freeBeds: f.freeNursingBeds + f.freeGeneralBeds,
    onLeave: leaves.filter((l) => l.facilityId === f.id).map(({ facilityId: _, ...l }) => l),
    assessmentsDue: inCare
      .filter((r) => r.facilityId === f.id)
      .flatMap((r): AssessmentDueRow[] => {
        const base = { residentId: r.residentId, name: r.name, bedLabel: r.bedLabel, lastAssessedOn: r.lastAssessedOn };
        if (r.lastAssessedOn === null) return [{ ...base, dueOn: null, state: 'none' }];
        const dueOn = reassessmentDueOn(r.lastAssessedOn, months);
        if (reassessmentOverdue(r.lastAssessedOn, months, date)) return [{ ...base, dueOn, state: 'overdue' }];
        return dueOn <= soon ? [{ ...base, dueOn, state: 'due_soon' }] : [];
      })
      .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.name.localeCompare(b.name)),
  }));
  const user = ctx.actor.userId === null ? undefined : userById(ctx, ctx.actor.userId);
  return {
    date,
    displayName: user?.displayName || ctx.actor.username,
    reassessmentMonths: months,
    dueSoonDays: ASSESSMENT_DUE_SOON_DAYS,
    facilities,
  };
}
