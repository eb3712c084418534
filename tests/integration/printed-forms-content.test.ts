/**
 * The printouts' content (services/facility-forms.ts, services/county-form.ts) on the demo
 * database and small fresh ones: a facility's 床位一览表 holds every bed in service once with
 * the occupant the bed board shows; its 在住老人名单 holds exactly who stays there on the date,
 * with age, level, category and bed; a county's summary carries the figures of the month
 * report as reported (frozen once closed). Who may have them, and the audit of the named lists.
 */
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { ageOn, todayIso } from '../../src-main/domain/dates';
import { CARE_TYPE } from '../../src-main/domain/enums';
import { cellValue, INTERNAL_MARK, type FormBars, type FormCell, type FormTable, type PrintedForm } from '../../src-main/domain/printed-form';
import { ABILITY_HEADERS } from '../../src-main/services/month-form';
import type { AppDb } from '../../src-main/db/open';
import { idFor } from './helpers';
import { freshDb, rejection } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

const DATE = '2026-10-31';
const MONTH = '2026-10';

async function demo() {
  const t = freshDb();
  await seedDemo(t.db);
  return t;
}

/** The PrintedForm rules every form keeps. */
function checkRules(form: PrintedForm, internal: boolean): void {
  expect(form.title.trim()).not.toBe('');
  expect(form.unit.trim()).not.toBe('');
  expect(form.period.trim()).not.toBe('');
  expect(form.units.trim()).not.toBe('');
  expect(form.internal).toBe(internal);
  expect(form.fileName).toMatch(/\.xlsx$/);
  expect(form.fileName).not.toMatch(/[\\/:*?"<>|\s]/);
  expect(form.pages.length).toBeGreaterThan(0);
  for (const p of form.pages) {
    expect(p.sheet.length).toBeLessThanOrEqual(31);
    for (const b of p.blocks) if (b.type === 'table') for (const row of b.rows) expect(row).toHaveLength(b.columns.length);
  }
  expect(INTERNAL_MARK).toBe('内部资料');
}

function tables(form: PrintedForm): FormTable[] {
  return form.pages.flatMap((p) => p.blocks.filter((b): b is FormTable => b.type === 'table'));
}

function note(form: PrintedForm): string {
  return form.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'note' ? [b.text] : []))).join('\n');
}

function printAudits(db: AppDb) {
  return db.sqlite
    .prepare("SELECT user_id AS userId, username, action, entity, entity_id AS entityId, before, after FROM audit_log WHERE action LIKE 'facility.print%' ORDER BY id")
    .all() as Array<{ userId: number | null; username: string; action: string; entity: string; entityId: string; before: string | null; after: string }>;
}

/** A demo facility with beds and residents on DATE. */
async function busyFacility(api: ReturnType<typeof freshDb>['api']) {
  const occ = await api.facility.occupancy({ date: DATE });
  const f = occ.filter((o) => o.occupiedBeds > 0 && o.freeBeds > 0).sort((a, b) => b.beds - a.beds)[0]!;
  return f;
}

