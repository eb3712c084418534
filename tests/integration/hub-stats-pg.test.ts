/**
 * The statistics have one definition (docs/architecture.md#one-sql): the city-scale register,
 * mirrored into a real PostgreSQL server as the hub keeps it, gives exactly the figures of the
 * SQLite file — county by county, for three dates, through `stats --pg` as through `stats --db`
 * — and keeps giving them after the register changes and is mirrored again. The hub's tables
 * hold no ID number or phone in the clear.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg, runOnPg, type PgDb } from '../../src-main/db/pg/connection';
import { personalCipher, PERSONAL_COLUMNS } from '../../src-main/db/pg/personal-cipher';
import { generateDataSet } from '../../src-main/generate/generate';
import { localActor } from '../../src-main/services/local-actor';
import { mirrorRegister } from '../../src-main/services/hub/mirror';
import { statistics, statisticsProgram } from '../../src-main/services/statistics';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import type { ServiceContext } from '../../src-main/services/context';
import { createCaller } from '../../src-main/api/router';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';
import fs from 'node:fs';
import { freshDatabase } from '../support/pg-server';

const ROOT = path.resolve(__dirname, '../..');
const DATES = ['2025-12-31', '2026-06-30', '2026-10-31'];
const cipher = personalCipher(randomBytes(32));

let file: string;
let ctx: ServiceContext;
let api: ReturnType<typeof createCaller>;
let db: AppDb;
let dir: string;
let pg: PgDb;
let url: string;

function cli(...args: string[]): string {
  const r = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('the hub on PostgreSQL: the same figures as the office', () => {
  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, 'city.db');
    db = openDatabase(file);
    api = createCaller(db);
    generateDataSet(db, 'city');
    ctx = { db, actor: localActor(db) };
    url = await freshDatabase('hub_stats');
    pg = await openPg(url);
    const first = await mirrorRegister(db, pg, cipher);
    expect(first.full).toBe(true);
    expect(first.rows.beds).toBeGreaterThan(20_000);
  }, 240_000);

  afterAll(async () => {
    await pg?.close();
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stats --pg prints exactly what stats --db prints, for three dates', () => {
    for (const date of DATES) {
      const fromFile = cli('stats', '--db', file, '--date', date, '--json');
      const fromHub = cli('stats', '--pg', url, '--date', date, '--json');
      expect(JSON.parse(fromHub)).toEqual(JSON.parse(fromFile));
      expect(fromHub).toBe(fromFile);
      const parsed = JSON.parse(fromHub) as { rows: Array<{ code: string; countedBeds: number }> };
      expect(parsed.rows).toHaveLength(10);
      expect(parsed.rows.every((r) => r.countedBeds > 0)).toBe(true);
    }
  }, 120_000);

  it('county by county, with filters, the program gives the same on both engines', async () => {
    const program = (input: Parameters<typeof statistics>[1]) => runOnPg(pg, statisticsProgram(ctx.actor, input, 'pg'));
    const counties = statistics(ctx, { date: DATES[2]! }).rows.map((r) => r.code);
    for (const code of counties.slice(0, 3)) {
      const input = { date: DATES[1]!, counties: [code] };
      expect(await program(input)).toEqual(statistics(ctx, input));
    }
    const filtered = { date: DATES[2]!, kinds: ['support_home' as const, 'nursing_home' as const], ownership: ['public' as const] };
    expect(await program(filtered)).toEqual(statistics(ctx, filtered));
  }, 60_000);

  it('a change made after the first mirror reaches PostgreSQL with the next one, and the figures follow', async () => {
    const date = '2026-11-15';
    const before = statistics(ctx, { date });
    const free = ctx.db.sqlite
      .prepare(
        `SELECT b.id AS bedId FROM beds b JOIN facilities f ON f.id = b.facility_id
         WHERE b.retired_on IS NULL AND f.kind = 'nursing_home'
           AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.discharged_on IS NULL) LIMIT 1`,
      )
      .get() as { bedId: number };
    const body = '52060219400101123';
    const person = await api.resident.create({ name: '同步测试', idNumber: body + idCheckCharacter(body), phone: '13800001234' });
    await api.stay.admit({ residentId: person.id, bedId: free.bedId, admittedOn: '2026-11-10' });
    const after = statistics(ctx, { date });
    expect(after.total.occupiedBeds).toBe(before.total.occupiedBeds + 1);

    const second = await mirrorRegister(ctx.db, pg, cipher);
    expect(second.full).toBe(false);
    expect(second.rows.stays).toBe(1);
    expect(await runOnPg(pg, statisticsProgram(ctx.actor, { date }, 'pg'))).toEqual(after);
    // nothing new: nothing copied, the same figures
    const third = await mirrorRegister(ctx.db, pg, cipher);
    expect(third.rows.stays).toBeUndefined();
    expect(await runOnPg(pg, statisticsProgram(ctx.actor, { date }, 'pg'))).toEqual(after);
  }, 60_000);

  it('holds no ID number or phone in the clear; the sealed values open to the register values', async () => {
    const tables = (await pg.pool.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'text'",
    )).rows;
    const idNumber = /[1-9]\d{5}(18|19|20)\d{2}[01]\d[0-3]\d{4}[\dXx]/;
    for (const { table_name: t, column_name: c } of tables) {
      const hit = await pg.pool.query(`SELECT "${c}" AS v FROM "${t}" WHERE "${c}" ~ $1 LIMIT 1`, [idNumber.source]);
      expect(hit.rows, `${t}.${c} holds an ID number`).toEqual([]);
    }
    const sample = ctx.db.sqlite.prepare("SELECT uid, id_number AS idNumber, phone FROM residents WHERE phone <> '' LIMIT 5").all() as Array<{ uid: string; idNumber: string; phone: string }>;
    expect(sample.length).toBeGreaterThan(0);
    for (const r of sample) {
      const row = (await pg.pool.query<{ id_number: string; phone: string }>('SELECT id_number, phone FROM residents WHERE uid = $1', [r.uid])).rows[0]!;
      expect(row.id_number.startsWith('gcm1:')).toBe(true);
      expect(row.phone).not.toContain(r.phone);
      expect(cipher.open('residents', 'id_number', row.id_number)).toBe(r.idNumber);
      expect(cipher.open('residents', 'phone', row.phone)).toBe(r.phone);
      // a sealed value does not open as another field
      expect(() => cipher.open('residents', 'phone', row.id_number)).toThrow();
    }
    expect(Object.keys(PERSONAL_COLUMNS)).toContain('residents');
  }, 60_000);
});
