/**
 * A facility's own install (issue 17): the city (demo register) enrols 碧江区, the county
 * joins and reports, the county enrols one of its homes, the home joins and reports. At the
 * home, through the api the screens use: every screen's read works; its own work (beds,
 * residents, stays, assessments, leaves, staff counts and phone) saves; what the county or
 * the city keeps is refused with a zh-CN message and changes nothing; the register import
 * takes its own rows and reports a row of another facility with the reason; the CLI's
 * `stats`, `exchange status` and `exchange export` work. Its work then reaches the county and
 * the city.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { formatProblem } from '../../src-main/import/runner';
import { importPackage } from '../../src-main/services/exchange/import-package';
import { BIJIANG, facilityChain, send } from '../support/facility-chain';
import { callerFor, PASSWORD } from '../support/two-facilities';
import { FULL_SCORES, rejection, snapshot, tempDir } from '../support/temp-db';
import { idFor } from './helpers';
import { fixture, importFile } from './import-helpers';

const ROOT = path.resolve(__dirname, '../..');
const DATE = '2026-11-30';

function cli(...args: string[]): string {
  const r = cliRun(...args);
  expect(r.status, r.out).toBe(0);
  return r.out;
}
function cliRun(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A call refused with this code and a zh-CN message, that changed no row. */
async function refusedHere(db: AppDb, call: () => Promise<unknown>, code: string): Promise<string> {
  const before = snapshot(db);
  const e = await rejection(call());
  expect(e.code, e.en).toBe(code);
  expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(snapshot(db)).toEqual(before);
  return e.zh;
}

const csv = (header: string, rows: string[]) => Buffer.from(`${header}\n${rows.join('\n')}\n`, 'utf8');
const RESIDENTS_HEADER = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';
const BEDS_HEADER = '区县代码,机构名称,楼栋,房间号,床位号,床位类型,启用日期,停用日期';
const STAYS_HEADER = '身份证号,区县代码,机构名称,楼栋,房间号,床位号,入住日期,离院日期,离院原因';