describe('床位一览表 (form.facilityBeds)', () => {
  it('lists every bed in service once, in the bed board order, with the occupant the board shows or 空, and the totals', async () => {
    const { api, db } = await demo();
    const occ = await busyFacility(api);
    const facility = (await api.facility.detail({ id: occ.facilityId, date: DATE })).facility;

    // One free bed retired in October: on 2026-10-31 it is out of service and left out.
    const board0 = await api.bed.board({ facilityId: occ.facilityId, date: DATE });
    const retired = board0.find((b) => b.state === 'free')!;
    await api.bed.retire({ bedIds: [retired.id], retiredOn: '2026-10-15' });

    const form = await api.form.facilityBeds({ facilityId: occ.facilityId, date: DATE });
    checkRules(form, true);
    expect(form.kind).toBe('facilityBeds');
    expect(form.title).toBe('床位一览表');
    expect(form.unit).toBe(facility.name);
    expect(form.period).toBe(`截至 ${DATE}`);
    expect(form.orientation).toBe('portrait');
    expect(form.state).toContain((await api.region.counties()).find((c) => c.code === facility.regionCode)!.name);
    expect(form.fileName).toBe(`床位一览表_${facility.name}_${DATE}.xlsx`);

    const board = (await api.bed.board({ facilityId: occ.facilityId, date: DATE })).filter((b) => b.state !== 'retired' && b.state !== 'not_yet');
    const [table] = tables(form);
    expect(table!.columns.map((c) => c.title)).toEqual(['楼栋', '房间', '床位号', '类型', '在住老人', '入住日期']);
    expect(table!.rows).toEqual(board.map((b) => [b.building || '—', b.room || '—', b.label, CARE_TYPE[b.careType].zh, b.residentName ?? '空', b.admittedOn]));
    expect(table!.rows.map((r) => r[2])).not.toContain(retired.label);
    // every bed once
    expect(new Set(board.map((b) => b.id)).size).toBe(table!.rows.length);

    // the totals equal the facility's occupancy on the date (one bed fewer than before the retirement)
    const after = (await api.facility.occupancy({ date: DATE, facilityId: occ.facilityId }))[0]!;
    expect(after.beds).toBe(occ.beds - 1);
    expect(table!.rows).toHaveLength(after.beds);
    expect(table!.rows.filter((r) => r[4] !== '空')).toHaveLength(after.occupiedBeds);
    expect(table!.rows.filter((r) => r[4] === '空')).toHaveLength(after.freeBeds);
    expect(table!.rows.filter((r) => r[3] === '护理型')).toHaveLength(after.nursingBeds);
    expect(note(form)).toContain(`共 ${after.beds} 张，其中护理型 ${after.nursingBeds} 张；在住 ${after.occupiedBeds} 张，空床 ${after.freeBeds} 张。`);
    expect(note(form)).toContain('另有 1 张床位在该日已停用或尚未启用，未列入。');
    console.log(`bed list of ${facility.name} on ${DATE}: ${table!.rows.length} beds, ${after.occupiedBeds} occupied, ${after.freeBeds} free, ${after.nursingBeds} nursing`);

    // the export is audited: who, which facility, how many rows — no names
    const audits = printAudits(db);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'facility.printBeds', entity: 'facility', entityId: String(occ.facilityId), before: null });
    expect(JSON.parse(audits[0]!.after)).toEqual({ date: DATE, rows: table!.rows.length });
    for (const b of board) if (b.residentName) expect(audits[0]!.after).not.toContain(b.residentName);

    // without a date: the server's today
    const today = await api.form.facilityBeds({ facilityId: occ.facilityId });
    expect(today.period).toBe(`截至 ${todayIso()}`);
    expect(printAudits(db)).toHaveLength(2);
  });
});

