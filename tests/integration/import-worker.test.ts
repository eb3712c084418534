/**
 * Imports run in a worker thread with its own connection to the same file, so the thread that
 * owns the database (Electron's main process, the http server) keeps running meanwhile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { openDatabase } from '../../src-main/db/open';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { idFor } from './helpers';
import { importFile } from './import-helpers';

const HEADER = '姓名,身份证号,户籍区县代码,特困,特困自理能力,低保,低收入,失独,优抚对象,联系电话,紧急联系人,紧急联系电话';

/** n residents, all valid: ID numbers differ by birth day and sequence. */
function residentsCsv(n: number): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const birth = `194001${String(1 + Math.floor(i / 900)).padStart(2, '0')}`;
    lines.push(`老人${i},${idFor(100 + (i % 900), '520602', birth)},520602,${i % 7 === 0 ? '是,部分丧失' : '否,'},否,否,否,否,,,`);
  }
  return Buffer.from(lines.join('\n'));
}

const residentRows = (db: ReturnType<typeof freshDb>['db']) =>
  db.sqlite.prepare('SELECT * FROM residents ORDER BY id').all().map((r) => {
    // uid left out too: each database has its own city secret, so its own resident uids
    const { created_at: _c, updated_at: _u, uid: _id, ...rest } = r as Record<string, unknown>;
    return rest;
  });

describe('import in a worker thread', () => {
  it('keeps the calling thread free while a few thousand rows import, and gives what the synchronous path gives', async () => {
    const { db, api } = freshDb();
    const csv = residentsCsv(3000);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = Date.now();
    const r = await importFile(api, 'residents', 'many.csv', csv);
    const wall = Date.now() - started;
    clearInterval(timer);
    expect(r).toMatchObject({ rows: 3000, added: 3000, rejected: 0, problemCount: 0, committed: true });
    expect((r as { threadId: number }).threadId).toBeGreaterThan(0);
    // The event loop ran on throughout: at least a tick per 50 ms of the import.
    expect(ticks).toBeGreaterThan(wall / 50);

    // The same file on an in-memory store runs on this thread, through the same runner.
    const mem = openDatabase(':memory:');
    try {
      const sync = await importFile(createCaller(mem), 'residents', 'many.csv', csv);
      expect((sync as { threadId: number }).threadId).toBe(0);
      const { durationMs: _a, threadId: _t, ...workerReport } = r as typeof r & { threadId: number };
      const { durationMs: _b, threadId: _s, ...syncReport } = sync as typeof sync & { threadId: number };
      expect(workerReport).toEqual(syncReport);
      expect(residentRows(db)).toEqual(residentRows(mem));
      expect(residentRows(db)).toHaveLength(3000);
    } finally {
      mem.close();
    }
  });

  it('tells how far the running import is, for the progress bar, and nothing once it is done', async () => {
    const { api } = freshDb();
    expect(await api.import.progress()).toBeNull();
    const seen: Array<{ done: number; total: number }> = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const p = await api.import.progress();
        if (p) seen.push({ done: p.done, total: p.total });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const r = await importFile(api, 'residents', 'many.csv', residentsCsv(3000));
    polling = false;
    await poll;
    expect(r).toMatchObject({ added: 3000, committed: true });
    // Seen part-way through: counts that grow, against the 3000 rows.
    const partWay = seen.filter((p) => p.total === 3000 && p.done > 0 && p.done < 3000);
    expect(partWay.length).toBeGreaterThan(0);
    const dones = seen.filter((p) => p.total === 3000).map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(await api.import.progress()).toBeNull();
  });

  it('reports a refused file as the synchronous path does and changes nothing', async () => {
    const { db, api } = freshDb();
    await importFile(api, 'residents', 'ok.csv', residentsCsv(5));
    const before = snapshot(db);
    const bad = Buffer.from(`${HEADER}\n老人甲,${idFor(5)},520602,否,,否,否,否,否,,,\n,12345,5206,也许,半丧失,,,,,,,\n`);
    const r = await importFile(api, 'residents', 'bad.csv', bad);
    expect(r).toMatchObject({ rows: 2, committed: false, rejected: 1 });
    expect((r as { threadId: number }).threadId).toBeGreaterThan(0);
    expect(r.problems.length).toBeGreaterThanOrEqual(3);
    expect(r.problems.every((p) => p.row === 3 && p.column && p.zh && p.en)).toBe(true);
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses a second import while one runs, with a message in zh and en, and the first completes', async () => {
    const { db, api } = freshDb();
    const first = importFile(api, 'residents', 'a.csv', residentsCsv(1500));
    // Another clerk on the same database (each account holds one uploaded file at a time).
    const other = createCaller(db, { userId: null, username: 'other-clerk', role: 'admin' });
    const err = await rejection(importFile(other, 'residents', 'b.csv', residentsCsv(10), false));
    expect(err).toMatchObject({ code: 'IMPORT_RUNNING', kind: 'conflict' });
    expect(err.zh).toContain('另一个导入正在进行');
    expect(err.en).toContain('Another import is in progress');
    expect(await first).toMatchObject({ added: 1500, committed: true });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM residents').get()).toEqual({ n: 1500 });
  });

  it('brings an error inside the worker back as an AppError with zh and en', async () => {
    const { db, dir } = freshDb();
    // The worker's own connection fails: it is pointed at a file that is not a database.
    const broken = path.join(dir, 'broken.db');
    fs.writeFileSync(broken, 'not a database, only some text that is long enough to have a header'.repeat(10));
    const err = await rejection(importFile(createCaller({ ...db, file: broken }), 'residents', 'r.csv', residentsCsv(3)));
    expect(err.kind).toBe('internal');
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.en.length).toBeGreaterThan(0);
  });

  it('the desktop build emits the worker as its own entry beside the main bundle', () => {
    const config = fs.readFileSync(path.resolve(__dirname, '../../electron.vite.config.ts'), 'utf8');
    expect(config).toMatch(/'import-worker':\s*resolve\(__dirname, 'src-main\/import\/import-worker\.ts'\)/);
  });
});
