/**
 * M10 (security review): refused accesses left no trail ("for i in 1 2 3 … revealIdNumber
 * … audit_log unchanged"). Now every refusal (a role or scope check, a call without login)
 * is counted in access_refusals per account, procedure, hour and code: three probes are one
 * row with count 3, a thousand add at most a handful of rows, a busy database neither turns
 * the refusal into another error nor loses the count, and only administrators list them.
 */
import { rawDb } from '../support/raw-db';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { ANONYMOUS_USERNAME, hourOf, recordRefusal } from '../../src-main/services/access-refusals';
import { ANONYMOUS } from '../../src-main/services/accounts';
import type { AppDb } from '../../src-main/db/open';
import { freshDb, rejection } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

type Row = { username: string; procedure: string; hour: string; code: string; count: number; userId: number | null };
const rows = (db: AppDb) => db.sqlite.prepare('SELECT user_id AS userId, username, procedure, hour, code, count FROM access_refusals ORDER BY id').all() as Row[];
const total = (db: AppDb) => (db.sqlite.prepare('SELECT coalesce(sum(count), 0) AS n FROM access_refusals').get() as { n: number }).n;

describe('refused calls are counted in access_refusals', () => {
  it('a facility manager probing another facility’s resident three times: one row per procedure with count 3; the audit log unchanged', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const auditBefore = (db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    for (let i = 0; i < 3; i++) {
      expect((await rejection(w.as.managerA.resident.revealIdNumber({ id: w.b.resident.id }))).kind).toBe('forbidden');
      expect((await rejection(w.as.managerA.resident.get({ id: w.b.resident.id }))).kind).toBe('forbidden');
    }
    const hour = hourOf(new Date());
    const mine = rows(db).filter((r) => r.username === 'mgr-a');
    expect(mine.map(({ procedure, count, code }) => ({ procedure, count, code })).sort((a, b) => a.procedure.localeCompare(b.procedure))).toEqual([
      { procedure: 'resident.get', count: 3, code: 'FORBIDDEN' },
      { procedure: 'resident.revealIdNumber', count: 3, code: 'FORBIDDEN' },
    ]);
    // (an hour boundary may fall between the calls; then the rows belong to the two hours)
    expect(mine.every((r) => r.hour === hour || r.hour === hourOf(new Date(Date.now() - 3_600_000)))).toBe(true);
    expect(mine.every((r) => r.userId === w.users.managerA.id)).toBe(true);
    // The audit log is append-only; refusals have their own table.
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore);
  });

  it('1,000 refused calls add at most a handful of rows, and every one is counted', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    const before = rows(db).length;
    for (let i = 0; i < 1000; i++) await rejection(w.as.managerA.resident.get({ id: w.b.resident.id }));
    expect(rows(db).length - before).toBeLessThanOrEqual(2);
    expect(total(db)).toBe(1000);
    const size = (db.sqlite.prepare("SELECT sum(length(username) + length(procedure) + length(hour) + length(code) + length(last_message)) AS n FROM access_refusals").get() as { n: number }).n;
    expect(size).toBeLessThan(1000);
  });

  it('role refusals, refusals from a service, and calls without login are counted too', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    await rejection(w.as.reader.facility.create({ regionCode: '520602', name: 'x', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' }));
    // a read-only account may export the roster, but not with full ID numbers (refused in the service)
    expect((await rejection(w.as.reader.resident.roster({ fullIdNumbers: true }))).kind).toBe('forbidden');
    const anonymous = createCaller(db, ANONYMOUS);
    expect((await rejection(anonymous.facility.list())).code).toBe('LOGIN_REQUIRED');
    expect((await rejection(anonymous.facility.list())).code).toBe('LOGIN_REQUIRED');
    const got = rows(db).map(({ username, procedure, code, count }) => ({ username, procedure, code, count }));
    expect(got).toContainEqual({ username: 'reader', procedure: 'facility.create', code: 'FORBIDDEN', count: 1 });
    expect(got).toContainEqual({ username: 'reader', procedure: 'resident.roster', code: 'FORBIDDEN', count: 1 });
    expect(got).toContainEqual({ username: ANONYMOUS_USERNAME, procedure: 'facility.list', code: 'LOGIN_REQUIRED', count: 2 });
    // what is not a refusal is not counted: a validation error, a missing record
    const n = total(db);
    await rejection(w.as.managerA.resident.get({ id: 999_999 }));
    await rejection(w.as.managerA.facility.update({ id: w.a.facility.id, name: '' }));
    expect(total(db)).toBe(n);
  });

  it('a busy database neither turns the refusal into another error nor delays it; the count goes in with the next refusal', async () => {
    const { db, file } = freshDb();
    const w = await twoFacilities(db);
    const other = rawDb(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      const err = await rejection(w.as.managerA.resident.get({ id: w.b.resident.id }));
      expect(err.code).toBe('FORBIDDEN');
      // busy_timeout is 5 s on the api's connection; recording does not wait for it
      expect(Date.now() - started).toBeLessThan(2000);
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    expect(total(db)).toBe(0);
    await rejection(w.as.managerA.resident.get({ id: w.b.resident.id }));
    expect(rows(db).find((r) => r.procedure === 'resident.get')?.count).toBe(2);
    // and recording itself never throws, even on a closed database
    const closed = freshDb();
    closed.db.close();
    expect(recordRefusal(closed.db, { actor: ANONYMOUS, procedure: 'x.y', code: 'FORBIDDEN', message: '' })).toBe(false);
  });
});

describe('操作日志 → 拒绝的访问', () => {
  it('administrators list the rows; read-only accounts and facility managers cannot (and that refusal is counted too)', async () => {
    const { db } = freshDb();
    const w = await twoFacilities(db);
    for (let i = 0; i < 3; i++) await rejection(w.as.managerA.resident.revealIdNumber({ id: w.b.resident.id }));
    const list = await w.as.admin.audit.refusals();
    expect(list).toContainEqual(expect.objectContaining({ username: 'mgr-a', procedure: 'resident.revealIdNumber', code: 'FORBIDDEN', count: 3, hour: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}$/) }));
    expect(list[0]!.lastMessage).toMatch(/权限|范围/);
    expect(await w.as.admin.audit.refusals({ username: 'nobody' })).toEqual([]);
    expect(await w.as.admin.audit.refusals({ username: 'mgr-a', procedure: 'resident.revealIdNumber' })).toHaveLength(1);

    expect((await rejection(w.as.reader.audit.refusals())).kind).toBe('forbidden');
    expect((await rejection(w.as.managerA.audit.refusals())).kind).toBe('forbidden');
    expect((await rejection(w.as.sectionCity.audit.refusals())).kind).toBe('forbidden');
    const after = await w.as.admin.audit.refusals({ username: 'reader' });
    expect(after.map((r) => [r.procedure, r.count])).toEqual([['audit.refusals', 1]]);
  });
});
