/**
 * Recording many assessments at once (services/assessment-bulk.ts, used by the generator)
 * stores exactly what recording them one by one stores — the same rows, the same audit rows,
 * the same changes with the same owner and audience — and refuses a batch with any assessment
 * a single recording would refuse, writing nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AppDb } from '../../src-main/db/open';
import { facility } from '../../src-main/domain/ownership';
import { NewAssessments, type AssessmentInput } from '../../src-main/services/assessment-bulk';
import { recordAssessment, recordLegacyAssessment } from '../../src-main/services/assessments';
import { localActor } from '../../src-main/services/local-actor';
import { FULL_SCORES, freshDb, snapshot } from '../support/temp-db';
import { idFor, TOMORROW } from './helpers';

/** A home with three residents in care since 2020: the same in every store made by it. */
async function home() {
  const { db, api } = freshDb();
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区测试养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01' });
  const beds = await api.bed.add({ facilityId: f.id, count: 3, nursingCount: 1, labelPattern: '{n}', inServiceFrom: '2019-01-01' });
  const residents = [];
  for (let i = 0; i < 3; i++) {
    const r = await api.resident.create({ name: `老人${i}`, idNumber: idFor(i + 1, '520602', '19400101') });
    await api.stay.admit({ residentId: r.id, bedId: beds[i]!.id, admittedOn: '2020-01-01' });
    residents.push(r.id);
  }
  return { db, api, facilityId: f.id, residents };
}

const half = Object.fromEntries(Object.entries(FULL_SCORES).map(([k, v], i) => [k, i % 3 === 0 ? 0 : Math.floor(v / 2)])) as typeof FULL_SCORES;

function inputs(residents: number[]): AssessmentInput[] {
  return residents.flatMap((residentId, i) => [
    { standard: 'MZ/T 039-2013' as const, residentId, assessedOn: '2021-03-0' + (i + 1), reason: 'first' as const, finalLevel: i, assessor1: '甲', assessor2: '乙' },
    {
      standard: 'GB/T 42195-2022' as const, residentId, assessedOn: '2025-06-1' + i, reason: 'routine' as const, scores: i === 1 ? half : FULL_SCORES,
      coma: i === 2, diagnosis: i === 0 ? ('dementia' as const) : ('none' as const), riskEvents: i, assessor1: '甲', assessor2: '丙', note: i ? '' : '复评',
    },
  ]);
}

