/**
 * A real day as a new user walks it: the county's 60+ population, a new facility with 20
 * beds (6 nursing-type), an admission with a GB/T 42195 assessment, the dashboard moving at
 * once, a transfer and a discharge; then bad input (a wrong ID number, a bed taken from
 * another window) shows a clear message and changes nothing.
 *
 * Expected figures are computed here from what was entered, by the definitions of
 * docs/domain.md#figures — never read back from the app.
 */
import type { Page } from '@playwright/test';
import { createCaller } from '../../src-main/api/router';
import type { AppDb } from '../../src-main/db/open';
import { AdmissionPage, validIdNumber, withWrongCheck } from './pages/admission';
import { typeDate } from './pages/antd';
import { FacilitiesPage, FacilityDetailPage } from './pages/facilities';
import { DashboardPage, PopulationPage } from './pages/population';
import { ResidentRecordPage } from './pages/residents';
import { expect, screenshot, test, todayIso } from './support/fixtures';

const BIJIANG = '520602';

// Each test walks a dozen screens; on a busy 2-core machine that takes more than the default.
test.describe.configure({ timeout: 180_000 });

/** One decimal, as the app shows rates and per-thousand figures. */
const oneDecimal = (v: number) => v.toFixed(1);
/** docs/domain.md#beds-per-thousand: B / P × 1000, B beds in service at operating facilities, P the 60+ population. */
const bedsPerThousand = (beds: number, population60: number) => oneDecimal((beds / population60) * 1000);
/** docs/domain.md#occupancy-rate: beds occupied / beds in service. */
const occupancy = (occupied: number, inService: number) => `${oneDecimal((occupied / inService) * 100)}%`;

function count(db: AppDb, sql: string, ...params: unknown[]): number {
  return (db.sqlite.prepare(sql).get(...params) as { n: number }).n;
}

/** Every row of every user table: a refused action must leave this unchanged. */
function snapshot(db: AppDb): Record<string, unknown[]> {
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map((t) => [t.name, db.sqlite.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]));
}

async function dashboardShows(page: Page, date: string, expected: { bpt: string; occupancy: string }): Promise<void> {
  const dash = new DashboardPage(page);
  await dash.open();
  await typeDate(page, 'dashboard-date', date);
  await expect(dash.bedsPerThousand(BIJIANG)).toHaveText(expected.bpt);
  await expect(dash.occupancy(BIJIANG)).toHaveText(expected.occupancy);
}

