/**
 * A county office that used the app alone joins the city's exchange with its records (issue
 * 17): nothing is re-entered, a record both copies hold becomes one (the county's values
 * standing), the county's own records reach the city with its first package, what only the
 * city had is added at the county, and the county's figures are the same at both. A database
 * holding another county's facilities is refused, naming them, and nothing of it changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { installIdentity } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { exportPackage, joinFromEnrolment, makeEnrolment, readEnrolment } from '../../src-main/services/exchange/enrolment';
import { importPackage } from '../../src-main/services/exchange/import-package';
import { joinWithRecords } from '../../src-main/services/exchange/join-existing';
import { countyRowOf, uidOf } from '../support/facility-chain';
import { tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const BIJIANG = '520602';
const DATE = '2026-11-30';
const one = <T>(db: AppDb, sql: string, ...p: unknown[]) => db.sqlite.prepare(sql).pluck().get(...p) as T;

const countyRow = (db: AppDb) => countyRowOf(db, DATE);

/** 碧江区's office, working alone: one home the city also registered (its phone and staff updated here), one only it has. */
async function countyAlone(file: string, city: AppDb) {
  const shared = city.sqlite
    .prepare(
      `SELECT f.name, f.kind, f.ownership, min(c.effective_on) AS since FROM facilities f JOIN facility_status_changes c ON c.facility_id = f.id
       WHERE f.region_code = ? AND f.kind = 'nursing_home' GROUP BY f.id ORDER BY f.id LIMIT 1`,
    )
    .get(BIJIANG) as { name: string; kind: 'nursing_home'; ownership: 'public'; since: string };
  // a person the city has in that home, admitted on the same day
  const person = city.sqlite
    .prepare(
      `SELECT r.name, r.id_number AS idNumber, s.admitted_on AS on_ FROM residents r JOIN stays s ON s.resident_id = r.id JOIN facilities f ON f.id = s.facility_id
       WHERE f.name = ? AND s.discharged_on IS NULL ORDER BY s.id LIMIT 1`,
    )
    .get(shared.name) as { name: string; idNumber: string; on_: string };
  const db = openDatabase(file);
  const api = createCaller(db);
  const home = await api.facility.create({ regionCode: BIJIANG, name: shared.name, kind: shared.kind, ownership: shared.ownership, status: 'operating', statusDate: shared.since, staffCount: 31, phone: '0856-5550001', initialBeds: { count: 3, nursingCount: 1, labelPattern: '独用-{n}' } });
  const own = await api.facility.create({ regionCode: BIJIANG, name: '碧江区独自登记的互助院', kind: 'mutual_aid', ownership: 'public', status: 'operating', statusDate: '2026-03-01', initialBeds: { count: 2, nursingCount: 0 } });
  const bed = (facilityId: number) => one<number>(db, 'SELECT id FROM beds WHERE facility_id = ? ORDER BY id LIMIT 1', facilityId);
  const same = await api.resident.create({ name: person.name, idNumber: person.idNumber, phone: '13900001111' });
  await api.stay.admit({ residentId: same.id, bedId: bed(home.id), admittedOn: person.on_ });
  const newcomer = await api.resident.create({ name: '独自登记的老人', idNumber: idFor(424) });
  await api.stay.admit({ residentId: newcomer.id, bedId: bed(own.id), admittedOn: '2026-11-02' });
  return { db, shared, person, ownName: '碧江区独自登记的互助院' };
}

