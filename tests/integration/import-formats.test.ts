/**
 * The files offices really have: GBK CSV, UTF-8 CSV with BOM, xlsx with dates as serial
 * numbers, full-width digits, stray spaces, 是/否 · Y/N · 1/0, lower-case x. Each imports,
 * lands in the register as the services would store it, and a second import changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { freshDb, snapshot } from '../support/temp-db';
import { fixture, importFile, importRegisters, RESIDENT_IDS } from './import-helpers';

describe('import of real-world files', () => {
  it('reads a GBK CSV: full-width digits, stray spaces, 是/N/0, three date shapes, a quoted comma', async () => {
    const { api, db } = freshDb();
    const r = await importFile(api, 'facilities', 'facilities-gbk.csv', fixture('facilities-gbk.csv'));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ format: 'csv', encoding: 'gb18030', rows: 4, added: 4, updated: 0, unchanged: 0, committed: true });
    const rows = db.sqlite
      .prepare(
        `SELECT f.region_code AS regionCode, f.name, f.kind, f.ownership, f.medical_care AS medicalCare, f.address, f.grade, f.staff_count AS staff,
           s.status, s.effective_on AS statusDate FROM facilities f JOIN facility_status_changes s ON s.facility_id = f.id ORDER BY f.region_code`,
      )
      .all();
    expect(rows).toEqual([
      { regionCode: '520602', name: '碧江区福寿养老院', kind: 'nursing_home', ownership: 'public', medicalCare: 1, address: '碧江区福寿路1号', grade: 3, staff: 12, status: 'operating', statusDate: '2020-01-05' },
      { regionCode: '520603', name: '万山区敬老院', kind: 'support_home', ownership: 'public_private', medicalCare: 0, address: '万山区谢桥路2号', grade: null, staff: 8, status: 'operating', statusDate: '2019-03-01' },
      { regionCode: '520621', name: '江口县日间照料中心', kind: 'day_care', ownership: 'private', medicalCare: 0, address: '江口县双江路3号,附楼', grade: null, staff: 4, status: 'operating', statusDate: '2018-06-01' },
      { regionCode: '520622', name: '玉屏县规划养老院', kind: 'nursing_home', ownership: 'public', medicalCare: 0, address: '', grade: null, staff: 0, status: 'planned', statusDate: '2024-01-01' },
    ]);
  });

  it('reads xlsx dates given as Excel serial numbers and date cells, and numbers where labels are meant', async () => {
    const { api, db } = freshDb();
    await importFile(api, 'facilities', 'f.csv', fixture('facilities-gbk.csv'));
    const r = await importFile(api, 'beds', 'beds-serial-dates.xlsx', fixture('beds-serial-dates.xlsx'));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ format: 'xlsx', rows: 6, added: 6, committed: true });
    const beds = db.sqlite
      .prepare('SELECT building, room, label, care_type AS careType, in_service_from AS fromDate, retired_on AS retiredOn FROM beds ORDER BY id')
      .all();
    expect(beds).toEqual([
      { building: '1号楼', room: '101', label: '1', careType: 'nursing', fromDate: '2020-01-05', retiredOn: null },
      { building: '1号楼', room: '101', label: '2', careType: 'nursing', fromDate: '2020-01-05', retiredOn: null },
      { building: '1号楼', room: '102', label: '1', careType: 'general', fromDate: '2020-01-05', retiredOn: null },
      { building: '1号楼', room: '102', label: '2', careType: 'general', fromDate: '2020-01-05', retiredOn: '2023-12-31' },
      { building: '', room: '', label: 'A-01', careType: 'general', fromDate: '2019-03-01', retiredOn: null },
      { building: '', room: '', label: 'A-02', careType: 'nursing', fromDate: '2019-03-01', retiredOn: null },
    ]);
  });

  it('reads a UTF-8 CSV with BOM: lower-case x, full-width ID digits, Y/N and 1/0 flags', async () => {
    const { api, db } = freshDb();
    const r = await importFile(api, 'residents', 'residents-utf8-bom.csv', fixture('residents-utf8-bom.csv'));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ encoding: 'utf-8-bom', rows: 5, added: 5, committed: true });
    const get = (idn: string) =>
      db.sqlite
        .prepare('SELECT name, sex, birth_date AS birth, household_region_code AS household, tekun, tekun_self_care AS selfCare, dibao, low_income AS lowIncome FROM residents WHERE id_number = ?')
        .get(idn);
    expect(get(RESIDENT_IDS.zhang)).toEqual({ name: '张秀英', sex: 'female', birth: '1949-12-31', household: '520602', tekun: 1, selfCare: 'partial', dibao: 0, lowIncome: 0 });
    expect(get(RESIDENT_IDS.wang)).toEqual({ name: '王建国', sex: 'male', birth: '1880-01-01', household: '520603', tekun: 1, selfCare: 'none', dibao: 0, lowIncome: 0 });
    const li = db.sqlite.prepare("SELECT name, dibao, low_income AS lowIncome, tekun FROM residents WHERE name LIKE '李%'").get();
    expect(li).toEqual({ name: '李桂兰', dibao: 1, lowIncome: 1, tekun: 0 });
  });

  it('builds stay history forward whatever the row order; the same bed changes hands on the discharge day', async () => {
    const { api, db } = freshDb();
    await importRegisters(api);
    const r = await importFile(api, 'stays', 'stays.csv', fixture('stays.csv'));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 5, added: 5, committed: true });
    const open = db.sqlite.prepare('SELECT count(*) AS n FROM stays WHERE discharged_on IS NULL').get() as { n: number };
    expect(open.n).toBe(3);
    const transfer = db.sqlite.prepare("SELECT admitted_on AS a, discharged_on AS d, discharge_reason AS reason FROM stays WHERE discharge_reason = 'transfer'").get();
    expect(transfer).toEqual({ a: '2020-05-01', d: '2021-02-01', reason: 'transfer' });
  });

  it('reads population with thousands separators; an empty figure stays unknown, not 0', async () => {
    const { api, db } = freshDb();
    const r = await importFile(api, 'population', 'population.csv', fixture('population.csv'));
    expect(r).toMatchObject({ rows: 3, added: 3, committed: true });
    expect(db.sqlite.prepare("SELECT population60 AS p60, population80 AS p80 FROM populations WHERE region_code = '520603'").get()).toEqual({ p60: 38000, p80: null });
    expect(db.sqlite.prepare("SELECT population60 AS p60 FROM populations WHERE region_code = '520602'").get()).toEqual({ p60: 65000 });
  });

  it('importing the same files twice: the second time 0 added, 0 updated, and the database unchanged', async () => {
    const { api, db } = freshDb();
    const files = [
      ['facilities', 'facilities-gbk.csv'],
      ['beds', 'beds-serial-dates.xlsx'],
      ['residents', 'residents-utf8-bom.csv'],
      ['stays', 'stays.csv'],
      ['population', 'population.csv'],
    ] as const;
    for (const [t, f] of files) expect((await importFile(api, t, f, fixture(f))).committed).toBe(true);
    const before = snapshot(db);
    for (const [t, f] of files) {
      const again = await importFile(api, t, f, fixture(f));
      expect({ file: f, added: again.added, updated: again.updated, problems: again.problems }).toEqual({ file: f, added: 0, updated: 0, problems: [] });
      expect(again.unchanged).toBe(again.rows);
    }
    const after = snapshot(db);
    // Only the audit trail grows (one row per import saying what was read); no register row changed.
    const { audit_log: auditBefore, ...restBefore } = before;
    const { audit_log: auditAfter, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(auditAfter!.length - auditBefore!.length).toBe(files.length);
  });

  it('a changed row updates that record, and only it', async () => {
    const { api, db } = freshDb();
    await importFile(api, 'facilities', 'f.csv', fixture('facilities-gbk.csv'));
    const csv = ['区县代码,机构名称,机构类型,运营方式,乡镇街道,地址,状态,状态日期,医养结合,等级,职工数,护理员数,联系电话', '520603,万山区敬老院,敬老院,公建民营,谢桥街道,万山区谢桥路2号,运营,2019-03-01,否,2,9,3,'].join('\n');
    const r = await importFile(api, 'facilities', 'f2.csv', Buffer.from(csv));
    expect(r).toMatchObject({ added: 0, updated: 1, unchanged: 0, committed: true });
    expect(db.sqlite.prepare("SELECT grade, staff_count AS staff FROM facilities WHERE name = '万山区敬老院'").get()).toEqual({ grade: 2, staff: 9 });
    const stopped = ['区县代码,机构名称,机构类型,运营方式,乡镇街道,地址,状态,状态日期,医养结合,等级,职工数,护理员数,联系电话', '520603,万山区敬老院,敬老院,公建民营,谢桥街道,万山区谢桥路2号,停业,2024-05-01,否,2,9,3,'].join('\n');
    expect(await importFile(api, 'facilities', 'f3.csv', Buffer.from(stopped))).toMatchObject({ updated: 1 });
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM facility_status_changes s JOIN facilities f ON f.id = s.facility_id WHERE f.name = '万山区敬老院'").get()).toEqual({ n: 2 });
  });
});
