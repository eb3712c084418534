/**
 * Attacks on the import (security review H1 second part, H2, M4), in process on real files:
 * a preview of a large file while another connection writes; previews audited; the row
 * limit; blank lines and one huge cell end in a clear message. The memory bound of the same
 * files over HTTP is tests/security/import-h2-server-memory.test.ts.
 */
import { rawDb } from '../support/raw-db';
import { describe, expect, it } from 'vitest';
import { importProgress } from '../../src-main/import/worker-host';
import { freshDb } from '../support/temp-db';
import { importFile, uploadAs } from '../integration/import-helpers';
import { uploadOwner, uploads } from '../../src-main/api/uploads';
import fs from 'node:fs';
import { blankLinesCsv, hugeCellCsv, residentsCsv, RESIDENTS_HEADER } from './import-residents-csv';

describe('import previews (H2, M4, H1)', () => {
  it('M4: while a preview of thousands of rows runs, another connection takes the write lock at once (busy_timeout = 0)', async () => {
    const { db, api, file } = freshDb();
    const other = rawDb(file);
    other.pragma('busy_timeout = 0');
    try {
      const preview = importFile(api, 'residents', 'many.csv', residentsCsv(4000), false);
      let settled = false;
      void preview.finally(() => (settled = true));
      // Wait (by events, not time) until the worker is applying rows on its side.
      let seen: ReturnType<typeof importProgress> = null;
      while (!settled) {
        seen = importProgress(file);
        if (seen && seen.mode === 'preview' && seen.done > 0 && seen.done < seen.total) break;
        await new Promise((r) => setImmediate(r));
      }
      expect(settled, 'the preview ended before it was seen applying rows').toBe(false);
      expect(seen?.done).toBeGreaterThan(0);
      // The attack that failed before: the preview held the write lock for its whole length.
      other.exec('BEGIN IMMEDIATE');
      other.prepare("INSERT INTO settings(key, value) VALUES ('probe', '1')").run();
      other.exec('COMMIT');
      const report = await preview;
      expect(report.problemCount).toBe(0);
      expect(report.added).toBe(4000);
      expect(report.committed).toBe(false);
      expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 0 });
      expect(db.sqlite.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '1' });
    } finally {
      other.close();
    }
  });

  it('H1: every preview is audited with who, the file name and the rows — and no cell values', async () => {
    const { db, api } = freshDb();
    const r = await importFile(api, 'residents', '名单.csv', residentsCsv(3), false);
    expect(r.rows).toBe(3);
    const rows = db.sqlite.prepare("SELECT username, action, after FROM audit_log WHERE action = 'import.preview'").all() as Array<{ username: string; after: string }>;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after)).toMatchObject({ template: 'residents', fileName: '名单.csv', rows: 3, problems: 0 });
    expect(rows[0]!.after).not.toMatch(/5206\d{14}|老人0/);
  });

  it('H1: a file past the row limit is refused before any row is checked, preview and import alike', async () => {
    const { db, api } = freshDb();
    await api.settings.update({ importMaxRows: 100 });
    for (const commit of [false, true]) {
      const r = await importFile(api, 'residents', 'big.csv', residentsCsv(101), commit);
      expect(r.committed).toBe(false);
      expect(r.rows).toBe(0);
      expect(r.problems.map((p) => p.zh)).toEqual([expect.stringContaining('超过 100 行')]);
    }
    const ok = await importFile(api, 'residents', 'ok.csv', residentsCsv(100), true);
    expect(ok.committed).toBe(true);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 100 });
  });

  it('H2: a file of blank lines, a million rows, one huge cell: each a clear message, nothing written', async () => {
    const { db, api } = freshDb();
    const blank = await importFile(api, 'residents', 'blank.csv', blankLinesCsv(20), false);
    expect(blank.problems.map((p) => p.zh)).toEqual([expect.stringContaining('1,048,576 行')]);
    const million = Buffer.concat([Buffer.from(RESIDENTS_HEADER + '\n'), Buffer.from('x,1\n'.repeat(1_000_000))]);
    const many = await importFile(api, 'residents', 'million.csv', million, false);
    expect(many.problems.map((p) => p.zh)).toEqual([expect.stringContaining('超过 100,000 行')]);
    const huge = await importFile(api, 'residents', 'huge.csv', hugeCellCsv(20 << 20), false);
    expect(huge.problems.map((p) => p.zh)).toEqual([expect.stringMatching(/^第 2 行过长/)]);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 0 });
  }, 180_000);

  it('H2: blank lines below the spreadsheet limit are skipped one at a time, and the rows after them still count', async () => {
    const { api } = freshDb();
    const rows = residentsCsv(2).toString('utf8').split('\n');
    const file = Buffer.from([rows[0], rows[1], '\n'.repeat(50_000), rows[2], ''].join('\n'));
    const r = await importFile(api, 'residents', 'gaps.csv', file, false);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(2);
    expect(r.added).toBe(2);
  }, 120_000);

  it('an uploaded file lives on disk owner-only, survives its preview, and is gone once imported', async () => {
    const { api } = freshDb();
    const uploadId = await uploadAs(api, 'r.csv', residentsCsv(3));
    const me = await api.account.me();
    const owner = uploadOwner({ userId: me.userId, username: me.username, role: me.role });
    const file = uploads.get(owner, uploadId).file;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await api.import.preview({ template: 'residents', uploadId })).problemCount).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    expect((await api.import.commit({ template: 'residents', uploadId })).committed).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(() => uploads.get(owner, uploadId)).toThrow(/UPLOAD_NOT_FOUND/);
  });
});
