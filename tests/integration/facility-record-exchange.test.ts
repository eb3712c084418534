/**
 * The national record travels with the exchange as its owners say (issue 20, part 1): the
 * county registers a home's filing, founder and licence and they reach the city; the home
 * keeps its fees and they reach the county and the city; the home may not change what the
 * county keeps (its credit code, its licences), and such a write changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import type { AppDb } from '../../src-main/db/open';
import { facilityChain, send, uidOf } from '../support/facility-chain';
import { rejection, snapshot, tempDir } from '../support/temp-db';

const idAt = (db: AppDb, uid: string) => db.sqlite.prepare('SELECT id FROM facilities WHERE uid = ?').pluck().get(uid) as number;
const recordAt = (db: AppDb, uid: string) =>
  db.sqlite
    .prepare('SELECT credit_code AS creditCode, filed_on AS filedOn, founder, bed_fee_min_fen AS feeMin, bed_fee_max_fen AS feeMax, offers_day_care AS dayCare FROM facilities WHERE uid = ?')
    .get(uid);
const licencesAt = (db: AppDb, uid: string) =>
  db.sqlite.prepare('SELECT l.kind, l.issued_on AS issuedOn, l.expires_on AS expiresOn FROM facility_licences l JOIN facilities f ON f.id = l.facility_id WHERE f.uid = ? ORDER BY l.kind').all(uid);

describe('the national record across installs', () => {
  it('reaches the county and the city from whoever owns each part; the home cannot change the county’s part', async () => {
    const { city, county, fac, home } = await facilityChain(tempDir());
    const opened = county.sqlite
      .prepare("SELECT min(s.effective_on) FROM facility_status_changes s JOIN facilities f ON f.id = s.facility_id WHERE f.uid = ? AND s.status = 'operating'")
      .pluck()
      .get(home.uid) as string;

    // the county registers the filing and the founder, and a licence
    const atCounty = createCaller(county);
    await atCounty.facility.update({ id: idAt(county, home.uid), creditCode: '91350100M000100Y43', filedOn: opened, founder: 'government', offersDayCare: true });
    await atCounty.facility.addLicence({ facilityId: idAt(county, home.uid), kind: 'fire_safety', issuedOn: opened });
    send(county, fac, uidOf(fac));
    send(county, city);

    // the home keeps its fees
    const atHome = createCaller(fac);
    await atHome.facility.update({ id: idAt(fac, home.uid), bedFeeMin: 800, bedFeeMax: 1500 });
    // …but not what the county keeps
    for (const call of [
      () => atHome.facility.update({ id: idAt(fac, home.uid), creditCode: '91110108551385082Q' }),
      () => atHome.facility.addLicence({ facilityId: idAt(fac, home.uid), kind: 'food', issuedOn: '2024-01-01' }),
    ]) {
      const before = snapshot(fac);
      expect((await rejection(call())).code).toBe('NOT_HELD_HERE');
      expect(snapshot(fac)).toEqual(before);
    }
    send(fac, county);
    send(county, city);

    const expected = { creditCode: '91350100M000100Y43', filedOn: opened, founder: 'government', feeMin: 80_000, feeMax: 150_000, dayCare: 1 };
    for (const db of [county, city, fac]) {
      expect(recordAt(db, home.uid)).toEqual(expected);
      expect(licencesAt(db, home.uid)).toEqual([{ kind: 'fire_safety', issuedOn: opened, expiresOn: null }]);
    }
  }, 120_000);
});
