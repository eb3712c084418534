import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { exportMonthToFile } from '../../src-main/services/month-export';
import { localActor } from '../../src-main/services/local-actor';
import { freshDb, rejection, snapshot } from '../support/temp-db';

const MONTH = '2026-10';

/** The first row under a sheet's header rows (the frozen panes end with the header). */
function firstDataRow(ws: ExcelJS.Worksheet): number {
  return Number((ws.views[0] as { ySplit?: number }).ySplit) + 1;
}

/** Every value of a sheet's top rows (title, unit, period, state), as text. */
function sheetText(ws: ExcelJS.Worksheet): string {
  const out: string[] = [];
  for (let r = 1; r < firstDataRow(ws); r++) ws.getRow(r).eachCell((c) => out.push(String(c.value)));
  return out.join('\n');
}

async function demo() {
  const t = freshDb();
  await seedDemo(t.db);
  return t;
}

describe('month close', () => {
  it('freezes the figures: later corrections change the live figures, not the closed ones, and the difference is reported', async () => {
    const { api } = await demo();
    const before = await api.report.statistics({ date: '2026-10-31' });
    const closed = await api.month.close({ month: MONTH });
    expect(closed.state).toBe('closed');

    // A correction after the report went out: a facility's beds are found to have been in
    // service only from November, and one county's population is corrected.
    const fac = (await api.facility.list({ counties: ['520602'], kinds: ['nursing_home'], ownership: ['public'] })).rows[0]!;
    const beds = (await api.bed.board({ facilityId: fac.id, date: '2026-10-31' })).filter((b) => b.state === 'free');
    await api.bed.retire({ bedIds: beds.map((b) => b.id), retiredOn: '2026-10-01' });
    await api.region.upsertPopulation({ regionCode: '520603', year: 2026, population60: 9999, confirmClosedMonth: true });

    const r = await api.month.report({ month: MONTH });
    expect(r.source).toBe('snapshot');
    expect(r.report.statistics.rows).toEqual(before.rows);
    expect(r.report.statistics.total).toEqual(before.total);

    const live = await api.report.statistics({ date: '2026-10-31' });
    const liveBijiang = live.rows.find((x) => x.code === '520602')!;
    const closedBijiang = before.rows.find((x) => x.code === '520602')!;
    expect(liveBijiang.countedBeds).toBe(closedBijiang.countedBeds - beds.length);
    expect(r.differences).toContainEqual({ code: '520602', name: '碧江区', field: 'countedBeds', closed: closedBijiang.countedBeds, live: liveBijiang.countedBeds });
    expect(r.differences).toContainEqual(expect.objectContaining({ code: '520603', field: 'population60', live: 9999 }));
    expect(r.differences.every((d) => d.closed !== d.live)).toBe(true);
  });

  it('reopens only with a reason, re-closes with the new figures, and audits every step', async () => {
    const { api, db } = await demo();
    await api.month.close({ month: MONTH });
    const noReason = await rejection(api.month.reopen({ month: MONTH, reason: ' ' }));
    expect(noReason).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    expect((await api.month.status({ month: MONTH })).state).toBe('closed');

    await api.month.reopen({ month: MONTH, reason: '碧江区人口数更正' });
    expect((await api.month.report({ month: MONTH })).source).toBe('live');
    await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 5000 });
    await api.month.close({ month: MONTH });
    const r = await api.month.report({ month: MONTH });
    expect(r.report.statistics.rows.find((x) => x.code === '520602')!.population60).toBe(5000);
    expect(r.differences).toEqual([]);

    const audit = db.sqlite.prepare("SELECT action, username, after FROM audit_log WHERE entity = 'month' AND entity_id = ? ORDER BY id").all(MONTH) as Array<{ action: string; username: string; after: string }>;
    expect(audit.map((a) => a.action)).toEqual(['month.close', 'month.reopen', 'month.close']);
    expect(audit.every((a) => a.username === 'local')).toBe(true);
    expect(JSON.parse(audit[1]!.after)).toMatchObject({ reopenReason: '碧江区人口数更正', state: 'reopened' });
    const status = await api.month.status({ month: MONTH });
    expect(status.history.map((h) => h.action)).toEqual(['month.close', 'month.reopen', 'month.close']);
    expect(status.history[1]!.reason).toBe('碧江区人口数更正');
    // Both snapshots are kept for the record.
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM month_snapshots WHERE month = ?').get(MONTH) as { n: number }).n).toBe(2);
  });

  it('refuses a month not yet ended, a month before any data, a bad month, a second close and a reopen of an open month — changing nothing', async () => {
    const { api, db } = await demo();
    const before = snapshot(db);
    expect((await rejection(api.month.close({ month: '2099-01' }))).code).toBe('MONTH_NOT_ENDED');
    expect((await rejection(api.month.close({ month: '2010-01' }))).code).toBe('NO_DATA_FOR_MONTH');
    expect((await rejection(api.month.report({ month: '2010-01' }))).code).toBe('NO_DATA_FOR_MONTH');
    expect((await rejection(api.month.close({ month: '2026-13' }))).code).toBe('MONTH_INVALID');
    expect((await rejection(api.month.reopen({ month: MONTH, reason: '更正' }))).code).toBe('MONTH_NOT_CLOSED');
    expect(snapshot(db)).toEqual(before);
    await api.month.close({ month: MONTH });
    expect((await rejection(api.month.close({ month: MONTH }))).code).toBe('MONTH_ALREADY_CLOSED');
  });

  it('trends list the closed months with their frozen figures', async () => {
    const { api } = await demo();
    await api.month.close({ month: '2026-09' });
    await api.month.close({ month: MONTH });
    const t = await api.month.trends();
    expect(t.map((x) => x.month)).toEqual(['2026-09', MONTH]);
    const oct = await api.report.statistics({ date: '2026-10-31' });
    expect(t[1]!.rows.map((r) => r.bedsPerThousand)).toEqual(oct.rows.map((r) => r.bedsPerThousand));
    expect(t[1]!.total.nursingShare).toBe(oct.total.nursingShare);
  });
});