test('a real day: population, a facility with 20 beds, an admission with an assessment, the dashboard, transfer and discharge', async ({ app, db }) => {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  const opened = `${year}-01-01`;
  const population60 = 3500;
  const beds = 20;
  const nursing = 6;

  // 1. The county's 60+ population for this year, typed into the grid.
  const pop = new PopulationPage(app);
  await pop.open();
  await pop.set(BIJIANG, 'population60', String(population60));
  expect(count(db, 'SELECT count(*) AS n FROM populations WHERE region_code = ? AND year = ? AND population60 = ?', BIJIANG, year, population60)).toBe(1);

  // 2. A new facility, operating since 1 January, then 20 beds on its board, 6 of them nursing-type.
  const facilities = new FacilitiesPage(app);
  await facilities.open();
  await facilities.create({ county: '碧江区', name: '碧江区颐养中心', kind: '养老院/老年养护院/社会福利院', ownership: '公办', statusDate: opened });
  const detail = new FacilityDetailPage(app);
  await expect(app.getByTestId('facility-title')).toContainText('碧江区颐养中心');
  await detail.addBeds({ count: beds, nursing, pattern: '{nn}', from: opened });
  await expect(detail.summary()).toContainText(`在用 ${beds} 张（护理型 ${nursing}）`);
  await expect(detail.tile('06')).toHaveAttribute('data-nursing', 'true');
  await expect(detail.tile('07')).toHaveAttribute('data-nursing', 'false');
  await expect(detail.tile('07')).toHaveAttribute('data-state', 'free');
  const facility = db.sqlite.prepare("SELECT id FROM facilities WHERE name = '碧江区颐养中心'").get() as { id: number };
  expect(db.sqlite.prepare('SELECT status, effective_on AS effectiveOn FROM facility_status_changes WHERE facility_id = ?').all(facility.id)).toEqual([
    { status: 'operating', effectiveOn: opened },
  ]);
  expect(count(db, "SELECT count(*) AS n FROM beds WHERE facility_id = ? AND care_type = 'nursing'", facility.id)).toBe(nursing);
  expect(count(db, 'SELECT count(*) AS n FROM beds WHERE facility_id = ?', facility.id)).toBe(beds);

  // Before anyone is admitted: beds per thousand from 20 beds, nobody in them.
  await dashboardShows(app, today, { bpt: bedsPerThousand(beds, population60), occupancy: occupancy(0, beds) });

  // 3. Admission: a new resident, the assessment, a free general bed, confirm.
  const admission = new AdmissionPage(app);
  await admission.open();
  await admission.newResident({ name: '杨秀英', idNumber: validIdNumber(BIJIANG, '19440312', 24) });
  await admission.assessAllMax(['龙建华', '田秀梅']);
  await expect(app.getByTestId('admission-level')).toContainText('能力完好');
  await admission.chooseFacility({ facility: '碧江区颐养中心', date: today });
  await expect(admission.freeBed('06')).toHaveAttribute('data-nursing', 'true');
  await expect(admission.freeBed('07')).toHaveAttribute('data-nursing', 'false');
  await admission.pickBed('07');
  await expect(app.getByTestId('admission-summary-assessment')).toContainText('90');
  await admission.confirm();
  await expect(app.getByTestId('admission-done')).toContainText('杨秀英 已入住 碧江区颐养中心 07');
  const resident = db.sqlite.prepare("SELECT id FROM residents WHERE name = '杨秀英'").get() as { id: number };
  expect(db.sqlite.prepare('SELECT b.label, st.admitted_on AS admittedOn FROM stays st JOIN beds b ON b.id = st.bed_id WHERE st.resident_id = ?').all(resident.id)).toEqual([
    { label: '07', admittedOn: today },
  ]);
  expect(db.sqlite.prepare('SELECT total, final_level AS level FROM assessments WHERE resident_id = ?').all(resident.id)).toEqual([{ total: 90, level: 0 }]);
  await app.getByTestId('admission-to-record').click();
  await app.getByTestId('page-resident').waitFor();
  const recordUrl = app.url();
  const record = new ResidentRecordPage(app);
  await expect(record.openStayBed()).toHaveText('07');

  // The dashboard moves at once: one bed of 20 occupied.
  await dashboardShows(app, today, { bpt: bedsPerThousand(beds, population60), occupancy: occupancy(1, beds) });

  // 4. Transfer to bed 08 today: the resident is in the new bed today, still one bed occupied.
  await app.goto(recordUrl);
  await record.transfer({ bed: '08', date: today });
  await expect(record.openStayBed()).toHaveText('08');
  expect(
    db.sqlite
      .prepare('SELECT b.label, st.admitted_on AS admittedOn, st.discharged_on AS dischargedOn, st.discharge_reason AS reason FROM stays st JOIN beds b ON b.id = st.bed_id WHERE st.resident_id = ? ORDER BY st.id')
      .all(resident.id),
  ).toEqual([
    { label: '07', admittedOn: today, dischargedOn: today, reason: 'transfer' },
    { label: '08', admittedOn: today, dischargedOn: null, reason: null },
  ]);
  await dashboardShows(app, today, { bpt: bedsPerThousand(beds, population60), occupancy: occupancy(1, beds) });

  // 5. Discharge today: the bed is free again today.
  await app.goto(recordUrl);
  await record.discharge({ date: today, reason: '回家' });
  expect(count(db, 'SELECT count(*) AS n FROM stays WHERE discharged_on IS NULL')).toBe(0);
  expect(count(db, "SELECT count(*) AS n FROM stays WHERE resident_id = ? AND discharge_reason = 'home' AND discharged_on = ?", resident.id, today)).toBe(1);
  await screenshot(app, 'resident-record-discharged');
  await dashboardShows(app, today, { bpt: bedsPerThousand(beds, population60), occupancy: occupancy(0, beds) });
});

