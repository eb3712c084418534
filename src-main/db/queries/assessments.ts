/** The assessments register: its rows and SELECTs. Writes stay in services/assessments.ts. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../open';
import { assessments } from '../schema';
import { fail } from '../../domain/errors';
import { ENTITY } from './entities';

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

export function requireAssessment(orm: Orm, id: number, field = 'assessmentId'): AssessmentRow {
  const a = orm.select().from(assessments).where(eq(assessments.id, id)).get();
  if (!a) return fail.notFound(ENTITY.assessment, id, field);
  return a;
}
