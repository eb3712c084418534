/**
 * Issue 14 part 1, stays and assessments: stay.correct (dates and bed), stay.undoLastMove
 * (the latest discharge or transfer) and assessment.void, on real encrypted SQLite files
 * through the api. Every refusal names its field and changes nothing; every correction is
 * audited before/after; one reaching into a closed month is refused with CLOSED_MONTH until
 * confirmed, and the month then shows the difference.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, FULL_SCORES, refusedUnchanged } from '../support/temp-db';
import { idFor, type Api } from './helpers';
import { todayIso } from '../../src-main/domain/dates';

type Db = ReturnType<typeof freshDb>['db'];
const REASON = { reason: '录入错误更正' };

/**
 * 碧江区社会福利院 (operating from 2020-01-01), beds 1-1…1-4 in service from 2020-01-01.
 * 甲 (born 1940-01-01) in bed 1-1 since 2026-01-01; 乙 in bed 1-2 2026-03-01…2026-06-01 (home);
 * 丙 in bed 1-2 since 2026-07-01.
 */
async function setup(api: Api) {
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const beds = await api.bed.add({ facilityId: home.id, count: 4, nursingCount: 2, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
  const jia = await api.resident.create({ name: '甲', idNumber: idFor(1) });
  const yi = await api.resident.create({ name: '乙', idNumber: idFor(2) });
  const bing = await api.resident.create({ name: '丙', idNumber: idFor(3) });
  const sJia = await api.stay.admit({ residentId: jia.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
  const sYi = await api.stay.admit({ residentId: yi.id, bedId: beds[1]!.id, admittedOn: '2026-03-01' });
  await api.stay.discharge({ stayId: sYi.id, dischargedOn: '2026-06-01', dischargeReason: 'home' });
  const sBing = await api.stay.admit({ residentId: bing.id, bedId: beds[1]!.id, admittedOn: '2026-07-01' });
  return { home, beds, jia, yi, bing, sJia, sYi, sBing };
}

function auditRows(db: Db, entityId: number, action: string) {
  return (
    db.sqlite.prepare("SELECT action, username, owner, before, after FROM audit_log WHERE entity IN ('stay', 'assessment') AND entity_id = ? AND action = ? ORDER BY id").all(String(entityId), action) as Array<{
      action: string;
      username: string;
      owner: string | null;
      before: string | null;
      after: string | null;
    }>
  ).map((r) => ({ ...r, before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null, after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null }));
}


describe('stay.correct', () => {
  it('corrects an admission date and a bed, audited before/after with the reason; a past date needs the reason', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sJia.id, admittedOn: '2026-02-01' }), { code: 'REASON_REQUIRED', field: 'reason' });

    const r = await api.stay.correct({ stayId: fx.sJia.id, admittedOn: '2026-02-01', bedId: fx.beds[2]!.id, ...REASON });
    expect(r.stay).toMatchObject({ id: fx.sJia.id, admittedOn: '2026-02-01', bedId: fx.beds[2]!.id, dischargedOn: null });
    expect(r.closedMonths).toEqual([]);
    const [row] = auditRows(db, fx.sJia.id, 'stay.correct');
    expect(row!.before).toMatchObject({ admittedOn: '2026-01-01', bedId: fx.beds[0]!.id });
    expect(row!.after).toMatchObject({ admittedOn: '2026-02-01', bedId: fx.beds[2]!.id, correctionReason: '录入错误更正' });
    expect(row!.owner).toMatch(/^facility:/);
    // The bed board follows: 1-1 free, 1-3 held on 2026-03-01.
    const board = await api.bed.board({ facilityId: fx.home.id, date: '2026-03-01' });
    expect(board.find((b) => b.id === fx.beds[0]!.id)!.state).toBe('free');
    expect(board.find((b) => b.id === fx.beds[2]!.id)!.state).not.toBe('free');
  });

  it('refuses a double-booked bed over the whole new period, a stay before birth, a discharge before admission — naming the field, changing nothing', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    // 乙's old stay onto 1-1, which 甲 holds since 2026-01-01.
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sYi.id, bedId: fx.beds[0]!.id, ...REASON }), { code: 'BED_OCCUPIED', field: 'bedId' });
    // 乙's discharge moved past 丙's admission on the same bed: the start is free, the end is not.
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sYi.id, dischargedOn: '2026-08-01', ...REASON }), { code: 'BED_OCCUPIED', field: 'dischargedOn' });
    // 丙's admission moved back into 乙's stay on 1-2.
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sBing.id, admittedOn: '2026-05-01', ...REASON }), { code: 'BED_OCCUPIED', field: 'admittedOn' });
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sJia.id, admittedOn: '1939-12-31', ...REASON }), { code: 'ADMISSION_BEFORE_BIRTH', field: 'admittedOn' });
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sYi.id, dischargedOn: '2026-02-01', ...REASON }), { code: 'DISCHARGE_BEFORE_ADMISSION', field: 'dischargedOn' });
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sYi.id, admittedOn: '2026-06-02', ...REASON }), { code: 'DISCHARGE_BEFORE_ADMISSION', field: 'admittedOn' });
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sJia.id, dischargedOn: '2026-05-01', ...REASON }), { code: 'STAY_OPEN', field: 'dischargedOn' });
    // A leave must stay inside its stay.
    await api.stay.recordLeave({ stayId: fx.sJia.id, startOn: '2026-02-01', endOn: '2026-02-10' });
    await refusedUnchanged(db, () => api.stay.correct({ stayId: fx.sJia.id, admittedOn: '2026-02-05', ...REASON }), { code: 'LEAVE_OUTSIDE_STAY', field: 'admittedOn' });
    // A second residential stay of the same resident on the same days.
    const again = await api.stay.admit({ residentId: fx.yi.id, bedId: fx.beds[3]!.id, admittedOn: '2026-09-01' });
    await refusedUnchanged(db, () => api.stay.correct({ stayId: again.id, admittedOn: '2026-05-01', ...REASON }), { code: 'RESIDENT_IN_CARE', field: 'admittedOn' });
  });

  it('moves both ends of a transfer when its date is corrected', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const t = await api.stay.transfer({ stayId: fx.sJia.id, toBedId: fx.beds[2]!.id, transferOn: '2026-09-01' });
    const r = await api.stay.correct({ stayId: t.opened.id, admittedOn: '2026-08-15', ...REASON });
    expect(r.stay).toMatchObject({ id: t.opened.id, admittedOn: '2026-08-15' });
    expect(r.linked).toEqual([expect.objectContaining({ id: fx.sJia.id, dischargedOn: '2026-08-15', dischargeReason: 'transfer' })]);
    expect(auditRows(db, fx.sJia.id, 'stay.correct')[0]!.before).toMatchObject({ dischargedOn: '2026-09-01' });
    // …and from the other end: not before the first stay's admission.
    await refusedUnchanged(db, () => api.stay.correct({ stayId: t.opened.id, admittedOn: '2025-12-31', ...REASON }), { code: 'TRANSFER_BEFORE_ADMISSION', field: 'admittedOn' });
    const back = await api.stay.correct({ stayId: fx.sJia.id, dischargedOn: '2026-09-01', ...REASON });
    expect(back.linked).toEqual([expect.objectContaining({ id: t.opened.id, admittedOn: '2026-09-01' })]);
  });
});

