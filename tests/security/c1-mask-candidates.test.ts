/**
 * C1: a masked ID number cannot be undone. For every account without `revealPersonal`,
 * everything it can receive — every list, record, roster file, report, workbook and error
 * message of every procedure it may call — taken together leaves at least 100,000 possible
 * ID numbers for each resident (see id-candidates.ts for how they are counted), and never
 * holds a full number or its 8-digit birth segment. Accounts with the permission may reveal
 * (audited); their counts are printed for information.
 */
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src-main/api/errors';
import { appRouter } from '../../src-main/api/router';
import { todayIso } from '../../src-main/domain/dates';
import { roleHas, type Permission } from '../../src-main/domain/permissions';
import { TEMPLATE_IDS } from '../../src-main/contract/template-ids';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import type { AppDb } from '../../src-main/db/open';
import { idFor } from '../integration/helpers';
import { freshDb } from '../support/temp-db';
import { callerFor, PASSWORD, twoFacilities } from '../support/two-facilities';
import { candidateCount, type KnownResident } from './id-candidates';
import { filesIn } from './xlsx-text';

type Proc = { _def: { type: 'query' | 'mutation'; meta?: { permission?: Permission; cityWide?: boolean } } };
type Caller = ReturnType<typeof callerFor>;

const TODAY = todayIso();
const MONTH = TODAY.slice(0, 7);
const MIN_CANDIDATES = 100_000;

/** Mutations that only keep the session: they return no register data. */
const SESSION_ONLY = new Set(['account.login', 'account.logout', 'account.changePassword']);

/** More residents beside twoFacilities' two: varied birth dates, counties, stays and moves. */
async function world(db: AppDb) {
  const w = await twoFacilities(db);
  const api = w.as.admin;
  const [bedA, bedB] = [w.a.beds, w.b.beds];
  const mk = (name: string, seq: number, county: string, birth: string, household: string | null = county) =>
    api.resident.create({ name, idNumber: idFor(seq, county, birth), householdRegionCode: household, phone: `1390000${String(seq).padStart(4, '0')}` });
  const sun = await mk('孙荣', 58, '520603', '19471210');
  const wang = await mk('王德明', 131, '520602', '19380517');
  const li = await mk('李秀英', 244, '520602', '19520229');
  const zhang = await mk('张国强', 377, '520621', '19330801', '520602');
  await mk('赵兰', 462, '520603', '19451130');
  const qian = await api.resident.create({ name: '钱明', idNumber: idFor(515, '520602', '19600315'), tekun: true, tekunSelfCare: 'partial' });

  await api.stay.admit({ residentId: sun.id, bedId: bedB[1]!.id, admittedOn: '2026-02-01' });
  const w1 = await api.stay.admit({ residentId: wang.id, bedId: bedA[1]!.id, admittedOn: '2026-02-01' });
  await api.stay.recordLeave({ stayId: w1.id, startOn: '2026-03-01', endOn: '2026-03-05', reason: '住院' });
  const l1 = await api.stay.admit({ residentId: li.id, bedId: bedA[2]!.id, admittedOn: '2026-02-10' });
  await api.stay.discharge({ stayId: l1.id, dischargedOn: '2026-06-30', dischargeReason: 'home' });
  const z1 = await api.stay.admit({ residentId: zhang.id, bedId: bedA[2]!.id, admittedOn: '2026-07-01' });
  await api.stay.transfer({ stayId: z1.id, toBedId: bedB[2]!.id, transferOn: '2026-08-01' });
  await api.stay.admit({ residentId: qian.id, bedId: bedA[2]!.id, admittedOn: '2026-09-01' });
  for (const [r, on, level] of [[wang, '2026-02-01', 2], [zhang, '2026-07-01', 1], [zhang, '2026-08-15', 3], [sun, '2026-02-02', 0]] as const)
    await api.assessment.recordLegacy({ residentId: r.id, assessedOn: on, reason: 'routine', finalLevel: level, assessor1: '评估员甲', assessor2: '评估员乙' });

  const readerBj = await api.user.create({ username: 'reader-bj', displayName: '碧江只读', role: 'readonly', counties: ['520602'], password: PASSWORD });
  return { w, readerBj };
}