describe('a facility install works for what it owns', () => {
  it('screens, own work, refusals, import, CLI at the facility; its work reaches the county and the city', async () => {
    const dir = tempDir();
    const f = (name: string) => path.join(dir, name);
    try {
      // ——— the chain: city → 碧江区 → one home of 碧江区 ———
      const chain = await facilityChain(dir);
      const { city, county, home, other } = chain;
      let fac = chain.fac;

      // the home's own accounts: its administrator and its manager (accounts are per PC)
      const fid = fac.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(home.uid) as number;
      const first = await createCaller(fac).account.setupAdmin({ username: 'admin', displayName: '院办', password: PASSWORD });
      const admin = callerFor(fac, first.id);
      const wu = await admin.user.create({ username: 'wu', displayName: '吴院长', role: 'facility', facilityIds: [fid], password: PASSWORD });
      const manager = callerFor(fac, wu.id);

      // ——— the screens' reads ———
      const list = await manager.facility.list({});
      console.log('facility list at the home', JSON.stringify(list.rows.map((r) => r.name)));
      expect(list.rows.map((r) => r.name)).toEqual([home.name]); // only its own: the install holds no other
      expect((await admin.facility.list({})).rows.map((r) => r.name)).toEqual([home.name]);
      const homeScreen = await manager.facility.managerHome({ date: DATE });
      expect(homeScreen.facilities.map((x) => x.name)).toEqual([home.name]);
      const board = await manager.bed.board({ facilityId: fid, date: DATE });
      expect(board.length).toBeGreaterThan(0);
      expect(homeScreen.facilities[0]!.beds).toBe(board.filter((b) => b.state !== 'retired').length);
      const residents = await manager.resident.list({});
      expect(residents.total).toBeGreaterThan(0);
      // in care here, or discharged from here (no stay now)
      expect(residents.rows.filter((r) => r.facilityId !== fid && r.facilityId !== null)).toEqual([]);
      await manager.facility.detail({ id: fid });
      // the dashboard (administrator): statistics, data quality, checklist, trends, backups
      const stats = await admin.report.statistics({ date: DATE });
      expect(stats.rows.map((r) => r.code)).toContain(BIJIANG);
      const bijiang = stats.rows.find((r) => r.code === BIJIANG)!;
      expect(bijiang.beds.institution).toBe(homeScreen.facilities[0]!.beds);
      expect(bijiang.occupiedBeds).toBe(homeScreen.facilities[0]!.occupiedBeds);
      const quality = await admin.report.dataQuality({ date: DATE });
      console.log('data quality at the home', JSON.stringify(quality.map((q) => `${q.code} ${q.regionCode}`)));
      expect(quality.length).toBeGreaterThan(0);
      // its own findings only: no 没有人口数 for ten counties whose population it does not keep
      expect(quality.filter((q) => q.regionCode !== BIJIANG || q.code === 'COUNTY_NO_POPULATION')).toEqual([]);
      await admin.report.checklist({ date: DATE });
      await admin.month.trends();
      await admin.backup.status();
      // a facility manager has no 统计报表 permission, at any install
      expect((await rejection(manager.report.statistics({ date: DATE }))).zh).toContain('统计报表');

      // ——— its own work ———
      const [added] = await manager.bed.add({ facilityId: fid, count: 1, nursingCount: 1, labelPattern: 'F-{nn}', startNumber: 1, inServiceFrom: '2026-11-01' });
      const person = await manager.resident.create({ name: '田新来', idNumber: idFor(930) });
      const stay = await manager.stay.admit({ residentId: person.id, bedId: added!.id, admittedOn: '2026-11-02' });
      await manager.assessment.record({ residentId: person.id, assessedOn: '2026-11-03', reason: 'first', scores: FULL_SCORES, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' });
      await manager.stay.recordLeave({ stayId: stay.id, startOn: '2026-11-10', endOn: '2026-11-12', reason: '探亲' });
      const leaving = fac.sqlite.prepare('SELECT id FROM stays WHERE discharged_on IS NULL AND resident_id <> ? ORDER BY id LIMIT 1').pluck().get(person.id) as number;
      const leavingUid = fac.sqlite.prepare('SELECT uid FROM stays WHERE id = ?').pluck().get(leaving) as string;
      await manager.stay.discharge({ stayId: leaving, dischargedOn: '2026-11-20', dischargeReason: 'home' });
      await manager.facility.update({ id: fid, staffCount: 31, careWorkerCount: 12, phone: '0856-5201234' });

      // ——— what it does not hold: refused, nothing changed ———
      const county520602 = await refusedHere(fac, () => manager.facility.update({ id: fid, name: '改过名的敬老院' }), 'NOT_HELD_HERE');
      expect(county520602).toContain('区县 520602');
      await refusedHere(fac, () => admin.facility.update({ id: fid, kind: 'support_home' }), 'NOT_HELD_HERE');
      await refusedHere(
        fac,
        () => admin.facility.create({ regionCode: BIJIANG, name: '新建养老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-11-01' }),
        'NOT_HELD_HERE',
      );
      expect(await refusedHere(fac, () => admin.settings.upsertTarget({ year: 2026, metric: 'total_beds', regionCode: BIJIANG, value: 900 }), 'NOT_HELD_HERE')).toContain('市级');
      await refusedHere(fac, () => admin.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' }), 'NOT_HELD_HERE');
      // the manager's own screens never offer these; its role is refused before the register is asked
      await refusedHere(fac, () => manager.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' }), 'FORBIDDEN');

      // ——— the register import at the home ———
      const people = await importFile(manager, 'residents', 'residents.csv', csv(RESIDENTS_HEADER, [`龙导入,${idFor(931)},${BIJIANG},否,,否,否,否,否,,,`, `杨导入,${idFor(932)},${BIJIANG},否,,否,否,否,否,,,`]));
      expect(people.problems).toEqual([]);
      expect(people).toMatchObject({ added: 2, committed: true });
      const bedRow = (label: string, name = home.name) => `${BIJIANG},${name},3号楼,301,${label},护理型,2026-11-01,`;
      const bedsBefore = snapshot(fac).beds;
      const mixed = await importFile(manager, 'beds', 'beds.csv', csv(BEDS_HEADER, [bedRow('1'), bedRow('2'), bedRow('1', other.name)]));
      console.log('beds import naming another facility', JSON.stringify(mixed.problems.map((p) => formatProblem(p))));
      expect(mixed).toMatchObject({ added: 2, rejected: 1, committed: false });
      expect(mixed.problems).toHaveLength(1);
      expect(mixed.problems[0]).toMatchObject({ row: 4, column: '机构名称' });
      expect(mixed.problems[0]!.zh).toContain(other.name);
      expect(mixed.problems[0]!.zh).toContain(`本机是“${home.name}”的机构端`); // not 请先导入机构: that would be refused here
      expect(snapshot(fac).beds).toEqual(bedsBefore);
      const own = await importFile(manager, 'beds', 'beds.csv', csv(BEDS_HEADER, [bedRow('1'), bedRow('2')]));
      expect(own).toMatchObject({ added: 2, committed: true });
      const stayRow = (n: number, name = home.name) => `${idFor(n)},${BIJIANG},${name},3号楼,301,1,2026-11-05,,`;
      const staysBefore = snapshot(fac).stays;
      const mixedStays = await importFile(manager, 'stays', 'stays.csv', csv(STAYS_HEADER, [stayRow(931), stayRow(932, other.name)]));
      console.log('stays import naming another facility', JSON.stringify(mixedStays.problems.map((p) => formatProblem(p))));
      expect(mixedStays).toMatchObject({ added: 1, rejected: 1, committed: false });
      expect(mixedStays.problems.map((p) => [p.row, p.column])).toEqual([[3, '机构名称']]);
      expect(mixedStays.problems[0]!.zh).toContain(other.name);
      expect(mixedStays.problems[0]!.zh).toContain('机构端');
      expect(snapshot(fac).stays).toEqual(staysBefore);
      const ownStays = await importFile(manager, 'stays', 'stays.csv', csv(STAYS_HEADER, [stayRow(931)]));
      expect(ownStays).toMatchObject({ added: 1, committed: true });
      // the county's register (facilities) at the home: each row refused on its row, in the preview as in the commit
      const registers = () => {
        const { audit_log: _audited, ...rest } = snapshot(fac); // the preview and the refused commit are audited
        return rest;
      };
      const before = registers();
      for (const commit of [false, true]) {
        const facilities = await importFile(admin, 'facilities', 'facilities-gbk.csv', fixture('facilities-gbk.csv'), commit);
        expect(facilities.committed).toBe(false);
        expect(facilities.problems.map((p) => formatProblem(p))).toEqual([
          '第 2 行：不能导入：该记录属于区县 520602，不由本机维护，只能查看',
          '第 3 行：不能导入：该记录属于区县 520603，不由本机维护，只能查看',
          '第 4 行：不能导入：该记录属于区县 520621，不由本机维护，只能查看',
          '第 5 行：不能导入：该记录属于区县 520622，不由本机维护，只能查看',
        ]);
      }
      expect(registers()).toEqual(before);
      const mine = (await manager.facility.managerHome({ date: DATE })).facilities[0]!;
      fac.close();

      // ——— the CLI at the home ———
      const cliStats = JSON.parse(cli('stats', '--db', f('home.db'), '--date', DATE, '--json')) as { rows: Array<{ code: string; occupiedBeds: number; countedBeds: number }> };
      expect(cliStats.rows.find((r) => r.code === BIJIANG)).toMatchObject({ occupiedBeds: mine.occupiedBeds, countedBeds: mine.beds });
      const status = JSON.parse(cli('exchange', 'status', '--db', f('home.db'), '--json')) as { install: { level: string }; origins: Array<{ level: string; pending: number; refused: number }> };
      expect(status.install.level).toBe('facility');
      expect(status.origins.map((o) => o.level).sort()).toEqual(['city', 'county', 'facility']);
      expect(status.origins.every((o) => o.pending === 0 && o.refused === 0)).toBe(true);
      // the import command: a row of another facility reported on its row, exit 1, nothing written
      fs.writeFileSync(f('beds-mixed.csv'), csv(BEDS_HEADER, [bedRow('9'), bedRow('9', other.name)]));
      const imported = cliRun('import', '--db', f('home.db'), 'beds', f('beds-mixed.csv'));
      expect(imported.status, imported.out).toBe(1);
      expect(imported.out).toContain(`第 3 行 机构名称：本机是“${home.name}”的机构端`);
      expect(imported.out).toContain('未写入任何数据');
      expect(cli('exchange', 'export', '--db', f('home.db'), '--out', f('home-2.eldx'))).toContain('已生成交换包');

      // ——— its work at the county and the city ———
      const atCounty = importPackage(county, fs.readFileSync(f('home-2.eldx')));
      expect(atCounty.refused).toBeUndefined();
      expect(atCounty.report!.refused).toEqual([]);
      send(county, city);
      fac = openDatabase(f('home.db'));
      const occupancy = async (db: AppDb) => {
        const id = db.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(home.uid) as number;
        const [o] = await createCaller(db).facility.occupancy({ date: DATE, facilityId: id });
        return { beds: o!.beds, nursingBeds: o!.nursingBeds, occupiedBeds: o!.occupiedBeds, onLeave: o!.onLeave };
      };
      const figures = await occupancy(fac);
      console.log('the home at the home, county, city', JSON.stringify(figures));
      expect(await occupancy(county)).toEqual(figures);
      expect(await occupancy(city)).toEqual(figures);
      for (const db of [county, city]) {
        const q = (sql: string, ...p: unknown[]) => db.sqlite.prepare(sql).pluck().get(...p);
        const r = db.sqlite
          .prepare(
            `SELECT r.name, f.uid AS facility, s.admitted_on AS admittedOn, (SELECT count(*) FROM assessments a WHERE a.resident_id = r.id) AS assessments,
               (SELECT count(*) FROM leaves l WHERE l.stay_id = s.id) AS leaves
             FROM residents r JOIN stays s ON s.resident_id = r.id JOIN facilities f ON f.id = s.facility_id WHERE r.uid = ?`,
          )
          .get(person.uid);
        expect(r).toEqual({ name: '田新来', facility: home.uid, admittedOn: '2026-11-02', assessments: 1, leaves: 1 });
        expect(q('SELECT discharged_on FROM stays WHERE uid = ?', leavingUid)).toBe('2026-11-20');
        expect(q('SELECT count(*) FROM stays s JOIN residents r ON r.id = s.resident_id WHERE r.name = ?', '龙导入')).toBe(1);
        expect(db.sqlite.prepare('SELECT name, staff_count AS s, care_worker_count AS c, phone FROM facilities WHERE uid = ?').get(home.uid)).toEqual({ name: home.name, s: 31, c: 12, phone: '0856-5201234' });
      }
      fac.close();
      county.close();
      city.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
