/**
 * Procedures that build a whole workbook (exceljs) or read a whole register in one call. One
 * of them at a time per server: while one runs, another is refused at once (503 BUSY_REPORT)
 * rather than queued behind it, and a batch may hold at most one.
 *
 * Not listed: report.statistics, report.dataQuality and month.trends — whole-register reads too,
 * but the dashboard asks for them together in one batch; the batch cap bounds them.
 */
import type { AppErrorData } from '../domain/errors';

export const HEAVY_PROCEDURES: ReadonlySet<string> = new Set([
  'resident.roster',
  'import.exportRegister',
  'import.template',
  'month.workbook',
  'form.monthXlsx',
  'form.facilityBedsXlsx',
  'form.facilityResidentsXlsx',
  'form.countyXlsx',
]);

export const BUSY_REPORT: AppErrorData = {
  code: 'BUSY_REPORT',
  kind: 'conflict',
  zh: '另一个报表正在生成，请稍后再试',
  en: 'Another report is being generated; try again in a moment',
};

export const HEAVY_BATCH: AppErrorData = {
  code: 'HEAVY_BATCH',
  kind: 'validation',
  zh: '一次请求只能生成一个报表或导出文件',
  en: 'One request may generate at most one report or export',
};

/** A single-flight gate: `tryEnter` gives a release function, or null while another holds it. */
export class HeavyGate {
  private busy = false;

  tryEnter(): (() => void) | null {
    if (this.busy) return null;
    this.busy = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy = false;
    };
  }
}
