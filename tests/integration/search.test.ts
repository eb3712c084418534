/**
 * Search (issue 14, finding 21): a resident by any part of the name; by the ID number as
 * typed (full-width digits, spaces, lower-case x) or its last 4+ digits — only for accounts
 * with revealPersonal; and the header search (search.all) across facilities, residents and
 * operators, within the account's scope.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';
import { creditCheckCharacter } from '../../src-main/domain/credit-code';
import { idFor } from './helpers';

const creditCode = (first17: string) => first17 + creditCheckCharacter(first17);

const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('resident search', () => {
  it('finds a resident by any part of the name', async () => {
    const { api } = freshDb();
    for (const [i, name] of ['丁国海', '王国华', '李海'].entries()) await api.resident.create({ name, idNumber: idFor(i + 1) });
    const names = async (search: string) => (await api.resident.list({ search })).rows.map((r) => r.name);
    expect(await names('国海')).toEqual(['丁国海']);
    expect(await names('丁')).toEqual(['丁国海']);
    expect(await names('海')).toEqual(['丁国海', '李海']);
    expect(await names('国')).toEqual(['丁国海', '王国华']);
    expect(await names('%')).toEqual([]);
    // a rename moves the resident between searches (the character index follows the name)
    const li = (await api.resident.list({ search: '李海' })).rows[0]!;
    await api.resident.update({ id: li.id, name: '李国强' });
    expect(await names('海')).toEqual(['丁国海']);
    expect(await names('国强')).toEqual(['李国强']);
  });

  it('finds an ID number typed with full-width digits, spaces or a lower-case x, and by its last digits', async () => {
    const { api } = freshDb();
    let withX = '';
    for (let n = 1; n <= 40 && !withX; n++) if (idFor(n).endsWith('X')) withX = idFor(n);
    expect(withX).not.toBe('');
    await api.resident.create({ name: '丁国海', idNumber: withX });
    await api.resident.create({ name: '王德明', idNumber: idFor(41) });
    const names = async (search: string) => (await api.resident.list({ search })).rows.map((r) => r.name);
    expect(await names(withX.toLowerCase())).toEqual(['丁国海']);
    expect(await names(`${withX.slice(0, 6)} ${withX.slice(6, 14)} ${withX.slice(14)}`)).toEqual(['丁国海']);
    expect(await names(fullWidth(withX))).toEqual(['丁国海']);
    expect(await names(withX.slice(-4).toLowerCase())).toEqual(['丁国海']);
    expect(await names(fullWidth(idFor(41).slice(-6)))).toEqual(['王德明']);
    // fewer than 4 digits is no ID search
    expect(await names(idFor(41).slice(-3))).toEqual([]);
  });

  it('by ID digits only for accounts with revealPersonal; the read-only account finds nobody', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const tail = (await w.as.admin.resident.revealIdNumber({ id: w.a.resident.id })).idNumber.slice(-4);
    expect((await w.as.sectionCity.resident.list({ search: tail })).rows.map((r) => r.name)).toEqual(['老人1']);
    expect((await w.as.reader.resident.list({ search: tail })).rows).toEqual([]);
    expect((await w.as.reader.search.all({ text: tail })).residents.rows).toEqual([]);
    // and the search is audited, the number masked
    const audits = db.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'resident.searchIdNumber' ORDER BY id DESC LIMIT 1").get() as { after: string };
    expect(audits.after).not.toContain(tail);
  });
});

describe('search.all', () => {
  it('finds facilities, residents and operators, grouped, within the account scope', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const city = await w.as.sectionCity.search.all({ text: '养老院' });
    expect(city.facilities.rows.map((f) => f.name)).toEqual(['碧江区甲养老院', '万山区乙养老院']);
    expect(city.facilities.total).toBe(2);
    const people = await w.as.sectionCity.search.all({ text: '老人' });
    expect(people.residents.rows.map((r) => r.name).sort()).toEqual(['老人1', '老人2']);
    expect(people.residents.rows[0]!.idNumberMasked).toMatch(/^52\*{16}$/);
    const ops = await w.as.sectionCity.search.all({ text: '康养' });
    expect(ops.operators.rows.map((o) => o.name)).toEqual(['铜仁康养服务有限公司']);
    expect(ops.operators.rows[0]!.creditCode).toBe('91110108551385082Q');

    // the manager of A sees A, its resident, and the operator of its contract
    const mgr = await w.as.managerA.search.all({ text: '养老院' });
    expect(mgr.facilities.rows.map((f) => f.name)).toEqual(['碧江区甲养老院']);
    expect((await w.as.managerA.search.all({ text: '老人' })).residents.rows.map((r) => r.name)).toEqual(['老人1']);
    expect((await w.as.managerA.search.all({ text: '康养' })).operators.total).toBe(1);
    // the 碧江 section account: 碧江's facility only
    expect((await w.as.sectionBijiang.search.all({ text: '养老院' })).facilities.rows.map((f) => f.name)).toEqual(['碧江区甲养老院']);
    // an empty text finds nothing
    expect((await w.as.sectionCity.search.all({ text: '  ' })).facilities.total).toBe(0);
  });

  it('an operator without a contract in scope is not found by a limited account', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    await w.as.admin.operator.create({ name: '碧江康养公司2', creditCode: creditCode('91520602MA6DQXYL2') });
    expect((await w.as.sectionCity.search.all({ text: '碧江康养' })).operators.total).toBe(1);
    expect((await w.as.managerA.search.all({ text: '碧江康养' })).operators.total).toBe(0);
  });
});