describe('stay.undoLastMove', () => {
  it('undoes a transfer (the new stay removed, the old one open again), then has nothing left to undo', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const t = await api.stay.transfer({ stayId: fx.sJia.id, toBedId: fx.beds[2]!.id, transferOn: '2026-09-01' });
    await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.jia.id }), { code: 'REASON_REQUIRED', field: 'reason' });
    const u = await api.stay.undoLastMove({ residentId: fx.jia.id, ...REASON });
    expect(u).toMatchObject({ undone: 'transfer', removedStayId: t.opened.id, stay: { id: fx.sJia.id, dischargedOn: null, dischargeReason: null, bedId: fx.beds[0]!.id } });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM stays WHERE id = ?').get(t.opened.id)).toEqual({ n: 0 });
    const rows = auditRows(db, fx.sJia.id, 'stay.undoTransfer');
    expect(rows[0]!.before).toMatchObject({ dischargedOn: '2026-09-01', dischargeReason: 'transfer' });
    expect(rows[0]!.after).toMatchObject({ dischargedOn: null, correctionReason: '录入错误更正' });
    expect(auditRows(db, t.opened.id, 'stay.undoTransfer')[0]).toMatchObject({ before: { id: t.opened.id, bedId: fx.beds[2]!.id }, after: null });
    await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.jia.id, ...REASON }), { code: 'NOTHING_TO_UNDO', field: 'residentId' });
  });

  it('undoes a discharge only while nothing came after it and the bed is still free', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    // 乙's bed 1-2 is 丙's since 2026-07-01.
    await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.yi.id, ...REASON }), { code: 'BED_OCCUPIED', field: 'residentId' });
    // 乙 admitted again later: the discharge is no longer the last thing that happened.
    await api.stay.discharge({ stayId: fx.sBing.id, dischargedOn: '2026-08-01', dischargeReason: 'home' });
    const again = await api.stay.admit({ residentId: fx.yi.id, bedId: fx.beds[3]!.id, admittedOn: '2026-09-01' });
    await api.stay.discharge({ stayId: again.id, dischargedOn: '2026-10-01', dischargeReason: 'death' });
    const u = await api.stay.undoLastMove({ residentId: fx.yi.id, ...REASON });
    expect(u).toMatchObject({ undone: 'discharge', stay: { id: again.id, dischargedOn: null } });
    expect(auditRows(db, again.id, 'stay.undoDischarge')[0]!.before).toMatchObject({ dischargedOn: '2026-10-01', dischargeReason: 'death' });
    // Now 乙's latest closed stay is the 2026-06-01 discharge, with a stay after it.
    await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.yi.id, ...REASON }), { code: 'LATER_RECORDS', field: 'residentId' });
  });
});

