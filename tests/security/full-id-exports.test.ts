/**
 * Exported workbooks with full ID numbers (encryption-at-rest issue, item 4): every export
 * that can hold them — the roster with full numbers (`resident.roster`, fullIdNumbers) and the
 * register exports of residents and stays (`import.exportRegister`) — is refused to an account
 * without `revealPersonal` (read-only, city-wide or county-limited) with a message naming the
 * permission, and then nothing is written or audited; an account that may reveal gets a
 * workbook whose first sheet, 封面, says 内部资料, full ID numbers, who exported them, when,
 * and that PIPL applies, with full numbers only of residents it may reveal now; the export is
 * audited. Exports with masked or no numbers keep working for every role and say so on their
 * cover. Real SQLite files through the real api.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../src-main/domain/dates';
import { FULL_ID_EXPORT_REFUSAL } from '../../src-main/domain/personal';
import { exportRegister, holdsFullIds } from '../../src-main/import/export';
import { FULL_ID_TEMPLATES, TEMPLATE_IDS } from '../../src-main/contract/template-ids';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { COVER_SHEET, FULL_ID_NOTICE, MASKED_ID_NOTICE, NO_ID_NOTICE } from '../../src-main/services/export-cover';
import { mayChangeResident } from '../../src-main/services/scope';
import type { AppDb } from '../../src-main/db/open';
import { idFor } from '../integration/helpers';
import { importFile } from '../integration/import-helpers';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { callerFor, PASSWORD, twoFacilities } from '../support/two-facilities';

type Caller = ReturnType<typeof callerFor>;
type FullIdExport = { name: string; action: string; call: (c: Caller) => Promise<{ base64: string }> };

const FULL_ID_EXPORTS: FullIdExport[] = [
  { name: 'resident.roster (full numbers)', action: 'resident.exportFullIds', call: (c) => c.resident.roster({ fullIdNumbers: true }) },
  { name: 'import.exportRegister residents', action: 'import.exportRegister', call: (c) => c.import.exportRegister({ template: 'residents' }) },
  { name: 'import.exportRegister stays', action: 'import.exportRegister', call: (c) => c.import.exportRegister({ template: 'stays' }) },
];

const FULL_ID = /(?<!\d)\d{17}[\dX](?![\dX])/g;

/** Every sheet's cells as text, by sheet, in order. */
async function sheetsOf(base64: string): Promise<Array<{ name: string; text: string }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: Array<{ name: string; text: string }> = [];
  wb.eachSheet((ws) => {
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell({ includeEmpty: false }, (c) => void cells.push(c.text)));
    out.push({ name: ws.name, text: cells.join('\n') });
  });
  return out;
}

/** twoFacilities, a third resident registered in 碧江区 and never admitted, and a county-limited read-only account. */
async function world(db: AppDb) {
  const w = await twoFacilities(db);
  await w.as.admin.resident.create({ name: '未入住', idNumber: idFor(77, '520602', '19500607'), householdRegionCode: '520602' });
  const readerBj = await w.as.admin.user.create({ username: 'reader-bj', displayName: '碧江只读', role: 'readonly', counties: ['520602'], password: PASSWORD });
  return { w, readerBj: callerFor(db, readerBj.id), readerBjId: readerBj.id };
}

