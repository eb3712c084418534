/**
 * Issue 14 item 4 (findings 16, 17, 18, 20, 32) as a facility manager sees it, clock fixed at
 * 2026-12-01: the home with labelled figures (beds, in care, free by type, on leave since when,
 * assessments due) linking to the residents; a deceased resident marked 已故 in the admission
 * search with no 选择; a duplicate ID offering the registered person; the transfer list with
 * bed types and the nursing-bed note; the assessment form's score meanings.
 */
import { createCaller } from '../../src-main/api/router';
import { ASSESSMENT_ITEMS } from '../../src-main/domain/assessment';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { validIdNumber } from './pages/admission';
import { AccountsPages } from './pages/accounts';
import { expect, screenshot, test } from './support/fixtures';

const PASSWORD = 'Tongren2026!';
const ZERO = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, 0])) as Record<(typeof ASSESSMENT_ITEMS)[number]['key'], number>;
const FULL = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, i.max])) as typeof ZERO;

test.use({ today: '2026-12-01' });

test('a facility manager’s home, the deceased marker, the duplicate ID, bed types on transfer, score meanings', async ({ app, db }) => {
  test.setTimeout(240_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const api = createCaller(db);
  const f = await api.facility.create({ regionCode: '520602', name: '碧江中心敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-03-01' });
  await api.facility.create({ regionCode: '520603', name: '万山区敬老院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2019-03-01' });
  const beds = await api.bed.add({ facilityId: f.id, count: 6, nursingCount: 2, building: '1号楼', labelPattern: '{nn}', inServiceFrom: '2019-03-01' });
  const bed = (label: string) => beds.find((b) => b.label === label)!;
  const assess = (residentId: number, on: string, scores: typeof ZERO) =>
    api.assessment.record({ residentId, assessedOn: on, reason: 'first', scores, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' });

  const dingId = validIdNumber('520602', '19380305', 11);
  const ding = await api.resident.create({ name: '丁国海', idNumber: dingId });
  await api.stay.admit({ residentId: ding.id, bedId: bed('01').id, admittedOn: '2025-06-01' });
  await assess(ding.id, '2025-12-15', ZERO); // level 4, due 2026-12-15
  const wan = await api.resident.create({ name: '万春', idNumber: validIdNumber('520602', '19400101', 12) });
  await api.stay.admit({ residentId: wan.id, bedId: bed('03').id, admittedOn: '2024-01-01' });
  await assess(wan.id, '2024-01-02', FULL); // overdue since 2025-01-02
  const yu = await api.resident.create({ name: '于发国', idNumber: validIdNumber('520602', '19420707', 13) });
  const yuStay = await api.stay.admit({ residentId: yu.id, bedId: bed('04').id, admittedOn: '2026-11-01' });
  await api.stay.recordLeave({ stayId: yuStay.id, startOn: '2026-11-20', endOn: null, reason: '住院治疗' });
  const yan = await api.resident.create({ name: '严文', idNumber: validIdNumber('520602', '19350101', 14) });
  const yanStay = await api.stay.admit({ residentId: yan.id, bedId: bed('05').id, admittedOn: '2023-01-01' });
  await api.stay.discharge({ stayId: yanStay.id, dischargedOn: '2024-02-18', dischargeReason: 'death' });

  const admin = await api.account.setupAdmin({ username: 'admin', displayName: '杨科长', password: PASSWORD });
  await createCaller(db, actorOfUser(userById({ db }, admin.id)!)).user.create({ username: 'bjjly', displayName: '吴院长', role: 'facility', facilityIds: [f.id], password: PASSWORD });
  await app.reload();
  await app.getByTestId('page-login').waitFor();
  await new AccountsPages(app).login('bjjly', PASSWORD);

  // The home: labelled figures per facility, each resident linked.
  const home = app.getByTestId('page-scoped-home');
  await expect(home).toContainText('吴院长 · 我管理的机构');
  await expect(home).toContainText('数据日期 2026-12-01');
  await expect(home).not.toContainText('万山区敬老院');
  const card = app.getByTestId(`scoped-home-facility-${f.id}`);
  await expect(card.getByTestId('home-beds')).toContainText('床位6');
  await expect(card.getByTestId('home-in-care')).toContainText('在住3');
  await expect(card.getByTestId('home-free')).toContainText('空床3');
  await expect(card.getByTestId('home-free-split')).toHaveText('护理型 1 / 普通 2');
  await expect(card.getByTestId('home-on-leave')).toContainText('外出1');
  await expect(card.getByTestId('home-due')).toContainText('评估到期3');
  await expect(card.getByTestId('home-on-leave-list')).toContainText('于发国');
  await expect(card.getByTestId('home-on-leave-list')).toContainText('2026-11-20 起');
  const due = card.getByTestId('home-due-list');
  for (const text of ['于发国', '未评估', '万春', '已超期', '应于 2025-01-02 前复评', '丁国海', '即将到期', '应于 2026-12-15 前复评']) await expect(due).toContainText(text);
  await screenshot(app, 'manager-home');

  // Admission: 严文 is marked 已故 with the reason, and has no 选择.
  await app.getByTestId('nav-admission').click();
  await app.getByTestId('page-admission').waitFor();
  await app.getByTestId('admission-search').fill('严');
  await expect(app.getByTestId(`admission-deceased-${yan.id}`)).toContainText('已故已于 2024-02-18 因死亡离院，不能办理入住');
  await expect(app.getByTestId(`admission-pick-${yan.id}`)).toHaveCount(0);
  await screenshot(app, 'admission-deceased');

  // A duplicate ID on registration offers the registered person, and picks them.
  await app.getByTestId('admission-search').fill('');
  await app.getByTestId('admission-new-resident').click();
  await app.getByTestId('resident-name').fill('丁国海');
  await app.getByTestId('resident-idnumber').fill(dingId);
  await app.getByTestId('resident-save').click();
  await expect(app.getByTestId('resident-id-taken')).toContainText('身份证号已登记（丁国海）');
  await expect(app.getByTestId('admission-open-existing')).toHaveText('查看已登记的 丁国海');
  await app.getByTestId('admission-pick-existing').click();
  await expect(app.getByTestId('admission-resident')).toContainText('丁国海');
  await expect(app.getByTestId('admission-in-care-warning')).toBeVisible();

  // The residents list says 已故 too.
  await app.getByTestId('nav-residents').click();
  await expect(app.getByRole('gridcell', { name: '已故（2024-02-18 因死亡离院）' })).toBeVisible();

  // Transfer from the record (opened from the home's link): bed types, and the note for level 4 → general.
  await app.getByTestId('nav-home').click();
  await app.getByTestId('home-due-list').getByRole('link', { name: '丁国海' }).click();
  await app.getByTestId('page-resident').waitFor();
  await app.getByTestId('stay-transfer').click();
  await app.getByTestId('transfer-bed').click();
  const dropdown = app.locator('.ant-select-dropdown:visible');
  await expect(dropdown.getByTestId(`transfer-bed-option-${bed('02').id}`)).toContainText('021号楼护理型');
  await expect(dropdown.getByTestId(`transfer-bed-option-${bed('06').id}`)).toContainText('061号楼普通');
  await dropdown.locator(`.ant-select-item-option[title="05"]`).click();
  await expect(app.getByTestId('transfer-bed')).toContainText('05 · 1号楼 · 普通');
  await expect(app.getByTestId('transfer-nursing-note')).toContainText('该老人最近评估为4级 · 完全失能，建议安排护理型床位；所选床位 05 为普通床位。仍可转入');
  await screenshot(app, 'transfer-nursing-note');
  await app.getByTestId('transfer-bed').click();
  await expect(dropdown).toBeVisible();
  await screenshot(app, 'transfer-bed-types');
  await app.keyboard.press('Escape');
  await expect(dropdown).toHaveCount(0);
  await app.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await app.getByTestId('transfer-ok').waitFor({ state: 'detached' });

  // The assessment form: each score's meaning under the item and as the button's tooltip.
  await app.getByTestId('assessment-new').click();
  await app.getByTestId('assessment-form').waitFor();
  await expect(app.getByTestId('assessment-meaning-hint')).toContainText('鼠标停在分数上可查看其含义');
  await expect(app.getByTestId('assessment-meaning-eating')).toHaveText('');
  await app.getByTestId('assessment-item-eating').getByText('2', { exact: true }).click();
  await expect(app.getByTestId('assessment-meaning-eating')).toHaveText('2 分：部分需他人帮助进食');
  await app.getByTestId('assessment-item-stairs').getByText('1', { exact: true }).click();
  await expect(app.getByTestId('assessment-meaning-stairs')).toHaveText('1 分：需他人搀扶才能上下楼梯');
  await app.getByTestId('assessment-score-grooming-3').hover();
  await expect(app.getByRole('tooltip').filter({ hasText: '3 分：需他人提示、准备或在旁看护' })).toBeVisible();
  await screenshot(app, 'assessment-descriptors');
});