describe('在住老人名单 (form.facilityResidents)', () => {
  it('holds exactly the residents staying there on the date, with age, level, category, bed and admission date, and no ID or phone', async () => {
    const { api, db } = await demo();
    const occ = await busyFacility(api);
    const form = await api.form.facilityResidents({ facilityId: occ.facilityId, date: DATE });
    checkRules(form, true);
    expect(form.kind).toBe('facilityResidents');
    expect(form.title).toBe('在住老人名单');
    expect(form.orientation).toBe('portrait');
    const [table] = tables(form);
    expect(table!.columns.map((c) => c.title)).toEqual(['序号', '姓名', '性别', '年龄', '能力等级', '类别', '床位', '入住日期']);

    // the stays the 在住老人 tab lists for that date
    const stays = (await api.stay.list({ facilityId: occ.facilityId, openOn: DATE })) as Array<{ residentId: number; residentName: string; bedLabel: string | null; admittedOn: string }>;
    expect(table!.rows).toHaveLength(stays.length);
    expect(table!.rows.map((r) => r[0])).toEqual(stays.map((_, i) => i + 1));
    expect(note(form)).toContain(`共 ${stays.length} 人。`);

    const byName = new Map(table!.rows.map((r) => [r[1] as string, r]));
    const levels = new Set<string>();
    const shown: string[] = [];
    for (const st of stays) {
      const row = byName.get(st.residentName)!;
      expect(row, st.residentName).toBeDefined();
      const rec = await api.resident.get({ id: st.residentId });
      const r = rec.resident as typeof rec.resident & { birthDate: string; sex: 'male' | 'female'; tekun: boolean; dibao: boolean; lowIncome: boolean; shidu: boolean; youfu: boolean };
      const latest = rec.assessments
        .filter((a) => a.voidedAt === null && a.assessedOn <= DATE)
        .sort((a, b) => (a.assessedOn === b.assessedOn ? b.id - a.id : b.assessedOn.localeCompare(a.assessedOn)))[0];
      const level = latest === undefined ? ABILITY_HEADERS.none : latest.standard === 'GB/T 42195-2022' ? ABILITY_HEADERS[`l${latest.finalLevel}` as 'l0'] : ABILITY_HEADERS.legacy;
      const cats = (['tekun', 'dibao', 'lowIncome', 'shidu', 'youfu'] as const).filter((k) => Boolean(r[k]));
      const words: Record<(typeof cats)[number], string> = { tekun: '特困', dibao: '低保', lowIncome: '低收入', shidu: '失独', youfu: '优抚对象' };
      expect(row).toEqual([row[0], st.residentName, r.sex === 'male' ? '男' : '女', ageOn(r.birthDate, DATE), level, cats.length ? cats.map((k) => words[k]).join('、') : '—', st.bedLabel ?? '—', st.admittedOn]);
      levels.add(level);
      shown.push(rec.resident.idNumberMasked, ...(r.phone ? [String(r.phone)] : []));
    }
    const withCategory = table!.rows.filter((x) => x[5] !== '—');
    expect(withCategory.length).toBeGreaterThan(0);
    console.log(`resident list of ${occ.name} on ${DATE}: ${stays.length} residents; levels ${[...levels].join(' / ')}; ${withCategory.length} with a category, e.g. ${JSON.stringify(withCategory[0]!.slice(2))}`);

    // no ID numbers, no phone numbers: none of the residents' stored numbers appears
    const ids = db.sqlite.prepare('SELECT id_number AS id, phone FROM residents WHERE id IN (SELECT resident_id FROM stays WHERE facility_id = ?)').all(occ.facilityId) as Array<{ id: string; phone: string | null }>;
    const text = JSON.stringify(form);
    for (const x of ids) {
      expect(text).not.toContain(x.id);
      expect(text).not.toContain(x.id.slice(0, 6) + '********');
      if (x.phone) expect(text).not.toContain(x.phone);
    }
    expect(printAudits(db).map((a) => [a.action, JSON.parse(a.after)])).toEqual([['facility.printResidents', { date: DATE, rows: stays.length }]]);
  });

  it('on a small register: left and future stays are not listed, a day-one admission is, age on the date', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const api = w.as.admin;
    const A = w.a.facility.id;
    const one = await api.form.facilityResidents({ facilityId: A, date: '2026-06-30' });
    expect(tables(one)[0]!.rows).toEqual([[1, '老人1', '男', ageOn('1940-01-01', '2026-06-30'), '能力完好', '—', '1-1', '2026-01-01']]);
    // before the admission: nobody
    const before = await api.form.facilityResidents({ facilityId: A, date: '2025-12-31' });
    expect(tables(before)[0]!.rows).toEqual([]);
    expect(note(before)).toContain('共 0 人。');
    // after the discharge: nobody
    await api.stay.discharge({ stayId: w.a.stay.id, dischargedOn: '2026-07-01', dischargeReason: 'home' });
    expect(tables(await api.form.facilityResidents({ facilityId: A, date: '2026-07-01' }))[0]!.rows).toEqual([]);
    expect(tables(await api.form.facilityResidents({ facilityId: A, date: '2026-06-30' }))[0]!.rows).toHaveLength(1);
  });
});

describe('the age on a chosen date', () => {
  it('does not tell a read-only account the birthday: its ages are today\'s, as on screen', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const A = w.a.facility.id;
    const r = await w.as.admin.resident.create({ name: '周桂兰', idNumber: idFor(77, '520602', '19500815') });
    await w.as.admin.stay.admit({ residentId: r.id, bedId: w.a.beds[1]!.id, admittedOn: '2026-02-01' });
    const ageIn = async (api: typeof w.as.admin, date: string) => tables(await api.form.facilityResidents({ facilityId: A, date }))[0]!.rows.find((x) => x[1] === '周桂兰')![3];
    // an account that may see the birth date: the age on each date (75 before the birthday, 76 on it)
    expect([await ageIn(w.as.managerA, '2026-08-14'), await ageIn(w.as.managerA, '2026-08-15')]).toEqual([75, 76]);
    // a read-only account: the age today on both, so no pair of dates brackets the birthday
    const today = ageOn('1950-08-15', todayIso());
    expect([await ageIn(w.as.reader, '2026-08-14'), await ageIn(w.as.reader, '2026-08-15')]).toEqual([today, today]);
  });
});

