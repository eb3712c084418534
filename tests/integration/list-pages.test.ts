/**
 * The residents and facilities lists as the grids page them (ServerGrid): every sort offered is done in
 * SQL and agrees with sorting the whole list in memory; pages put together give the whole
 * list, no row twice; the age filter keeps exactly the rows whose shown age is in range
 * (29 February birthdays included). Real SQLite, through the api.
 */
import { describe, expect, it } from 'vitest';
import { FACILITY_SORTS, RESIDENT_SORTS, type ResidentSortBy } from '../../src-main/contract/schemas';
import { ageOn, latestBirthForAge, todayIso } from '../../src-main/domain/dates';
import { nameSortKey } from '../../src-main/domain/name-sort';
import { seedDemo } from '../../src-main/cli/demo-data';
import { freshDb, rejection } from '../support/temp-db';
import { idFor } from './helpers';

type Row = Awaited<ReturnType<ReturnType<typeof freshDb>['api']['resident']['list']>>['rows'][number];

/** What each sort orders by, computed from the rows as the grid shows them. */
const KEY: Record<ResidentSortBy, (r: Row) => string | number | null> = {
  name: (r) => nameSortKey(r.name, true),
  // by the birth date, younger first: within one age, the later birthday is the younger
  age: (r) => -Number((r as { birthDate?: string }).birthDate!.replace(/-/g, '')),
  sex: (r) => r.sex,
  household: (r) => r.householdRegionCode,
  facility: (r) => (r.facilityName === null ? null : nameSortKey(r.facilityName)),
  admittedOn: (r) => r.admittedOn,
  tekun: (r) => (r.tekun ? 1 : 0),
  latestLevel: (r) => r.latestLevel,
  latestAssessedOn: (r) => r.latestAssessedOn,
};

function inMemory(rows: Row[], by: ResidentSortBy, dir: 'asc' | 'desc'): number[] {
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const byName = (a: Row, b: Row) => cmp(KEY.name(a), KEY.name(b)) || a.id - b.id;
  return [...rows]
    .sort((a, b) => {
      if (by === 'name') return dir === 'asc' ? byName(a, b) : byName(b, a);
      const ka = KEY[by](a);
      const kb = KEY[by](b);
      if (ka === null || kb === null) return cmp(ka, kb) || byName(a, b);
      return (dir === 'asc' ? cmp(ka, kb) : cmp(kb, ka)) || byName(a, b);
    })
    .map((r) => r.id);
}

describe('the residents list in pages', () => {
  it('each sort in SQL matches the whole list sorted in memory, and pages add up to the whole list', { timeout: 120_000 }, async () => {
    const { db, api } = freshDb();
    await seedDemo(db);
    const whole = await api.resident.list();
    expect(whole.total).toBeGreaterThan(50);
    for (const by of RESIDENT_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const expected = inMemory(whole.rows, by, dir);
        const paged: number[] = [];
        for (let offset = 0; offset < whole.total; offset += 17) {
          const page = await api.resident.list({ sort: { by, dir }, limit: 17, offset });
          expect(page.total).toBe(whole.total);
          paged.push(...page.rows.map((r) => r.id));
        }
        expect(paged, `${by} ${dir}`).toEqual(expected);
      }
    }
  });

  it('the age filter keeps exactly the ages shown in range, a 29 February birthday included', async () => {
    const { api } = freshDb();
    const today = todayIso();
    const births = ['19400229', '19440229', '19460101', '19451231', '19600615', '19641231', '19300101'];
    for (const [i, b] of births.entries()) await api.resident.create({ name: `老人${i}`, idNumber: idFor(i + 1, '520602', b) });
    const all = (await api.resident.list()).rows;
    for (const [min, max] of [
      [80, undefined],
      [undefined, 79],
      [60, 80],
      [all[0]!.age, all[0]!.age],
    ] as Array<[number | undefined, number | undefined]>) {
      const got = (await api.resident.list({ ageMin: min, ageMax: max })).rows.map((r) => r.id).sort((a, b) => a - b);
      const want = all.filter((r) => (min === undefined || r.age >= min) && (max === undefined || r.age <= max)).map((r) => r.id).sort((a, b) => a - b);
      expect(got, `${min}–${max}`).toEqual(want);
    }
    // the cut-off date as ageOn counts on 28 February of a common year
    expect(ageOn('1940-02-29', '2027-02-28')).toBe(87);
    expect('1940-02-29' <= latestBirthForAge(87, '2027-02-28')).toBe(true);
    expect('1940-03-01' <= latestBirthForAge(87, '2027-02-28')).toBe(false);
    expect(ageOn(today.replace(/^\d{4}/, '1950'), today)).toBe(Number(today.slice(0, 4)) - 1950);
  });

  it('a sort the api does not know is refused and names the field', async () => {
    const { api } = freshDb();
    const e = await rejection(api.resident.list({ sort: { by: 'idNumber' as never, dir: 'asc' } }));
    expect(e.field).toMatch(/^sort\b/);
  });
});

describe('the facilities list in pages', () => {
  it('each sort gives every facility once, in the order of the sort key, ties by county and name', { timeout: 120_000 }, async () => {
    const { db, api } = freshDb();
    await seedDemo(db);
    const whole = await api.facility.list();
    expect(whole.total).toBeGreaterThan(10);
    const byId = new Map(whole.rows.map((r) => [r.id, r]));
    const key: Record<(typeof FACILITY_SORTS)[number], (r: (typeof whole.rows)[number]) => string | number | boolean | null> = {
      region: (r) => r.regionCode,
      name: (r) => nameSortKey(r.name),
      kind: (r) => r.kind,
      ownership: (r) => r.ownership,
      status: (r) => r.status,
      beds: (r) => r.beds,
      nursingBeds: (r) => r.nursingBeds,
      occupiedBeds: (r) => r.occupiedBeds,
      medicalCare: (r) => (r.medicalCare ? 1 : 0),
      township: (r) => r.township,
      careWorkerCount: (r) => r.careWorkerCount,
    };
    for (const by of FACILITY_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const paged: number[] = [];
        for (let offset = 0; offset < whole.total; offset += 7) paged.push(...(await api.facility.list({ sort: { by, dir }, limit: 7, offset })).rows.map((r) => r.id));
        expect(new Set(paged).size, `${by} ${dir}`).toBe(whole.total);
        const keys = paged.map((id) => key[by](byId.get(id)!));
        for (let i = 1; i < keys.length; i++) {
          const [a, b] = [keys[i - 1]!, keys[i]!];
          if (a === null || b === null) continue;
          expect(dir === 'asc' ? a <= b : a >= b, `${by} ${dir} at ${i}: ${String(a)} then ${String(b)}`).toBe(true);
        }
      }
    }
  });
});