describe('stay.undoLastMove: undoing a discharge', () => {
  it('reopens the stay and the leave the discharge ended, as it was; a finished leave stays finished', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const done = await api.stay.recordLeave({ stayId: fx.sJia.id, startOn: '2026-08-01', endOn: '2026-08-05', reason: '探亲' });
    const away = await api.stay.recordLeave({ stayId: fx.sJia.id, startOn: '2026-09-01', reason: '住院' });
    await api.stay.discharge({ stayId: fx.sJia.id, dischargedOn: '2026-10-01', dischargeReason: 'home' });
    expect((await api.stay.leaves({ stayId: fx.sJia.id })).find((l) => l.id === away.id)!.endOn).toBe('2026-10-01');

    const u = await api.stay.undoLastMove({ residentId: fx.jia.id, ...REASON });
    expect(u).toMatchObject({ undone: 'discharge', stay: { id: fx.sJia.id, dischargedOn: null, dischargeReason: null }, reopenedLeave: { id: away.id, startOn: '2026-09-01', endOn: null, reason: '住院' } });
    const leaves = await api.stay.leaves({ stayId: fx.sJia.id });
    expect(leaves.map((l) => [l.id, l.endOn])).toEqual([
      [away.id, null],
      [done.id, '2026-08-05'],
    ]);
    expect(auditRows(db, fx.sJia.id, 'stay.reopenLeave')[0]).toMatchObject({ before: { id: away.id, endOn: '2026-10-01' }, after: { id: away.id, endOn: null, correctionReason: '录入错误更正' } });
    // The bed board shows 甲 on leave again.
    const board = await api.bed.board({ facilityId: fx.home.id, date: '2026-10-15' });
    expect(board.find((b) => b.id === fx.beds[0]!.id)!.state).not.toBe('free');
  });

  it('is refused when the bed is taken meanwhile or a later stay exists (already above), when the facility stopped operating, or when a death is recorded on another stay', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    // 丙 died at a day-care centre on 2026-09-20, yet a later home discharge of 丙 is on file.
    const centre = await api.facility.create({ regionCode: '520602', name: '碧江区日间照料中心', kind: 'day_care', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    const day = await api.stay.admit({ residentId: fx.bing.id, facilityId: centre.id, admittedOn: '2026-08-01' });
    await api.stay.discharge({ stayId: day.id, dischargedOn: '2026-09-20', dischargeReason: 'death' });
    await api.stay.discharge({ stayId: fx.sBing.id, dischargedOn: '2026-09-25', dischargeReason: 'home' });
    await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.bing.id, ...REASON }), { code: 'RESIDENT_DECEASED', field: 'residentId' });

    // The home suspended from 2026-11-01: 甲's stay cannot reopen from 2026-10-01 to today.
    await api.stay.discharge({ stayId: fx.sJia.id, dischargedOn: '2026-10-01', dischargeReason: 'home' });
    await api.facility.setStatus({ facilityId: fx.home.id, status: 'suspended', effectiveOn: '2026-11-01' });
    const err = await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.jia.id, ...REASON }), { code: 'FACILITY_NOT_OPERATING', field: 'residentId' });
    expect(err.zh).toContain('2026-11-01');
  });

  it('undoing a death discharge is a correction: a reason even when dated today; another discharge of today needs none', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const today = todayIso();
    await api.stay.discharge({ stayId: fx.sJia.id, dischargedOn: today, dischargeReason: 'death' });
    const err = await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: fx.jia.id }), { code: 'REASON_REQUIRED', field: 'reason' });
    expect(err.zh).toContain('死亡');
    const u = await api.stay.undoLastMove({ residentId: fx.jia.id, reason: '死亡登记错了老人' });
    expect(u.stay).toMatchObject({ dischargedOn: null, dischargeReason: null });
    expect(auditRows(db, fx.sJia.id, 'stay.undoDischarge')[0]).toMatchObject({ before: { dischargeReason: 'death', dischargedOn: today }, after: { dischargedOn: null, correctionReason: '死亡登记错了老人' } });
    await api.stay.discharge({ stayId: fx.sBing.id, dischargedOn: today, dischargeReason: 'home' });
    expect((await api.stay.undoLastMove({ residentId: fx.bing.id })).stay).toMatchObject({ id: fx.sBing.id, dischargedOn: null });
  });
});