/** Plausible inputs for each procedure an account may read with; others get no input. */
function inputsFor(db: AppDb, path: string): unknown[] {
  const ids = (sql: string) => (db.sqlite.prepare(sql).all() as Array<{ id: number }>).map((r) => r.id);
  const residents = db.sqlite.prepare('SELECT id, id_number AS idNumber, birth_date AS birthDate FROM residents').all() as Array<{ id: number; idNumber: string; birthDate: string }>;
  const facilities = ids('SELECT id FROM facilities');
  switch (path) {
    case 'region.populations':
      return [undefined, { regionCode: '520602' }];
    case 'facility.list':
      return [undefined, { search: '养老院' }];
    case 'facility.detail':
    case 'facility.statusHistory':
      return facilities.map((id) => ({ id }));
    case 'facility.occupancy':
      return [{ date: TODAY }, { date: '2026-07-15' }];
    case 'bed.board':
      return facilities.flatMap((facilityId) => [{ facilityId }, { facilityId, date: '2026-07-15' }]);
    case 'resident.list':
      return [
        undefined,
        { inCareOn: TODAY },
        { inCareOn: '2026-07-15' },
        { search: '老人' },
        { search: '王' },
        { counties: ['520602'] },
        { counties: ['520603'] },
        ...facilities.map((facilityId) => ({ facilityId })),
        ...residents.flatMap((r) => [{ search: r.idNumber }, { search: r.birthDate.replaceAll('-', '') }, { search: r.idNumber.slice(-4) }]),
      ];
    case 'resident.get':
    case 'assessment.list':
      return residents.map((r) => (path === 'resident.get' ? { id: r.id } : { residentId: r.id }));
    case 'resident.roster':
      return [{}, { inCareOn: TODAY }, { fullIdNumbers: true }, ...facilities.map((facilityId) => ({ facilityId }))];
    case 'stay.list':
      return [undefined, { openOn: TODAY }, ...residents.map((r) => ({ residentId: r.id })), ...facilities.map((facilityId) => ({ facilityId }))];
    case 'stay.leaves':
      return ids('SELECT id FROM stays').map((stayId) => ({ stayId }));
    case 'contract.evaluations':
      return ids('SELECT id FROM contracts').map((id) => ({ id }));
    case 'report.statistics':
    case 'report.dataQuality':
      return [{ date: TODAY }, { date: '2026-07-15' }];
    case 'month.status':
    case 'month.report':
    case 'month.workbook':
      return [{ month: MONTH }, { month: '2026-07' }];
    case 'form.facilityBeds':
    case 'form.facilityResidents':
      return facilities.flatMap((facilityId) => [{ facilityId }, { facilityId, date: '2026-07-15' }, { facilityId, date: '2026-02-15' }]);
    case 'form.county':
      return ['520602', '520603'].flatMap((regionCode) => [{ regionCode, month: MONTH }, { regionCode, month: '2026-07' }]);
    case 'import.template':
      return TEMPLATE_IDS.map((template) => ({ template }));
    default:
      return [undefined];
  }
}

/**
 * Calls every procedure the account's role permits (reads; the roster), collecting all it
 * receives. An account that may reveal is not asked for the full-number roster: that is a
 * reveal (audited), and its count is meant to show what it sees without one.
 */
async function everythingReceived(db: AppDb, caller: Caller, role: Parameters<typeof roleHas>[0]): Promise<{ text: string; called: string[]; mutations: string[]; rosters: string[] }> {
  const texts: string[] = [];
  const called: string[] = [];
  const mutations: string[] = [];
  const rosters: string[] = [];
  for (const [path, proc] of Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>)) {
    const permission = proc._def.meta?.permission;
    if (!permission || !roleHas(role, permission)) continue;
    if (proc._def.type === 'mutation') {
      mutations.push(path);
      if (path !== 'resident.roster') continue;
    }
    called.push(path);
    const reveals = roleHas(role, 'revealPersonal');
    for (const input of inputsFor(db, path).filter((i) => !(reveals && (i as { fullIdNumbers?: boolean } | undefined)?.fullIdNumbers))) {
      let target: unknown = caller;
      for (const seg of path.split('.')) target = (target as Record<string, unknown>)[seg];
      try {
        const result = await (target as (i: unknown) => Promise<unknown>)(input);
        texts.push(JSON.stringify(result));
        const files: string[] = [];
        await filesIn(result, files);
        texts.push(...files);
        if (path === 'resident.roster') rosters.push(...files);
      } catch (e) {
        texts.push(JSON.stringify(toAppError(e).toJSON()));
      }
    }
  }
  return { text: texts.join('\n'), called, mutations, rosters };
}

