/**
 * Issue 14, stays and assessments on the resident record: 更正 a stay's admission date into a
 * closed November (asked, then saved), 撤销最近一次离院/转床 (confirmed), and 作废 an
 * assessment with a reason — then shown struck through with it.
 */
import { createCaller } from '../../src-main/api/router';
import { ASSESSMENT_ITEMS, type AssessmentScores } from '../../src-main/domain/assessment';
import { typeDate } from './pages/antd';
import { validIdNumber } from './pages/admission';
import { expect, screenshot, test } from './support/fixtures';

const FULL_SCORES = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, i.max])) as AssessmentScores;

test('correct a stay, undo the last transfer and void an assessment on the resident record', async ({ app, db, server }) => {
  const api = createCaller(db);
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const beds = await api.bed.add({ facilityId: home.id, count: 4, nursingCount: 2, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
  const jia = await api.resident.create({ name: '张甲', idNumber: validIdNumber('520602', '19400101', 1) });
  const first = await api.stay.admit({ residentId: jia.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
  const moved = await api.stay.transfer({ stayId: first.id, toBedId: beds[2]!.id, transferOn: '2026-09-01' });
  const assessment = await api.assessment.record({
    residentId: jia.id, assessedOn: '2026-10-01', reason: 'routine', scores: FULL_SCORES, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙',
  });
  await api.month.close({ month: '2026-11' });

  await app.goto(`${server.url}/#/residents/${jia.id}`);
  await expect(app.getByTestId('resident-title')).toContainText('张甲');

  // 更正: the transfer date was 2026-08-20, not 2026-09-01 — into closed November's figures.
  await app.getByTestId(`stay-correct-${moved.opened.id}`).click();
  await typeDate(app, 'correct-admitted', '2026-08-20');
  await app.getByTestId('correction-reason').fill('转床日期录错');
  await screenshot(app, 'stay-correct');
  await app.getByTestId('correct-stay-ok').click();
  await expect(app.getByTestId('closed-month-confirm')).toBeVisible();
  await screenshot(app, 'stay-correct-closed-month');
  await app.getByTestId('closed-month-confirm').click();
  const stays = app.getByTestId('resident-stays');
  await expect(stays).toContainText('2026-08-20');
  await expect(stays).not.toContainText('2026-09-01');

  // 撤销最近一次离院/转床: back on bed 1-1, one stay left.
  await app.getByTestId('stay-undo-move').click();
  await expect(app.getByTestId('undo-move-text')).toContainText('2026-08-20');
  await app.getByTestId('correction-reason').fill('转床未实际发生');
  await screenshot(app, 'stay-undo-move');
  await app.getByTestId('undo-move-ok').click();
  await app.getByTestId('closed-month-confirm').click();
  await expect(stays.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(app.getByTestId('open-stay-bed')).toContainText('1-1');

  // 作废 the assessment: kept, struck through, with its reason.
  await app.getByTestId(`assessment-void-${assessment.id}`).click();
  await app.getByTestId('void-reason').fill('评估对象录错');
  await app.getByTestId('void-assessment-ok').click();
  await app.getByTestId('closed-month-confirm').click();
  await expect(app.getByTestId(`assessment-voided-${assessment.id}`)).toContainText('评估对象录错');
  await expect(app.getByTestId(`assessment-row-${assessment.id}`)).toHaveAttribute('data-voided', '1');
  await screenshot(app, 'resident-record-corrected');
});