describe('who may have the named lists', () => {
  it('a manager of another facility and a county account of another county are refused, and nothing is audited; a read-only account that sees the names may print them', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const B = w.b.facility.id;
    const A = w.a.facility.id;
    const refused: Array<[string, () => Promise<unknown>]> = [
      ['manager of A, beds of B', () => w.as.managerA.form.facilityBeds({ facilityId: B, date: '2026-06-30' })],
      ['manager of A, residents of B', () => w.as.managerA.form.facilityResidents({ facilityId: B, date: '2026-06-30' })],
      ['碧江 account, beds of 万山 facility', () => w.as.sectionBijiang.form.facilityBeds({ facilityId: B, date: '2026-06-30' })],
      ['碧江 account, residents of 万山 facility', () => w.as.sectionBijiang.form.facilityResidents({ facilityId: B, date: '2026-06-30' })],
    ];
    for (const [what, call] of refused) {
      const err = await rejection(call());
      expect({ what, kind: err.kind }).toEqual({ what, kind: 'forbidden' });
      expect(err.zh).toContain('超出您的权限范围');
      expect(err.zh).toContain('万山区乙养老院');
    }
    expect(printAudits(db)).toEqual([]);

    // the same accounts on their own facility, and a read-only city-wide account (it sees the names on screen)
    expect((await w.as.reader.facility.detail({ id: A, date: '2026-06-30' })).residents.map((r) => (r as { residentName: string }).residentName)).toEqual(['老人1']);
    for (const api of [w.as.managerA, w.as.sectionBijiang, w.as.reader]) {
      expect(tables(await api.form.facilityBeds({ facilityId: A, date: '2026-06-30' }))[0]!.rows.map((r) => r[4])).toEqual(['老人1', '空', '空']);
      expect(tables(await api.form.facilityResidents({ facilityId: A, date: '2026-06-30' }))[0]!.rows.map((r) => r[1])).toEqual(['老人1']);
    }
    // the age on the date for accounts that may see the birth date; the age today (as on screen) for a read-only account
    expect(note(await w.as.managerA.form.facilityResidents({ facilityId: A, date: '2026-06-30' }))).not.toContain('按今天');
    expect(note(await w.as.reader.form.facilityResidents({ facilityId: A, date: '2026-06-30' }))).toContain(`其中 1 人本账号不能查看出生日期，年龄按今天 ${todayIso()} 计`);
    expect(note(await w.as.reader.form.facilityResidents({ facilityId: A, date: todayIso() }))).not.toContain('按今天');
    const audits = printAudits(db).slice(0, 6);
    expect(audits.map((a) => [a.userId, a.action, a.entityId])).toEqual(
      [w.users.managerA, w.users.sectionBijiang, w.users.reader].flatMap((u) => [[u.id, 'facility.printBeds', String(A)], [u.id, 'facility.printResidents', String(A)]]),
    );
    for (const a of audits) expect(a.after).not.toContain('老人1');
    // the audit log says it in words, naming the facility
    const log = await w.as.admin.audit.list({ action: 'facility.printBeds' });
    expect(JSON.stringify(log)).toContain('甲养老院');
  });

  it('a county summary: refused for a county outside the scope and for facility managers; nothing read, nothing audited', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const before = db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    const e1 = await rejection(w.as.sectionBijiang.form.county({ regionCode: '520603', month: '2026-06' }));
    expect(e1.kind).toBe('forbidden');
    expect(e1.zh).toContain('520603');
    const e2 = await rejection(w.as.managerA.form.county({ regionCode: '520602', month: '2026-06' }));
    expect(e2.kind).toBe('forbidden');
    const e3 = await rejection(w.as.admin.form.county({ regionCode: '110101', month: '2026-06' }));
    expect(e3).toMatchObject({ code: 'UNKNOWN_COUNTY', field: 'regionCode' });
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before.n);

    // its own county: the summary, and its bars hold only the counties it may see
    const own = await w.as.sectionBijiang.form.county({ regionCode: '520602', month: '2026-06' });
    checkRules(own, false);
    const bars = own.pages[0]!.blocks.find((b): b is FormBars => b.type === 'bars')!;
    expect(bars.bars.map((b) => b.label)).toEqual(['碧江区']);
    const city = await w.as.sectionCity.form.county({ regionCode: '520602', month: '2026-06' });
    expect(city.pages[0]!.blocks.find((b): b is FormBars => b.type === 'bars')!.bars.length).toBeGreaterThan(1);
    expect(JSON.stringify(own)).not.toContain('老人1');
  });
});