describe('C1: what an account receives leaves every masked ID number at 100,000+ candidates', () => {
  it('for each role: per-resident candidate counts from everything it may call', async () => {
    const { db } = freshDb();
    const { w, readerBj } = await world(db);
    const known = db.sqlite.prepare('SELECT name, id_number AS idNumber, birth_date AS birthDate, sex FROM residents ORDER BY id').all() as Array<KnownResident & { name: string }>;
    expect(known.length).toBeGreaterThanOrEqual(8);
    const roles: Array<[string, number]> = [
      ['admin', w.users.admin.id],
      ['section city-wide', w.users.sectionCity.id],
      ['section county-limited', w.users.sectionBijiang.id],
      ['facility manager', w.users.managerA.id],
      ['readonly city-wide', w.users.reader.id],
      ['readonly county-limited', readerBj.id],
    ];
    const summary: string[] = [];
    for (const [label, userId] of roles) {
      const actor = actorOfUser(userById({ db }, userId)!);
      const reveals = roleHas(actor.role, 'revealPersonal');
      const got = await everythingReceived(db, callerFor(db, userId), actor.role);
      expect(got.called).toEqual(expect.arrayContaining(['resident.list', 'resident.get', 'resident.roster', 'stay.list', 'assessment.list', 'facility.detail', 'bed.board']));
      const counts = known.map((r) => ({ name: r.name, n: candidateCount(r, got.text, TODAY) }));
      const min = Math.min(...counts.map((c) => c.n));
      summary.push(`${label}${reveals ? ' (may reveal, audited)' : ''}: min ${min.toLocaleString('en')} — ${counts.map((c) => `${c.name} ${c.n}`).join(', ')}`);
      if (reveals) continue;
      // A read-only account may call no mutation but the roster (and its own session's).
      expect(got.mutations.filter((m) => !SESSION_ONLY.has(m))).toEqual(['resident.roster']);
      for (const c of counts) expect({ role: label, ...c, ok: c.n >= MIN_CANDIDATES }).toMatchObject({ ok: true });
      for (const r of known) {
        expect(got.text).not.toContain(r.idNumber);
        expect(got.text).not.toContain(r.idNumber.slice(6, 14));
        expect(got.text).not.toContain(r.birthDate);
      }
      // The masked roster has an age column and no birth date column.
      expect(got.rosters.length).toBeGreaterThan(0);
      for (const f of got.rosters) {
        expect(f.split('\n')).toContain('年龄');
        expect(f.split('\n')).not.toContain('出生日期');
      }
    }
    console.log(`C1 ID-number candidates per role (today ${TODAY}):\n  ${summary.join('\n  ')}`);
  }, 120_000);

  it('the counting would catch the old mask (region and last four shown beside the birth date)', () => {
    const r: KnownResident = { idNumber: '52060319471210058X', birthDate: '1947-12-10', sex: 'female' };
    expect(candidateCount(r, '5206**********058X 1947-12-10', TODAY)).toBe(1);
    expect(candidateCount(r, '52****************', TODAY)).toBeGreaterThanOrEqual(182_500);
    expect(candidateCount(r, '52****************, "age": 78, 19471210', TODAY)).toBe(500);
  });

  it('the masked roster is safe whoever exports it: no birth date, the strong mask', async () => {
    const { db } = freshDb();
    const { w } = await world(db);
    for (const caller of [w.as.admin, w.as.managerA, w.as.sectionCity]) {
      const text: string[] = [];
      await filesIn(await caller.resident.roster({}), text);
      const all = text.join('\n');
      expect(all.split('\n')).not.toContain('出生日期');
      expect(all).toMatch(/\d{2}\*{16}/);
      expect(all).not.toMatch(/\d{17}[\dX]/);
    }
  });

  it('the audit log keeps the strong mask in a resident row', async () => {
    const { db } = freshDb();
    const { w } = await world(db);
    const rows = await w.as.admin.audit.list({ entity: 'resident' });
    const json = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(json).not.toMatch(/\d{17}[\dX]/);
    expect(json).not.toMatch(/\d{4}\*{10}/);
    expect(json).toMatch(/\d{2}\*{16}/);
  });
});
