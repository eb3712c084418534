/**
 * A facility PC that died (issue 17): its section revokes the old key and enrols a new PC,
 * which starts from the section's copy of the facility's data. What the dead PC had not sent
 * is gone; a package it made before dying, or after, is refused with the reason and audited;
 * the new PC keeps every record the old one made, and the city ends with the same figures as
 * the county. And package files from a newer version are held, not refused, and imported
 * once the install can read them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { rejection } from '../support/temp-db';
import { makeBatch } from '../../src-main/services/exchange/batch';
import { activeAt, revokeInstall } from '../../src-main/services/exchange/enrol';
import { exportPackage, makeEnrolment } from '../../src-main/services/exchange/enrolment';
import { heldPackages, importHeld, importPackage } from '../../src-main/services/exchange/import-package';
import { writePackage } from '../../src-main/services/exchange/package-file';
import type { InstallPlace } from '../../src-main/domain/install-place';
import { countyRowOf, joinAt, send, uidOf } from '../support/facility-chain';
import { tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const BIJIANG = '520602';
const DATE = '2026-11-30';
const one = <T>(db: AppDb, sql: string, ...p: unknown[]) => db.sqlite.prepare(sql).pluck().get(...p) as T;

const countyRow = (db: AppDb) => countyRowOf(db, DATE);

async function freeBed(db: AppDb, facilityUid: string): Promise<number> {
  return one<number>(
    db,
    `SELECT b.id FROM beds b JOIN facilities f ON f.id = b.facility_id WHERE f.uid = ? AND b.retired_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.discharged_on IS NULL) ORDER BY b.id LIMIT 1`,
    facilityUid,
  );
}

async function admitNew(db: AppDb, facilityUid: string, n: number, on: string) {
  const api = createCaller(db);
  const r = await api.resident.create({ name: `重登测试${n}`, idNumber: idFor(900 + n) });
  const stay = await api.stay.admit({ residentId: r.id, bedId: await freeBed(db, facilityUid), admittedOn: on });
  return { residentUid: one<string>(db, 'SELECT uid FROM residents WHERE id = ?', r.id), stayId: stay.id as number };
}

describe('re-enrolling a facility PC that died', () => {
  it('revokes the old key, starts the new PC from the section’s copy, refuses the old PC’s packages, and the city agrees', async () => {
    const dir = tempDir();
    const f = (name: string) => path.join(dir, name);
    const city = openDatabase(f('city.db'));
    await seedDemo(city);
    const county = joinAt(f('county.db'), makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file);
    send(county, city, uidOf(city));
    const home = one<string>(county, "SELECT uid FROM facilities WHERE region_code = ? AND kind = 'nursing_home' ORDER BY id LIMIT 1", BIJIANG);
    const place: InstallPlace = { level: 'facility', regionCode: BIJIANG, facilityUid: home };
    const old = joinAt(f('old.db'), makeEnrolment(county, place).file);
    send(old, county, uidOf(county));
    send(county, old, uidOf(old));

    // the old PC admits two people and sends the first; the second package is still on its disk when it dies
    const first = await admitNew(old, home, 1, '2026-11-03');
    send(old, county, uidOf(county));
    const second = await admitNew(old, home, 2, '2026-11-10');
    const lost = exportPackage(old, uidOf(county)).file;
    const oldUid = uidOf(old);
    const oldThrough = one<number>(county, 'SELECT through FROM exchange_progress WHERE origin = ?', oldUid);

    // a second enrolment for a place kept by a live PC is refused; revoking frees it
    await expect(async () => makeEnrolment(county, place)).rejects.toMatchObject({ code: 'ENROL_TAKEN' });
    const revoked = revokeInstall(county, oldUid);
    expect(revoked.through).toBe(oldThrough);
    expect(activeAt(county, place)).toBeUndefined();
    expect(() => revokeInstall(county, oldUid)).toThrow(/ALREADY_REVOKED/);

    // the dead PC's package, found later on a stick: refused whole, with the reason, audited
    const before = one<number>(county, 'SELECT count(*) FROM change_log');
    const refused = importPackage(county, lost);
    expect(refused.refused).toMatchObject({ code: 'REVOKED_KEY' });
    expect(refused.refused!.zh).toContain('吊销');
    expect(one<number>(county, 'SELECT count(*) FROM change_log')).toBe(before);
    expect(one<number>(county, 'SELECT count(*) FROM residents WHERE uid = ?', second.residentUid)).toBe(0);
    expect(one<string>(county, "SELECT after FROM audit_log WHERE action = 'exchange.refusePackage' ORDER BY id DESC LIMIT 1")).toContain('REVOKED_KEY');
    expect(one<number>(county, "SELECT count(*) FROM audit_log WHERE action = 'exchange.revoke' AND entity_id = ?", oldUid)).toBe(1);

    // the county, holding the facility again, may correct its records meanwhile
    const countyApi = createCaller(county);
    const bedsBefore = one<number>(county, 'SELECT count(*) FROM beds b JOIN facilities f ON f.id = b.facility_id WHERE f.uid = ?', home);
    await countyApi.bed.add({ facilityId: one<number>(county, 'SELECT id FROM facilities WHERE uid = ?', home), count: 1, nursingCount: 0, labelPattern: '重登-{n}', startNumber: 1, inServiceFrom: '2026-11-15' });

    // the new PC starts from the county's copy: the first person, the county's bed; not the lost second person
    const fresh = joinAt(f('new.db'), makeEnrolment(county, place).file);
    expect(one<number>(fresh, 'SELECT count(*) FROM residents WHERE uid = ?', first.residentUid)).toBe(1);
    expect(one<number>(fresh, 'SELECT count(*) FROM stays s JOIN residents r ON r.id = s.resident_id WHERE r.uid = ? AND s.discharged_on IS NULL', first.residentUid)).toBe(1);
    expect(one<number>(fresh, 'SELECT count(*) FROM residents WHERE uid = ?', second.residentUid)).toBe(0);
    expect(one<number>(fresh, 'SELECT count(*) FROM beds b JOIN facilities f ON f.id = b.facility_id WHERE f.uid = ?', home)).toBe(bedsBefore + 1);
    expect(one<string | null>(fresh, 'SELECT replaces FROM installs WHERE uid = ?', uidOf(fresh))).toBe(oldUid);

    // it keeps what the old PC made: discharges the first person, registers someone new
    const freshApi = createCaller(fresh);
    const stayId = one<number>(fresh, 'SELECT s.id FROM stays s JOIN residents r ON r.id = s.resident_id WHERE r.uid = ? AND s.discharged_on IS NULL', first.residentUid);
    await freshApi.stay.discharge({ stayId, dischargedOn: '2026-11-20', dischargeReason: 'home' });
    await admitNew(fresh, home, 3, '2026-11-21');
    const enrolled = send(fresh, county, uidOf(county));
    expect(enrolled.enrolled).toBeDefined();
    expect(one<string | null>(county, 'SELECT replaces FROM installs WHERE uid = ?', uidOf(fresh))).toBe(oldUid);
    send(county, fresh, uidOf(fresh));
    // the county no longer writes the facility's records
    const refusal = await rejection(countyApi.bed.add({ facilityId: one<number>(county, 'SELECT id FROM facilities WHERE uid = ?', home), count: 1, nursingCount: 0, labelPattern: '重登-{n}', startNumber: 2, inServiceFrom: '2026-11-15' }));
    expect(refusal.code).toBe('NOT_HELD_HERE');

    // the old PC, revived, learns it was revoked and can no longer register
    send(county, old, uidOf(old));
    const dead = await rejection(createCaller(old).resident.create({ name: '不该出现', idNumber: idFor(999) }));
    expect(dead.code).toBe('INSTALL_REVOKED');

    // up to the city: everything the old PC had sent, the new PC's work; the same figures
    send(county, city, uidOf(city));
    expect(one<number>(city, 'SELECT count(*) FROM stays s JOIN residents r ON r.id = s.resident_id WHERE r.uid = ? AND s.discharged_on = ?', first.residentUid, '2026-11-20')).toBe(1);
    expect(one<number>(city, 'SELECT count(*) FROM residents WHERE uid = ?', second.residentUid)).toBe(0);
    expect(await countyRow(city)).toEqual(await countyRow(county));
    // the new PC and its county see the facility alike: its beds and the people in them
    const facilityNow = (db: AppDb) =>
      db.sqlite
        .prepare(
          `SELECT b.label, r.uid FROM beds b JOIN facilities f ON f.id = b.facility_id
             LEFT JOIN stays s ON s.bed_id = b.id AND s.discharged_on IS NULL LEFT JOIN residents r ON r.id = s.resident_id
           WHERE f.uid = ? ORDER BY b.label, r.uid`,
        )
        .all(home);
    expect(facilityNow(fresh)).toEqual(facilityNow(county));
    expect(facilityNow(city)).toEqual(facilityNow(county));
    for (const db of [city, county, old, fresh]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a package from a newer version', () => {
  it('is held, not refused, kept once, and imported after the upgrade', async () => {
    const dir = tempDir();
    const city = openDatabase(path.join(dir, 'city.db'));
    await seedDemo(city);
    const county = joinAt(path.join(dir, 'county.db'), makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file);
    send(county, city, uidOf(city));
    const home = one<number>(county, "SELECT id FROM facilities WHERE region_code = ? ORDER BY id LIMIT 1", BIJIANG);
    await createCaller(county).bed.add({ facilityId: home, count: 1, nursingCount: 0, labelPattern: '新版-{n}', startNumber: 1, inServiceFrom: '2026-11-15' });
    const batch = makeBatch(county, uidOf(city));
    const newer = writePackage(county, batch, [], new Date(), undefined, { format: 2, reader: 2, app: '9.1.0' });
    const before = one<number>(city, 'SELECT count(*) FROM change_log');
    for (let i = 0; i < 2; i++) {
      const o = importPackage(city, newer);
      expect(o.refused).toBeUndefined();
      expect(o.held!.zh).toContain('请升级到 9.1.0 后导入');
    }
    expect(one<number>(city, 'SELECT count(*) FROM change_log')).toBe(before);
    expect(heldPackages(city)).toHaveLength(1);
    expect(one<number>(city, "SELECT count(*) FROM audit_log WHERE action = 'exchange.holdPackage'")).toBe(1);
    // this version still cannot read it: it stays
    expect(importHeld(city)).toEqual([]);
    // after the upgrade (a reader of format 2): imported, and gone from the list
    const [done] = importHeld(city, 2);
    expect(done!.report!.applied).toBeGreaterThan(0);
    expect(heldPackages(city)).toHaveLength(0);
    expect(one<number>(city, "SELECT count(*) FROM beds WHERE label = '新版-1'")).toBe(1);

    // a newer writer that an older reader can still read (reader 1): applied, its unknown column left out
    await createCaller(county).bed.add({ facilityId: home, count: 1, nursingCount: 0, labelPattern: '新版-{n}', startNumber: 2, inServiceFrom: '2026-11-15' });
    const next = makeBatch(county, uidOf(city));
    for (const c of next.changes) if (c.tbl === 'beds' && c.after) c.after.future_column = 'x';
    const readable = importPackage(city, writePackage(county, next, [], new Date(), undefined, { format: 2, reader: 1, app: '9.1.0' }));
    expect(readable.report!.refused).toEqual([]);
    expect(one<number>(city, "SELECT count(*) FROM beds WHERE label = '新版-2'")).toBe(1);
    city.close();
    county.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
