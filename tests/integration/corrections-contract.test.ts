/**
 * Issue 14, corrections of 公建民营 contracts: contract.update corrects a contract's operator,
 * term, money and termination date; contract.undoTermination (撤销终止) lets a contract
 * terminated by mistake run again. The create rules hold (refused with the field named,
 * nothing changed); a change to a contract whose term has begun needs a reason; one reaching a
 * closed month is refused with CLOSED_MONTH until confirmed, and that month's report then
 * shows the difference in its contracts. Audited before/after.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, refusedUnchanged } from '../support/temp-db';
import type { Api } from './helpers';
import type { AppDb } from '../../src-main/db/open';

const REASON = { reason: '合同录入有误' };

/** A 公建民营 home with two contracts: 2020–2024 (ended), and 2025-01-01…2027-12-31 with 铜仁康养. */
async function setup(api: Api) {
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区公建民营养老院', kind: 'nursing_home', ownership: 'public_private', status: 'operating', statusDate: '2019-01-01', initialBeds: { count: 20, nursingCount: 5 } });
  const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' });
  const op2 = await api.operator.create({ name: '贵州颐养服务有限公司', creditCode: '91520600MA6DKQ8X15' });
  const old = await api.contract.create({ facilityId: home.id, operatorId: op2.id, selectionMethod: 'open_tender', startOn: '2020-01-01', endOn: '2024-12-31' });
  const cur = await api.contract.create({ facilityId: home.id, operatorId: op.id, contractNo: 'BJ-2025-01', selectionMethod: 'open_tender', startOn: '2025-01-01', endOn: '2027-12-31', annualFee: 120000 });
  return { home, op, op2, old, cur };
}

function auditRows(db: AppDb, action: string) {
  return (db.sqlite.prepare('SELECT before, after FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ before: string; after: string }>).map((r) => ({
    before: JSON.parse(r.before) as Record<string, unknown>,
    after: JSON.parse(r.after) as Record<string, unknown>,
  }));
}