test('bad input: a wrong ID number and a bed taken from another window are refused, and nothing changes', async ({ app, db, server }) => {
  const today = todayIso();
  const opened = `${todayIso().slice(0, 4)}-01-01`;
  const api = createCaller(db);
  const home = await api.facility.create({ regionCode: BIJIANG, name: '碧江区福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: opened });
  await api.bed.add({ facilityId: home.id, count: 2, nursingCount: 0, labelPattern: '{nn}', inServiceFrom: opened });

  // A wrong check character: the field says so, and saving registers nobody.
  const good = validIdNumber(BIJIANG, '19430708', 31);
  const admission = new AdmissionPage(app);
  await admission.open();
  await admission.typeNewResident({ name: '王德明', idNumber: withWrongCheck(good) });
  await expect(app.getByText('身份证号：校验位错误')).toBeVisible();
  const before = snapshot(db);
  await app.getByTestId('resident-save').click();
  await expect(app.getByText('身份证号：校验位错误')).toBeVisible();
  await expect(app.getByTestId('admission-resident')).toHaveCount(0);
  expect(snapshot(db)).toEqual(before);
  expect(count(db, 'SELECT count(*) AS n FROM residents')).toBe(0);

  // Corrected, it is accepted.
  await app.getByTestId('resident-idnumber').fill(good);
  await expect(app.getByTestId('resident-idnumber-ok')).toBeVisible();
  await app.getByTestId('resident-save').click();
  await app.getByTestId('admission-resident').waitFor();
  await app.getByTestId('admission-next').click();
  await admission.skipAssessment();
  await admission.chooseBed({ facility: '碧江区福利院', bed: '01', date: today });

  // Meanwhile a colleague in another window admits someone else to the same bed 01.
  const other = await app.context().newPage();
  await other.goto(`${server.url}/#/admission`);
  const colleague = new AdmissionPage(other);
  await other.getByTestId('page-admission').waitFor();
  await colleague.newResident({ name: '吴桂兰', idNumber: validIdNumber(BIJIANG, '19480221', 42) });
  await colleague.skipAssessment();
  await colleague.chooseBed({ facility: '碧江区福利院', bed: '01', date: today });
  await colleague.confirm();
  await expect(other.getByTestId('admission-done')).toBeVisible();

  // The first window confirms too late: a clear message, and nothing is saved.
  const taken = snapshot(db);
  await admission.confirm();
  await expect(app.getByTestId('admission-error')).toContainText(`床位 01 已有老人入住（吴桂兰，${today} 入住）`);
  await expect(app.getByTestId('admission-error')).toContainText('没有保存任何内容');
  expect(snapshot(db)).toEqual(taken);
  const wang = db.sqlite.prepare("SELECT id FROM residents WHERE name = '王德明'").get() as { id: number };
  expect(count(db, 'SELECT count(*) AS n FROM stays WHERE resident_id = ?', wang.id)).toBe(0);
  await screenshot(app, 'admission-bed-taken');

  // Back to the bed step: bed 01 is no longer offered; bed 02 is.
  await app.getByTestId('admission-prev').click();
  await expect(app.getByTestId('admission-step-error')).toContainText('请重新选择');
  await expect(admission.freeBed('01')).toHaveCount(0);
  await admission.pickBed('02');
  await admission.confirm();
  await expect(app.getByTestId('admission-done')).toContainText('王德明 已入住 碧江区福利院 02');
  expect(count(db, 'SELECT count(*) AS n FROM stays WHERE discharged_on IS NULL')).toBe(2);
  await other.close();
});
