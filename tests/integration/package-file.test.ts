/**
 * Package files (services/exchange/package-file.ts): a batch signed by its sender and
 * encrypted for its recipients. The receiver gets exactly the batch; a flipped byte, another
 * key's signature, a package for another office, an unknown sender are refused and nothing is
 * applied; a package from a newer version is held; the file shows nothing of the register.
 */
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { installIdentity, signAsInstall } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { makeBatch } from '../../src-main/services/exchange/batch';
import { enrolInstall } from '../../src-main/services/exchange/enrol';
import { openPackage, PackageRefused, readPackageHeader, writePackage } from '../../src-main/services/exchange/package-file';
import { receiveBatch } from '../../src-main/services/exchange/receive';
import { freshDb, tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const uidOf = (db: AppDb) => installIdentity(db.sqlite).uid;
const install = (regionCode: string) => openDatabase(path.join(tempDir(), 'county.db'), { install: { level: 'county', regionCode } });
const changes = (db: AppDb) => db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;

function refusal(fn: () => unknown): PackageRefused {
  try {
    fn();
  } catch (e) {
    if (e instanceof PackageRefused) return e;
    throw e;
  }
  throw new Error('expected the package to be refused');
}

/** The city and two counties enrolled; 碧江区 registers and admits a person. */
async function offices() {
  const { db: city, api } = freshDb();
  await api.facility.create({ regionCode: '520602', name: '碧江区敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2025-01-01', initialBeds: { count: 2, nursingCount: 0 } });
  const bijiang = install('520602');
  const wanshan = install('520603');
  for (const county of [bijiang, wanshan]) {
    enrolInstall(city, county);
    receiveBatch(county, makeBatch(city, uidOf(county)));
  }
  const countyApi = createCaller(bijiang);
  const r = await countyApi.resident.create({ name: '欧阳秀英', idNumber: idFor(5), phone: '13800000000' });
  const bed = bijiang.sqlite.prepare('SELECT id FROM beds ORDER BY id LIMIT 1').pluck().get() as number;
  await countyApi.stay.admit({ residentId: r.id, bedId: bed, admittedOn: '2026-05-01' });
  return { city, bijiang, wanshan };
}

describe('package files', () => {
  it('carry exactly the batch to its recipient, who applies it, and show nothing of the register', async () => {
    const { city, bijiang } = await offices();
    const batch = makeBatch(bijiang, uidOf(city));
    const file = writePackage(bijiang, batch);
    const { header } = readPackageHeader(file);
    expect(header).toMatchObject({ format: 1, reader: 1, from: uidOf(bijiang), recipients: [{ to: uidOf(city) }] });
    const opened = openPackage(city, file);
    expect(opened.batch).toEqual(batch);
    const report = receiveBatch(city, opened.batch);
    expect(report.refused).toEqual([]);
    expect(city.sqlite.prepare("SELECT count(*) FROM residents WHERE name = '欧阳秀英'").pluck().get()).toBe(1);
    // a lost stick: neither the name, the ID number nor the phone, in the file or what gunzip makes of it
    const text = file.toString('latin1') + file.toString('utf8');
    for (const secret of ['欧阳秀英', idFor(5), '13800000000', '碧江区敬老院']) expect(text).not.toContain(secret);
    expect(() => zlib.gunzipSync(file)).toThrow();
  });

  it('refuses a flipped byte anywhere, another key’s signature and a package for another office, applying nothing', async () => {
    const { city, bijiang, wanshan } = await offices();
    const file = writePackage(bijiang, makeBatch(bijiang, uidOf(city)));
    const before = changes(city);
    for (const at of [2, 12, Math.floor(file.length / 2), file.length - 70, file.length - 1]) {
      const bad = Buffer.from(file);
      bad[at] = bad[at]! ^ 0x01;
      const e = refusal(() => openPackage(city, bad));
      expect(['BAD_SIGNATURE', 'NOT_A_PACKAGE'], `byte ${at}`).toContain(e.code);
      expect(e.zh.length).toBeGreaterThan(4);
    }
    // the body signed again by another install's key (万山区 claims to be 碧江区)
    const body = file.subarray(0, file.length - 64);
    const forged = Buffer.concat([body, signAsInstall(wanshan.sqlite, wanshan.key, body)]);
    expect(refusal(() => openPackage(city, forged)).code).toBe('BAD_SIGNATURE');
    // 万山区 knows 碧江区 (the registry reaches every county) but is not a recipient
    expect(refusal(() => openPackage(wanshan, file))).toMatchObject({ code: 'NOT_FOR_THIS_INSTALL', zh: expect.stringContaining('不是发给本单位') });
    expect(changes(city)).toBe(before);
  });

  it('refuses a sender not enrolled here, and holds a package from a newer version with what to do', async () => {
    const { city, bijiang } = await offices();
    const stranger = install('520621');
    expect(refusal(() => openPackage(stranger, writePackage(bijiang, makeBatch(bijiang, uidOf(city)))))).toMatchObject({ code: 'UNKNOWN_SENDER' });
    // a writer whose packages an older reader cannot read: reader format 2, signed by its sender
    const file = writePackage(bijiang, makeBatch(bijiang, uidOf(city)));
    const { header, headerEnd } = readPackageHeader(file);
    const newer = Buffer.from(JSON.stringify({ ...header, reader: 2, app: '0.3.0' }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(newer.length);
    const body = Buffer.concat([file.subarray(0, 6), length, newer, file.subarray(headerEnd, file.length - 64)]);
    const held = refusal(() => openPackage(city, Buffer.concat([body, signAsInstall(bijiang.sqlite, bijiang.key, body)])));
    expect(held.code).toBe('NEEDS_UPGRADE');
    expect(held.zh).toContain('请升级到 0.3.0 后导入');
  });
});
