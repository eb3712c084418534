/**
 * H1: an ID number is no oracle. A duplicate number on create, update or import tells an
 * account that cannot see that resident only "该身份证号已登记，请联系区县民政部门" — no name,
 * facility or internal id; one that can see them is told whom. The stays import answers the
 * same for "registered elsewhere" and "not registered". Searching by ID number is for
 * accounts that may reveal personal data, within their scope, and every search is audited
 * without its digits.
 */
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src-main/api/errors';
import { formatProblem, runImport } from '../../src-main/import/runner';
import type { TemplateId } from '../../src-main/contract/template-ids';
import { NOT_REGISTERED_HERE } from '../../src-main/import/templates/stays';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { ID_TAKEN_ELSEWHERE } from '../../src-main/services/residents';
import type { AppDb } from '../../src-main/db/open';
import { idFor } from '../integration/helpers';
import { freshDb, rejection } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

const RESIDENTS_HEADER = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';
const STAYS_HEADER = '身份证号,区县代码,机构名称,楼栋,房间号,床位号,入住日期,离院日期,离院原因';

/** The whole error as the caller gets it: message, AppError, and whatever else it carries. */
async function errorText(p: Promise<unknown>): Promise<{ text: string; zh: string; en: string; code: string }> {
  try {
    await p;
  } catch (e) {
    const app = toAppError(e);
    const raw = e as { message?: string; code?: string; data?: unknown; shape?: unknown };
    return { text: JSON.stringify({ message: raw.message, code: raw.code, data: raw.data, shape: raw.shape, app: app.toJSON() }), zh: app.zh, en: app.en, code: app.code };
  }
  throw new Error('expected a rejection');
}

function preview(db: AppDb, userId: number, template: TemplateId, csv: string) {
  const actor = actorOfUser(userById({ db }, userId)!);
  return runImport({ db, actor }, { template, fileName: `${template}.csv`, bytes: new Uint8Array(Buffer.from(csv)), commit: false });
}

async function setup() {
  const { db } = freshDb();
  const w = await twoFacilities(db);
  // twoFacilities registers 老人1 at A (520602) and 老人2 at B (520603), both born 1940-01-01.
  const idA = idFor(1, '520602');
  const idB = idFor(2, '520603');
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents WHERE id_number IN (?, ?)').get(idA, idB)).toEqual({ n: 2 });
  return { db, w, idA, idB };
}

/** Nothing of resident B: name, facility, internal id. */
function expectNothingOfB(text: string, w: Awaited<ReturnType<typeof twoFacilities>>) {
  expect(text).not.toContain(w.b.resident.name);
  expect(text).not.toContain(w.b.facility.name);
  expect(text).not.toMatch(new RegExp(`[（(]\\s*${w.b.resident.id}\\s*[)）]|"(resident)?[iI]d"\\s*:\\s*${w.b.resident.id}\\b`));
}

