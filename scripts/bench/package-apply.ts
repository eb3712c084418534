/**
 * Issue 17: applying a county's month package at the city. A demo city in a temp folder
 * enrols 碧江区, the county joins and does the first package round trip; then a month of work
 * at the county through the api caller the screens use (admissions into free beds,
 * discharges, leaves, assessments, bed additions, a facility edit) until its change log holds
 * about 2,000 new changes. That package is imported at the city into a fresh copy of the city
 * file each run (the copy is not timed); prints median and min, then checks the county's
 * statistics for the month-end are equal at both (exit 1 if not).
 *
 *   npm run --silent bench:package [-- --scale demo|city] [--changes 2000] [--runs 5] [--keep]
 *
 * --scale city starts from the generated city data set instead (about 25,000 beds), the file
 * `npm run bench` caches in .tmp/bench/ (generated here when absent, a few minutes).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { DEFAULT_SEED } from '../../src-main/generate/generate';
import { statusOn, stayOpenOn } from '../../src-main/db/queries/as-of';
import { installIdentity } from '../../src-main/db/install-identity';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { exportPackage, joinFromEnrolment, makeEnrolment, readEnrolment } from '../../src-main/services/exchange/enrolment';
import { importPackage } from '../../src-main/services/exchange/import-package';
import { openPackage } from '../../src-main/services/exchange/package-file';
import { statistics } from '../../src-main/services/statistics';
import { localActor } from '../../src-main/services/local-actor';
import { monthOfWork } from './county-month';
import { fmtMs, summarize } from './stats';

const COUNTY = '520602';
const MONTH_END = '2026-11-30';
const TARGET_MS = 1000;
const ROOT = path.resolve(__dirname, '../..');

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' }, changes: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' }, keep: { type: 'boolean' } }, strict: true });
const target = Math.max(1, Number(values.changes));
const runs = Math.max(1, Number(values.runs));
if (values.scale !== 'demo' && values.scale !== 'city') throw new Error('--scale demo|city');

/** The generated city data set, shared with `npm run bench` (same file name in .tmp/bench/). */
function generatedCity(): string {
  const file = path.join(ROOT, '.tmp/bench', `city-${DEFAULT_SEED}.db`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = file.replace(/\.db$/, '.partial.db');
  for (const x of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(x, { force: true });
  console.log('生成数据 / generating the city data set …');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/cli/main.ts'), 'generate', '--db', partial, '--scale', 'city', '--seed', String(DEFAULT_SEED)], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generation failed');
  fs.renameSync(partial, file);
  return file;
}

function ownChanges(db: AppDb): number {
  return db.sqlite.prepare('SELECT count(*) FROM change_log WHERE origin = ?').pluck().get(installIdentity(db.sqlite).uid) as number;
}

/** The county's statistics row for the month-end, as the app shows it. */
function countyRow(db: AppDb): Record<string, unknown> {
  const row = statistics({ db, actor: localActor(db) }, { date: MONTH_END }).rows.find((r) => r.code === COUNTY);
  if (!row) throw new Error(`no statistics row for ${COUNTY}`);
  return row as unknown as Record<string, unknown>;
}

/** The row less the 特困 figures, which count people by household wherever they stay. */
function withoutTekunUnable(row: Record<string, unknown>): Record<string, unknown> {
  const { tekunUnableResidents: _n, tekunRate: _r, gaps, ...rest } = row as { gaps: Record<string, unknown> } & Record<string, unknown>;
  const { tekunRate: _g, ...otherGaps } = gaps;
  return { ...rest, gaps: otherGaps };
}

/** At the city: the county's 特困 unable people in care on the month-end in operating homes of other counties. */
function tekunUnableElsewhere(db: AppDb): number {
  return db.sqlite
    .prepare(
      `SELECT count(DISTINCT r.id) FROM stays st JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id
       WHERE r.household_region_code = @county AND f.region_code <> @county AND ${statusOn('f')} = 'operating'
         AND st.residential = 1 AND ${stayOpenOn('st')} AND r.tekun = 1 AND r.tekun_self_care IN ('partial', 'none')`,
    )
    .pluck()
    .get({ county: COUNTY, d: MONTH_END }) as number;
}

function importOrFail(db: AppDb, bytes: Buffer, what: string) {
  const o = importPackage(db, bytes);
  if (o.refused) throw new Error(`${what} refused: [${o.refused.code}] ${o.refused.en}`);
  if (o.report!.refused.length > 0) throw new Error(`${what}: ${o.report!.refused.length} changes refused, first: ${o.report!.refused[0]!.reason}`);
  return o.report!;
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eldercare-bench-package-'));
  const f = (name: string) => path.join(dir, name);
  try {
    // the city with the demo data; the county enrolled, joined, and its first package round trip
    if (values.scale === 'city') fs.copyFileSync(generatedCity(), f('city.db'));
    const city = openDatabase(f('city.db'), { autoBackup: false });
    if (values.scale === 'demo') await seedDemo(city);
    const enrolment = makeEnrolment(city, { level: 'county', regionCode: COUNTY }).file;
    const content = readEnrolment(enrolment);
    const t0 = performance.now();
    const county = openDatabase(f('county.db'), { install: content.place });
    joinFromEnrolment(county, content);
    importOrFail(city, exportPackage(county).file, 'first county package');
    importOrFail(county, exportPackage(city, installIdentity(county.sqlite).uid).file, "the city's answer");
    const setUp = (performance.now() - t0) / 1000;
    const size = (t: string) => city.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    console.log(
      `市级库 / city (${values.scale}): facilities ${size('facilities')}, beds ${size('beds')}, residents ${size('residents')}, stays ${size('stays')}, change_log ${size('change_log')}; ` +
        `区县 ${COUNTY} 登记、加入、首轮交换 / enrol, join, first round trip: ${setUp.toFixed(1)} s`,
    );

    // a month of work at the county through the api
    const before = ownChanges(county);
    const t1 = performance.now();
    const work = await monthOfWork(county, createCaller(county), () => ownChanges(county) - before, target);
    const workSeconds = (performance.now() - t1) / 1000;
    const made = ownChanges(county) - before;
    console.log(`区县一个月的工作 / the county's month (2026-11-01..30): ${made} changes — ${work} (${workSeconds.toFixed(0)} s through the api)`);

    const pkg = exportPackage(county);
    fs.writeFileSync(f('county-month.eldx'), pkg.file);
    console.log(`交换包 / package: ${pkg.changes} changes, ${(pkg.file.length / 1024).toFixed(0)} KB`);

    // import at the city, each run into a fresh copy of the city file (the copy not timed)
    city.close();
    const ms: number[] = [];
    const openMs: number[] = [];
    let applied = 0;
    for (let i = 0; i < runs; i++) {
      const copy = f(`city-run${i}.db`);
      fs.copyFileSync(f('city.db'), copy);
      const db = openDatabase(copy, { autoBackup: false });
      const start = performance.now();
      const report = importOrFail(db, pkg.file, 'the month package');
      ms.push(performance.now() - start);
      // its verify+decrypt part alone (read-only), timed after so it warms nothing for the import
      const opened = performance.now();
      openPackage(db, pkg.file);
      openMs.push(performance.now() - opened);
      applied = report.applied;
      if (i < runs - 1) {
        db.close();
        for (const x of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(x, { force: true });
      } else {
        const s = summarize(ms);
        const o = summarize(openMs);
        console.log(
          `导入（校验+解密+应用）/ importPackage (verify+decrypt+apply), ${runs} runs: median ${fmtMs(s.median)}, min ${fmtMs(s.min)} · ` +
            `${applied} applied of ${pkg.changes} · ${(pkg.file.length / 1024).toFixed(0)} KB · ${(s.median / pkg.changes).toFixed(3)} ms per change (median) · ` +
            `${s.median < TARGET_MS ? '达标 / meets' : '未达标 / misses'} "under a second"`,
        );
        console.log(`  其中校验+解密 / of which verify+decrypt (openPackage alone): median ${fmtMs(o.median)}, min ${fmtMs(o.min)}; apply (receiveBatch) ≈ ${fmtMs(s.median - o.median)}`);
        // figures equal: the county's own figures are the city's for the county
        const atCounty = countyRow(county);
        const atCity = countyRow(db);
        const same = JSON.stringify(withoutTekunUnable(atCounty)) === JSON.stringify(withoutTekunUnable(atCity));
        // 特困 unable persons count for their household county wherever they stay; the county
        // install does not hold its people supported in other counties' homes
        const elsewhere = tekunUnableElsewhere(db);
        const tekunExplained = Number(atCity.tekunUnableResidents) - Number(atCounty.tekunUnableResidents) === elsewhere;
        console.log(
          `${MONTH_END} 区县统计 / county statistics at the county and at the city: ${same ? '一致 / equal' : '不一致 / NOT equal'} ` +
            `(residents ${String(atCity.residents)}, beds ${String(atCity.countedBeds)}, occupied ${String(atCity.occupiedBeds)}, facilities ${String(atCity.facilities)}; tekunUnableResidents/tekunRate compared apart)`,
        );
        console.log(
          `  特困失能 / tekunUnableResidents: city ${String(atCity.tekunUnableResidents)}, county ${String(atCounty.tekunUnableResidents)}; ` +
            `${elsewhere} of the county's people are supported in other counties' homes, which the county install does not hold — ${tekunExplained ? '差额相符 / difference explained' : '差额不符 / difference NOT explained'}`,
        );
        if (!same || !tekunExplained) console.log(`  at the city: ${JSON.stringify(atCity)}\n  at the county: ${JSON.stringify(atCounty)}`);
        db.close();
        county.close();
        return same && tekunExplained ? 0 : 1;
      }
    }
    return 1;
  } finally {
    if (values.keep) console.log(`kept: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
