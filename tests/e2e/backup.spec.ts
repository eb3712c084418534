/**
 * 备份与恢复 in the settings page: back up now, a refused file says why, preview a backup's
 * contents, restore it after confirmation — the register shows the backup's data again and
 * the data as it was is kept as a "before restore" backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import { listBackups } from '../../src-main/db/backup';
import { expect, screenshot, test } from './support/fixtures';

test('back up, preview, refuse a bad file, restore', async ({ app, db, server }) => {
  const api = createCaller(db);
  await api.facility.create({ regionCode: '520602', name: '备份前的福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  await app.goto(`${server.url}/#/settings`);
  const section = app.getByTestId('backup-section');
  await expect(section).toContainText('备份与恢复');
  await expect(app.getByTestId('backup-folder')).toContainText(path.join(path.dirname(db.file), 'backups'));

  await app.getByTestId('backup-now').click();
  await expect(app.getByTestId('backup-table').locator('tbody tr')).toHaveCount(1);
  await expect(app.getByTestId('backup-table')).toContainText('手动');
  const [made] = listBackups(db.file);
  expect(made?.kind).toBe('manual');

  // a change after the backup, to be undone by the restore
  await api.facility.create({ regionCode: '520602', name: '备份后的福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });

  const notes = path.join(path.dirname(db.file), 'notes.txt');
  fs.writeFileSync(notes, 'not a database');
  await app.getByTestId('restore-file-input').fill(notes);
  await app.getByTestId('restore-preview').click();
  await expect(app.getByTestId('restore-invalid')).toContainText('不是数据库备份');
  await expect(app.getByTestId('restore-run')).toHaveCount(0);

  await app.getByTestId('restore-file-input').fill(made!.file);
  await app.getByTestId('restore-preview').click();
  const card = app.getByTestId('restore-preview-card');
  await expect(card).toContainText('机构 1 家');
  await screenshot(app, 'settings-backup-preview');
  await app.getByTestId('restore-run').click();
  await app.getByTestId('restore-ok').click();
  // on success the preview closes and the safety copy joins the list
  await expect(card).toHaveCount(0);
  await expect(app.getByTestId('backup-table').locator('tbody tr')).toHaveCount(2);
  await expect(app.getByTestId('backup-table')).toContainText('恢复前');

  const names = (await api.facility.list({})).rows.map((r) => r.name);
  expect(names).toEqual(['备份前的福利院']);
  expect(listBackups(db.file).map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
});