describe('month workbook', () => {
  it('holds every figure of the statistics query, and says on the summary page whether the month is closed', async () => {
    const { api, db, dir } = await demo();
    const out = path.join(dir, '养老床位月报_520600_2026-10.xlsx');
    const ctx = { db, actor: localActor(db) };
    await exportMonthToFile(ctx, MONTH, out);
    const stats = await api.report.statistics({ date: '2026-10-31' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分区县汇总', '机构明细', '公建民营', '能力等级分布', '数据质量']);
    expect(sheetText(wb.getWorksheet('分区县汇总')!)).toContain('未关账');

    const ws = wb.getWorksheet('分区县汇总')!;
    // The header rows end where the panes freeze; the data rows follow.
    const first = firstDataRow(ws);
    const header = (ws.getRow(first - 2).values as unknown[]).slice(1).map((h) => String(h).replace(/\n/g, ''));
    expect(header.slice(0, 3)).toEqual(['区划代码', '区县', '60岁及以上人口（人）']);
    const all = [...stats.rows, stats.total];
    all.forEach((s, i) => {
      const row = ws.getRow(i + first);
      const v = (c: number) => row.getCell(c).value;
      const figure = (x: number | null) => (x === null ? '—' : x);
      expect(v(1)).toBe(s.code);
      expect(v(2)).toBe(s.name);
      expect(v(3)).toBe(figure(s.population60));
      expect([v(5), v(6), v(7), v(8)]).toEqual([s.beds.institution, s.beds.community, s.beds.mutual_aid, s.countedBeds]);
      expect(v(9)).toBe(figure(s.bedsPerThousand));
      expect(v(10)).toBe(figure(s.targets.bedsPerThousand));
      expect(v(11)).toBe(figure(s.gaps.bedsPerThousand));
      expect([v(12), v(13)]).toEqual([s.nursingBeds, figure(s.nursingShare)]);
      expect([v(16), v(17), v(18)]).toEqual([s.occupiedBeds, figure(s.occupancyRate), figure(s.tekunRate)]);
    });
    expect(ws.getCell(first, 9).numFmt).toBe('0.0');
    expect(ws.getCell(first, 13).numFmt).toBe('0.0%');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: first - 1 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: `1:${first - 1}` });

    const fac = wb.getWorksheet('机构明细')!;
    const facilities = (await api.facility.occupancy({ date: '2026-10-31' })).filter((f) => f.status !== null);
    const facFirst = firstDataRow(fac);
    expect(fac.rowCount).toBe(facilities.length + facFirst - 1);
    const sumBeds = facilities.reduce((s, f) => s + f.beds, 0);
    let sheetBeds = 0;
    fac.eachRow((row, n) => {
      if (n >= facFirst) sheetBeds += Number(row.getCell(6).value);
    });
    expect(sheetBeds).toBe(sumBeds);

    // 数据质量: counts per check and county, no resident named (the workbook goes to the province).
    const dq = wb.getWorksheet('数据质量')!;
    const dqFirst = firstDataRow(dq);
    expect((dq.getRow(dqFirst - 1).values as unknown[]).slice(1)).toEqual(['级别', '问题', '区县', '数量', '说明']);
    const findings = await api.report.dataQuality({ date: '2026-10-31' });
    let counted = 0;
    const texts: string[] = [];
    dq.eachRow((row, n) => {
      if (n >= dqFirst && typeof row.getCell(4).value === 'number') counted += Number(row.getCell(4).value);
      row.eachCell((c) => texts.push(String(c.value)));
    });
    expect(counted).toBe(findings.length);
    expect(texts.join('\n')).toMatch(/没有能力评估记录的老人：\d+ 人/);
    const names = (db.sqlite.prepare('SELECT DISTINCT name FROM residents').all() as Array<{ name: string }>).map((r) => r.name);
    const named = findings.filter((f) => f.entity === 'resident');
    expect(named.length).toBeGreaterThan(0);
    for (const f of named) expect(texts.some((t) => t.includes(f.zh)), f.zh).toBe(false);
    expect(names.filter((n) => texts.some((t) => t.includes(`${n} `)))).toEqual([]);

    // Closed: the summary page says so.
    await api.month.close({ month: MONTH });
    await exportMonthToFile(ctx, MONTH, out);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(out);
    expect(sheetText(wb2.getWorksheet('分区县汇总')!)).toContain('已关账');
  });

  it('writing into a missing folder or onto a folder fails clearly and leaves no file behind', async () => {
    const { db, dir } = await demo();
    const ctx = { db, actor: localActor(db) };
    expect((await rejection(exportMonthToFile(ctx, MONTH, path.join(dir, 'missing', 'x.xlsx')))).code).toBe('FOLDER_NOT_FOUND');
    fs.mkdirSync(path.join(dir, 'a-folder.xlsx'));
    expect((await rejection(exportMonthToFile(ctx, MONTH, path.join(dir, 'a-folder.xlsx')))).code).toBe('OUT_IS_FOLDER');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
