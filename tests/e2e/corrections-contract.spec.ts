/**
 * 公建民营 → a contract → 更正合同: the annual fee keyed wrong is corrected with a reason (the
 * term has begun); the new contract drawer and the correction dialog share their term fields.
 */
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { fillNumber } from './pages/antd';
import { expect, screenshot, test } from './support/fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('correct a contract’s annual fee with a reason; the audit keeps before and after', async ({ app, db }) => {
  await seedDemo(db);
  const api = createCaller(db);
  const contract = (await api.contract.list({})).find((c) => c.terminatedOn === null)!;

  await app.getByTestId('nav-contracts').click();
  await app.getByTestId('page-contracts').waitFor();
  await app.locator(`[row-id="${contract.id}"]`).first().click();
  await app.getByTestId('contract-detail').waitFor();
  await app.getByTestId('contract-correct').click();
  await expect(app.getByTestId('correct-contract-start')).toBeVisible();
  await fillNumber(app.getByTestId('correct-contract-fee'), 123456);
  await app.getByTestId('contract-correct-reason').fill('年运营费录入有误');
  await screenshot(app, 'contract-correct');
  await app.getByTestId('contract-correct-save').click();
  await expect.poll(async () => (await api.contract.list({})).find((c) => c.id === contract.id)!.annualFeeFen).toBe(12_345_600);
  const row = db.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = 'contract.update' ORDER BY id DESC LIMIT 1").get() as { before: string; after: string };
  expect(JSON.parse(row.before).annualFeeFen).toBe(contract.annualFeeFen);
  expect(JSON.parse(row.after)).toMatchObject({ annualFeeFen: 12_345_600, correctionReason: '年运营费录入有误' });
});
