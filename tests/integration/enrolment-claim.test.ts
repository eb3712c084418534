/**
 * A new install's first package carries its claim (who it is, with an HMAC under the one-time
 * secret). The section registers it only when the whole file opens: a package whose body was
 * altered and signed again by the claimed key is refused, and nobody is registered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src-main/cli/demo-data';
import { signAsInstall } from '../../src-main/db/install-identity';
import { openDatabase } from '../../src-main/db/open';
import { exportPackage, joinFromEnrolment, makeEnrolment, readEnrolment } from '../../src-main/services/exchange/enrolment';
import { importPackage } from '../../src-main/services/exchange/import-package';
import { readPackageHeader } from '../../src-main/services/exchange/package-file';
import { tempDir } from '../support/temp-db';

describe('a new install’s first package', () => {
  it('registers the install only when the whole file opens', async () => {
    const dir = tempDir();
    const city = openDatabase(path.join(dir, 'city.db'));
    await seedDemo(city);
    const content = readEnrolment(makeEnrolment(city, { level: 'county', regionCode: '520602' }).file);
    const county = openDatabase(path.join(dir, 'county.db'), { install: content.place });
    joinFromEnrolment(county, content);
    const file = exportPackage(county).file;
    // a byte of the encrypted payload flipped, the file signed again with the claimed key
    const { headerEnd } = readPackageHeader(file);
    const body = Buffer.from(file.subarray(0, file.length - 64));
    body[headerEnd + 10] = body[headerEnd + 10]! ^ 0x01;
    const forged = Buffer.concat([body, signAsInstall(county.sqlite, county.key, body)]);
    const installs = () => city.sqlite.prepare('SELECT count(*) FROM installs').pluck().get() as number;
    const before = installs();
    const refused = importPackage(city, forged);
    expect(refused.refused).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(installs()).toBe(before);
    expect(city.sqlite.prepare('SELECT used_by FROM enrolments').pluck().get()).toBeNull();
    // the real file still enrols it
    const ok = importPackage(city, file);
    expect(ok.enrolled).toBeDefined();
    expect(installs()).toBe(before + 1);
    city.close();
    county.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
