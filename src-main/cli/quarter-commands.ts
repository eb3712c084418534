/** `export-quarter` and `export-year`: the 民政事业统计季报 / 年报 (养老) workbook from a terminal, through the api. */
import path from 'node:path';
import type { AppDb } from '../db/open';
import { writeFileAtomic } from '../services/file-output';
import { cliApi } from './cli-api';

/** Bad or missing arguments: main.ts exits 2 with the message. */
export class QuarterUsageError extends Error {}

async function exportStatForm(db: AppDb, command: string, period: string, out: string | undefined): Promise<string> {
  if (!out) throw new QuarterUsageError(`${command} 需要 --out FILE.xlsx / ${command} needs --out FILE.xlsx`);
  const wb = await cliApi(db).month.statFormWorkbook({ period });
  const file = path.resolve(out);
  writeFileAtomic(file, Buffer.from(wb.base64, 'base64'));
  const state = (closed: boolean) => (closed ? '已关账 / closed' : '未关账 / not closed');
  return `已导出 / written: ${file}（本期 ${state(wb.currentClosed)}；上年同期 ${state(wb.priorClosed)}）`;
}

export async function exportQuarterCommand(db: AppDb, quarter: string | undefined, out: string | undefined): Promise<string> {
  if (!quarter || !/^\d{4}Q[1-4]$/i.test(quarter)) throw new QuarterUsageError('export-quarter 需要 --quarter YYYYQn（如 2026Q3）/ export-quarter needs --quarter YYYYQn (e.g. 2026Q3)');
  return exportStatForm(db, 'export-quarter', quarter.toUpperCase(), out);
}

export async function exportYearCommand(db: AppDb, year: string | undefined, out: string | undefined): Promise<string> {
  if (!year || !/^\d{4}$/.test(year)) throw new QuarterUsageError('export-year 需要 --year YYYY（如 2026）/ export-year needs --year YYYY (e.g. 2026)');
  return exportStatForm(db, 'export-year', year, out);
}
