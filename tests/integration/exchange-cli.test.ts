/**
 * The exchange commands as a clerk would run them, on real files: a city → county → two
 * facilities chain enrolled, joined, working, exporting and importing packages — duplicates
 * and reordering harmless, figures equal — and each kind of bad file refused with its reason,
 * exit 1, nothing of it applied.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { openDatabase } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const BIJIANG = '520602';
const DATE = '2026-11-30';

function cli(...args: string[]): { status: number; out: string } {
  const r = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
function ok(...args: string[]): string {
  const r = cli(...args);
  expect(r.status, r.out).toBe(0);
  return r.out;
}
const fingerprint = (text: string, label: string) => new RegExp(`${label}[^:]*: ((?:[0-9A-F]{4} ){15}[0-9A-F]{4})`).exec(text)![1]!;
const changes = (file: string) => {
  const db = openDatabase(file);
  try {
    return db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
  } finally {
    db.close();
  }
};

function countyRow(file: string) {
  const all = JSON.parse(ok('stats', '--db', file, '--date', DATE, '--json')) as { rows: Array<Record<string, unknown>> };
  const { tekunUnableResidents: _t, tekunRate: _r, ...row } = all.rows.find((r) => r.code === BIJIANG)!;
  return row;
}

describe('exchange commands: a city, a county and two facilities', () => {
  it('enrol, join, work, export and import; duplicates and reordering harmless; figures equal; bad files refused', async () => {
    const dir = tempDir();
    const f = (name: string) => path.join(dir, name);
    const seeded = openDatabase(f('city.db'));
    await seedDemo(seeded);
    const homes = seeded.sqlite.prepare("SELECT name FROM facilities WHERE region_code = ? AND kind IN ('support_home', 'nursing_home') ORDER BY id LIMIT 2").pluck().all(BIJIANG) as string[];
    seeded.close();
    expect(homes).toHaveLength(2);

    // the city enrols 碧江区; the county joins and confirms fingerprints with its first package
    const enrolled = ok('exchange', 'enrol', '--db', f('city.db'), '--county', BIJIANG, '--out', f('county.enrol'));
    const joined = ok('exchange', 'join', '--db', f('county.db'), '--from', f('county.enrol'));
    expect(fingerprint(joined, '上级单位公钥指纹')).toBe(fingerprint(enrolled, '本单位公钥指纹'));
    ok('exchange', 'export', '--db', f('county.db'), '--out', f('county-1.eldx'));
    const first = ok('exchange', 'import', '--db', f('city.db'), f('county-1.eldx'));
    expect(fingerprint(first, '新登记的安装')).toBe(fingerprint(joined, '本机公钥指纹'));

    // the county enrols two of its homes; both join and report
    for (const [i, name] of homes.entries()) {
      ok('exchange', 'enrol', '--db', f('county.db'), '--facility', `${BIJIANG}/${name}`, '--out', f(`home${i}.enrol`));
      ok('exchange', 'join', '--db', f(`home${i}.db`), '--from', f(`home${i}.enrol`));
    }
    // the same enrolment file used by a second PC: its package is refused at the county
    ok('exchange', 'join', '--db', f('impostor.db'), '--from', f('home0.enrol'));

    // work at each home: a person registered and admitted on a free bed
    for (const i of [0, 1]) {
      const db = openDatabase(f(`home${i}.db`));
      const api = createCaller(db);
      const r = await api.resident.create({ name: i === 0 ? '田大妹' : '龙二哥', idNumber: idFor(900 + i) });
      const bed = db.sqlite.prepare('SELECT b.id FROM beds b WHERE b.retired_on IS NULL AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.discharged_on IS NULL) ORDER BY b.id LIMIT 1').pluck().get() as number;
      await api.stay.admit({ residentId: r.id, bedId: bed, admittedOn: '2026-11-02' });
      db.close();
      ok('exchange', 'export', '--db', f(`home${i}.db`), '--out', f(`home${i}-1.eldx`));
    }
    // reordered and duplicated at the county: harmless
    const atCounty = ok('exchange', 'import', '--db', f('county.db'), f('home1-1.eldx'), f('home0-1.eldx'), f('home0-1.eldx'));
    expect(atCounty).toContain('已有');
    ok('exchange', 'export', '--db', f('county.db'), '--out', f('county-2.eldx'));
    ok('exchange', 'import', '--db', f('city.db'), f('county-2.eldx'));
    // a home's package also taken by the city directly: nothing applied twice
    const cityUid = (JSON.parse(ok('exchange', 'identity', '--db', f('city.db'), '--json')) as { uid: string }).uid;
    ok('exchange', 'export', '--db', f('home0.db'), '--out', f('home0-direct.eldx'), '--for', cityUid);
    const direct = ok('exchange', 'import', '--db', f('city.db'), f('home0-direct.eldx'));
    expect(direct).toMatch(/应用 0 /);
    // the section's answers go down
    const countyUid = (JSON.parse(ok('exchange', 'identity', '--db', f('county.db'), '--json')) as { uid: string }).uid;
    ok('exchange', 'export', '--db', f('city.db'), '--out', f('city-1.eldx'), '--for', countyUid);
    ok('exchange', 'import', '--db', f('county.db'), f('city-1.eldx'));

    // figures equal: the county's own figures are the city's for the county
    expect(countyRow(f('county.db'))).toEqual(countyRow(f('city.db')));
    const cityRow = countyRow(f('city.db')) as { residents: number };
    expect(cityRow.residents).toBeGreaterThan(0);

    // bad files: each refused with its reason, exit 1, nothing applied
    ok('exchange', 'export', '--db', f('impostor.db'), '--out', f('impostor.eldx'));
    const before = changes(f('county.db'));
    const used = cli('exchange', 'import', '--db', f('county.db'), f('impostor.eldx'));
    expect(used.status).toBe(1);
    expect(used.out).toContain('ENROLMENT_USED');
    expect(used.out).toContain('已被另一台电脑使用过');
    const flipped = fs.readFileSync(f('home1-1.eldx'));
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x04;
    fs.writeFileSync(f('flipped.eldx'), flipped);
    const bad = cli('exchange', 'import', '--db', f('county.db'), f('flipped.eldx'));
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('BAD_SIGNATURE');
    const notMine = cli('exchange', 'import', '--db', f('home1.db'), f('county-2.eldx'));
    expect(notMine.status).toBe(1);
    expect(notMine.out).toMatch(/NOT_FOR_THIS_INSTALL|UNKNOWN_SENDER/);
    expect(changes(f('county.db'))).toBe(before);
    const status = JSON.parse(ok('exchange', 'status', '--db', f('county.db'), '--json')) as { origins: Array<{ level: string; pending: number }> };
    expect(status.origins.filter((o) => o.level === 'facility')).toHaveLength(2);
    expect(status.origins.every((o) => o.pending === 0)).toBe(true);
    // 报送情况: both homes sent packages this month; none was made after its end yet
    const thisMonth = new Date().toISOString().slice(0, 7);
    const reporting = JSON.parse(ok('exchange', 'reporting', '--db', f('county.db'), '--month', thisMonth, '--json')) as { rows: Array<{ level: string; state: string; lastReceivedAt: string | null }> };
    expect(reporting.rows.map((r) => [r.level, r.state])).toEqual([
      ['facility', 'missing'],
      ['facility', 'missing'],
    ]);
    expect(reporting.rows.every((r) => r.lastReceivedAt !== null)).toBe(true);
  }, 240_000);
});