const auditCount = (db: AppDb, action: string) => (db.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('exports with full ID numbers', () => {
  it('the registers that hold full numbers are the ones the renderer disables (residents, stays)', () => {
    expect(TEMPLATE_IDS.filter(holdsFullIds)).toEqual([...FULL_ID_TEMPLATES]);
    expect(FULL_ID_TEMPLATES).toEqual(['residents', 'stays']);
  });

  it('are refused to read-only accounts (city-wide and county-limited) with the permission named; nothing is written or audited', async () => {
    const { db } = freshDb();
    const { w, readerBj } = await world(db);
    for (const [who, caller] of [['reader', w.as.reader], ['reader-bj', readerBj]] as const)
      for (const e of FULL_ID_EXPORTS) {
        const before = snapshot(db);
        const err = await rejection(e.call(caller));
        expect({ who, what: e.name, kind: err.kind, zh: err.zh, en: err.en }).toEqual({ who, what: e.name, kind: 'forbidden', zh: FULL_ID_EXPORT_REFUSAL.zh, en: FULL_ID_EXPORT_REFUSAL.en });
        expect(err.zh).toContain('导出完整身份证号需要“查看完整个人信息”权限');
        expect(err.en).toContain('"Reveal personal data"');
        // no row anywhere, the audit log included (the refusal is counted in access_refusals, as every refusal is)
        expect(snapshot(db), `${who}: ${e.name}`).toEqual(before);
      }
    const refused = db.sqlite.prepare("SELECT username, procedure, sum(count) AS n FROM access_refusals WHERE username LIKE 'reader%' GROUP BY username, procedure ORDER BY username, procedure").all();
    expect(refused).toEqual([
      { username: 'reader', procedure: 'import.exportRegister', n: 2 },
      { username: 'reader', procedure: 'resident.roster', n: 1 },
      { username: 'reader-bj', procedure: 'import.exportRegister', n: 2 },
      { username: 'reader-bj', procedure: 'resident.roster', n: 1 },
    ]);
  });

  it('are refused by the services themselves too (a caller that is not the api, such as the CLI)', async () => {
    const { db } = freshDb();
    const { w, readerBjId } = await world(db);
    for (const id of [w.users.reader.id, readerBjId]) {
      const ctx = { db, actor: actorOfUser(userById({ db }, id)!) };
      for (const template of FULL_ID_TEMPLATES) expect((await rejection(exportRegister(ctx, template))).zh).toBe(FULL_ID_EXPORT_REFUSAL.zh);
    }
    expect(auditCount(db, 'import.exportRegister')).toBe(0);
  });

  it('an account that may reveal gets a cover that says 内部资料, full numbers, who, when and PIPL; only residents it may reveal; audited', async () => {
    const { db } = freshDb();
    const { w } = await world(db);
    const today = todayIso();
    const accounts: Array<[string, number, Caller]> = [
      ['admin', w.users.admin.id, w.as.admin],
      ['city', w.users.sectionCity.id, w.as.sectionCity],
      ['bj', w.users.sectionBijiang.id, w.as.sectionBijiang],
      ['mgr-a', w.users.managerA.id, w.as.managerA],
    ];
    const idOwner = new Map((db.sqlite.prepare('SELECT id, id_number AS idNumber FROM residents').all() as Array<{ id: number; idNumber: string }>).map((r) => [r.idNumber, r.id]));
    for (const [username, userId, caller] of accounts) {
      const ctx = { db, actor: actorOfUser(userById({ db }, userId)!) };
      const displayName = userById({ db }, userId)!.displayName;
      for (const e of FULL_ID_EXPORTS) {
        const before = auditCount(db, e.action);
        const sheets = await sheetsOf((await e.call(caller)).base64);
        const what = `${username}: ${e.name}`;
        expect(sheets[0]!.name, what).toBe(COVER_SHEET);
        const cover = sheets[0]!.text;
        for (const words of ['内部资料', '完整身份证号码', '《中华人民共和国个人信息保护法》', FULL_ID_NOTICE, `由 ${displayName}（`, `于 ${today} 导出`]) expect(cover, `${what}: ${words}`).toContain(words);
        expect(cover, what).not.toMatch(FULL_ID);
        // the full numbers are of residents this account may reveal now, and there are some
        const ids = sheets.slice(1).flatMap((s) => s.text.match(FULL_ID) ?? []);
        expect(ids.length, what).toBeGreaterThan(0);
        for (const n of ids) expect({ what, n, mayReveal: mayChangeResident(ctx, idOwner.get(n)!) }).toEqual({ what, n, mayReveal: true });
        expect(auditCount(db, e.action), what).toBe(before + 1);
      }
    }
    // the audit rows say who, which export and how many rows, never the numbers
    const rows = db.sqlite.prepare("SELECT username, action, after FROM audit_log WHERE action IN ('resident.exportFullIds', 'import.exportRegister') ORDER BY id").all() as Array<{ username: string; action: string; after: string }>;
    expect(rows).toHaveLength(accounts.length * FULL_ID_EXPORTS.length);
    for (const r of rows) {
      expect(r.after).not.toMatch(FULL_ID);
      if (r.action === 'resident.exportFullIds') expect(JSON.parse(r.after)).toMatchObject({ rows: expect.any(Number), fullIdNumbers: expect.any(Number) });
      else expect(JSON.parse(r.after)).toMatchObject({ template: expect.stringMatching(/^(residents|stays)$/), fullIdNumbers: true });
    }
    // a county-limited account: its county's residents only (老人1 at A and the one registered there), not B's
    const numberOf = (id: number) => [...idOwner].find(([, r]) => r === id)![0];
    const bj = await sheetsOf((await w.as.sectionBijiang.import.exportRegister({ template: 'residents' })).base64);
    expect(bj[0]!.text).toContain('区县 碧江区');
    expect(bj[1]!.text.match(FULL_ID)?.sort()).toEqual([idFor(77, '520602', '19500607'), numberOf(w.a.resident.id)].sort());
  }, 60_000);

  it('a resident who left the facility stays masked in its manager’s full roster, and the cover counts both', async () => {
    const { db } = freshDb();
    const { w } = await world(db);
    await w.as.admin.stay.transfer({ stayId: w.a.stay.id, toBedId: w.b.beds[1]!.id, transferOn: '2026-03-01' });
    const sheets = await sheetsOf((await w.as.managerA.resident.roster({ fullIdNumbers: true })).base64);
    expect(sheets[0]!.text).toContain('本表含 0 人的完整身份证号码');
    expect(sheets[0]!.text).toContain('另有 1 人已不在您管辖的机构入住，其号码已脱敏');
    expect(sheets[1]!.text).toContain(w.a.resident.name);
    expect(sheets[1]!.text).not.toMatch(FULL_ID);
    // and the register export leaves them out altogether
    const register = await sheetsOf((await w.as.managerA.import.exportRegister({ template: 'residents' })).base64);
    expect(register[1]!.text).not.toContain(w.a.resident.name);
  });

  it('an exported register with its cover imports again unchanged', async () => {
    const { db } = freshDb();
    const { w } = await world(db);
    for (const template of TEMPLATE_IDS) {
      const f = await w.as.admin.import.exportRegister({ template });
      const r = await importFile(w.as.admin, template, f.fileName, Buffer.from(f.base64, 'base64'));
      expect({ template, problems: r.problems, unchanged: r.unchanged, added: r.added }).toEqual({ template, problems: [], unchanged: f.rows, added: 0 });
    }
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 3 });
  }, 120_000);
});