describe('an office that used the app alone joins with its records', () => {
  it('merges what both copies hold, sends its own, takes the rest, and the figures agree', async () => {
    const dir = tempDir();
    const f = (name: string) => path.join(dir, name);
    const city = openDatabase(f('city.db'));
    await seedDemo(city);
    const { db: county, shared, person, ownName } = await countyAlone(f('county.db'), city);
    const cityHomesBefore = one<number>(city, 'SELECT count(*) FROM facilities WHERE region_code = ?', BIJIANG);

    const report = joinWithRecords(county, readEnrolment(makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file));
    expect(installIdentity(county.sqlite)).toMatchObject({ level: 'county', regionCode: BIJIANG });
    expect(report.matched.facilities).toBe(1);
    expect(report.matched.residents).toBe(1);
    expect(report.matched.stays).toBe(1);
    expect(report.own.facilities).toBe(2);
    expect(report.added.facilities).toBe(cityHomesBefore - 1);
    expect(report.receive.refused).toEqual([]);
    // the county's values stand where both had the record
    expect(one<string>(county, 'SELECT phone FROM facilities WHERE name = ?', shared.name)).toBe('0856-5550001');
    expect(one<string>(county, 'SELECT phone FROM residents WHERE id_number = ?', person.idNumber)).toBe('13900001111');
    expect(one<number>(county, 'SELECT count(*) FROM facilities WHERE region_code = ?', BIJIANG)).toBe(cityHomesBefore + 1);

    // its first package: the city registers it and takes its records, one of each
    const first = importPackage(city, exportPackage(county).file);
    expect(first.refused, JSON.stringify(first.refused)).toBeUndefined();
    expect(first.enrolled).toBeDefined();
    expect(first.report!.refused).toEqual([]);
    expect(one<number>(city, 'SELECT count(*) FROM facilities WHERE region_code = ?', BIJIANG)).toBe(cityHomesBefore + 1);
    expect(one<number>(city, 'SELECT count(*) FROM facilities WHERE name = ?', ownName)).toBe(1);
    expect(one<string>(city, 'SELECT phone FROM facilities WHERE name = ?', shared.name)).toBe('0856-5550001');
    expect(one<number>(city, 'SELECT count(*) FROM residents WHERE id_number = ?', person.idNumber)).toBe(1);
    expect(one<string>(city, 'SELECT phone FROM residents WHERE id_number = ?', person.idNumber)).toBe('13900001111');
    expect(one<number>(city, 'SELECT count(*) FROM residents WHERE id_number = ?', idFor(424))).toBe(1);
    const back = importPackage(county, exportPackage(city, uidOf(county)).file);
    expect(back.report!.refused).toEqual([]);
    expect(await countyRow(city)).toEqual(await countyRow(county));
    for (const db of [city, county]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a home that kept its own register joins its county: its beds and people become its own, its staff counts stand', async () => {
    const dir = tempDir();
    const f = (name: string) => path.join(dir, name);
    const city = openDatabase(f('city.db'));
    await seedDemo(city);
    const county = openDatabase(f('county.db'), { install: { level: 'county', regionCode: BIJIANG } });
    const countyEnrol = readEnrolment(makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file);
    joinFromEnrolment(county, countyEnrol);
    importPackage(city, exportPackage(county).file);
    const { db: alone, shared, person } = await countyAlone(f('home.db'), city);
    // a home keeps only itself: the other home of countyAlone is not there
    alone.sqlite.prepare("DELETE FROM stays WHERE facility_id = (SELECT id FROM facilities WHERE name = '碧江区独自登记的互助院')").run();
    alone.sqlite.prepare("DELETE FROM beds WHERE facility_id = (SELECT id FROM facilities WHERE name = '碧江区独自登记的互助院')").run();
    alone.sqlite.prepare("DELETE FROM facility_status_changes WHERE facility_id = (SELECT id FROM facilities WHERE name = '碧江区独自登记的互助院')").run();
    alone.sqlite.prepare("DELETE FROM facilities WHERE name = '碧江区独自登记的互助院'").run();
    const homeUid = one<string>(county, 'SELECT uid FROM facilities WHERE region_code = ? AND name = ?', BIJIANG, shared.name);
    const report = joinWithRecords(alone, readEnrolment(makeEnrolment(county, { level: 'facility', regionCode: BIJIANG, facilityUid: homeUid }).file));
    expect(installIdentity(alone.sqlite)).toMatchObject({ level: 'facility', facilityUid: homeUid });
    expect(report.matched.facilities).toBe(1);
    expect(report.own.beds).toBeGreaterThanOrEqual(3);
    expect(report.own.facilities ?? 0).toBe(0); // the facility record is the county's
    // its staff count and phone are the home's own fields: they stand
    expect(one<number>(alone, 'SELECT staff_count FROM facilities WHERE uid = ?', homeUid)).toBe(31);
    const first = importPackage(county, exportPackage(alone).file);
    expect(first.refused, JSON.stringify(first.refused)).toBeUndefined();
    expect(first.report!.refused).toEqual([]);
    expect(one<number>(county, 'SELECT staff_count FROM facilities WHERE uid = ?', homeUid)).toBe(31);
    expect(one<string>(county, 'SELECT phone FROM facilities WHERE uid = ?', homeUid)).toBe('0856-5550001');
    expect(one<number>(county, "SELECT count(*) FROM beds b JOIN facilities f ON f.id = b.facility_id WHERE f.uid = ? AND b.label LIKE '独用-%'", homeUid)).toBe(3);
    expect(one<number>(county, 'SELECT count(*) FROM residents WHERE id_number = ?', person.idNumber)).toBe(1);
    for (const db of [city, county, alone]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused, naming them, while the database holds another county’s facilities; nothing changes', async () => {
    const dir = tempDir();
    const city = openDatabase(path.join(dir, 'city.db'));
    await seedDemo(city);
    const county = openDatabase(path.join(dir, 'county.db'));
    const api = createCaller(county);
    await api.facility.create({ regionCode: BIJIANG, name: '碧江区某院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-01-01' });
    await api.facility.create({ regionCode: '520603', name: '万山区误录的院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2026-01-01' });
    const r = await api.resident.create({ name: '未动', idNumber: idFor(77) });
    const uidBefore = one<string>(county, 'SELECT uid FROM residents WHERE id = ?', r.id);
    const logBefore = one<number>(county, 'SELECT count(*) FROM change_log');
    expect(() => joinWithRecords(county, readEnrolment(makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file))).toThrow(/万山区误录的院/);
    expect(installIdentity(county.sqlite).level).toBe('city');
    expect(one<string>(county, 'SELECT uid FROM residents WHERE id = ?', r.id)).toBe(uidBefore);
    expect(one<number>(county, 'SELECT count(*) FROM change_log')).toBe(logBefore);
    city.close();
    county.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
