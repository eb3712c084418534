/** The month's workbook as bytes or as a file: the closed snapshot, or live figures when open. */
import { reportedMonth } from './month-close';
import type { ServiceContext } from './context';
import { writeFileAtomic } from './file-output';
import { getSettings } from './settings';
import { workbookBuffer, workbookFileName } from './month-workbook';

export async function monthWorkbook(ctx: ServiceContext, month: string): Promise<{ fileName: string; data: Buffer; source: 'snapshot' | 'live' }> {
  const r = reportedMonth(ctx, month);
  const regionCode = getSettings(ctx).homeRegion;
  const data = await workbookBuffer(r.report, { state: r.status.state, source: r.source, closedAt: r.status.closedAt, regionCode });
  return { fileName: workbookFileName(regionCode, month), data, source: r.source };
}

export async function exportMonthToFile(ctx: ServiceContext, month: string, out: string) {
  const wb = await monthWorkbook(ctx, month);
  writeFileAtomic(out, wb.data);
  return { file: out, source: wb.source, bytes: wb.data.length };
}
