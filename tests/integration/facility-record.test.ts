/**
 * The national system's facility record (issue 20, part 1): its fields saved and read back
 * (fees typed in yuan, kept in fen), owned as the ownership map says, licences as dated
 * records; bad input refused naming the field with nothing changed; no figure moves.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { TOMORROW } from './helpers';

async function home() {
  const { db, api } = freshDb();
  const f = await api.facility.create({ regionCode: '520602', name: '碧江区测试养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-03-01' });
  await api.bed.add({ facilityId: f.id, count: 10, nursingCount: 4, labelPattern: '{n}', inServiceFrom: '2020-03-01' });
  const home = db.sqlite.prepare('SELECT uid FROM facilities WHERE id = ?').pluck().get(f.id) as string;
  return { db, api, id: f.id, home };
}

/** The changes of the latest write to the facilities or licences table: owner and audience. */
function lastChange(db: ReturnType<typeof freshDb>['db'], tbl: string) {
  return db.sqlite.prepare('SELECT op, owner, audience, before, after FROM change_log WHERE tbl = ? ORDER BY id DESC LIMIT 1').get(tbl) as
    | { op: string; owner: string; audience: string; before: string | null; after: string }
    | undefined;
}

describe('the national facility record', () => {
  it('saves every field and reads it back; fees in yuan are kept exactly as fen', async () => {
    const h = await home();
    const before = await h.api.report.statistics({ date: '2026-10-31' });
    await h.api.facility.update({
      id: h.id, creditCode: ' 91350100m000100y43 ', legalRep: '王明', registration: 'registered', registrationAuthority: '铜仁市碧江区民政局',
      registeredOn: '2020-01-15', filedOn: '2020-03-10', founder: 'government', buildingArea: 3250.5, landArea: 5000, admissionTargets: '60 周岁以上老年人',
      tekunInstitution: true, regionalCentre: true, latitude: 27.7183, longitude: 109.1895,
    });
    expect(lastChange(h.db, 'facilities')?.owner).toBe('county:520602');
    // the fees and whom the home takes in are the home's own to keep
    await h.api.facility.update({ id: h.id, bedFeeMin: 600, bedFeeMax: 1200.5, careFeeMin: 300, careFeeMax: 2500, mealFeeMin: 450, mealFeeMax: 450, residentDeposit: 3000, legalRepPhone: '0856-5221234' });
    const fees = lastChange(h.db, 'facilities')!;
    expect(fees.owner).toBe(`facility:${h.home}`);
    expect(fees.audience).toBe(`county:520602/facility:${h.home}`);

    const { facility: f } = await h.api.facility.detail({ id: h.id, date: '2026-10-31' });
    expect(f).toMatchObject({
      creditCode: '91350100M000100Y43', legalRep: '王明', legalRepPhone: '0856-5221234', registration: 'registered', registrationAuthority: '铜仁市碧江区民政局',
      registeredOn: '2020-01-15', filedOn: '2020-03-10', founder: 'government', buildingArea: 3250.5, landArea: 5000, admissionTargets: '60 周岁以上老年人',
      bedFeeMinFen: 60_000, bedFeeMaxFen: 120_050, careFeeMinFen: 30_000, careFeeMaxFen: 250_000, mealFeeMinFen: 45_000, mealFeeMaxFen: 45_000, residentDepositFen: 300_000,
      tekunInstitution: true, gloryHome: false, regionalCentre: true, latitude: 27.7183, longitude: 109.1895,
    });
    // adding the record moves no figure
    expect(await h.api.report.statistics({ date: '2026-10-31' })).toEqual(before);
    // a new facility has it empty, its registration 未知
    const fresh = await h.api.facility.create({ regionCode: '520602', name: '碧江区新开敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2024-01-01', filedOn: '2024-01-08' });
    expect(fresh).toMatchObject({ registration: 'unknown', creditCode: '', filedOn: '2024-01-08', founder: null, bedFeeMinFen: null, tekunInstitution: false });
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    const h = await home();
    const planned = await h.api.facility.create({ regionCode: '520602', name: '碧江区规划养老院', kind: 'nursing_home', ownership: 'public', status: 'planned', statusDate: '2025-01-01' });
    const [licence] = [await h.api.facility.addLicence({ facilityId: h.id, kind: 'fire_safety', issuedOn: '2020-02-01' })];
    const cases: Array<[string, () => Promise<unknown>, { code: string; field: string }]> = [
      ['a credit code with a wrong check character', () => h.api.facility.update({ id: h.id, creditCode: '91350100M000100Y44' }), { code: 'CREDIT_CHECKSUM', field: 'creditCode' }],
      ['a credit code of 17 characters', () => h.api.facility.update({ id: h.id, creditCode: '91350100M000100Y4' }), { code: 'CREDIT_LENGTH', field: 'creditCode' }],
      ['a 备案 before the opening', () => h.api.facility.update({ id: h.id, filedOn: '2020-02-29' }), { code: 'FILED_BEFORE_OPENING', field: 'filedOn' }],
      ['a 备案 of a facility not yet open', () => h.api.facility.update({ id: planned.id, filedOn: '2025-02-01' }), { code: 'FILED_BEFORE_OPENING', field: 'filedOn' }],
      ['a 备案 before the opening, on create', () => h.api.facility.create({ regionCode: '520602', name: '碧江区又一养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2024-05-01', filedOn: '2024-04-30' }), { code: 'FILED_BEFORE_OPENING', field: 'filedOn' }],
      ['a 备案 after today', () => h.api.facility.update({ id: h.id, filedOn: TOMORROW }), { code: 'DATE_IN_FUTURE', field: 'filedOn' }],
      ['a registration date while unregistered', () => h.api.facility.update({ id: h.id, registration: 'unregistered', registeredOn: '2020-01-01' }), { code: 'REGISTERED_ON_UNREGISTERED', field: 'registeredOn' }],
      ['a lowest fee above the highest', () => h.api.facility.update({ id: h.id, careFeeMin: 900, careFeeMax: 800 }), { code: 'FEE_RANGE', field: 'careFeeMax' }],
      ['a fee with a third decimal', () => h.api.facility.update({ id: h.id, bedFeeMin: 600.001 }), { code: 'MONEY_PRECISION', field: 'bedFeeMin' }],
      ['a latitude outside China', () => h.api.facility.update({ id: h.id, latitude: 60 }), { code: 'TOO_BIG', field: 'latitude' }],
      ['an expiry before the issue date', () => h.api.facility.addLicence({ facilityId: h.id, kind: 'food', issuedOn: '2024-06-01', expiresOn: '2024-05-31' }), { code: 'EXPIRES_BEFORE_ISSUE', field: 'expiresOn' }],
      ['an expiry moved before the issue date', () => h.api.facility.updateLicence({ facilityId: h.id, licenceId: licence.id, expiresOn: '2020-01-31' }), { code: 'EXPIRES_BEFORE_ISSUE', field: 'expiresOn' }],
      ['a licence of another facility', () => h.api.facility.removeLicence({ facilityId: planned.id, licenceId: licence.id }), { code: 'NOT_FOUND', field: 'licenceId' }],
    ];
    const unchanged = snapshot(h.db);
    for (const [what, call, expected] of cases) {
      const e = await rejection(call());
      expect({ code: e.code, field: e.field }, what).toEqual(expected);
      expect(e.zh.length, what).toBeGreaterThan(0);
      expect(snapshot(h.db), what).toEqual(unchanged);
    }
    // the boundary: a 备案 on the opening day itself is accepted
    await h.api.facility.update({ id: h.id, filedOn: '2020-03-01' });
  });

  it('keeps licences as dated records, owned by the county, within the account scope', async () => {
    const h = await home();
    const a = await h.api.facility.addLicence({ facilityId: h.id, kind: 'liability_insurance', number: 'PICC-2026-001', issuedOn: '2026-01-01', expiresOn: '2026-12-31' });
    expect(lastChange(h.db, 'facility_licences')).toMatchObject({ op: 'insert', owner: 'county:520602', audience: `county:520602/facility:${h.home}` });
    // the uid the trigger gives is in what the call returns and in the audit row
    const uid = h.db.sqlite.prepare('SELECT uid FROM facility_licences WHERE id = ?').pluck().get(a.id) as string;
    expect(uid).toMatch(/^[0-9a-f-]{16,}$/);
    expect(a.uid).toBe(uid);
    const audited = JSON.parse(h.db.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'licence.add' ORDER BY id DESC LIMIT 1").pluck().get() as string) as { uid: string };
    expect(audited.uid).toBe(uid);
    await h.api.facility.addLicence({ facilityId: h.id, kind: 'fire_safety', issuedOn: '2019-12-20', note: '消防验收备案' });
    await h.api.facility.updateLicence({ facilityId: h.id, licenceId: a.id, expiresOn: '2027-12-31' });
    const list = await h.api.facility.licences({ facilityId: h.id });
    expect(list.map((l) => [l.kind, l.issuedOn, l.expiresOn])).toEqual([
      ['fire_safety', '2019-12-20', null],
      ['liability_insurance', '2026-01-01', '2027-12-31'],
    ]);
    const audit = h.db.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'licence.%' ORDER BY id").pluck().all();
    expect(audit).toEqual(['licence.add', 'licence.add', 'licence.update']);

    // an account of another county neither reads nor writes them
    const other = createCaller(h.db, { userId: null, username: 'wanshan', role: 'section', counties: ['520603'] });
    expect((await rejection(other.facility.licences({ facilityId: h.id }))).kind).toBe('forbidden');
    expect((await rejection(other.facility.removeLicence({ facilityId: h.id, licenceId: a.id }))).kind).toBe('forbidden');

    await h.api.facility.removeLicence({ facilityId: h.id, licenceId: a.id });
    expect(lastChange(h.db, 'facility_licences')).toMatchObject({ op: 'delete', owner: 'county:520602' });
    expect((await h.api.facility.licences({ facilityId: h.id })).map((l) => l.kind)).toEqual(['fire_safety']);
  });

  it('keeps 日托 beds to a facility that offers day care, and counts every bed as before', async () => {
    const h = await home();
    const before = await h.api.report.statistics({ date: '2026-10-31' });
    const unchanged = snapshot(h.db);
    const refused = await rejection(h.api.bed.add({ facilityId: h.id, count: 4, nursingCount: 0, labelPattern: 'R{n}', inServiceFrom: '2026-01-01', use: 'day_care' }));
    expect({ code: refused.code, field: refused.field }).toEqual({ code: 'DAY_CARE_NOT_OFFERED', field: 'use' });
    expect(snapshot(h.db)).toEqual(unchanged);

    await h.api.facility.update({ id: h.id, offersDayCare: true });
    const dayBeds = await h.api.bed.add({ facilityId: h.id, count: 4, nursingCount: 0, labelPattern: 'R{n}', inServiceFrom: '2026-01-01', use: 'day_care' });
    expect(dayBeds.map((b) => b.use)).toEqual(['day_care', 'day_care', 'day_care', 'day_care']);
    // a bed's category still follows its facility's kind: the four are institution beds like the rest
    const after = await h.api.report.statistics({ date: '2026-10-31' });
    const county = (r: typeof after) => r.rows.find((x) => x.code === '520602')!;
    expect(county(after).beds).toEqual({ ...county(before).beds, institution: county(before).beds.institution + 4 });

    // while they are in service the home cannot stop offering day care
    const stop = await rejection(h.api.facility.update({ id: h.id, offersDayCare: false }));
    expect({ code: stop.code, field: stop.field }).toEqual({ code: 'DAY_CARE_BEDS_EXIST', field: 'offersDayCare' });
    // a bed entered as 日托 by mistake is corrected to 全托
    await h.api.bed.correct({ id: dayBeds[0]!.id, use: 'full_time' });
    await h.api.bed.retire({ bedIds: dayBeds.slice(1).map((b) => b.id), retiredOn: '2026-06-01' });
    await h.api.facility.update({ id: h.id, offersDayCare: false });
    const wrong = await rejection(h.api.bed.correct({ id: dayBeds[0]!.id, use: 'day_care' }));
    expect({ code: wrong.code, field: wrong.field }).toEqual({ code: 'DAY_CARE_NOT_OFFERED', field: 'use' });

    // a day-care centre takes 日托 beds without the setting
    const centre = await h.api.facility.create({ regionCode: '520602', name: '碧江区日间照料中心', kind: 'day_care', ownership: 'public', status: 'operating', statusDate: '2025-01-01' });
    expect((await h.api.bed.add({ facilityId: centre.id, count: 2, nursingCount: 0, labelPattern: 'D{n}', inServiceFrom: '2025-01-01', use: 'day_care' })).length).toBe(2);
  });
});
