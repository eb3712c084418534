/**
 * Finding 26: the demo dates no assessment labelled GB/T 42195-2022 before that standard
 * (docs/domain.md#assessment-legacy); older ones carry MZ/T 039-2013. The rest of the demo
 * (what seed-demo reports) is as before.
 */
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { GB_T_42195_LABEL_FROM } from '../../src-main/domain/assessment';
import { freshDb } from '../support/temp-db';

describe('seed-demo assessments', () => {
  it('labels none GB/T 42195-2022 before the standard; earlier ones are MZ/T 039-2013 results', async () => {
    const { db } = freshDb();
    const summary = await seedDemo(db);
    const rows = db.sqlite
      .prepare(`SELECT standard, assessed_on < ? AS early, count(*) AS n, min(assessed_on) AS first, max(final_level) AS top FROM assessments GROUP BY standard, early ORDER BY standard, early`)
      .all(GB_T_42195_LABEL_FROM) as Array<{ standard: string; early: number; n: number; first: string; top: number }>;
    console.log('demo', JSON.stringify(summary), JSON.stringify(rows));
    expect(rows.filter((r) => r.standard === 'GB/T 42195-2022' && r.early === 1)).toEqual([]);
    const legacy = rows.filter((r) => r.standard === 'MZ/T 039-2013');
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.every((r) => r.early === 1 && r.top <= 3)).toBe(true);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(summary.assessments);
  });
});
