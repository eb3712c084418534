import type { z } from 'zod';
import type { recordAssessmentInput, recordLegacyAssessmentInput } from '../contract/schemas';
import { assessments } from '../db/schema';
import { assessmentsOf } from '../db/queries/assessments';
import { requireResident } from '../db/queries/residents';
import { scoreAssessment } from '../domain/assessment';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { audit, write, type ServiceContext } from './context';
import { ownerOfResident } from './owners';
import { assessmentVisibleSql } from './scope';
import { checkEntry } from './corrections';

function checkDate(assessedOn: string, birthDate: string): void {
  if (assessedOn > todayIso())
    fail.validation('DATE_IN_FUTURE', 'assessedOn', `评估日期 ${assessedOn} 晚于今天`, `Assessment date ${assessedOn} is after today`);
  if (assessedOn < birthDate) fail.validation('ASSESSMENT_BEFORE_BIRTH', 'assessedOn', '评估日期早于出生日期', 'Assessment date precedes the birth date');
}

/** A GB/T 42195-2022 assessment: the 26 scores are kept, the total and levels computed here. */
export function recordAssessment(ctx: ServiceContext, input: z.infer<typeof recordAssessmentInput>) {
  if (input.assessor1 === input.assessor2)
    fail.validation('SAME_ASSESSOR', 'assessor2', '须由两名不同的评估员签字', 'Two different assessors must sign');
  const result = scoreAssessment(input.scores, { coma: input.coma, diagnosis: input.diagnosis, riskEvents: input.riskEvents });
  return write(ctx, (tx) => ownerOfResident(tx, input.residentId), (tx) => {
    const resident = requireResident(tx, input.residentId);
    checkDate(input.assessedOn, resident.birthDate);
    checkEntry(tx, input.assessedOn, input);
    const row = tx
      .insert(assessments)
      .values({
        residentId: resident.id,
        assessedOn: input.assessedOn,
        standard: 'GB/T 42195-2022',
        reason: input.reason,
        ...input.scores,
        coma: input.coma,
        diagnosis: input.diagnosis,
        riskEvents: input.riskEvents,
        total: result.total,
        preliminaryLevel: result.preliminaryLevel,
        finalLevel: result.finalLevel,
        assessor1: input.assessor1,
        assessor2: input.assessor2,
        note: input.note ?? '',
      })
      .returning()
      .get();
    audit(tx, ctx.actor, 'assessment.record', 'assessment', row.id, null, row);
    return { ...row, applied: result.applied, groupTotals: result.groupTotals };
  });
}

/** An older MZ/T 039-2013 result (levels 0–3), kept with its standard. */
export function recordLegacyAssessment(ctx: ServiceContext, input: z.infer<typeof recordLegacyAssessmentInput>) {
  return write(ctx, (tx) => ownerOfResident(tx, input.residentId), (tx) => {
    const resident = requireResident(tx, input.residentId);
    checkDate(input.assessedOn, resident.birthDate);
    checkEntry(tx, input.assessedOn, input);
    const row = tx
      .insert(assessments)
      .values({
        residentId: resident.id,
        assessedOn: input.assessedOn,
        standard: 'MZ/T 039-2013',
        reason: input.reason,
        finalLevel: input.finalLevel,
        assessor1: input.assessor1,
        assessor2: input.assessor2,
        note: input.note ?? '',
      })
      .returning()
      .get();
    audit(tx, ctx.actor, 'assessment.recordLegacy', 'assessment', row.id, null, row);
    return row;
  });
}

/** A resident's assessments; of one who has left the account's facilities, only those made while there. */
export function listAssessments(ctx: ServiceContext, residentId: number) {
  requireResident(ctx.db.orm, residentId);
  return assessmentsOf(ctx.db.orm, residentId, assessmentVisibleSql(ctx.actor, '"assessments"'));
}
