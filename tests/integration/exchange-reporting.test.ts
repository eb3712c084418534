/**
 * 报送情况 (issue 18): a county knows which of its homes have sent their November data, on time
 * or late, from the packages it received — a package with no change counts ("nothing happened
 * through D"), silence does not. Going up, the county's package carries its homes' reports, so
 * the city sees them without a line to the village. A month the county closed stays frozen when
 * a home's late admission arrives: the change shows as a difference, as corrections do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { installIdentity } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { setToday } from '../../src-main/domain/dates';
import { exportPackage, makeEnrolment } from '../../src-main/services/exchange/enrolment';
import { importPackage } from '../../src-main/services/exchange/import-package';
import { reportingStatus } from '../../src-main/services/exchange/reporting';
import { joinAt, send } from '../support/facility-chain';
import { tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const BIJIANG = '520602';
const uidOf = (db: AppDb) => installIdentity(db.sqlite).uid;


afterEach(() => setToday(null));

describe('报送情况', () => {
  it('tells reported, late and silent homes apart, relays the reports up, and keeps a closed month frozen', async () => {
    const dir = tempDir();
    const f = (n: string) => path.join(dir, n);
    setToday('2026-11-10');
    const city = openDatabase(f('city.db'));
    await seedDemo(city);
    const county = joinAt(f('county.db'), makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file);
    send(county, city, uidOf(city));
    const homes = county.sqlite.prepare("SELECT uid, name FROM facilities WHERE region_code = ? AND kind IN ('nursing_home', 'support_home') ORDER BY id LIMIT 3").all(BIJIANG) as Array<{ uid: string; name: string }>;
    expect(homes).toHaveLength(3);
    const [a, b, c] = homes.map((h, i) => {
      const db = joinAt(f(`home${i}.db`), makeEnrolment(county, { level: 'facility', regionCode: BIJIANG, facilityUid: h.uid }).file);
      send(db, county, uidOf(county));
      send(county, db, uidOf(db));
      return db;
    }) as [AppDb, AppDb, AppDb];

    // A reports on 12-03 with nothing new; the county closes November on 12-04; B reports on 12-07, late, with an admission of 11-28; C stays silent
    setToday('2026-12-03');
    const quiet = exportPackage(a);
    expect(quiet.changes).toBe(0);
    const got = importPackage(county, quiet.file);
    expect(got.madeAt!.slice(0, 10)).toBe('2026-12-03');
    setToday('2026-12-04');
    const countyApi = createCaller(county);
    await countyApi.month.close({ month: '2026-11' });
    const closed = await countyApi.month.report({ month: '2026-11' });
    setToday('2026-12-07');
    const bApi = createCaller(b);
    const person = await bApi.resident.create({ name: '迟报入住', idNumber: idFor(611) });
    const bed = b.sqlite
      .prepare('SELECT b.id FROM beds b WHERE b.retired_on IS NULL AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.discharged_on IS NULL) AND b.facility_id = (SELECT id FROM facilities WHERE uid = ?) LIMIT 1')
      .pluck()
      .get(homes[1]!.uid) as number;
    await bApi.stay.admit({ residentId: person.id, bedId: bed, admittedOn: '2026-11-28' });
    send(b, county, uidOf(county));

    const status = reportingStatus(county, '2026-11');
    expect(status.deadline).toBe('2026-12-05');
    const state = (uid: string) => status.rows.find((r) => r.uid === uid)!.state;
    expect(state(uidOf(a))).toBe('reported');
    expect(state(uidOf(b))).toBe('late');
    expect(state(uidOf(c))).toBe('missing');
    expect(status.counts).toMatchObject({ reported: 1, late: 1, missing: 1 });
    expect(status.share).toBeCloseTo(2 / 3, 5);
    expect(status.rows.find((r) => r.uid === uidOf(a))!.madeThrough!.slice(0, 10)).toBe('2026-12-03');
    // enrolled after October ended? no — they were enrolled on 11-10, so October is not theirs to report
    expect(reportingStatus(county, '2026-10').counts).toMatchObject({ notDue: 3, missing: 0 });

    // the county's closed November stays as it was; the late admission is a difference
    const after = await countyApi.month.report({ month: '2026-11' });
    expect(after.report).toEqual(closed.report);
    expect(after.differences.some((d) => d.code === BIJIANG)).toBe(true);

    // up: the city sees the homes' reports through the county (it got them on 12-07, after the deadline)
    send(county, city, uidOf(city));
    const atCity = reportingStatus(city, '2026-11');
    expect(atCity.rows.map((r) => r.level).sort()).toEqual(['county', 'facility', 'facility', 'facility']);
    const cityRow = (uid: string) => atCity.rows.find((r) => r.uid === uid)!;
    expect(cityRow(uidOf(a)).madeThrough!.slice(0, 10)).toBe('2026-12-03');
    expect(cityRow(uidOf(a)).state).toBe('late');
    expect(cityRow(uidOf(c)).state).toBe('missing');
    expect(cityRow(uidOf(county)).state).toBe('late');
    for (const db of [city, county, a, b, c]) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