describe('correcting a contract', () => {
  it('keeps the create rules, asks a reason for a contract already begun, audits before/after', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, endOn: '2024-06-30', ...REASON }), { code: 'END_BEFORE_START', field: 'endOn' });
    // Moving the start back into the old contract's term: two contracts in force on one day.
    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, startOn: '2024-07-01', ...REASON }), { code: 'CONTRACT_OVERLAP', field: 'startOn' });
    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, terminatedOn: '2026-01-01', ...REASON }), { code: 'CONTRACT_NOT_TERMINATED', field: 'terminatedOn' });
    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, annualFee: 130000 }), { code: 'REASON_REQUIRED', field: 'reason' });
    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, annualFee: 120000, ...REASON }), { code: 'NOTHING_TO_CORRECT', field: 'id' });

    const r = await api.contract.update({ id: fx.cur.id, operatorId: fx.op2.id, annualFee: 130000, endOn: '2028-06-30', ...REASON });
    expect(r).toMatchObject({ operatorId: fx.op2.id, annualFeeFen: 13_000_000, endOn: '2028-06-30', startOn: '2025-01-01', closedMonths: [] });
    const [row] = auditRows(db, 'contract.update');
    expect(row!.before).toMatchObject({ operatorId: fx.op.id, annualFeeFen: 12_000_000, endOn: '2027-12-31' });
    expect(row!.after).toMatchObject({ operatorId: fx.op2.id, annualFeeFen: 13_000_000, endOn: '2028-06-30', correctionReason: '合同录入有误' });

    // A contract not begun yet: no reason needed.
    const next = await api.contract.create({ facilityId: fx.home.id, operatorId: fx.op.id, selectionMethod: 'open_tender', startOn: '2029-01-01', endOn: '2031-12-31' });
    expect((await api.contract.update({ id: next.id, contractNo: 'BJ-2029-01' })).contractNo).toBe('BJ-2029-01');
  });

  it('terminated by mistake: the termination date is corrected within the term, or undone with a reason unless another contract runs meanwhile', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await api.contract.terminate({ id: fx.cur.id, terminatedOn: '2026-06-30', reason: '运营方违约' });
    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, terminatedOn: '2028-01-01', ...REASON }), { code: 'TERMINATION_OUTSIDE_TERM', field: 'terminatedOn' });
    const moved = await api.contract.update({ id: fx.cur.id, terminatedOn: '2026-07-31', ...REASON });
    expect(moved.terminatedOn).toBe('2026-07-31');

    await refusedUnchanged(db, () => api.contract.undoTermination({ id: fx.cur.id, reason: ' ' }), { code: 'REASON_REQUIRED', field: 'reason' });
    await refusedUnchanged(db, () => api.contract.undoTermination({ id: fx.old.id, ...REASON }), { code: 'CONTRACT_NOT_TERMINATED', field: 'id' });
    // A successor signed after the termination: undoing it would put two contracts in force.
    const successor = await api.contract.create({ facilityId: fx.home.id, operatorId: fx.op2.id, selectionMethod: 'open_tender', startOn: '2026-08-01', endOn: '2026-09-30' });
    await refusedUnchanged(db, () => api.contract.undoTermination({ id: fx.cur.id, ...REASON }), { code: 'CONTRACT_OVERLAP', field: 'id' });
    await api.contract.terminate({ id: successor.id, terminatedOn: '2026-08-01', reason: '误录' });
    // The successor terminated on its first day is in force on no day: the undo goes through.
    const u = await api.contract.undoTermination({ id: fx.cur.id, reason: '终止登记错了，合同仍在履行' });
    expect(u).toMatchObject({ id: fx.cur.id, terminatedOn: null, terminationReason: '', closedMonths: [] });
    const [row] = auditRows(db, 'contract.undoTermination');
    expect(row!.before).toMatchObject({ terminatedOn: '2026-07-31', terminationReason: '运营方违约' });
    expect(row!.after).toMatchObject({ terminatedOn: null, correctionReason: '终止登记错了，合同仍在履行' });
    expect((await api.contract.list({ inForceOn: '2026-11-30' })).map((c) => c.id)).toEqual([fx.cur.id]);
  });

  it('a correction or undo reaching closed November is refused until confirmed, then November shows the difference', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await api.contract.terminate({ id: fx.cur.id, terminatedOn: '2026-10-31', reason: '运营方退出' });
    await api.month.close({ month: '2026-11' });
    expect((await api.month.report({ month: '2026-11' })).report.contracts.map((c) => c.id)).toEqual([]);

    const err = await refusedUnchanged(db, () => api.contract.undoTermination({ id: fx.cur.id, ...REASON }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect(err.zh).toContain('2026-11');
    expect((await api.contract.undoTermination({ id: fx.cur.id, ...REASON, confirmClosedMonth: true })).closedMonths).toEqual(['2026-11']);
    let m = await api.month.report({ month: '2026-11' });
    expect(m.contractDifferences).toEqual([{ contractId: fx.cur.id, facilityName: '碧江区公建民营养老院', field: 'listed', closed: false, live: true }]);

    await refusedUnchanged(db, () => api.contract.update({ id: fx.cur.id, annualFee: 150000, ...REASON }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    const r = await api.contract.update({ id: fx.cur.id, annualFee: 150000, ...REASON, confirmClosedMonth: true });
    expect(r.closedMonths).toEqual(['2026-11']);
    expect(auditRows(db, 'contract.update')[0]!.after).toMatchObject({ annualFeeFen: 15_000_000, closedMonths: ['2026-11'] });
    // The old contract (2020–2024) reaches no closed month.
    expect((await api.contract.update({ id: fx.old.id, contractNo: 'BJ-2020-01', ...REASON })).closedMonths).toEqual([]);
    m = await api.month.report({ month: '2026-11' });
    expect(m.contractDifferences).toEqual([{ contractId: fx.cur.id, facilityName: '碧江区公建民营养老院', field: 'listed', closed: false, live: true }]);
    console.log(`November contracts: closed ${m.report.contracts.length}, live differences ${JSON.stringify(m.contractDifferences)}`);
  });
});
