/**
 * A register exported in template format imports into an empty database and gives the same
 * statistics; importing the exports again changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { monthEnd, todayIso } from '../../src-main/domain/dates';
import { TEMPLATE_IDS } from '../../src-main/contract/template-ids';
import { freshDb } from '../support/temp-db';
import { importFile } from './import-helpers';

describe('export and re-import', () => {
  it('the demo data exported and imported into an empty database gives the same statistics', { timeout: 180_000 }, async () => {
    const source = freshDb();
    await seedDemo(source.db, 7);
    const files = [];
    for (const template of TEMPLATE_IDS) files.push({ template, ...(await source.api.import.exportRegister({ template })) });

    const target = freshDb();
    for (const f of ['facilities', 'beds', 'residents', 'stays', 'population'] as const) {
      const file = files.find((x) => x.template === f)!;
      const r = await importFile(target.api, f, file.fileName, Buffer.from(file.base64, 'base64'));
      expect({ template: f, problems: r.problems.slice(0, 3), committed: r.committed }).toEqual({ template: f, problems: [], committed: true });
      expect(r.added).toBe(file.rows);
    }
    const count = (db: typeof source.db, table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    for (const table of ['facilities', 'beds', 'residents', 'stays', 'populations']) expect(count(target.db, table)).toBe(count(source.db, table));

    const today = todayIso();
    for (const date of [today, monthEnd(today.slice(0, 7)), `${Number(today.slice(0, 4)) - 1}-06-30`]) {
      const a = await source.api.report.statistics({ date });
      const b = await target.api.report.statistics({ date });
      expect(b).toEqual(a);
      if (date === today) {
        // Not a comparison of two empty reports: the demo has beds, residents and population.
        expect(a.total.beds.institution).toBeGreaterThan(0);
        expect(a.total.occupied.institution).toBeGreaterThan(0);
        expect(a.total.population60).toBeGreaterThan(0);
      }
    }

    for (const f of TEMPLATE_IDS) {
      const file = files.find((x) => x.template === f)!;
      const again = await importFile(target.api, f, file.fileName, Buffer.from(file.base64, 'base64'));
      expect({ template: f, added: again.added, updated: again.updated, unchanged: again.unchanged }).toEqual({ template: f, added: 0, updated: 0, unchanged: file.rows });
    }
  });
});
