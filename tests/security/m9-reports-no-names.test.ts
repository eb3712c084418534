/**
 * M9 (security review): month workbooks carried residents' names (数据质量: "孙荣 没有能力评估
 * 记录", 53 names in the demo), and city-wide read-only accounts could export them. Now every
 * month report and export counts residents and names none (no name, ID number or phone),
 * whether the month is open, closed, or was closed by an older version that stored names in
 * its snapshot. The named list is a separate internal document (数据质量明细（内部资料）):
 * refused to read-only accounts, cut to each account's scope, audited. `cli check` prints
 * counts unless asked for names.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src-main/cli/check-command';
import { seedDemo } from '../../src-main/cli/demo-data';
import type { AppDb } from '../../src-main/db/open';
import { dataQuality } from '../../src-main/services/data-quality';
import { freshDb, rejection } from '../support/temp-db';
import { callerFor, PASSWORD } from '../support/two-facilities';
import { createCaller } from '../../src-main/api/router';

/** Names and numbers nobody could mistake for other text: every resident renamed, phones set. */
const MARK = '隐私姓名';

function personalData(db: AppDb): string[] {
  db.sqlite.exec(`UPDATE residents SET name = '${MARK}' || id || '号', phone = '139' || printf('%08d', id), emergency_contact = '紧急联系人' || id, emergency_phone = '137' || printf('%08d', id)`);
  const rows = db.sqlite.prepare('SELECT name, id_number AS idNumber, phone, emergency_contact AS contact, emergency_phone AS ePhone FROM residents').all() as Array<Record<string, string>>;
  expect(rows.length).toBeGreaterThan(100);
  return rows.flatMap((r) => [r.name!, r.idNumber!, r.phone!, r.contact!, r.ePhone!]);
}

/** Every cell text (values, rich text, formulas' results) of every sheet, and the raw XML of the whole package. */
async function workbookText(base64: string): Promise<string> {
  const bytes = Buffer.from(base64, 'base64');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.eachSheet((ws) => {
    parts.push(ws.name, JSON.stringify(ws.headerFooter ?? {}));
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => parts.push(JSON.stringify(c.value))));
  });
  const zip = await JSZip.loadAsync(bytes);
  for (const f of Object.values(zip.files)) if (!f.dir) parts.push(await f.async('string'));
  return parts.join('\n');
}

/** A 居民身份证号 and a mobile number, not inside a longer number or a decimal. */
const ID_NUMBER = /(?<![\d.])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d{3}[\dX](?![\d])/g;
const MOBILE = /(?<![\d.])1[3-9]\d{9}(?![\d])/g;

function expectNone(text: string, personal: string[], what: string, patterns = true): void {
  expect(text.includes(MARK), `${what}: a resident's name`).toBe(false);
  const found = personal.filter((p) => text.includes(p));
  expect(found.slice(0, 5), `${what}: personal data`).toEqual([]);
  if (!patterns) return;
  // No full ID number of the pattern either, and no mobile number.
  expect(text.match(ID_NUMBER) ?? [], `${what}: an ID number`).toEqual([]);
  expect(text.match(MOBILE) ?? [], `${what}: a mobile number`).toEqual([]);
}

async function world() {
  const t = freshDb();
  await seedDemo(t.db);
  const personal = personalData(t.db);
  const local = createCaller(t.db);
  // Closed months: 2026-10 by this version; 2026-09 as an older version stored it (named findings, version 1).
  await local.month.close({ month: '2026-10' });
  await local.month.close({ month: '2026-09' });
  const named = dataQuality({ db: t.db, actor: { userId: null, username: 'local', role: 'admin' } }, '2026-09-30');
  expect(named.some((i) => i.entity === 'resident' && i.zh.includes(MARK))).toBe(true);
  const snap = t.db.sqlite.prepare("SELECT s.id, s.data FROM month_snapshots s JOIN month_closes c ON c.snapshot_id = s.id WHERE c.month = '2026-09'").get() as { id: number; data: string };
  const legacy = { ...(JSON.parse(snap.data) as Record<string, unknown>), version: 1, dataQuality: named };
  t.db.sqlite.prepare('UPDATE month_snapshots SET data = ? WHERE id = ?').run(JSON.stringify(legacy), snap.id);

  const admin = await local.account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
  const as = callerFor(t.db, admin.id);
  const facility = t.db.sqlite.prepare("SELECT f.id FROM facilities f JOIN stays s ON s.facility_id = f.id WHERE f.region_code = '520602' GROUP BY f.id ORDER BY count(*) DESC LIMIT 1").get() as { id: number };
  const users = {
    reader: await as.user.create({ username: 'reader', displayName: '只读', role: 'readonly', password: PASSWORD }),
    bijiang: await as.user.create({ username: 'bj', displayName: '碧江科员', role: 'section', counties: ['520602'], password: PASSWORD }),
    manager: await as.user.create({ username: 'mgr', displayName: '院长', role: 'facility', facilityIds: [facility.id], password: PASSWORD }),
  };
  return { ...t, personal, facilityId: facility.id, admin: as, reader: callerFor(t.db, users.reader.id), bijiang: callerFor(t.db, users.bijiang.id), manager: callerFor(t.db, users.manager.id) };
}