describe('corrections reaching into a closed November', () => {
  it('refuses with CLOSED_MONTH, saves when confirmed, and November shows the difference', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const ding = await api.resident.create({ name: '丁', idNumber: idFor(4) });
    const s = await api.stay.admit({ residentId: ding.id, bedId: fx.beds[3]!.id, admittedOn: '2026-10-01' });
    await api.stay.discharge({ stayId: s.id, dischargedOn: '2026-11-20', dischargeReason: 'home' });
    await api.month.close({ month: '2026-11' });
    const closedRow = (await api.month.report({ month: '2026-11' })).report.statistics.rows.find((r) => r.code === '520602')!;

    // 丁 actually left on 1 December: a wrong discharge date in a closed month.
    const err = await refusedUnchanged(db, () => api.stay.correct({ stayId: s.id, dischargedOn: '2026-12-01', ...REASON }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect(err.zh).toContain('2026-11');
    const r = await api.stay.correct({ stayId: s.id, dischargedOn: '2026-12-01', ...REASON, confirmClosedMonth: true });
    expect(r.closedMonths).toEqual(['2026-11']);
    expect(auditRows(db, s.id, 'stay.correct')[0]!.after).toMatchObject({ dischargedOn: '2026-12-01', closedMonths: ['2026-11'] });

    const m = await api.month.report({ month: '2026-11' });
    expect(m.source).toBe('snapshot');
    expect(m.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'occupiedBeds', closed: closedRow.occupiedBeds, live: closedRow.occupiedBeds + 1 });
    console.log(`November occupied beds: closed ${closedRow.occupiedBeds}, live ${closedRow.occupiedBeds + 1}`);

    // Undoing a November discharge is a correction of November too.
    const wu = await api.resident.create({ name: '戊', idNumber: idFor(5) });
    const s2 = await api.stay.admit({ residentId: wu.id, bedId: fx.beds[2]!.id, admittedOn: '2026-10-01', confirmClosedMonth: true });
    await api.stay.discharge({ stayId: s2.id, dischargedOn: '2026-11-10', dischargeReason: 'home', confirmClosedMonth: true });
    await refusedUnchanged(db, () => api.stay.undoLastMove({ residentId: wu.id, ...REASON }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect((await api.stay.undoLastMove({ residentId: wu.id, ...REASON, confirmClosedMonth: true })).closedMonths).toEqual(['2026-11']);
  });
});

describe('assessment.void', () => {
  const base = { reason: 'routine' as const, coma: false, diagnosis: 'none' as const, riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' };

  it('keeps the voided assessment marked with reason, who and when; it is no longer the current one nor counted', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const kept = await api.assessment.record({ ...base, residentId: fx.jia.id, assessedOn: '2026-01-05', scores: FULL_SCORES });
    const wrong = await api.assessment.recordLegacy({ residentId: fx.jia.id, assessedOn: '2026-06-01', reason: 'routine', finalLevel: 3, assessor1: '甲', assessor2: '乙' });
    const only = await api.assessment.record({ ...base, residentId: fx.bing.id, assessedOn: '2026-07-02', scores: FULL_SCORES });
    const level = async (id: number) => (await api.resident.list({})).rows.find((r) => r.id === id)!;
    expect(await level(fx.jia.id)).toMatchObject({ latestLevel: 3, latestAssessedOn: '2026-06-01' });
    const before = await api.month.report({ month: '2026-10' });
    expect(before.report.ability.total).toMatchObject({ l0: 1, legacy: 1, none: 0 });

    await refusedUnchanged(db, () => api.assessment.void({ assessmentId: wrong.id, reason: ' ' }), { code: 'REASON_REQUIRED', field: 'reason' });
    const v = await api.assessment.void({ assessmentId: wrong.id, reason: '等级录错，应为另一位老人' });
    expect(v).toMatchObject({ id: wrong.id, voidedBy: 'local', voidReason: '等级录错，应为另一位老人' });
    expect(v.voidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await refusedUnchanged(db, () => api.assessment.void({ assessmentId: wrong.id, reason: '再次作废' }), { code: 'ASSESSMENT_VOIDED', field: 'assessmentId' });

    // Still in the record, marked; the current level is the kept one.
    const listed = await api.assessment.list({ residentId: fx.jia.id });
    expect(listed.map((a) => [a.id, a.voidReason])).toEqual([
      [wrong.id, '等级录错，应为另一位老人'],
      [kept.id, null],
    ]);
    expect(await level(fx.jia.id)).toMatchObject({ latestLevel: 0, latestAssessedOn: '2026-01-05' });
    const [row] = auditRows(db, wrong.id, 'assessment.void');
    expect(row!.before).toMatchObject({ voidedAt: null, finalLevel: 3 });
    expect(row!.after).toMatchObject({ voidReason: '等级录错，应为另一位老人', voidedBy: 'local' });

    // The month report's ability columns: 甲 counts with the kept level-0 assessment.
    const after = await api.month.report({ month: '2026-10' });
    expect(after.report.ability.total).toMatchObject({ l0: 2, legacy: 0, none: 0 });

    // Data quality: with its only assessment voided, 丙 has none.
    const dq = async () => (await api.report.dataQuality({ date: '2026-10-31' })).filter((i) => i.code === 'RESIDENT_NO_ASSESSMENT').map((i) => i.entityId);
    expect(await dq()).not.toContain(fx.bing.id);
    await api.assessment.void({ assessmentId: only.id, reason: '评估表填错' });
    expect(await dq()).toContain(fx.bing.id);
    console.log(`October ability: before void ${JSON.stringify(before.report.ability.total)}, after ${JSON.stringify(after.report.ability.total)}`);
  });

  it('voiding an assessment of a closed month asks for confirmation first', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const a = await api.assessment.record({ ...base, residentId: fx.jia.id, assessedOn: '2026-11-05', scores: FULL_SCORES });
    await api.month.close({ month: '2026-11' });
    await refusedUnchanged(db, () => api.assessment.void({ assessmentId: a.id, reason: '录错老人' }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    const v = await api.assessment.void({ assessmentId: a.id, reason: '录错老人', confirmClosedMonth: true });
    expect(v.voidReason).toBe('录错老人');
    expect(auditRows(db, a.id, 'assessment.void')[0]!.after).toMatchObject({ closedMonths: ['2026-11'] });
  });
});
