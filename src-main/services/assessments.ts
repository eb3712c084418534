import type { z } from 'zod';
import type { recordAssessmentInput, recordLegacyAssessmentInput } from '../contract/schemas';
import { assessments } from '../db/schema';
import { assessmentsOf } from '../db/queries/assessments';
import { requireResident } from '../db/queries/residents';
import { checkAssessmentDate, gbAssessmentValues, legacyAssessmentValues } from './assessment-bulk';
import { audit, write, type ServiceContext } from './context';
import { ownerOfResident } from './owners';
import { assessmentVisibleSql } from './scope';
import { checkEntry } from './corrections';

/** A GB/T 42195-2022 assessment: the 26 scores are kept, the total and levels computed (assessment-bulk.ts builds the row). */
export function recordAssessment(ctx: ServiceContext, input: z.infer<typeof recordAssessmentInput>) {
  const { values, result } = gbAssessmentValues(input);
  return write(ctx, (tx) => ownerOfResident(tx, input.residentId), (tx) => {
    const resident = requireResident(tx, input.residentId);
    checkAssessmentDate(input.assessedOn, resident.birthDate);
    checkEntry(tx, input.assessedOn, input);
    const row = tx.insert(assessments).values(values).returning().get();
    audit(tx, ctx.actor, 'assessment.record', 'assessment', row.id, null, row);
    return { ...row, applied: result.applied, groupTotals: result.groupTotals };
  });
}

/** An older MZ/T 039-2013 result (levels 0–3), kept with its standard. */
export function recordLegacyAssessment(ctx: ServiceContext, input: z.infer<typeof recordLegacyAssessmentInput>) {
  return write(ctx, (tx) => ownerOfResident(tx, input.residentId), (tx) => {
    const resident = requireResident(tx, input.residentId);
    checkAssessmentDate(input.assessedOn, resident.birthDate);
    checkEntry(tx, input.assessedOn, input);
    const row = tx.insert(assessments).values(legacyAssessmentValues(input)).returning().get();
    audit(tx, ctx.actor, 'assessment.recordLegacy', 'assessment', row.id, null, row);
    return row;
  });
}

/** A resident's assessments; of one who has left the account's facilities, only those made while there. */
export function listAssessments(ctx: ServiceContext, residentId: number) {
  requireResident(ctx.db.orm, residentId);
  return assessmentsOf(ctx.db.orm, residentId, assessmentVisibleSql(ctx.actor, '"assessments"'));
}
