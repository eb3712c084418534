/** `close-month` and `export-month`: the month close and its workbook from a terminal, through the api. */
import path from 'node:path';
import type { AppDb } from '../db/open';
import { writeFileAtomic } from '../services/file-output';
import { monthInput } from '../contract/schemas';
import { fromZodError } from '../contract/validation-messages';
import { cliApi } from './cli-api';

function checkMonth(month: string | undefined): string {
  const r = monthInput.safeParse({ month });
  if (!r.success) throw fromZodError(r.error);
  return r.data.month;
}

export async function closeMonthCommand(db: AppDb, month: string | undefined): Promise<string> {
  const m = checkMonth(month);
  const status = await cliApi(db).month.close({ month: m });
  return `${m} 已关账 / closed at ${status.closedAt}（by ${status.closedBy}）`;
}

export async function exportMonthCommand(db: AppDb, month: string | undefined, out: string | undefined): Promise<string> {
  const m = checkMonth(month);
  if (!out) throw new Error('export-month 需要 --out FILE.xlsx / export-month needs --out');
  const wb = await cliApi(db).month.workbook({ month: m });
  const data = Buffer.from(wb.base64, 'base64');
  // As the app's own export (services/month-export.ts): a temporary name beside it, then a
  // rename; owner-only by the process's file mode (main.ts: ownerOnlyFiles).
  const file = path.resolve(out);
  writeFileAtomic(file, data);
  const note = wb.source === 'snapshot' ? '关账快照 / closed snapshot' : '未关账，实时数据（封面已注明）/ month open: live figures, as the cover says';
  return `已导出 / written: ${file}（${data.length} 字节，${note}）`;
}
