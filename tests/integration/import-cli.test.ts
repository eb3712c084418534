/**
 * The CLI import: counts and the report on standard output, exit code 1 when any row is
 * refused (then nothing is written), 0 otherwise; --dry-run checks without writing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { tempDir } from '../support/temp-db';
import { FIXTURES } from './import-helpers';

const ROOT = path.resolve(__dirname, '../..');

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELDERCARE_DB: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function count(file: string, table: string): number {
  const db = openDatabase(file);
  try {
    return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('npm run cli -- import', () => {
  it('imports, re-imports with nothing to do, refuses a bad file with exit code 1 and writes nothing', { timeout: 120_000 }, () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.db');
    try {
      run(db);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function run(db: string): void {
  const fx = (f: string) => path.join(FIXTURES, f);

  const dry = cli('import', 'facilities', fx('facilities-gbk.csv'), '--db', db, '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('数据行 4：新增 4，更新 0，未变 0，有问题 0');
  expect(dry.out).toContain('试运行，未写入');
  expect(count(db, 'facilities')).toBe(0);

  for (const [t, f] of [
    ['facilities', 'facilities-gbk.csv'],
    ['beds', 'beds-serial-dates.xlsx'],
    ['residents', 'residents-utf8-bom.csv'],
    ['stays', 'stays.csv'],
  ]) {
    const r = cli('import', t!, fx(f!), '--db', db);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已写入');
  }
  const again = cli('import', 'stays', fx('stays.csv'), '--db', db);
  expect(again.code).toBe(0);
  expect(again.out).toContain('数据行 5：新增 0，更新 0，未变 5，有问题 0');

  const stays = count(db, 'stays');
  const bad = cli('import', 'stays', fx('stays-twenty-errors.csv'), '--db', db);
  expect(bad.code).toBe(1);
  expect(bad.out).toContain('问题 21 个，未写入任何数据');
  expect(bad.out).toContain('  第 2 行 身份证号：被表格软件转成了数字（如 1.10105E+17），请把该列设为“文本”格式后重新填写');
  expect(bad.out).toContain('  第 22 行 床位号：填写了楼栋或房间号时须填写床位号');
  expect(count(db, 'stays')).toBe(stays);

  const usage = cli('import', 'people', fx('stays.csv'), '--db', db);
  expect(usage.code).toBe(2);
  expect(usage.err).toContain('import 需要模板名和文件');
  const positional = cli('stats', 'extra', '--db', db, '--date', '2024-01-01');
  expect(positional.code).toBe(2);
}
