/**
 * The CLI calls the api (createCaller as the `cli` actor), so its rules hold there: stats,
 * close-month, export-month and import answer as the procedures do, refuse as they do, and
 * leave the audit rows they leave. The population rule lives in the import itself, so a
 * direct runImport applies it too.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCaller } from '../../src-main/api/router';
import { seedDemo } from '../../src-main/cli/demo-data';
import { importCommand } from '../../src-main/cli/import-command';
import { closeMonthCommand, exportMonthCommand } from '../../src-main/cli/month-commands';
import { statsCommand } from '../../src-main/cli/stats-command';
import { runImport } from '../../src-main/import/runner';
import type { Actor } from '../../src-main/services/context';
import { freshDb, rejection, snapshot } from '../support/temp-db';
import { FIXTURES, fixture, importFile } from './import-helpers';

/** The actors the api was called as (createCaller's second argument), since the last clear. */
const callers = vi.hoisted(() => [] as string[]);

vi.mock('../../src-main/api/router', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/api/router')>();
  const createCaller: typeof real.createCaller = (db, actor) => {
    callers.push(actor?.username ?? '(default)');
    return real.createCaller(db, actor);
  };
  return { ...real, createCaller };
});

const ROOT = path.resolve(__dirname, '../..');
const MONTH = '2026-10';

function clearCallers(): void {
  callers.length = 0;
}

function auditActions(file: ReturnType<typeof freshDb>['db'], action: string): Array<{ username: string }> {
  return file.sqlite.prepare('SELECT username FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ username: string }>;
}

describe('the CLI through the api', () => {
  it('stats, close-month and export-month call the procedures as cli; a second close is refused with the api’s error', { timeout: 120_000 }, async () => {
    const { db, api, dir } = freshDb();
    await seedDemo(db);

    clearCallers();
    const json = await statsCommand(db, '2026-10-31', true);
    expect(callers).toEqual(['cli']);
    expect(JSON.parse(json)).toEqual(await api.report.statistics({ date: '2026-10-31' }));

    clearCallers();
    expect(await closeMonthCommand(db, MONTH)).toMatch(/^2026-10 已关账 \/ closed at .+（by cli）$/);
    expect(callers).toEqual(['cli']);
    expect(auditActions(db, 'month.close')).toEqual([{ username: 'cli' }]);

    const viaCli = await rejection(closeMonthCommand(db, MONTH));
    const viaApi = await rejection(api.month.close({ month: MONTH }));
    expect(viaCli.code).toBe('MONTH_ALREADY_CLOSED');
    expect({ code: viaCli.code, zh: viaCli.zh, en: viaCli.en, field: viaCli.field }).toEqual({ code: viaApi.code, zh: viaApi.zh, en: viaApi.en, field: viaApi.field });

    clearCallers();
    const out = path.join(dir, 'month.xlsx');
    const text = await exportMonthCommand(db, MONTH, out);
    expect(callers).toEqual(['cli']);
    expect(text).toBe(`已导出 / written: ${out}（${fs.statSync(out).size} 字节，关账快照 / closed snapshot）`);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The CLI process itself: exit code 1, the api's words on standard error.
    const r = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', 'close-month', '--db', db.file, '--month', MONTH], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${viaApi.zh}\n${viaApi.en} [MONTH_ALREADY_CLOSED month]\n`);
  });

  it('import goes through import.preview / import.commit: a dry run leaves the preview’s audit row, as in the app', { timeout: 60_000 }, async () => {
    const { db, file } = freshDb();
    const input = path.join(FIXTURES, 'facilities-gbk.csv');
    clearCallers();

    const dry = await importCommand(file, 'facilities', input, true);
    expect(callers).toEqual(['cli']);
    expect(dry.code).toBe(0);
    expect(dry.text.split('\n')[0]).toBe(`导入机构 / import facilities: ${input}（CSV，gb18030）`);
    expect(dry.text).toContain('检查通过；试运行，未写入');
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM facilities').get()).toEqual({ n: 0 });
    expect(auditActions(db, 'import.preview')).toEqual([{ username: 'cli' }]);

    const done = await importCommand(file, 'facilities', input, false);
    expect(done.code).toBe(0);
    expect(done.text).toContain('已写入（一个事务）');
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM facilities').get()).toEqual({ n: 4 });
  });

  it('population needs “manage” wherever the import runs: runImport refuses a write-only account as the api does', { timeout: 60_000 }, async () => {
    const { db } = freshDb();
    const manager: Actor = { userId: null, username: 'manager', role: 'facility', facilityIds: [] };
    const before = snapshot(db);
    const bytes = new Uint8Array(fixture('population.csv'));

    const direct = await rejection(runImport({ db, actor: manager }, { template: 'population', fileName: 'population.csv', bytes, commit: true }));
    const viaApi = await rejection(importFile(createCaller(db, manager), 'population', 'population.csv', bytes));
    expect(direct.code).toBe('FORBIDDEN');
    expect(direct.zh).toBe('您的账号没有“业务管理”权限，不能导入人口');
    expect({ code: direct.code, kind: direct.kind, zh: direct.zh, en: direct.en }).toEqual({ code: viaApi.code, kind: viaApi.kind, zh: viaApi.zh, en: viaApi.en });
    expect(snapshot(db)).toEqual(before);

    // The same account may import what its permissions allow (each row still checked against its scope).
    const beds = await runImport({ db, actor: manager }, { template: 'beds', fileName: 'beds.xlsx', bytes: new Uint8Array(fixture('beds-serial-dates.xlsx')), commit: false });
    expect(beds.committed).toBe(false);
  });
});
