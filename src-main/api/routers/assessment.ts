/** `assessment.*`: GB/T 42195 assessments, and legacy levels recorded as such. */
import { listAssessments, recordAssessment, recordLegacyAssessment } from '../../services/assessments';
import { voidAssessment } from '../../services/assessment-void';
import * as s from '../../contract/schemas';
import { readProcedure, router, writeProcedure } from '../trpc';

export const assessmentRouter = router({
  list: readProcedure.input(s.assessmentListInput).query(({ ctx, input }) => listAssessments(ctx, input.residentId)),
  record: writeProcedure.input(s.recordAssessmentInput).mutation(({ ctx, input }) => recordAssessment(ctx, input)),
  recordLegacy: writeProcedure.input(s.recordLegacyAssessmentInput).mutation(({ ctx, input }) => recordLegacyAssessment(ctx, input)),
  void: writeProcedure.input(s.assessmentVoidInput).mutation(({ ctx, input }) => voidAssessment(ctx, input)),
});