describe('县域养老床位情况 (form.county)', () => {
  it('shows the month report figures of the county, the bars of every county, plan progress against county targets; frozen once closed', async () => {
    const { api } = await demo();
    const COUNTY = '520602';
    await api.settings.upsertTarget({ year: 2026, metric: 'total_beds', regionCode: COUNTY, value: 400 });
    const stats = await api.report.statistics({ date: DATE });
    const row = stats.rows.find((x) => x.code === COUNTY)!;

    const check = (form: PrintedForm, r: typeof row) => {
      checkRules(form, false);
      expect(form.kind).toBe('countySummary');
      expect(form.title).toBe(`${r.name}养老服务床位情况（2026年10月）`);
      expect(form.period).toBe('2026年10月');
      expect(form.pages).toHaveLength(1);
      const [figures, plan] = tables(form);
      const fig = new Map(figures!.rows.map((x) => [x[0] as string, x.slice(1, 4).map((c: FormCell) => cellValue(c))]));
      expect(fig.get('60岁及以上人口')).toEqual([r.population60, null, null]);
      expect(fig.get('养老机构床位')![0]).toBe(r.beds.institution);
      expect(fig.get('社区养老服务机构和设施床位')![0]).toBe(r.beds.community);
      expect(fig.get('互助型养老设施床位')![0]).toBe(r.beds.mutual_aid);
      expect(fig.get('计入床位合计')![0]).toBe(r.countedBeds);
      expect(fig.get('每千名老年人拥有养老床位')).toEqual([r.bedsPerThousand, r.targets.bedsPerThousand, r.gaps.bedsPerThousand]);
      expect(fig.get('养老机构护理型床位')![0]).toBe(r.nursingBeds);
      expect(fig.get('养老机构护理型床位占比')).toEqual([r.nursingShare, r.targets.nursingShare, r.gaps.nursingShare]);
      expect(fig.get('在住床位')![0]).toBe(r.occupiedBeds);
      expect(fig.get('入住率')![0]).toBe(r.occupancyRate);
      expect(fig.get('生活不能自理特困人员集中供养率')).toEqual([r.tekunRate, r.targets.tekunRate, r.gaps.tekunRate]);
      // the share gaps are in 个百分点
      const shareRow = figures!.rows.find((x) => x[0] === '养老机构护理型床位占比')!;
      expect((shareRow[3] as { kind: string }).kind).toBe('points');
      // the bars: every county, this one highlighted, the county's target
      const bars = form.pages[0]!.blocks.find((b): b is FormBars => b.type === 'bars')!;
      expect(bars.bars.map((b) => b.label)).toEqual(stats.rows.map((x) => x.name));
      expect(bars.bars.filter((b) => b.highlight).map((b) => b.label)).toEqual([r.name]);
      expect(bars.target).toBe(r.targets.bedsPerThousand);
      // plan progress: the county's own target where set, — elsewhere
      const total = plan!.rows.find((x) => x[0] === '养老床位总数')!;
      const allBeds = r.beds.institution + r.beds.community + r.beds.mutual_aid;
      expect(total).toEqual(['养老床位总数', allBeds, 400, allBeds - 400]);
      expect(plan!.rows.filter((x) => x[0] !== '养老床位总数').every((x) => x[2] === null && x[3] === null)).toBe(true);
      return { figures: figures!, plan: plan!, bars };
    };

    const live = await api.form.county({ regionCode: COUNTY, month: MONTH });
    const parts = check(live, row);
    expect(live.state).toContain('未关账');
    console.log(`county summary ${live.title}: beds per thousand ${row.bedsPerThousand?.toFixed(1)} (target ${row.targets.bedsPerThousand}), counted beds ${row.countedBeds}, ${parts.bars.bars.length} bars, ${parts.plan.rows.length} plan rows`);

    // no resident named
    const names = (await api.resident.list({ limit: 5000 })).rows.map((x) => x.name).filter((n) => n.length >= 3);
    const text = JSON.stringify(live);
    expect(names.filter((n) => text.includes(n))).toEqual([]);

    // close the month, then a correction: the summary keeps the frozen figure
    await api.month.close({ month: MONTH });
    const fac = (await api.facility.list({ counties: [COUNTY], kinds: ['nursing_home'] })).rows[0]!;
    const free = (await api.bed.board({ facilityId: fac.id, date: DATE })).filter((b) => b.state === 'free');
    expect(free.length).toBeGreaterThan(0);
    await api.bed.retire({ bedIds: free.map((b) => b.id), retiredOn: '2026-10-01' });
    const corrected = (await api.report.statistics({ date: DATE })).rows.find((x) => x.code === COUNTY)!;
    expect(corrected.countedBeds).toBe(row.countedBeds - free.length);

    const frozen = await api.form.county({ regionCode: COUNTY, month: MONTH });
    expect(frozen.state).toContain('已关账');
    const closedParts = check(frozen, row);
    expect(closedParts.figures.rows).toEqual(parts.figures.rows);
    const reported = await api.month.report({ month: MONTH });
    expect(reported.source).toBe('snapshot');
    expect(reported.report.statistics.rows.find((x) => x.code === COUNTY)).toEqual(row);
    console.log(`after the close and a correction of ${free.length} beds: live counted beds ${corrected.countedBeds}, the summary still ${cellValue(closedParts.figures.rows.find((x) => x[0] === '计入床位合计')![1]!)}`);
  });
});
