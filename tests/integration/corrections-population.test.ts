/**
 * Issue 14, corrections of population figures (region.upsertPopulation). A yearly figure holds
 * for the months of its year and later years until the region's next figure. Changing a figure
 * already there is a correction: a reason when the year is over, CLOSED_MONTH until confirmed
 * when a closed month uses it, before/after audited, and the closed month then shows the
 * difference. Entering a figure where there was none asks no reason, only the confirmation.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, refusedUnchanged } from '../support/temp-db';
import type { Api } from './helpers';
import type { AppDb } from '../../src-main/db/open';

const REASON = { reason: '统计年鉴数据更正' };

/** 碧江区: a home with 100 beds from 2020; population 60+ 40000 (2025) and 50000 (2026). */
async function setup(api: Api) {
  const home = await api.facility.create({
    regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01',
    initialBeds: { count: 100, nursingCount: 40 },
  });
  const y2025 = await api.region.upsertPopulation({ regionCode: '520602', year: 2025, population60: 40000, population80: 5000, tekunUnable: 10 });
  const y2026 = await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 50000, population80: 6000, tekunUnable: 12 });
  return { home, y2025, y2026 };
}

function auditRows(db: AppDb, id: number) {
  return (db.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = 'population.upsert' AND entity_id = ? ORDER BY id").all(String(id)) as Array<{ before: string | null; after: string }>).map((r) => ({
    before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
    after: JSON.parse(r.after) as Record<string, unknown>,
  }));
}


describe('correcting population figures', () => {
  it('keeps 80+ within 60+, asks a reason for a past year, and audits before/after', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refusedUnchanged(db, () => api.region.upsertPopulation({ regionCode: '520602', year: 2026, population80: 60000, ...REASON }), { code: 'POPULATION_80_EXCEEDS_60', field: 'population80' });
    // 2025 is over: changing its figure needs the reason.
    const err = await refusedUnchanged(db, () => api.region.upsertPopulation({ regionCode: '520602', year: 2025, population60: 41000 }), { code: 'REASON_REQUIRED', field: 'reason' });
    expect(err.zh).toContain('2025');
    const r = await api.region.upsertPopulation({ regionCode: '520602', year: 2025, population60: 41000, ...REASON });
    expect(r).toMatchObject({ id: fx.y2025.id, population60: 41000, population80: 5000, closedMonths: [] });
    const [, row] = auditRows(db, fx.y2025.id);
    expect(row!.before).toMatchObject({ population60: 40000 });
    expect(row!.after).toMatchObject({ population60: 41000, correctionReason: '统计年鉴数据更正', closedMonths: [] });
    // The current year's figure is still being refined: no reason asked while no month is closed.
    expect(await api.region.upsertPopulation({ regionCode: '520602', year: 2026, tekunUnable: 13 })).toMatchObject({ tekunUnable: 13, closedMonths: [] });
  });

  it('a correction reaching closed November is refused until confirmed, then November shows the difference', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await api.month.close({ month: '2026-11' });
    const closed = (await api.month.report({ month: '2026-11' })).report.statistics.rows.find((x) => x.code === '520602')!;
    expect(closed.population60).toBe(50000);

    const err = await refusedUnchanged(db, () => api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 52000 }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect(err.zh).toContain('2026-11');
    const r = await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 52000, confirmClosedMonth: true });
    expect(r.closedMonths).toEqual(['2026-11']);
    expect(auditRows(db, fx.y2026.id).at(-1)).toMatchObject({ before: { population60: 50000 }, after: { population60: 52000, closedMonths: ['2026-11'] } });

    const m = await api.month.report({ month: '2026-11' });
    expect(m.source).toBe('snapshot');
    expect(m.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'population60', closed: 50000, live: 52000 });
    const bpt = m.differences.find((d) => d.code === '520602' && d.field === 'bedsPerThousand')!;
    expect(bpt.closed).toBeCloseTo(2, 6);
    expect(bpt.live).toBeCloseTo(100 / 52, 6);
    console.log(`November 碧江区 population 60+: closed 50000, live 52000; beds per 1,000: closed ${bpt.closed}, live ${bpt.live}`);

    // 2025's figure no longer reaches November (2026 has its own): a reason, no confirmation.
    expect((await api.region.upsertPopulation({ regionCode: '520602', year: 2025, population60: 42000, ...REASON })).closedMonths).toEqual([]);
    // A first figure where there was none is an entry: no reason, but November is asked about.
    await refusedUnchanged(db, () => api.region.upsertPopulation({ regionCode: '520603', year: 2024, population60: 30000 }), { code: 'CLOSED_MONTH', field: 'confirmClosedMonth' });
    expect((await api.region.upsertPopulation({ regionCode: '520603', year: 2024, population60: 30000, confirmClosedMonth: true })).closedMonths).toEqual(['2026-11']);
    // Unchanged figures change nothing that needs asking.
    expect((await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 52000 })).closedMonths).toEqual([]);
  });
});
