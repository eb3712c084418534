/**
 * The assessment form's values: their initial state, the draft the api takes once they are
 * valid, and the live score (partial sums while items are missing, levels once complete,
 * computed by the domain's scoreAssessment; the api recomputes on save).
 */
import { Form, type FormInstance } from 'antd';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { recordAssessmentInput } from '@contract/schemas';
import { ASSESSMENT_ITEMS, scoreAssessment, type AssessmentGroup, type AssessmentItemKey, type AssessmentResult, type AssessmentScores } from '@domain/assessment';
import type { AssessmentReason, Diagnosis } from '@domain/enums';
import { todayIso } from '../options';

export interface AssessmentFormValues {
  assessedOn: string;
  reason: AssessmentReason;
  scores: Partial<Record<AssessmentItemKey, number>>;
  coma: boolean;
  diagnosis: Diagnosis;
  riskEvents: number | null;
  assessor1: string;
  assessor2: string;
  note?: string;
}

/** What the api needs apart from the resident. */
export type AssessmentDraft = Omit<z.input<typeof recordAssessmentInput>, 'residentId'>;

export function initialAssessmentValues(reason: AssessmentReason = 'first'): AssessmentFormValues {
  return { assessedOn: todayIso(), reason, scores: {}, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '', assessor2: '', note: '' };
}

export function completeScores(scores: Partial<Record<AssessmentItemKey, number>> | undefined): AssessmentScores | null {
  const out: Partial<AssessmentScores> = {};
  for (const i of ASSESSMENT_ITEMS) {
    const v = scores?.[i.key];
    if (typeof v !== 'number') return null;
    out[i.key] = v;
  }
  return out as AssessmentScores;
}

/** Validates the form (scrolling to the first problem) and returns the draft, or null. */
export async function readAssessment(form: FormInstance<AssessmentFormValues>): Promise<AssessmentDraft | null> {
  try {
    await form.validateFields();
  } catch (e) {
    const first = (e as { errorFields?: Array<{ name: Array<string | number> }> }).errorFields?.[0];
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    return null;
  }
  const v = form.getFieldsValue(true) as AssessmentFormValues;
  const scores = completeScores(v.scores);
  if (!scores) return null;
  return {
    assessedOn: v.assessedOn,
    reason: v.reason,
    scores,
    coma: !!v.coma,
    diagnosis: v.diagnosis,
    riskEvents: v.riskEvents ?? 0,
    assessor1: v.assessor1.trim(),
    assessor2: v.assessor2.trim(),
    note: (v.note ?? '').trim(),
  };
}

/** The live score of the form: partial sums while items are missing, levels once complete. */
export function useLiveScore(form: FormInstance<AssessmentFormValues>) {
  const scores = Form.useWatch('scores', form);
  const coma = Form.useWatch('coma', form);
  const diagnosis = Form.useWatch('diagnosis', form);
  const riskEvents = Form.useWatch('riskEvents', form);
  return useMemo(() => {
    const groupTotals: Record<AssessmentGroup, number> = { self_care: 0, mobility: 0, mental: 0, perception: 0 };
    let scored = 0;
    for (const i of ASSESSMENT_ITEMS) {
      const v = scores?.[i.key];
      if (typeof v === 'number') {
        groupTotals[i.group] += v;
        scored += 1;
      }
    }
    const sum = groupTotals.self_care + groupTotals.mobility + groupTotals.mental + groupTotals.perception;
    const complete = completeScores(scores);
    const result: AssessmentResult | null = complete ? scoreAssessment(complete, { coma: !!coma, diagnosis: diagnosis ?? 'none', riskEvents: riskEvents ?? 0 }) : null;
    return { groupTotals, sum, scored, result };
  }, [scores, coma, diagnosis, riskEvents]);
}