/** Assessments and their audit rows keyed by resident and date, without ids, uids and times. */
function stored(db: AppDb) {
  const rows = db.sqlite.prepare('SELECT * FROM assessments ORDER BY resident_id, assessed_on').all() as Array<Record<string, unknown>>;
  const audits = db.sqlite
    .prepare("SELECT a.action, a.username, a.owner, a.after FROM audit_log a WHERE a.entity = 'assessment' ORDER BY json_extract(a.after, '$.residentId'), json_extract(a.after, '$.assessedOn')")
    .all() as Array<{ action: string; username: string; owner: string; after: string }>;
  const changes = db.sqlite.prepare("SELECT op, owner, audience, after FROM change_log WHERE tbl = 'assessments' ORDER BY json_extract(after, '$.assessed_on'), seq").all() as Array<{ after: string } & Record<string, unknown>>;
  // the home's uid differs between stores: named HOME wherever it appears
  const home = db.sqlite.prepare('SELECT uid FROM facilities').pluck().get() as string;
  const named = (v: unknown) => String(v).replaceAll(home, 'HOME');
  // a change names its resident by uid (a keyed hash of the store's own secret): by ID number here
  const numberOf = new Map((db.sqlite.prepare('SELECT uid, id_number FROM residents').all() as Array<{ uid: string; id_number: string }>).map((r) => [r.uid, r.id_number]));
  const strip = (o: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
  return {
    rows: rows.map((r) => strip(r, 'id', 'uid', 'created_at')),
    audits: audits.map(({ after, ...a }) => ({ ...a, owner: named(a.owner), keys: Object.keys(JSON.parse(after) as object), after: strip(JSON.parse(after) as Record<string, unknown>, 'id', 'uid', 'createdAt') })),
    changes: changes.map(({ after, ...c }) => ({ ...c, owner: named(c.owner), audience: named(c.audience), after: (({ resident_id, ...rest }) => ({ ...rest, resident: numberOf.get(String(resident_id)) }))(strip(JSON.parse(after) as Record<string, unknown>, 'uid', 'created_at')) })),
  };
}

describe('recording many assessments at once', () => {
  it('stores the same rows, audit rows and changes as recording them one by one', async () => {
    const one = await home();
    const bulk = await home();
    const ctxOne = { db: one.db, actor: localActor(one.db) };
    for (const a of inputs(one.residents)) {
      if (a.standard === 'GB/T 42195-2022') recordAssessment(ctxOne, a);
      else recordLegacyAssessment(ctxOne, a);
    }
    const batch = new NewAssessments({ db: bulk.db, actor: localActor(bulk.db) });
    for (const a of inputs(bulk.residents)) batch.add(a);
    expect(batch.size).toBe(6);
    expect(batch.insert(facility(bulk.facilityId))).toBe(6);
    expect(batch.size).toBe(0);

    const a = stored(one.db);
    const b = stored(bulk.db);
    expect(b.rows).toHaveLength(6);
    expect(b.rows).toEqual(a.rows);
    expect(b.audits).toEqual(a.audits);
    expect(b.audits.map((x) => x.action).sort()).toEqual([...Array(3).fill('assessment.record'), ...Array(3).fill('assessment.recordLegacy')]);
    // owned by the home, reaching its county
    expect(b.audits.every((x) => x.owner === 'facility:HOME')).toBe(true);
    expect(b.changes).toEqual(a.changes);
    expect(b.changes.every((c) => /^\d{17}[\dX]$/.test(String((c.after as { resident?: string }).resident)))).toBe(true);
    expect(b.changes.every((c) => c.owner === 'facility:HOME' && c.audience === 'county:520602/facility:HOME')).toBe(true);
    // a computed level, as the single path computes it
    expect(b.rows.filter((r) => r.standard === 'GB/T 42195-2022').map((r) => r.final_level)).toEqual(a.rows.filter((r) => r.standard === 'GB/T 42195-2022').map((r) => r.final_level));
  });

  it('refuses a batch holding one assessment a single recording would refuse, writing nothing', async () => {
    const h = await home();
    const ctx = { db: h.db, actor: localActor(h.db) };
    const good = inputs(h.residents);
    const gb = good[1] as Extract<AssessmentInput, { standard: 'GB/T 42195-2022' }>;
    const cases: Array<[string, AssessmentInput, { code: string; field: string }]> = [
      ['two signatures by one assessor', { ...gb, assessor2: gb.assessor1 }, { code: 'SAME_ASSESSOR', field: 'assessor2' }],
      ['a date after today', { ...gb, assessedOn: TOMORROW }, { code: 'DATE_IN_FUTURE', field: 'assessedOn' }],
      ['a date before the birth', { ...gb, assessedOn: '1939-12-31' }, { code: 'ASSESSMENT_BEFORE_BIRTH', field: 'assessedOn' }],
      ['a person not registered', { ...gb, residentId: 999_999 }, { code: 'NOT_FOUND', field: 'residentId' }],
    ];
    const before = snapshot(h.db);
    for (const [what, bad, expected] of cases) {
      const batch = new NewAssessments(ctx);
      let error: unknown;
      try {
        for (const a of [...good, bad]) batch.add(a);
        batch.insert(facility(h.facilityId));
      } catch (e) {
        error = e;
      }
      expect(error, what).toMatchObject(expected);
      expect(snapshot(h.db), what).toEqual(before);
    }
  });

  it('refuses a batch reaching a closed month, naming it', async () => {
    const h = await home();
    const ctx = { db: h.db, actor: localActor(h.db) };
    await h.api.month.close({ month: '2025-06' });
    const before = snapshot(h.db);
    const batch = new NewAssessments(ctx);
    for (const a of inputs(h.residents)) batch.add(a);
    expect(() => batch.insert(facility(h.facilityId))).toThrow(expect.objectContaining({ code: 'CLOSED_MONTH', zh: expect.stringContaining('2025-06') as string }) as Error);
    expect(snapshot(h.db)).toEqual(before);
  });
});