describe('reports and exports a read-only city-wide account can reach carry no personal data', () => {
  it('month workbooks (open, closed, closed by an older version), month reports, trends, statistics, data quality, templates', async () => {
    const w = await world();
    const r = w.reader;
    for (const month of ['2026-09', '2026-10', '2026-11']) {
      const wb = await r.month.workbook({ month });
      expect(wb.source).toBe(month === '2026-11' ? 'live' : 'snapshot');
      const text = await workbookText(wb.base64);
      expectNone(text, w.personal, `workbook ${month}`);
      // the 数据质量 sheet counts: e.g. "没有能力评估记录的老人：12 人"
      expect(text).toMatch(/没有能力评估记录的老人：\d+ 人/);
      expectNone(JSON.stringify(await r.month.report({ month })), w.personal, `month.report ${month}`);
      expectNone(JSON.stringify(await r.month.status({ month })), w.personal, `month.status ${month}`);
    }
    expectNone(JSON.stringify(await r.month.trends()), w.personal, 'month.trends');
    expectNone(JSON.stringify(await r.month.list()), w.personal, 'month.list');
    expectNone(JSON.stringify(await r.report.statistics({ date: '2026-10-31' })), w.personal, 'report.statistics');
    // the in-app list: each resident finding kept (the counts stay right), unnamed
    const dq = await r.report.dataQuality({ date: '2026-10-31' });
    expectNone(JSON.stringify(dq), w.personal, 'report.dataQuality');
    const full = await w.admin.report.dataQuality({ date: '2026-10-31' });
    expect(dq).toHaveLength(full.length);
    expect(dq.filter((i) => i.entity === 'residents').length).toBe(full.filter((i) => i.entity === 'resident').length);
    expect(dq.every((i) => i.entity !== 'resident')).toBe(true);
    for (const template of ['facilities', 'beds', 'residents', 'stays', 'population'] as const)
      // (the residents template shows an invented sample ID number: only the database's data counts here)
      expectNone(await workbookText((await r.import.template({ template })).base64), w.personal, `import.template ${template}`, false);

    // The roster is the register itself (names by design, for accounts that may read residents):
    // for a read-only account it carries no full ID or phone number.
    const roster = await workbookText((await r.resident.roster({})).base64);
    expect(roster.match(ID_NUMBER) ?? []).toEqual([]);
    expect(roster.match(MOBILE) ?? []).toEqual([]);
    // The register export (full ID numbers) and the named list are refused.
    expect((await rejection(r.import.exportRegister({ template: 'residents' }))).kind).toBe('forbidden');
    expect((await rejection(r.report.dataQualityInternal({ date: '2026-10-31' }))).kind).toBe('forbidden');
  }, 120_000);

  it('an administrator’s workbook holds no names either (it goes to the province)', async () => {
    const w = await world();
    expectNone(await workbookText((await w.admin.month.workbook({ month: '2026-10' })).base64), w.personal, 'admin workbook');
  }, 120_000);
});

describe('数据质量明细（内部资料）: the named list', () => {
  it('names the residents of a county for its section staff, of their homes for a facility manager, marked internal and audited', async () => {
    const w = await world();
    const bj = await w.bijiang.report.dataQualityInternal({ date: '2026-10-31' });
    expect(bj.fileName).toBe('数据质量明细（内部资料）_2026-10-31.xlsx');
    const text = await workbookText(bj.base64);
    expect(text).toContain('内部资料');
    expect(text).toContain(MARK);
    // only 碧江区's residents
    const named = (await w.admin.report.dataQuality({ date: '2026-10-31' })).filter((i) => i.entity === 'resident');
    const inCounty = named.filter((i) => i.regionCode === '520602');
    const elsewhere = named.filter((i) => i.regionCode !== '520602');
    expect(inCounty.length).toBeGreaterThan(0);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const i of inCounty) expect(text).toContain(i.zh);
    for (const i of elsewhere) expect(text).not.toContain(i.zh);
    expect(bj.rows).toBe((await w.bijiang.report.dataQuality({ date: '2026-10-31' })).length);

    const mine = await w.manager.report.dataQualityInternal({ date: '2026-10-31' });
    const mtext = await workbookText(mine.base64);
    const ofHome = named.filter((i) => i.facilityId === w.facilityId);
    for (const i of named) expect(mtext.includes(i.zh), i.zh).toBe(i.facilityId === w.facilityId);
    expect(mine.rows).toBeGreaterThanOrEqual(ofHome.length);

    const audit = w.db.sqlite.prepare("SELECT username, entity_id AS entityId, after FROM audit_log WHERE action = 'dataQuality.exportInternal' ORDER BY id").all() as Array<{ username: string; entityId: string; after: string }>;
    expect(audit.map((a) => a.username)).toEqual(['bj', 'mgr']);
    expect(audit[0]!.entityId).toBe('2026-10-31');
    expect(JSON.parse(audit[0]!.after)).toEqual({ date: '2026-10-31', rows: bj.rows });
    expect(audit.some((a) => a.after.includes(MARK))).toBe(false);
  }, 120_000);
});

describe('cli check', () => {
  it('prints counts by default and names only with --names', async () => {
    const { db, file } = freshDb();
    await seedDemo(db);
    personalData(db);
    const counts = await checkCommand(file, '2026-10-31');
    expect(counts.ok).toBe(true);
    expect(counts.text).not.toContain(MARK);
    expect(counts.text).toMatch(/RESIDENT_NO_ASSESSMENT \S+ 在住老人没有能力评估：\d+/);
    expect(counts.text).toContain('--names');
    const names = await checkCommand(file, '2026-10-31', true);
    expect(names.text).toContain(MARK);
  }, 120_000);
});
