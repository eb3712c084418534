/**
 * 数据质量明细（内部资料）: the named data-quality list, for the people who fix the findings.
 * Only accounts that may change registers ask for it (the api gives it `write` permission:
 * facility managers, section staff, administrators; never read-only accounts), and each gets
 * its own scope: a facility manager their facilities, county staff their counties. The sheet
 * says it is internal, and every export writes an audit row (who, which date, how many rows;
 * no names in the audit row).
 */
import { ROLE } from '../domain/enums';
import { roleHas } from '../domain/permissions';
import { audit, write, type ServiceContext } from './context';
import { INSTALL } from '../domain/ownership';
import { DATA_QUALITY_TITLES, dataQuality, type DataQualityItem } from './data-quality';
import { withoutNames } from './data-quality-summary';
import { scopeOf } from './scope';
import { getSettings } from './settings';

export const INTERNAL_TITLE = '数据质量明细（内部资料）';
export const INTERNAL_NOTICE = '内部资料：本表含老人姓名，仅供本单位核对和处理数据质量问题使用，不得外传、上报或公开，用后及时删除。';

/** The findings as of `date` within the account's scope, residents named. */
export function scopedDataQuality(ctx: ServiceContext, date: string): DataQualityItem[] {
  const items = dataQuality(ctx, date);
  const scope = scopeOf(ctx.actor);
  if (scope.kind === 'all') return items;
  if (scope.kind === 'counties') return items.filter((i) => i.regionCode !== null && scope.counties.includes(i.regionCode));
  return items.filter((i) => i.facilityId !== null && scope.facilityIds.includes(i.facilityId));
}

/**
 * The data-quality list as an account sees it: the findings within its scope. Residents are
 * named only for accounts that may change registers (they fix the findings); read-only
 * accounts get each resident finding unnamed, so their counts stay right.
 */
export function dataQualityList(ctx: ServiceContext, date: string): DataQualityItem[] {
  const items = scopedDataQuality(ctx, date);
  return roleHas(ctx.actor.role, 'write') ? items : withoutNames(items);
}

export async function internalDataQualityList(ctx: ServiceContext, date: string): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const items = scopedDataQuality(ctx, date);
  const facilities = new Map((ctx.db.sqlite.prepare('SELECT id, name FROM facilities').all() as Array<{ id: number; name: string }>).map((f) => [f.id, f.name]));
  const regions = new Map((ctx.db.sqlite.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
  const scope = scopeOf(ctx.actor);

  // loaded when a workbook is made: a start (the CLI, the server) never pays for exceljs
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = ctx.actor.username;
  const ws = wb.addWorksheet('数据质量明细');
  ws.columns = [{ width: 7 }, { width: 24 }, { width: 14 }, { width: 28 }, { width: 70 }];
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = INTERNAL_TITLE;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = INTERNAL_NOTICE;
  ws.getCell('A2').font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getCell('A2').alignment = { wrapText: true };
  ws.getRow(2).height = 30;
  ws.mergeCells('A3:E3');
  const range = scope.kind === 'all' ? '全市' : scope.kind === 'counties' ? `区县 ${scope.counties.map((c) => regions.get(c) ?? c).join('、')}` : `所管机构 ${scope.facilityIds.map((f) => facilities.get(f) ?? f).join('、')}`;
  ws.getCell('A3').value = `${getSettings(ctx).unitName} · 截至 ${date} · 数据范围：${range} · 导出人：${ctx.actor.username}（${ROLE[ctx.actor.role].zh}）`;
  const head = ws.getRow(5);
  ['级别', '问题', '区县', '机构', '说明'].forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  for (const i of items)
    ws.addRow([
      i.severity === 'error' ? '错误' : '提醒',
      DATA_QUALITY_TITLES[i.code].zh,
      i.regionCode ? (regions.get(i.regionCode) ?? i.regionCode) : '',
      i.facilityId !== null ? (facilities.get(i.facilityId) ?? '') : '',
      i.zh,
    ]);
  if (items.length === 0) ws.addRow(['', '无', '', '', '没有需要处理的问题']);
  ws.views = [{ state: 'frozen', ySplit: 5, xSplit: 0 }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:5' };
  // On every printed page, so a loose sheet still says what it is.
  ws.headerFooter = { oddHeader: `&L&"-,Bold"${INTERNAL_TITLE}`, oddFooter: '第 &P 页，共 &N 页' };

  write(ctx, INSTALL, (tx) => audit(tx, ctx.actor, 'dataQuality.exportInternal', 'dataQuality', date, null, { date, rows: items.length }));
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${INTERNAL_TITLE}_${date}.xlsx`, data, rows: items.length };
}
