/**
 * The desktop app at start on a damaged database (electron mocked: the only fake is the
 * dialog; the files and SQLite are real): the user is offered the newest good backup, and
 * the app opens on the restored file, or quits; the damaged file stays on disk either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  dialog: {
    showMessageBox: vi.fn((_o: { buttons: string[] }): Promise<{ response: number }> => Promise.resolve({ response: 0 })),
    showErrorBox: vi.fn(),
  },
}));
vi.mock('electron', () => ({ dialog: fake.dialog }));

import { createCaller } from '../../src-main/api/router';
import { listBackups } from '../../src-main/db/backup';
import { openDatabase } from '../../src-main/db/open';
import { openOrRecover, QUIT_BUTTON, RESTORE_BUTTON } from '../../src-main/electron/open-or-recover';
import { tempDir } from '../support/temp-db';
import { idFor } from './helpers';

/** A database with two residents and its daily backup, then its middle overwritten. */
async function damagedWithBackup(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const file = path.join(dir, 'eldercare.db');
  const db = openDatabase(file);
  const api = createCaller(db);
  await api.resident.create({ name: '甲', idNumber: idFor(501) });
  await api.resident.create({ name: '乙', idNumber: idFor(502) });
  db.close();
  openDatabase(file).close(); // the automatic backup
  expect(listBackups(file)).toHaveLength(1);
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0xa5), 0, Math.floor(size / 2), Math.floor(size / 4 / 4096) * 4096);
  fs.closeSync(fd);
  return { dir, file };
}

const movedAside = (dir: string) => fs.readdirSync(dir).filter((n) => /^eldercare\.db\.damaged-\d{8}-\d{6}$/.test(n));

describe('desktop start on a damaged database', () => {
  beforeEach(() => vi.clearAllMocks());

  it('offers the newest backup; choosing it opens the restored data', async () => {
    const { dir, file } = await damagedWithBackup();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    const db = await openOrRecover(file);
    expect(db).not.toBeNull();
    const options = fake.dialog.showMessageBox.mock.calls[0]![0] as { buttons: string[]; detail: string };
    expect(options.buttons).toEqual([RESTORE_BUTTON, QUIT_BUTTON]);
    expect(options.detail).toContain(listBackups(file)[0]!.file);
    const names = db!.sqlite.prepare('SELECT name FROM residents ORDER BY id').all();
    expect(names).toEqual([{ name: '甲' }, { name: '乙' }]);
    db!.close();
    expect(movedAside(dir)).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('choosing to quit opens nothing, and the damaged file is kept aside', async () => {
    const { dir, file } = await damagedWithBackup();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    expect(await openOrRecover(file)).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    expect(movedAside(dir)).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
