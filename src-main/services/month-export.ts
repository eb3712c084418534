/**
 * The month's workbook as bytes or as a file: the month report as a printed form (month-form.ts)
 * written by the form writer (form-xlsx.ts); the closed snapshot, or live figures when open.
 */
import { reportedMonth } from './month-close';
import type { ServiceContext } from './context';
import { writeFileAtomic } from './file-output';
import { formXlsxBuffer } from './form-xlsx';
import { buildMonthForm, homeRegionName } from './month-form';
import { getSettings } from './settings';

export async function monthWorkbook(ctx: ServiceContext, month: string): Promise<{ fileName: string; data: Buffer; source: 'snapshot' | 'live' }> {
  const r = reportedMonth(ctx, month);
  const regionCode = getSettings(ctx).homeRegion;
  const form = buildMonthForm(r.report, { source: r.source, closedAt: r.status.closedAt, regionCode, regionName: homeRegionName(ctx, regionCode) });
  return { fileName: form.fileName, data: await formXlsxBuffer(form), source: r.source };
}

export async function exportMonthToFile(ctx: ServiceContext, month: string, out: string) {
  const wb = await monthWorkbook(ctx, month);
  writeFileAtomic(out, wb.data);
  return { file: out, source: wb.source, bytes: wb.data.length };
}
