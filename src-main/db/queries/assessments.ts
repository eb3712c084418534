/** The assessments register: its rows and SELECTs. Writes stay in services/assessments.ts. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../open';
import { assessments } from '../schema';

export type AssessmentRow = typeof assessments.$inferSelect;

/** A resident's assessments meeting `visible` (an SQL condition on "assessments"), latest first. */
export function assessmentsOf(orm: Orm, residentId: number, visible: string): AssessmentRow[] {
  return orm
    .select()
    .from(assessments)
    .where(and(eq(assessments.residentId, residentId), sql.raw(visible)))
    .orderBy(desc(assessments.assessedOn), desc(assessments.id))
    .all();
}
