/**
 * The exchange chain on real files, in process, as the CLI's enrol / join / export / import do
 * it: the demo city enrols 碧江区, the county joins and reports, the county enrols one of its
 * homes, the home joins and reports, and the county answers. Shared by the facility-install
 * integration test and e2e spec (no test framework here).
 */
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { installIdentity } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { exportPackage, joinFromEnrolment, makeEnrolment, readEnrolment } from '../../src-main/services/exchange/enrolment';
import { importPackage, type ImportOutcome } from '../../src-main/services/exchange/import-package';

export const BIJIANG = '520602';

export const uidOf = (db: AppDb): string => installIdentity(db.sqlite).uid;

/**
 * A county's row of the statistics on a date, as two installs compare it: without the 特困
 * unable count and rate, which depend on the household county — a county install does not
 * hold its people in other counties' homes.
 */
export async function countyRowOf(db: AppDb, date: string, code = BIJIANG) {
  const all = await createCaller(db).report.statistics({ date });
  const { tekunUnableResidents: _t, tekunRate: _r, ...row } = all.rows.find((r) => r.code === code)!;
  return row;
}

/** One package from `from` to `to` (default: the section above); throws when anything is refused. */
export function send(from: AppDb, to: AppDb, forPeer?: string): ImportOutcome {
  const o = importPackage(to, exportPackage(from, forPeer).file);
  if (o.refused || o.report!.refused.length > 0) throw new Error(`package refused: ${JSON.stringify(o.refused ?? o.report!.refused)}`);
  return o;
}

/** A new install at `file` from an enrolment file, as `exchange join` makes it. */
export function joinAt(file: string, enrolment: Buffer): AppDb {
  const content = readEnrolment(enrolment);
  const db = openDatabase(file, { install: content.place });
  joinFromEnrolment(db, content);
  return db;
}

export interface FacilityChain {
  city: AppDb;
  county: AppDb;
  /** The home's own install (home.db in the folder). */
  fac: AppDb;
  home: { uid: string; name: string };
  /** Another home of the county, not held at the home's install. */
  other: { uid: string; name: string };
}

export async function facilityChain(dir: string): Promise<FacilityChain> {
  const f = (name: string) => path.join(dir, name);
  const city = openDatabase(f('city.db'));
  await seedDemo(city);
  const countyEnrol = readEnrolment(makeEnrolment(city, { level: 'county', regionCode: BIJIANG }).file);
  const county = openDatabase(f('county.db'), { install: countyEnrol.place });
  joinFromEnrolment(county, countyEnrol);
  send(county, city);
  const [home, other] = county.sqlite
    .prepare("SELECT uid, name FROM facilities WHERE region_code = ? AND kind IN ('support_home', 'nursing_home') ORDER BY id LIMIT 2")
    .all(BIJIANG) as Array<{ uid: string; name: string }>;
  const homeEnrol = readEnrolment(makeEnrolment(county, { level: 'facility', regionCode: BIJIANG, facilityUid: home!.uid }).file);
  const fac = openDatabase(f('home.db'), { install: homeEnrol.place });
  joinFromEnrolment(fac, homeEnrol);
  send(fac, county);
  send(county, fac, installIdentity(fac.sqlite).uid);
  return { city, county, fac, home: home!, other: other! };
}
