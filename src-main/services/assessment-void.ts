/**
 * Voiding a wrongly keyed assessment (issue 14): the row stays, marked with who voided it,
 * when and why, and counts nowhere an assessment counts — the resident's latest level, the
 * month report's ability columns, the data-quality "assessment due" items (each of those
 * queries reads `voided_at IS NULL`). The right result is then recorded as a new assessment.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { assessmentVoidInput } from '../contract/schemas';
import { assessments } from '../db/schema';
import { requireAssessment } from '../db/queries/assessments';
import { fail } from '../domain/errors';
import { audit, write, type ServiceContext } from './context';
import { checkCorrection } from './corrections';
import { ownerOfAssessment } from './owners';
import { assertScope } from './scope';

export function voidAssessment(ctx: ServiceContext, input: z.infer<typeof assessmentVoidInput>) {
  const found = ctx.db.orm.select({ residentId: assessments.residentId }).from(assessments).where(eq(assessments.id, input.assessmentId)).get();
  // The resident must be the account's now, as for recording an assessment.
  if (found) assertScope.residentChange(ctx, found.residentId);
  return write(ctx, (tx) => ownerOfAssessment(tx, input.assessmentId), (tx) => {
    const before = requireAssessment(tx, input.assessmentId);
    if (before.voidedAt !== null)
      fail.conflict('ASSESSMENT_VOIDED', 'assessmentId', `该评估已于 ${before.voidedAt.slice(0, 10)} 作废`, `The assessment was voided on ${before.voidedAt.slice(0, 10)}`);
    const closedMonths = checkCorrection(tx, [before.assessedOn], input);
    const row = tx
      .update(assessments)
      .set({ voidedAt: new Date().toISOString(), voidedBy: ctx.actor.username, voidReason: input.reason.trim() })
      .where(eq(assessments.id, before.id))
      .returning()
      .get();
    audit(tx, ctx.actor, 'assessment.void', 'assessment', row.id, before, { ...row, closedMonths });
    return row;
  });
}
