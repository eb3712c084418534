/**
 * M5: a facility's access to a resident ends with the stay, except for reading its own
 * history. After resident 1 moves from facility A to a bed at B, A's manager still sees the
 * record and the past stay at A, read-only: no current facility or bed at B, no later
 * assessment, no reveal, no edit, no assessment, no admission, no change to the old stay.
 */
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src-main/import/runner';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { idFor } from '../integration/helpers';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { callerFor, twoFacilities } from '../support/two-facilities';
import { filesIn } from './xlsx-text';

const MOVED_ON = '2026-03-01';
const RESIDENTS_HEADER = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';

async function moved() {
  const { db } = freshDb();
  const w = await twoFacilities(db);
  // as the administrator: resident 1 from A's bed to a bed of B; B assesses them afterwards
  const { closed, opened } = await w.as.admin.stay.transfer({ stayId: w.a.stay.id, toBedId: w.b.beds[1]!.id, transferOn: MOVED_ON });
  await w.as.admin.assessment.recordLegacy({ residentId: w.a.resident.id, assessedOn: '2026-03-05', reason: 'routine', finalLevel: 3, assessor1: '乙院甲', assessor2: '乙院乙' });
  return { db, w, closed, opened, r1: w.a.resident.id };
}

describe('M5: a resident who left facility A', () => {
  it('A’s manager: the list shows no bed or facility elsewhere, and filters cannot find where they went', async () => {
    const { w, r1 } = await moved();
    const m = w.as.managerA;
    const list = await m.resident.list();
    const row = list.rows.find((r) => r.id === r1)!;
    expect(row).toMatchObject({ stayId: null, facilityId: null, facilityName: null, bedLabel: null, admittedOn: null });
    // no birth date either: with the county it would narrow the number they may no longer reveal
    expect(row.birthDate).toBeUndefined();
    expect(row.age).toBeGreaterThan(80);
    expect((await m.resident.get({ id: r1 })).resident.birthDate).toBeUndefined();
    // a city-wide section account sees it
    expect((await w.as.sectionCity.resident.get({ id: r1 })).resident.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the latest level is A's own (2026-01-02), not B's later one
    expect(row.latestAssessedOn).toBe('2026-01-02');
    const json = JSON.stringify(list);
    expect(json).not.toContain(w.b.facility.name);
    expect(json).not.toContain(w.b.beds[1]!.label);
    expect((await m.resident.list({ inCareOn: '2026-06-30' })).rows.map((r) => r.id)).not.toContain(r1);
    expect((await m.resident.list({ counties: ['520603'] })).rows).toEqual([]);
    // the roster follows the list; with full numbers it still masks this resident
    const roster: string[] = [];
    await filesIn(await m.resident.roster({ fullIdNumbers: true }), roster);
    expect(roster.join('\n')).toContain(w.a.resident.name);
    expect(roster.join('\n')).not.toContain(w.b.facility.name);
    expect(roster.join('\n')).not.toContain(idFor(1, '520602'));
  });

  it('A’s manager: reveal, edit, assessment, admission and changes to the old stay are FORBIDDEN, and nothing changes', async () => {
    const { db, w, r1, closed } = await moved();
    const m = w.as.managerA;
    const before = snapshot(db);
    const refused: Array<[string, () => Promise<unknown>]> = [
      ['resident.revealIdNumber', () => m.resident.revealIdNumber({ id: r1 })],
      ['resident.update', () => m.resident.update({ id: r1, phone: '13900000000' })],
      ['assessment.recordLegacy', () => m.assessment.recordLegacy({ residentId: r1, assessedOn: '2026-03-20', reason: 'routine', finalLevel: 3, assessor1: 'a', assessor2: 'b' })],
      ['stay.admit', () => m.stay.admit({ residentId: r1, bedId: w.a.beds[2]!.id, admittedOn: '2026-04-01' })],
      ['stay.recordLeave (old stay at A)', () => m.stay.recordLeave({ stayId: closed.id, startOn: '2026-02-01', endOn: '2026-02-03' })],
    ];
    for (const [path, call] of refused) {
      const e = await rejection(call());
      expect({ path, code: e.code }).toEqual({ path, code: 'FORBIDDEN' });
      // the refusal says nothing of where the resident went
      expect(e.zh + e.en).not.toContain(w.b.facility.name);
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('A’s manager: the record still opens read-only, with A’s stay and A’s assessment only', async () => {
    const { w, r1, closed } = await moved();
    const rec = await w.as.managerA.resident.get({ id: r1 });
    expect(rec.resident.name).toBe(w.a.resident.name);
    expect(rec.access).toEqual({ change: false, reveal: false });
    expect(rec.stays.map((s) => (s as { id: number }).id)).toEqual([closed.id]);
    expect(rec.assessments.map((a) => a.assessedOn)).toEqual(['2026-01-02']);
    expect(rec.resident.phone).not.toBe('13800000001');
    expect(JSON.stringify(rec)).not.toContain(w.b.facility.name);
    expect((await w.as.managerA.assessment.list({ residentId: r1 })).map((a) => a.assessedOn)).toEqual(['2026-01-02']);
  });

  it('a residents import by A’s manager may not change the resident; an unchanged row passes', async () => {
    const { db, w } = await moved();
    const actor = actorOfUser(userById({ db }, w.users.managerA.id)!);
    const id1 = idFor(1, '520602');
    const run = (row: string) => runImport({ db, actor }, { template: 'residents', fileName: 'r.csv', bytes: new Uint8Array(Buffer.from(`${RESIDENTS_HEADER}\n${row}\n`)), commit: false });
    const changed = await run(`${w.a.resident.name},${id1},,否,,否,否,否,否,13900000009,,`);
    expect(changed.problems.map((p) => p.zh)).toEqual([expect.stringContaining('不在您管辖的机构入住')]);
    const same = await run(`${w.a.resident.name},${id1},,否,,否,否,否,否,13800000001,,`);
    expect(same).toMatchObject({ unchanged: 1, problemCount: 0 });
  });

  it('B’s manager now has the resident; A’s comes back when the resident does', async () => {
    const { db, w, r1, opened } = await moved();
    const admin = w.as.admin;
    const mgrB = await admin.user.create({ username: 'mgr-b', displayName: '乙院长', role: 'facility', facilityIds: [w.b.facility.id], password: 'Passw0rd!' });
    const b = callerFor(db, mgrB.id);
    expect((await b.resident.get({ id: r1 })).access).toEqual({ change: true, reveal: true });
    expect((await b.resident.revealIdNumber({ id: r1 })).idNumber).toHaveLength(18);
    await admin.stay.transfer({ stayId: opened.id, toBedId: w.a.beds[2]!.id, transferOn: '2026-04-01' });
    expect((await w.as.managerA.resident.get({ id: r1 })).access).toEqual({ change: true, reveal: true });
    expect((await rejection(b.resident.revealIdNumber({ id: r1 }))).code).toBe('FORBIDDEN');
  });

  it('discharged home: the facility of the last stay may admit again, an earlier one may not', async () => {
    const { w, r1, opened } = await moved();
    const admin = w.as.admin;
    // resident 1 went home from B: A still reads its history but cannot admit them
    await admin.stay.discharge({ stayId: opened.id, dischargedOn: '2026-05-01', dischargeReason: 'home' });
    expect((await w.as.managerA.resident.get({ id: r1 })).access.change).toBe(false);
    expect((await rejection(w.as.managerA.stay.admit({ residentId: r1, bedId: w.a.beds[0]!.id, admittedOn: '2026-06-01' }))).code).toBe('FORBIDDEN');
    // a resident the office registered, who went home from A, is A's to admit again
    const x = await admin.resident.create({ name: '回家老人', idNumber: idFor(31, '520602', '19420303') });
    const s = await admin.stay.admit({ residentId: x.id, bedId: w.a.beds[0]!.id, admittedOn: '2026-04-01' });
    await admin.stay.discharge({ stayId: s.id, dischargedOn: '2026-05-01', dischargeReason: 'home' });
    expect((await w.as.managerA.resident.get({ id: x.id })).access).toEqual({ change: true, reveal: true });
    await w.as.managerA.stay.admit({ residentId: x.id, bedId: w.a.beds[0]!.id, admittedOn: '2026-06-01' });
  });
});
