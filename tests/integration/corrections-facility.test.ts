/**
 * Issue 14, corrections of facilities and beds: a facility's status history (edit or delete a
 * change, including the opening) and a bed's label, care type and in-service dates. Each
 * correction keeps its invariant (refused with the field named, nothing changed), is audited
 * before/after, and one reaching into a closed month is refused with CLOSED_MONTH until
 * confirmed, after which the month shows the difference.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { idFor, type Api } from './helpers';
import type { AppDb } from '../../src-main/db/open';
import { todayIso } from '../../src-main/domain/dates';

const REASON = '登记时日期录错';

async function register(api: Api) {
  // An old facility reported since 2019, and one entered on 1 December with the wrong date.
  const old = await api.facility.create({
    regionCode: '520602', name: '碧江区中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-01-01',
    initialBeds: { count: 2, nursingCount: 0 },
  });
  const late = await api.facility.create({
    regionCode: '520602', name: '坝黄镇中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-12-01',
    initialBeds: { count: 12, nursingCount: 4 },
  });
  return { old, late };
}

function auditRows(db: AppDb, action: string) {
  return (db.sqlite.prepare('SELECT entity, entity_id AS entityId, before, after, owner FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ entity: string; entityId: string; before: string | null; after: string | null; owner: string | null }>).map(
    (r) => ({ ...r, before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null, after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null }),
  );
}

describe('correcting a facility status history', () => {
  it('keeps one change per day and the opening first, refusing with the field named and changing nothing', async () => {
    const { api, db } = freshDb();
    const { old } = await register(api);
    await api.facility.setStatus({ facilityId: old.id, status: 'suspended', effectiveOn: '2024-03-01' });
    const [suspended, opening] = await api.facility.statusHistory({ id: old.id });
    const before = snapshot(db);

    const taken = await rejection(api.facility.updateStatusChange({ id: suspended!.id, effectiveOn: '2019-01-01', reason: REASON }));
    expect(taken).toMatchObject({ code: 'STATUS_DATE_TAKEN', field: 'effectiveOn' });
    const beforeOpening = await rejection(api.facility.updateStatusChange({ id: suspended!.id, effectiveOn: '2018-06-01', reason: REASON }));
    expect(beforeOpening).toMatchObject({ code: 'CHANGE_BEFORE_OPENING', field: 'effectiveOn' });
    const pastNext = await rejection(api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2025-01-01', reason: REASON }));
    expect(pastNext).toMatchObject({ code: 'OPENING_AFTER_CHANGE', field: 'effectiveOn' });
    const noReason = await rejection(api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2018-01-01' }));
    expect(noReason).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const openingWithLater = await rejection(api.facility.deleteStatusChange({ id: opening!.id, reason: REASON }));
    expect(openingWithLater).toMatchObject({ code: 'OPENING_IN_USE', field: 'id' });
    expect(openingWithLater.zh).toContain('开办');
    expect(snapshot(db)).toEqual(before);
  });

  it('edits and deletes changes, audited before/after for the county, with the reason', async () => {
    const { api, db } = freshDb();
    const { old } = await register(api);
    await api.facility.setStatus({ facilityId: old.id, status: 'suspended', effectiveOn: '2024-03-01' });
    const [suspended, opening] = await api.facility.statusHistory({ id: old.id });

    const moved = await api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2018-07-01', reason: REASON });
    expect(moved).toMatchObject({ id: opening!.id, status: 'operating', effectiveOn: '2018-07-01' });
    await api.facility.deleteStatusChange({ id: suspended!.id, reason: REASON });
    expect((await api.facility.statusHistory({ id: old.id })).map((h) => [h.status, h.effectiveOn])).toEqual([['operating', '2018-07-01']]);
    expect((await api.facility.list({ date: '2025-01-01' })).rows.find((f) => f.id === old.id)?.status).toBe('operating');

    const [update] = auditRows(db, 'facility.updateStatusChange');
    expect(update).toMatchObject({ entity: 'facility', entityId: String(old.id), owner: 'county:520602' });
    expect(update!.before).toMatchObject({ id: opening!.id, effectiveOn: '2019-01-01' });
    expect(update!.after).toMatchObject({ id: opening!.id, effectiveOn: '2018-07-01', reason: REASON, closedMonths: [] });
    const [del] = auditRows(db, 'facility.deleteStatusChange');
    expect(del!.before).toMatchObject({ id: suspended!.id, status: 'suspended', effectiveOn: '2024-03-01' });
    expect(del!.after).toMatchObject({ deleted: true, reason: REASON });
    console.log('status-history audit:', JSON.stringify(update), JSON.stringify(del));
  });

  it('refuses deleting the only opening while the facility has beds, and allows it without beds', async () => {
    const { api, db } = freshDb();
    const { old } = await register(api);
    const [opening] = await api.facility.statusHistory({ id: old.id });
    const before = snapshot(db);
    const withBeds = await rejection(api.facility.deleteStatusChange({ id: opening!.id, reason: REASON }));
    expect(withBeds).toMatchObject({ code: 'OPENING_IN_USE', field: 'id' });
    expect(withBeds.zh).toContain('床位');
    expect(snapshot(db)).toEqual(before);

    const bare = await api.facility.create({ regionCode: '520602', name: '误录机构', kind: 'nursing_home', ownership: 'private', status: 'planned', statusDate: todayIso() });
    const [only] = await api.facility.statusHistory({ id: bare.id });
    await api.facility.deleteStatusChange({ id: only!.id });
    expect(await api.facility.statusHistory({ id: bare.id })).toEqual([]);
  });

  it('a correction of the opening date into a closed November warns first, then shows as a difference', async () => {
    const { api } = freshDb();
    const { late } = await register(api);
    await api.month.close({ month: '2026-11' });
    const closedReport = await api.month.report({ month: '2026-11' });
    const closedRow = closedReport.report.statistics.rows.find((r) => r.code === '520602')!;
    expect(closedRow.countedBeds).toBe(2);

    const [opening] = await api.facility.statusHistory({ id: late.id });
    const warned = await rejection(api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2019-05-01', reason: REASON }));
    expect(warned).toMatchObject({ code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect(warned.zh).toContain('2026-11');
    expect((await api.facility.statusHistory({ id: late.id }))[0]!.effectiveOn).toBe('2026-12-01');

    await api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2019-05-01', reason: REASON, confirmClosedMonth: true });
    // Its beds are still in service from 2026-12-01: correct each of them too.
    const board = await api.bed.board({ facilityId: late.id, date: '2026-12-01' });
    for (const b of board) await api.bed.correct({ id: b.id, inServiceFrom: '2019-05-01', reason: REASON, confirmClosedMonth: true });

    expect((await api.month.status({ month: '2026-11' })).state).toBe('closed');
    const r = await api.month.report({ month: '2026-11' });
    expect(r.source).toBe('snapshot');
    expect(r.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'countedBeds', closed: 2, live: 14 });
    expect(r.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'nursingBeds', closed: 0, live: 4 });
    console.log('2026-11 differences after the opening correction:', JSON.stringify(r.differences.filter((d) => d.code === '520602')));
  });
});

describe('correcting the opening date together with its beds', () => {
  it('moves the beds in service from the old opening date, each audited, and refuses when a stay would fall outside', async () => {
    const { api, db } = freshDb();
    const { late } = await register(api);
    const [opening] = await api.facility.statusHistory({ id: late.id });
    // A bed added later keeps its own date.
    const [extra] = await api.bed.add({ facilityId: late.id, count: 1, nursingCount: 0, labelPattern: 'X-1', inServiceFrom: '2026-12-02' });

    const moved = await api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2019-05-01', moveBeds: true, reason: REASON });
    expect(moved.movedBeds).toBe(12);
    const board = await api.bed.board({ facilityId: late.id, date: '2019-05-01' });
    expect(board.filter((b) => b.state === 'free')).toHaveLength(12);
    expect(board.find((b) => b.id === extra!.id)?.inServiceFrom).toBe('2026-12-02');
    expect(auditRows(db, 'bed.correct')).toHaveLength(12);
    expect(auditRows(db, 'bed.correct')[0]!.before).toMatchObject({ inServiceFrom: '2026-12-01' });
    expect(auditRows(db, 'facility.updateStatusChange')[0]!.after).toMatchObject({ movedBeds: 12, reason: REASON });

    // Moving the opening (and its beds) later than a stay on one of them is refused, nothing changed.
    const r = await api.resident.create({ name: '于发国', idNumber: idFor(2) });
    await api.stay.admit({ residentId: r.id, bedId: board[0]!.id, admittedOn: '2020-01-01' });
    const before = snapshot(db);
    const refused = await rejection(api.facility.updateStatusChange({ id: opening!.id, effectiveOn: '2021-01-01', moveBeds: true, reason: REASON }));
    expect(refused).toMatchObject({ code: 'BED_STAY_BEFORE_SERVICE', field: 'moveBeds' });
    expect(refused.zh).toContain('于发国');
    expect(snapshot(db)).toEqual(before);
  });
});

describe('correcting a bed', () => {
  async function withStay(api: Api) {
    const { old } = await register(api);
    const [b1, b2] = await api.bed.board({ facilityId: old.id, date: '2026-12-01' });
    const r = await api.resident.create({ name: '丁国海', idNumber: idFor(1) });
    const stay = await api.stay.admit({ residentId: r.id, bedId: b1!.id, admittedOn: '2020-03-01' });
    return { old, b1: b1!, b2: b2!, stay };
  }

  it('keeps labels unique per room, retirement after service and every stay inside the period — changing nothing when refused', async () => {
    const { api, db } = freshDb();
    const { b1, b2, stay } = await withStay(api);
    const before = snapshot(db);

    expect(await rejection(api.bed.correct({ id: b2.id, label: b1.label }))).toMatchObject({ code: 'BED_LABEL_TAKEN', field: 'label' });
    expect(await rejection(api.bed.correct({ id: b2.id, retiredOn: '2019-01-01', reason: REASON }))).toMatchObject({ code: 'RETIRE_NOT_AFTER_SERVICE', field: 'retiredOn' });
    expect(await rejection(api.bed.correct({ id: b2.id, inServiceFrom: '2021-01-01', retiredOn: '2020-06-01', reason: REASON }))).toMatchObject({ code: 'RETIRE_NOT_AFTER_SERVICE', field: 'retiredOn' });
    const afterStay = await rejection(api.bed.correct({ id: b1.id, inServiceFrom: '2021-01-01', reason: REASON }));
    expect(afterStay).toMatchObject({ code: 'BED_STAY_BEFORE_SERVICE', field: 'inServiceFrom' });
    expect(afterStay.zh).toContain('丁国海');
    const retiredUnderResident = await rejection(api.bed.correct({ id: b1.id, retiredOn: '2025-01-01', reason: REASON }));
    expect(retiredUnderResident).toMatchObject({ code: 'BED_STAY_AFTER_RETIREMENT', field: 'retiredOn' });
    expect(await rejection(api.bed.correct({ id: b1.id, careType: 'nursing' }))).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    expect(snapshot(db)).toEqual(before);

    // Once discharged, the bed may retire on the day of discharge but not before.
    await api.stay.discharge({ stayId: stay.id, dischargedOn: '2024-05-01', dischargeReason: 'home' });
    expect(await rejection(api.bed.correct({ id: b1.id, retiredOn: '2024-04-30', reason: REASON }))).toMatchObject({ code: 'BED_STAY_AFTER_RETIREMENT', field: 'retiredOn' });
    const retired = await api.bed.correct({ id: b1.id, retiredOn: '2024-05-01', reason: REASON });
    expect(retired.retiredOn).toBe('2024-05-01');
    // … and be put back in service by clearing the date.
    expect((await api.bed.correct({ id: b1.id, retiredOn: null, reason: REASON })).retiredOn).toBeNull();
  });

  it('corrects label, care type and dates, audited before/after for the facility', async () => {
    const { api, db } = freshDb();
    const { old, b2 } = await withStay(api);
    const relabelled = await api.bed.correct({ id: b2.id, room: '101', label: 'A-2' });
    expect(relabelled).toMatchObject({ room: '101', label: 'A-2', careType: 'general', inServiceFrom: '2019-01-01' });
    const corrected = await api.bed.correct({ id: b2.id, careType: 'nursing', inServiceFrom: '2018-10-01', reason: REASON });
    expect(corrected).toMatchObject({ careType: 'nursing', inServiceFrom: '2018-10-01', retiredOn: null });
    const tile = (await api.bed.board({ facilityId: old.id, date: '2018-12-31' })).find((b) => b.id === b2.id)!;
    expect(tile).toMatchObject({ state: 'free', careType: 'nursing', label: 'A-2' });

    const rows = auditRows(db, 'bed.correct');
    expect(rows).toHaveLength(2);
    const uid = (db.sqlite.prepare('SELECT uid FROM facilities WHERE id = ?').get(old.id) as { uid: string }).uid;
    expect(rows[1]).toMatchObject({ entity: 'bed', entityId: String(b2.id), owner: `facility:${uid}` });
    expect(rows[1]!.before).toMatchObject({ careType: 'general', inServiceFrom: '2019-01-01', label: 'A-2' });
    expect(rows[1]!.after).toMatchObject({ careType: 'nursing', inServiceFrom: '2018-10-01', reason: REASON, closedMonths: [] });
    console.log('bed.correct audit:', JSON.stringify(rows[1]));
  });

  it('a care-type correction reaching a closed November warns first, then shows as a difference', async () => {
    const { api, db } = freshDb();
    const { old } = await register(api);
    await api.month.close({ month: '2026-11' });
    const [b1] = await api.bed.board({ facilityId: old.id, date: '2026-11-30' });
    const before = snapshot(db);
    const warned = await rejection(api.bed.correct({ id: b1!.id, careType: 'nursing', reason: REASON }));
    expect(warned).toMatchObject({ code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect(snapshot(db)).toEqual(before);

    await api.bed.correct({ id: b1!.id, careType: 'nursing', reason: REASON, confirmClosedMonth: true });
    const r = await api.month.report({ month: '2026-11' });
    expect(r.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'nursingBeds', closed: 0, live: 1 });
    expect(auditRows(db, 'bed.correct')[0]!.after).toMatchObject({ closedMonths: ['2026-11'] });
    console.log('2026-11 differences after the care-type correction:', JSON.stringify(r.differences.filter((d) => d.code === '520602')));
  });

  it('bed.update changing the care type passes the same reason and closed-month checks as bed.correct', async () => {
    const { api, db } = freshDb();
    const { old } = await register(api);
    await api.month.close({ month: '2026-11' });
    const [b1] = await api.bed.board({ facilityId: old.id, date: '2026-11-30' });
    const before = snapshot(db);
    const noReason = await rejection(api.bed.update({ id: b1!.id, careType: 'nursing' }));
    expect(noReason).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const warned = await rejection(api.bed.update({ id: b1!.id, careType: 'nursing', reason: REASON }));
    expect(warned).toMatchObject({ code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect(snapshot(db)).toEqual(before);
    // a label alone is no correction of the figures: no reason asked
    await api.bed.update({ id: b1!.id, label: 'A-9' });
    await api.bed.update({ id: b1!.id, careType: 'nursing', reason: REASON, confirmClosedMonth: true });
    const r = await api.month.report({ month: '2026-11' });
    expect(r.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'nursingBeds', closed: 0, live: 1 });
  });
});
