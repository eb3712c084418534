/**
 * At first set-up the dashboard shows the administrator the recovery key once: the key and its
 * 密钥编号, 打印 (the sheet alone prints), and 我已打印并妥善保管 which asks first and then hides
 * the card for good — also after a reload.
 */
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import { keyFingerprint, recoveryKeyOf } from '../../src-main/db/db-key';
import { ARTIFACTS, expect, screenshot, test } from './support/fixtures';

test.use({ recoveryKeyShown: false });

test('the dashboard shows the recovery key until the administrator confirms it is printed', async ({ app, db }) => {
  const recoveryKey = recoveryKeyOf(db.key!);
  const card = app.getByTestId('recovery-key-card');
  await expect(card).toBeVisible();
  await expect(app.getByTestId('recovery-key-title')).toHaveText('请打印并妥善保管恢复密钥');
  await expect(card).toContainText('它只显示这一次：请打印或抄写，锁进办公室保险柜。');
  await expect(app.getByTestId('recovery-key-value')).toHaveText(recoveryKey);
  await expect(app.getByTestId('recovery-key-id')).toHaveText(keyFingerprint(db.key!));
  await expect(app.getByTestId('recovery-key-value')).toHaveCSS('font-family', /mono/i);
  await card.screenshot({ path: path.join(ARTIFACTS, 'recovery-key-card.png') });
  await screenshot(app, 'recovery-key-dashboard');

  // 打印: while window.print() runs only the sheet is shown to the printer
  await app.evaluate(() => {
    const w = window as unknown as { print: () => void; printed?: { cls: string; sheet: string } };
    w.print = () => {
      w.printed = { cls: document.body.className, sheet: document.querySelector('.recovery-key-sheet')?.textContent ?? '' };
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await app.getByTestId('recovery-key-print').click();
  const printed = await app.evaluate(() => (window as unknown as { printed?: { cls: string; sheet: string } }).printed);
  expect(printed?.cls).toContain('printing-recovery-key');
  expect(printed?.sheet).toContain(recoveryKey);
  expect(printed?.sheet).toContain(keyFingerprint(db.key!));
  expect(await app.evaluate(() => document.body.className)).not.toContain('printing-recovery-key');

  // what the printer gets: the sheet, nothing of the app around it
  await app.evaluate(() => document.body.classList.add('printing-recovery-key'));
  await app.emulateMedia({ media: 'print' });
  await expect(app.getByTestId('recovery-key-sheet')).toBeVisible();
  await expect(app.getByTestId('page-dashboard')).toBeHidden();
  await expect(app.getByTestId('nav-home')).toBeHidden();
  await app.screenshot({ path: path.join(ARTIFACTS, 'recovery-key-print.png'), fullPage: true });
  await app.emulateMedia({ media: 'screen' });
  await app.evaluate(() => document.body.classList.remove('printing-recovery-key'));
  await expect(app.getByTestId('recovery-key-sheet')).toBeHidden();

  // asked first; cancelling keeps the card
  await app.getByTestId('recovery-key-ack').click();
  await expect(app.getByTestId('recovery-key-confirm')).toHaveText('确认后将不再显示恢复密钥。确定已经打印或抄写？');
  await app.getByTestId('recovery-key-confirm-cancel').click();
  await expect(card).toBeVisible();

  await app.getByTestId('recovery-key-ack').click();
  await app.getByTestId('recovery-key-confirm-ok').click();
  await expect(card).toHaveCount(0);
  await expect(app.getByTestId('recovery-key-sheet')).toHaveCount(0);
  await expect(app.getByTestId('page-dashboard')).toBeVisible();
  expect(await createCaller(db).security.recoveryKey()).toMatchObject({ pending: false, recoveryKey: null });

  await app.reload();
  await expect(app.getByTestId('page-dashboard')).toBeVisible();
  await expect(app.getByTestId('dashboard-card-bpt')).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(app.locator('body')).not.toContainText(recoveryKey);
});
