/**
 * Recording many assessments at once (the generator; an import may follow): the rules of
 * recordAssessment and recordLegacyAssessment (services/assessments.ts, which use the same
 * row builders below), applied to every assessment before anything is written, then one write
 * — the insert prepared once, the closed-month rule checked once for the batch's earliest date,
 * the residents' birth dates read in one query, and the same audit row per assessment as a
 * single recording writes (one INSERT … SELECT).
 */
import { getTableColumns } from 'drizzle-orm';
import type { z } from 'zod';
import type { recordAssessmentInput, recordLegacyAssessmentInput } from '../contract/schemas';
import { assessments } from '../db/schema';
import { snakeCase } from '../db/schema-columns';
import { scoreAssessment } from '../domain/assessment';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import type { Owner } from '../domain/ownership';
import { ENTITY } from '../db/queries/entities';
import { recordedOwner, write, type ServiceContext } from './context';
import { checkEntry } from './corrections';

type GbInput = z.infer<typeof recordAssessmentInput>;
type LegacyInput = z.infer<typeof recordLegacyAssessmentInput>;
export type AssessmentInput = ({ standard: 'GB/T 42195-2022' } & GbInput) | ({ standard: 'MZ/T 039-2013' } & LegacyInput);

/** The values an assessment row holds (drizzle's names), as both recording paths store them. */
export type AssessmentValues = Omit<typeof assessments.$inferInsert, 'id' | 'uid' | 'createdAt'>;

export function checkAssessmentDate(assessedOn: string, birthDate: string): void {
  if (assessedOn > todayIso())
    fail.validation('DATE_IN_FUTURE', 'assessedOn', `评估日期 ${assessedOn} 晚于今天`, `Assessment date ${assessedOn} is after today`);
  if (assessedOn < birthDate) fail.validation('ASSESSMENT_BEFORE_BIRTH', 'assessedOn', '评估日期早于出生日期', 'Assessment date precedes the birth date');
}

/** A GB/T 42195-2022 assessment's row: the 26 scores kept, the total and levels computed (two different assessors). */
export function gbAssessmentValues(input: GbInput) {
  if (input.assessor1 === input.assessor2)
    fail.validation('SAME_ASSESSOR', 'assessor2', '须由两名不同的评估员签字', 'Two different assessors must sign');
  const result = scoreAssessment(input.scores, { coma: input.coma, diagnosis: input.diagnosis, riskEvents: input.riskEvents });
  const values: AssessmentValues = {
    residentId: input.residentId,
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
  };
  return { values, result };
}

/** An older MZ/T 039-2013 result's row (levels 0–3), kept with its standard. */
export function legacyAssessmentValues(input: LegacyInput): AssessmentValues {
  return {
    residentId: input.residentId,
    assessedOn: input.assessedOn,
    standard: 'MZ/T 039-2013',
    reason: input.reason,
    finalLevel: input.finalLevel,
    assessor1: input.assessor1,
    assessor2: input.assessor2,
    note: input.note ?? '',
  };
}

const COLUMNS = Object.entries(getTableColumns(assessments)).map(
  ([key, col]) => [key, { name: snakeCase(key), dataType: col.dataType, hasDefault: col.hasDefault, default: col.default as unknown }] as const,
);
/** The columns a new row is given (the id, uid and creation time come from the table). */
const WRITTEN = COLUMNS.filter(([key]) => key !== 'id' && key !== 'uid' && key !== 'createdAt');
/** The audit row's `after`: the stored row, every column under drizzle's name, booleans as JSON booleans — as `.returning()` gives it. */
const ROW_JSON = `json_object(${COLUMNS.map(([key, col]) =>
  col.dataType === 'boolean' ? `'${key}', CASE WHEN a."${col.name}" IS NULL THEN NULL WHEN a."${col.name}" THEN json('true') ELSE json('false') END` : `'${key}', a."${col.name}"`,
).join(', ')})`;

export class NewAssessments {
  private readonly rows: AssessmentValues[] = [];

  constructor(private readonly ctx: ServiceContext) {}

  get size(): number {
    return this.rows.length;
  }

  /** Applies the rules that need no database (assessors, scores) and keeps the row; the rest are checked by `insert`. */
  add(input: AssessmentInput): void {
    this.rows.push(input.standard === 'GB/T 42195-2022' ? gbAssessmentValues(input).values : legacyAssessmentValues(input));
  }

  /**
   * Checks the batch against the database — every resident exists, no date after today or
   * before the person's birth, no closed month reached — then writes it in one write owned by
   * `owner`: one prepared insert per row (the capture triggers record the changes), then every
   * row's audit entry in one statement. Returns how many were written; the batch is emptied.
   */
  insert(owner: Owner): number {
    const rows = this.rows.splice(0);
    if (rows.length === 0) return 0;
    const { sqlite } = this.ctx.db;
    const actor = this.ctx.actor;
    return write(this.ctx, owner, (tx) => {
      const births = new Map<number, string>();
      const ids = [...new Set(rows.map((r) => r.residentId))];
      const birthOf = sqlite.prepare(`SELECT id, birth_date AS birthDate FROM residents WHERE id IN (SELECT value FROM json_each(?))`);
      for (const r of birthOf.all(JSON.stringify(ids)) as Array<{ id: number; birthDate: string }>) births.set(r.id, r.birthDate);
      let earliest = rows[0]!.assessedOn;
      for (const r of rows) {
        const birth = births.get(r.residentId) ?? fail.notFound(ENTITY.resident, r.residentId, 'residentId');
        checkAssessmentDate(r.assessedOn, birth);
        if (r.assessedOn < earliest) earliest = r.assessedOn;
      }
      checkEntry(tx, earliest, {});
      const before = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM assessments').pluck().get() as number;
      const insert = sqlite.prepare(`INSERT INTO assessments (${WRITTEN.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${WRITTEN.map(() => '?').join(', ')})`);
      for (const r of rows) {
        const v = r as Record<string, unknown>;
        insert.run(...WRITTEN.map(([key, col]) => {
          const x = v[key] ?? (col.hasDefault && col.default !== undefined ? col.default : null);
          return typeof x === 'boolean' ? (x ? 1 : 0) : x;
        }));
      }
      sqlite
        .prepare(
          `INSERT INTO audit_log (user_id, username, action, entity, entity_id, before, after, owner)
           SELECT @userId, @username, CASE a.standard WHEN 'MZ/T 039-2013' THEN 'assessment.recordLegacy' ELSE 'assessment.record' END,
             'assessment', CAST(a.id AS TEXT), NULL, ${ROW_JSON}, @owner
           FROM assessments a WHERE a.rowid > @before ORDER BY a.id`,
        )
        .run({ userId: actor.userId, username: actor.username, before, owner: recordedOwner(tx) });
      return rows.length;
    });
  }
}
