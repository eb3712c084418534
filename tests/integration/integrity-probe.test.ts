/**
 * When an open reads every page (db/recovery.ts): after an unclean shutdown (a -wal left),
 * when the last sound full check is a day old or was never made; otherwise only the header
 * and schema. Real encrypted SQLite files throughout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { connect } from '../../src-main/db/connection';
import { resolveKey } from '../../src-main/db/db-key';
import { openDatabase } from '../../src-main/db/open';
import { FULL_CHECK_EVERY_MS, INTEGRITY_CHECKED_AT, probeDatabase } from '../../src-main/db/recovery';
import { tempDir } from '../support/temp-db';
import { idFor } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function registerWithResidents(n: number): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'eldercare.db');
  const db = openDatabase(file);
  const api = createCaller(db);
  for (let i = 0; i < n; i++) await api.resident.create({ name: `老人${i}`, idNumber: idFor(700 + i) });
  db.close();
  return file;
}

function recordedAt(file: string): string | undefined {
  const s = connect(file, resolveKey().key, { readonly: true });
  try {
    const row = s.prepare('SELECT value FROM settings WHERE key = ?').get(INTEGRITY_CHECKED_AT) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : undefined;
  } finally {
    s.close();
  }
}

describe('the integrity probe at open', () => {
  it('a new file counts as checked when made; then only the header until a day has passed, or with no record', async () => {
    const file = await registerWithResidents(2);
    const key = resolveKey().key;
    const made = recordedAt(file);
    expect(made).toBeDefined();
    openDatabase(file).close();
    // not due: the reopen read the header only and left the record as it was
    expect(recordedAt(file)).toBe(made);
    const at = made;
    expect(at).toBeDefined();
    const t = Date.parse(at!);
    expect(probeDatabase(file, key, 'when-due', new Date(t + 60_000))).toEqual({ state: 'sound', checked: 'header' });
    expect(probeDatabase(file, key, 'when-due', new Date(t + FULL_CHECK_EVERY_MS + 1))).toEqual({ state: 'sound', checked: 'full' });
    // a clock set back before the record: checked in full, not trusted
    expect(probeDatabase(file, key, 'when-due', new Date(t - 60_000))).toEqual({ state: 'sound', checked: 'full' });
    // a restore or a backup's verification always reads every page
    expect(probeDatabase(file, key, 'always', new Date(t + 60_000))).toEqual({ state: 'sound', checked: 'full' });
    // no record (a file from before this rule): a full check
    const s = connect(file, key);
    s.prepare('DELETE FROM settings WHERE key = ?').run(INTEGRITY_CHECKED_AT);
    s.close();
    expect(probeDatabase(file, key, 'when-due', new Date(t + 60_000))).toEqual({ state: 'sound', checked: 'full' });
  });

  it('a write-ahead log left behind (the last writer did not close) means a full check', async () => {
    const file = await registerWithResidents(1);
    openDatabase(file).close();
    const t = Date.parse(recordedAt(file)!);
    const key = resolveKey().key;
    const writer = connect(file, key);
    try {
      writer.pragma('journal_mode = WAL');
      writer.pragma('wal_autocheckpoint = 0');
      writer.prepare("UPDATE residents SET phone = '13800000000'").run();
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      expect(probeDatabase(file, key, 'when-due', new Date(t + 60_000))).toEqual({ state: 'sound', checked: 'full' });
    } finally {
      writer.close();
    }
    // closed cleanly: the log is checkpointed and gone, the header suffices again
    expect(fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0).toBe(false);
    expect(probeDatabase(file, key, 'when-due', new Date(t + 60_000))).toEqual({ state: 'sound', checked: 'header' });
  });

  it('damage inside the file is found when the full check is due', async () => {
    const file = await registerWithResidents(30);
    openDatabase(file).close();
    const t = Date.parse(recordedAt(file)!);
    const size = fs.statSync(file).size;
    const page = 4096;
    // overwrite every page but the first two (header and schema) with noise
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(size - 2 * page, 0x5a), 0, size - 2 * page, 2 * page);
    fs.closeSync(fd);
    const key = resolveKey().key;
    const due = probeDatabase(file, key, 'when-due', new Date(t + FULL_CHECK_EVERY_MS + 1));
    expect(due.state).toBe('damaged');
    expect(probeDatabase(file, key, 'always').state).toBe('damaged');
  });
});
