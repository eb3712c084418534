/**
 * What a regulator checks (issue 20, part 2; docs/domain.md#regulator-checks), each at its
 * boundary, on a real store through the api: 备案 by the 10th working day around the National
 * Day holiday, a licence on its 30th day, the care-worker ratio exactly met, a 特困 resident at a
 * suspended home, reserved 公建民营 beds held by others while a priority applicant waits; and
 * the unregistered 乡镇敬老院 left out of the institutions (part 1).
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src-main/domain/dates';
import { freshDb, FULL_SCORES, rejection } from '../support/temp-db';
import { idFor, type Api } from './helpers';

type Dq = Awaited<ReturnType<Api['report']['dataQuality']>>;
const codes = (items: Dq, code: string) => items.filter((i) => i.code === code);

async function homeWithBeds(api: Api, name: string, opts: { kind?: 'nursing_home' | 'support_home'; ownership?: 'public' | 'public_private'; beds?: number; opened?: string } = {}) {
  const opened = opts.opened ?? '2026-09-01';
  const f = await api.facility.create({ regionCode: '520602', name, kind: opts.kind ?? 'nursing_home', ownership: opts.ownership ?? 'public', status: 'operating', statusDate: opened });
  const beds = await api.bed.add({ facilityId: f.id, count: opts.beds ?? 10, nursingCount: 0, labelPattern: '{n}', inServiceFrom: opened });
  return { id: f.id, beds: beds.map((b) => b.id) };
}

let n = 0;
async function admit(api: Api, bedId: number, admittedOn: string, flags: { tekun?: boolean; dibao?: boolean } = {}) {
  n += 1;
  const r = await api.resident.create({ name: `测试${n}`, idNumber: idFor(n), householdRegionCode: '520602', ...(flags.tekun ? { tekun: true, tekunSelfCare: 'partial' as const } : {}), ...(flags.dibao ? { dibao: true } : {}) });
  await api.stay.admit({ residentId: r.id, bedId, admittedOn });
  return r;
}

/** GB/T 42195 scores of a final level: 90 → 0, 74 → 1 (自理能力 −16), 45 → 3. */
const SCORES: Record<0 | 1 | 3, typeof FULL_SCORES> = {
  0: FULL_SCORES,
  1: { ...FULL_SCORES, eating: 0, grooming: 0, bathing: 0, dressingUpper: 0 },
  3: { ...FULL_SCORES, eating: 0, grooming: 0, bathing: 0, dressingUpper: 0, dressingLower: 0, urinaryControl: 0, bowelControl: 0, toileting: 0, bedPosition: 0, bedChairTransfer: 0, walking: 1, stairs: 1 },
};
async function assess(api: Api, residentId: number, level: 0 | 1 | 3, assessedOn: string) {
  await api.assessment.record({ residentId, assessedOn, reason: 'first', coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙', scores: SCORES[level] });
}

describe('regulator checks', () => {
  it('备案: due on the 10th working day after the first admission, counted around the National Day holiday', async () => {
    const { api } = freshDb();
    // Thursday 2026-09-24; off 25–27 (中秋) and 1–7 October (国庆), 10 October (Saturday) a make-up working day:
    // 28, 29, 30 Sep, 8, 9, 10, 12, 13, 14, 15 Oct → due 2026-10-15.
    const h = await homeWithBeds(api, '碧江区备案测试养老院');
    await admit(api, h.beds[0]!, '2026-09-24');
    const due = await api.report.dataQuality({ date: '2026-10-15' });
    expect(codes(due, 'FILING_DUE').map((i) => i.zh)).toEqual(['“碧江区备案测试养老院”自 2026-09-24 收住老人，应于 2026-10-15 前备案']);
    expect(codes(await api.report.dataQuality({ date: '2026-10-16' }), 'FILING_OVERDUE')).toHaveLength(1);
    expect(codes(await api.report.dataQuality({ date: '2026-10-16' }), 'FILING_DUE')).toHaveLength(0);

    await api.facility.update({ id: h.id, filedOn: '2026-10-15' });
    const onTime = await api.report.dataQuality({ date: '2026-11-30' });
    expect(onTime.filter((i) => i.code.startsWith('FILING'))).toEqual([]);
    await api.facility.update({ id: h.id, filedOn: '2026-10-16' });
    expect(codes(await api.report.dataQuality({ date: '2026-11-30' }), 'FILING_LATE').map((i) => i.zh)).toEqual([
      '“碧江区备案测试养老院”于 2026-10-16 备案，晚于期限 2026-10-15（首次收住 2026-09-24，10 个工作日）',
    ]);
    // the setting moves the deadline
    await api.settings.update({ filingDeadlineWorkdays: 11 });
    expect(codes(await api.report.dataQuality({ date: '2026-11-30' }), 'FILING_LATE')).toEqual([]);
  });

  it('a year the holiday calendar lacks counts Monday to Friday and says so, until the administrator enters it', async () => {
    const { api } = freshDb();
    const h = await homeWithBeds(api, '碧江区跨年养老院', { opened: '2025-12-01' });
    await admit(api, h.beds[0]!, '2025-12-26');
    const before = await api.report.dataQuality({ date: '2026-01-05' });
    expect(codes(before, 'WORK_CALENDAR_MISSING')).toMatchObject([{ severity: 'warning', entity: 'settings', zh: expect.stringContaining('2025 年的节假日安排尚未录入') }]);
    // 2025-12-26 Friday: 29, 30, 31 Dec (Mon–Wed), then 2026: 1–3 Jan off, 4 Jan (Sunday) worked, 5–9 Jan, 12 Jan → the 10th
    expect(codes(before, 'FILING_DUE')[0]!.zh).toContain('应于 2026-01-12 前备案');
    const settings = await api.settings.get();
    await api.settings.update({ workCalendar: { ...settings.workCalendar, '2025': { holidays: ['2025-12-31'], workdays: [], source: '测试用' } } });
    const after = await api.report.dataQuality({ date: '2026-01-05' });
    expect(codes(after, 'WORK_CALENDAR_MISSING')).toEqual([]);
    // 31 December now off: one working day later
    expect(codes(after, 'FILING_DUE')[0]!.zh).toContain('应于 2026-01-13 前备案');
  });

  it('refuses a calendar date outside its year or a day both off and worked, naming the field', async () => {
    const { api } = freshDb();
    const settings = await api.settings.get();
    const outside = await rejection(api.settings.update({ workCalendar: { ...settings.workCalendar, '2027': { holidays: ['2026-12-31'], workdays: [], source: '测试' } } }));
    expect({ code: outside.code, field: outside.field }).toEqual({ code: 'CALENDAR_DATE_OUTSIDE_YEAR', field: 'workCalendar.2027' });
    expect(outside.zh).toContain('2026-12-31');
    const both = await rejection(api.settings.update({ workCalendar: { '2027': { holidays: ['2027-01-02'], workdays: ['2027-01-02'], source: '测试' } } }));
    expect(both.code).toBe('CALENDAR_DAY_BOTH');
    expect((await api.settings.get()).workCalendar).toEqual(settings.workCalendar);
  });

  it('a licence: expiring through the 30th day, not on the 31st; expired the day after its expiry; a renewal supersedes it', async () => {
    const { api } = freshDb();
    const h = await homeWithBeds(api, '碧江区证照测试养老院', { opened: '2024-01-01' });
    const d = '2026-11-30';
    const l = await api.facility.addLicence({ facilityId: h.id, kind: 'food', issuedOn: '2024-01-01', expiresOn: addDays(d, 30) });
    const ofLicences = async (date: string) => (await api.report.dataQuality({ date })).filter((i) => i.code.startsWith('LICENCE')).map((i) => i.code);
    expect(await ofLicences(d)).toEqual(['LICENCE_EXPIRING']);
    await api.facility.updateLicence({ facilityId: h.id, licenceId: l.id, expiresOn: addDays(d, 31) });
    expect(await ofLicences(d)).toEqual([]);
    await api.facility.updateLicence({ facilityId: h.id, licenceId: l.id, expiresOn: d });
    expect(await ofLicences(d)).toEqual(['LICENCE_EXPIRING']);
    expect(await ofLicences(addDays(d, 1))).toEqual(['LICENCE_EXPIRED']);
    await api.facility.addLicence({ facilityId: h.id, kind: 'food', issuedOn: '2026-11-01', expiresOn: '2031-10-31' });
    expect(await ofLicences(addDays(d, 1))).toEqual([]);
    await api.settings.update({ licenceWarningDays: 60 });
    await api.facility.addLicence({ facilityId: h.id, kind: 'liability_insurance', issuedOn: '2026-01-01', expiresOn: addDays(d, 45) });
    expect(await ofLicences(d)).toEqual(['LICENCE_EXPIRING']);
  });

  it('care workers: the ability mix exactly met is no finding; one short is', async () => {
    const { api } = freshDb();
    // ratios 1:3 自理 / 1:2 部分失能 / 1:1 失能: 3 + 2 + 1 residents need exactly 3 workers
    await api.settings.update({ careRatioSelfCare: 3, careRatioPartial: 2, careRatioDisabled: 1 });
    const h = await homeWithBeds(api, '碧江区配比测试养老院', { opened: '2020-01-01' });
    const levels: Array<0 | 1 | 3 | null> = [0, 0, null, 1, 1, 3];
    for (const [i, level] of levels.entries()) {
      const r = await admit(api, h.beds[i]!, '2020-06-01');
      if (level !== null) await assess(api, r.id, level, '2026-01-10');
    }
    const short = async () => codes(await api.report.dataQuality({ date: '2026-11-30' }), 'CARE_WORKERS_SHORT');
    await api.facility.update({ id: h.id, careWorkerCount: 3 });
    expect(await short()).toEqual([]);
    await api.facility.update({ id: h.id, careWorkerCount: 2 });
    expect((await short()).map((i) => i.zh)).toEqual(['“碧江区配比测试养老院”在住自理 3 人、部分失能 2 人、失能 1 人，按 1:3 / 1:2 / 1:1 需护理员 3 人，现有 2 人']);
    // one more self-care resident: 4/3 + 1 + 1 rounds up to 4
    await api.facility.update({ id: h.id, careWorkerCount: 3 });
    await admit(api, h.beds[6]!, '2020-06-01');
    expect((await short())[0]!.zh).toContain('需护理员 4 人，现有 3 人');
    await api.facility.update({ id: h.id, careWorkerCount: 4 });
    expect(await short()).toEqual([]);
  });

  it('a 特困 resident at a suspended facility is named; the unregistered 乡镇敬老院 leaves the institutions but not the 特困 rate', async () => {
    const { api } = freshDb();
    const home = await homeWithBeds(api, '碧江区停业养老院', { opened: '2020-01-01' });
    const tekun = await admit(api, home.beds[0]!, '2020-02-01', { tekun: true });
    await api.facility.setStatus({ facilityId: home.id, status: 'suspended', effectiveOn: '2026-11-01' });
    expect(codes(await api.report.dataQuality({ date: '2026-10-31' }), 'TEKUN_AT_SUSPENDED')).toEqual([]);
    expect(codes(await api.report.dataQuality({ date: '2026-11-30' }), 'TEKUN_AT_SUSPENDED')).toMatchObject([{ severity: 'error', entity: 'resident', entityId: tekun.id }]);

    const jly = await homeWithBeds(api, '碧江区乡镇敬老院', { kind: 'support_home', beds: 8, opened: '2020-01-01' });
    await admit(api, jly.beds[0]!, '2020-02-01', { tekun: true });
    const figures = async () => {
      const s = await api.report.statistics({ date: '2026-11-30' });
      const row = s.rows.find((r) => r.code === '520602')!;
      return { facilities: row.facilities, institutionBeds: row.beds.institution, residents: row.residents, tekun: row.tekunUnableResidents, uncounted: s.uncountedFacilities };
    };
    const counted = { facilities: 1, institutionBeds: 8, residents: 1, tekun: 1, uncounted: 0 };
    expect(await figures()).toEqual(counted); // 未知 counts as before
    await api.facility.update({ id: jly.id, registration: 'registered' });
    expect(await figures()).toEqual(counted);
    await api.facility.update({ id: jly.id, registration: 'unregistered' });
    expect(await figures()).toEqual({ facilities: 0, institutionBeds: 0, residents: 0, tekun: 1, uncounted: 1 });
    expect((await api.report.statistics({ date: '2026-11-30' })).planProgress.find((p) => p.metric === 'support_home_count')!.actual).toBe(0);
    await api.settings.update({ excludeUnregisteredSupportHomes: false });
    expect(await figures()).toEqual(counted);
  });

  it('reserved 公建民营 beds holding others while a priority applicant waits', async () => {
    const { api } = freshDb();
    const h = await homeWithBeds(api, '碧江区公建民营养老院', { ownership: 'public_private', beds: 3, opened: '2024-01-01' });
    const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' });
    await api.contract.create({ facilityId: h.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn: '2028-12-31', reservedBeds: 2 });
    await admit(api, h.beds[0]!, '2024-02-01');
    const held = async () => codes(await api.report.dataQuality({ date: '2026-11-30' }), 'RESERVED_BEDS_HELD');
    // one other resident fits the one unreserved bed
    n += 1;
    const applicant = await api.resident.create({ name: `轮候${n}`, idNumber: idFor(n), dibao: true });
    await api.waiting.add({ facilityId: h.id, residentId: applicant.id, appliedOn: '2026-10-01' });
    expect(await held()).toEqual([]);
    // a second one takes a reserved bed while the 低保 applicant waits
    await admit(api, h.beds[1]!, '2026-10-10');
    expect((await held()).map((i) => i.zh)).toEqual(['公建民营机构“碧江区公建民营养老院”为特困、低保、低收入老人保留的 2 张床位中有 1 张住着其他老人，另有 1 位优先对象在轮候']);
    // before the application there was nobody waiting
    expect(codes(await api.report.dataQuality({ date: '2026-09-30' }), 'RESERVED_BEDS_HELD')).toEqual([]);
  });
});
