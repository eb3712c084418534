/**
 * `export-national-list --db PATH --out FILE.xlsx|FILE.csv [--date D]`: the national system's
 * facility list (services/national-list.ts) through the same procedure as the 机构 page's
 * button; the format follows the file's extension.
 */
import path from 'node:path';
import type { AppDb } from '../db/open';
import { writeFileAtomic } from '../services/file-output';
import { cliApi } from './cli-api';

export class NationalListUsageError extends Error {}

export async function exportNationalListCommand(db: AppDb, out: string | undefined, date: string): Promise<string> {
  const ext = out ? path.extname(out).toLowerCase() : '';
  if (!out || (ext !== '.xlsx' && ext !== '.csv'))
    throw new NationalListUsageError('export-national-list 需要 --out FILE.xlsx 或 FILE.csv / export-national-list needs --out FILE.xlsx or FILE.csv');
  const r = await cliApi(db).facility.nationalList({ date, format: ext === '.csv' ? 'csv' : 'xlsx' });
  const data = Buffer.from(r.base64, 'base64');
  const file = path.resolve(out);
  writeFileAtomic(file, data);
  return `已导出国家系统机构名单 / national facility list written: ${file}（截至 ${date}，机构 ${r.rows} 个 / ${r.rows} facilities，${data.length} 字节）`;
}
