/**
 * An import is held to the same permissions and scope as the screens: each row is checked
 * against the account's counties or facilities, and population needs 'manage'.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { formatProblem } from '../../src-main/import/runner';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { fixture, importFile } from './import-helpers';

describe('import within the account scope', () => {
  it('a county account imports rows of its county only; other counties are reported and nothing is written', async () => {
    const { db } = freshDb();
    const county = createCaller(db, { userId: null, username: 'wanshan', role: 'section', counties: ['520603'] });
    const before = snapshot(db);
    const r = await importFile(county, 'facilities', 'facilities-gbk.csv', fixture('facilities-gbk.csv'));
    expect(r.problems.map((p) => formatProblem(p))).toEqual([
      '第 2 行：超出您的权限范围：区县（520602）',
      '第 4 行：超出您的权限范围：区县（520621）',
      '第 5 行：超出您的权限范围：区县（520622）',
    ]);
    expect(r).toMatchObject({ added: 1, committed: false });
    expect(snapshot(db)).toEqual(before);
  });

  it('a facility manager may not import population, nor facilities outside its own', async () => {
    const { db, api } = freshDb();
    await importFile(api, 'facilities', 'facilities-gbk.csv', fixture('facilities-gbk.csv'));
    const id = (db.sqlite.prepare("SELECT id FROM facilities WHERE region_code = '520603'").get() as { id: number }).id;
    const manager = createCaller(db, { userId: null, username: 'manager', role: 'facility', facilityIds: [id] });
    const e = await rejection(importFile(manager, 'population', 'population.csv', fixture('population.csv')));
    expect(e.code).toBe('FORBIDDEN');
    const beds = await importFile(manager, 'beds', 'beds-serial-dates.xlsx', fixture('beds-serial-dates.xlsx'));
    expect(beds.rejected).toBe(4);
    expect(beds.problems.every((p) => p.zh.startsWith('超出您的权限范围'))).toBe(true);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM beds').get()).toEqual({ n: 0 });
  });
});