describe('H1: a duplicate ID number names nobody outside the account’s scope', () => {
  it('create: a facility manager of A registering the number of a resident at B gets the generic text only', async () => {
    const { w, idB, idA } = await setup();
    const e = await errorText(w.as.managerA.resident.create({ name: '试探', idNumber: idB }));
    expect({ code: e.code, zh: e.zh, en: e.en }).toEqual({ code: 'ID_NUMBER_TAKEN', ...ID_TAKEN_ELSEWHERE });
    expectNothingOfB(e.text, w);
    // …while a number of their own resident is answered helpfully, and so is the admin
    expect((await rejection(w.as.managerA.resident.create({ name: '重复', idNumber: idA }))).zh).toBe(`身份证号已登记（${w.a.resident.name}）`);
    expect((await rejection(w.as.admin.resident.create({ name: '重复', idNumber: idB }))).zh).toBe(`身份证号已登记（${w.b.resident.name}）`);
    // a county account of A's county does not see B's resident either
    expect((await rejection(w.as.sectionBijiang.resident.create({ name: '试探', idNumber: idB }))).zh).toBe(ID_TAKEN_ELSEWHERE.zh);
  });

  it('update with idNumber: the same generic text', async () => {
    const { w, idB } = await setup();
    const e = await errorText(w.as.managerA.resident.update({ id: w.a.resident.id, idNumber: idB }));
    expect({ code: e.code, zh: e.zh, en: e.en }).toEqual({ code: 'ID_NUMBER_TAKEN', ...ID_TAKEN_ELSEWHERE });
    expectNothingOfB(e.text, w);
  });

  it('update: a taken and a free number get the same answer while any other field is wrong (no free probing), and each generic answer is counted', async () => {
    const { db, w, idB } = await setup();
    const free = idFor(777, '520603');
    const probe = (idNumber: string) => errorText(w.as.managerA.resident.update({ id: w.a.resident.id, idNumber, householdRegionCode: '999999' }));
    const [taken, untaken] = [await probe(idB), await probe(free)];
    expect(taken.code).toBe(untaken.code);
    expect(taken.zh).toBe(untaken.zh);
    expect(taken.code).not.toBe('ID_NUMBER_TAKEN');
    // a valid change with B's number: the generic text, and it shows among the refusals
    await errorText(w.as.managerA.resident.update({ id: w.a.resident.id, idNumber: idB }));
    await errorText(w.as.managerA.resident.create({ name: '试探', idNumber: idB }));
    const rows = db.sqlite.prepare("SELECT procedure, count FROM access_refusals WHERE code = 'ID_TAKEN_ELSEWHERE' ORDER BY procedure").all();
    expect(rows).toEqual([
      { procedure: 'resident.create', count: 1 },
      { procedure: 'resident.update', count: 1 },
    ]);
  });

  it('residents import: a row with B’s number gets the generic text, whether it would change B or not; a new number is added', async () => {
    const { db, w, idB } = await setup();
    const rows = [
      `试探,${idB},520603,是,完全丧失,否,否,否,否,13900000000,,`,
      // exactly B's data: "unchanged" would tell that the number is B's
      `${w.b.resident.name},${idB},,否,,否,否,否,否,13800000002,,`,
    ];
    for (const row of rows) {
      const csv = [RESIDENTS_HEADER, row, `新人,${idFor(77, '520602', '19450505')},,否,,否,否,否,否,,,`].join('\n');
      const r = await preview(db, w.users.managerA.id, 'residents', csv);
      expect({ added: r.added, unchanged: r.unchanged, updated: r.updated }).toEqual({ added: 1, unchanged: 0, updated: 0 });
      expect(r.problems.map((p) => formatProblem(p))).toEqual([`第 2 行 身份证号：${ID_TAKEN_ELSEWHERE.zh}`]);
      expect(r.problems.map((p) => p.en)).toEqual([ID_TAKEN_ELSEWHERE.en]);
      expectNothingOfB(JSON.stringify(r.problems), w);
      expect(JSON.stringify(r)).not.toContain('权限范围');
    }
  });

  it('stays import: "registered elsewhere" and "not registered" read the same', async () => {
    const { db, w, idB } = await setup();
    const row = (id: string) => `${id},520602,${w.a.facility.name},,,1-2,2026-03-01,,`;
    const csv = [STAYS_HEADER, row(idB), row(idFor(99, '520602', '19441010'))].join('\n');
    const r = await preview(db, w.users.managerA.id, 'stays', csv);
    expect(r.problems.map((p) => p.zh)).toEqual([NOT_REGISTERED_HERE.zh, NOT_REGISTERED_HERE.zh]);
    expect(r.problems.map((p) => p.column)).toEqual(['身份证号', '身份证号']);
    expectNothingOfB(JSON.stringify(r), w);
  });
});

describe('H1: searching by ID number', () => {
  it('a read-only account finds nobody by digits, even a resident it sees by name; nothing is audited', async () => {
    const { w, idA } = await setup();
    expect((await w.as.reader.resident.list({ search: w.a.resident.name })).rows.map((r) => r.id)).toEqual([w.a.resident.id]);
    for (const search of [idA, idA.slice(0, 6), idA.slice(6, 14), idA.slice(-4)]) expect(await w.as.reader.resident.list({ search })).toEqual({ rows: [], total: 0 });
    expect(await w.as.admin.audit.list({ action: 'resident.searchIdNumber' })).toEqual([]);
  });

  it('a section account finds within its scope, and each search is audited without the digits', async () => {
    const { w, idA, idB } = await setup();
    expect((await w.as.sectionCity.resident.list({ search: idA })).rows.map((r) => r.id)).toEqual([w.a.resident.id]);
    // county-limited to 520602: B's resident is outside, so the number finds nobody
    expect((await w.as.sectionBijiang.resident.list({ search: idB })).rows).toEqual([]);
    const audit = (await w.as.admin.audit.list({ action: 'resident.searchIdNumber' })) as Array<{ username: string; entity: string; entityId: string | null }>;
    expect(audit.map((a) => ({ username: a.username, entity: a.entity, entityId: a.entityId }))).toEqual(
      expect.arrayContaining([
        { username: 'city', entity: 'resident', entityId: String(w.a.resident.id) },
        { username: 'bj', entity: 'resident', entityId: null },
      ]),
    );
    expect(audit).toHaveLength(2);
    const json = JSON.stringify(audit);
    for (const id of [idA, idB]) {
      expect(json).not.toContain(id);
      expect(json).not.toContain(id.slice(6, 14));
      expect(json).not.toContain(id.slice(-4));
    }
    expect(json).toContain('52****************');
  });
});
