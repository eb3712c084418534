/** `close-month` and `export-month`: the month close and its workbook from a terminal. */
import path from 'node:path';
import { createCaller } from '../api/router';
import type { AppDb } from '../db/open';
import { exportMonthToFile } from '../services/month-export';
import { localActor } from '../services/local-actor';
import { monthInput } from '../contract/schemas';
import { fromZodError } from '../contract/validation-messages';

function checkMonth(month: string | undefined): string {
  const r = monthInput.safeParse({ month });
  if (!r.success) throw fromZodError(r.error);
  return r.data.month;
}

export async function closeMonthCommand(db: AppDb, month: string | undefined): Promise<string> {
  const m = checkMonth(month);
  const status = await createCaller(db, { ...localActor(db), username: 'cli' }).month.close({ month: m });
  return `${m} 已关账 / closed at ${status.closedAt}（by ${status.closedBy}）`;
}

export async function exportMonthCommand(db: AppDb, month: string | undefined, out: string | undefined): Promise<string> {
  const m = checkMonth(month);
  if (!out) throw new Error('export-month 需要 --out FILE.xlsx / export-month needs --out');
  const r = await exportMonthToFile({ db, actor: { ...localActor(db), username: 'cli' } }, m, path.resolve(out));
  const note = r.source === 'snapshot' ? '关账快照 / closed snapshot' : '未关账，实时数据（封面已注明）/ month open: live figures, as the cover says';
  return `已导出 / written: ${r.file}（${r.bytes} 字节，${note}）`;
}