describe('exports with masked or no ID numbers', () => {
  it('the masked roster works for every role, says so on its cover and is not audited as a full-number export', async () => {
    const { db } = freshDb();
    const { w, readerBj } = await world(db);
    for (const [who, caller] of [['admin', w.as.admin], ['city', w.as.sectionCity], ['bj', w.as.sectionBijiang], ['mgr-a', w.as.managerA], ['reader', w.as.reader], ['reader-bj', readerBj]] as const) {
      const sheets = await sheetsOf((await caller.resident.roster({})).base64);
      expect(sheets.map((s) => s.name), who).toEqual([COVER_SHEET, '老人名册']);
      expect(sheets[0]!.text, who).toContain(MASKED_ID_NOTICE);
      expect(sheets[0]!.text, who).not.toContain('内部资料');
      expect(sheets.map((s) => s.text).join('\n'), who).not.toMatch(FULL_ID);
      expect(sheets[1]!.text, who).toMatch(/\d{2}\*{16}/);
    }
    expect(auditCount(db, 'resident.exportFullIds')).toBe(0);
  });

  it('the registers without ID numbers say so on their cover', async () => {
    const { db } = freshDb();
    const { w } = await world(db);
    for (const template of TEMPLATE_IDS.filter((t) => !holdsFullIds(t))) {
      const f = await w.as.admin.import.exportRegister({ template });
      expect(f.fileName).not.toContain('身份证');
      const sheets = await sheetsOf(f.base64);
      expect(sheets[0]!.name).toBe(COVER_SHEET);
      expect(sheets[0]!.text).toContain(NO_ID_NOTICE);
      expect(sheets[0]!.text).not.toContain('内部资料');
    }
  });
});
