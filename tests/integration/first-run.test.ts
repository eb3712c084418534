/**
 * The first-run checklist (report.checklist) on a real encrypted file: an empty register has
 * every step not done; saving the unit, entering every county's population, registering a
 * facility with beds, admitting a resident and closing a month each tick one step.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from './helpers';
import { freshDb } from '../support/temp-db';

const DATE = '2026-11-30';

function doneOf(r: { steps: Array<{ key: string; done: boolean }> }): Record<string, boolean> {
  return Object.fromEntries(r.steps.map((s) => [s.key, s.done]));
}

describe('first-run checklist', () => {
  it('is all not done on an empty register, and each step is done once its data is there', async () => {
    const { api } = freshDb();
    const empty = await api.report.checklist({ date: DATE });
    expect(empty.year).toBe(2026);
    expect(empty.emptyRegister).toBe(true);
    expect(empty.allDone).toBe(false);
    expect(doneOf(empty)).toEqual({ settings: false, population: false, facilities: false, residents: false, monthClosed: false });
    const counties = await api.region.list();
    const home = counties.filter((r) => r.parentCode === '520600' && r.level === 'county');
    expect(empty.steps.find((s) => s.key === 'population')).toMatchObject({ count: 0, of: home.length });
    console.log(`empty register: ${home.length} counties, steps ${JSON.stringify(doneOf(empty))}`);

    await api.settings.update({ unitName: '铜仁市民政局养老服务科' });
    expect(doneOf(await api.report.checklist({ date: DATE })).settings).toBe(true);

    // Every county but one: not done yet; the last one (an earlier year's figure carries over) completes it.
    for (const c of home.slice(0, -1)) await api.region.upsertPopulation({ regionCode: c.code, year: 2026, population60: 10000 });
    const partial = await api.report.checklist({ date: DATE });
    expect(partial.steps.find((s) => s.key === 'population')).toMatchObject({ done: false, count: home.length - 1, of: home.length });
    await api.region.upsertPopulation({ regionCode: home.at(-1)!.code, year: 2025, population60: 8000 });
    expect(doneOf(await api.report.checklist({ date: DATE })).population).toBe(true);

    const f = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-05-01' });
    const afterFacility = await api.report.checklist({ date: DATE });
    expect(afterFacility.emptyRegister).toBe(false);
    expect(doneOf(afterFacility).facilities).toBe(false); // a facility without beds is not done yet
    const beds = await api.bed.add({ facilityId: f.id, count: 12, nursingCount: 4, labelPattern: '1-{n}', inServiceFrom: '2019-05-01' });
    expect(doneOf(await api.report.checklist({ date: DATE })).facilities).toBe(true);

    const r = await api.resident.create({ name: '甲', idNumber: idFor(1) });
    await api.stay.admit({ residentId: r.id, bedId: beds[0]!.id, admittedOn: '2026-11-01' });
    expect(doneOf(await api.report.checklist({ date: DATE })).residents).toBe(true);

    await api.month.close({ month: '2026-11' });
    const all = await api.report.checklist({ date: DATE });
    expect(doneOf(all)).toEqual({ settings: true, population: true, facilities: true, residents: true, monthClosed: true });
    expect(all.allDone).toBe(true);
    console.log(`after setup: ${JSON.stringify(all.steps.map((s) => `${s.key}:${s.count}${s.of === null ? '' : `/${s.of}`}`))}`);
  });
});
