/**
 * 老人名册: the residents an account may see, as an .xlsx with a cover sheet. ID numbers are
 * masked unless the account holds `revealPersonal` and asks for them in full; then the cover
 * says so in red, and the export is audited like a reveal. Full numbers are given only for
 * residents the account may reveal (not for those who have left its facilities).
 *
 * The masked file is sent around, so it is safe whoever exports it: the mask keeps only the
 * province, and there is no birth date column, only the age.
 */
import ExcelJS from 'exceljs';
import { fail } from '../domain/errors';
import { roleHas } from '../domain/permissions';
import { maskPhone } from '../domain/personal';
import { ROLE } from '../domain/enums';
import { audit, write, type ServiceContext } from './context';
import { listResidents } from './residents';
import { residentChangeSql, scopeOf } from './scope';
import { getSettings } from './settings';

export interface RosterOptions {
  fullIdNumbers?: boolean;
  inCareOn?: string;
  facilityId?: number;
}

export const FULL_ID_NOTICE = '本表含完整身份证号码，属于个人敏感信息：仅限工作使用，不得外传，用后及时删除。';
export const MASKED_ID_NOTICE = '身份证号码已脱敏（仅显示前 2 位），不含出生日期。';

export async function residentRoster(ctx: ServiceContext, opts: RosterOptions): Promise<{ fileName: string; data: Buffer; rows: number; fullIdNumbers: boolean }> {
  const full = opts.fullIdNumbers === true;
  if (full && !roleHas(ctx.actor.role, 'revealPersonal'))
    fail.forbidden('您的账号没有“查看完整个人信息”权限，不能导出完整身份证号', 'Your account may not export full ID numbers (needs "Reveal personal data")');
  const list = listResidents(ctx, { inCareOn: opts.inCareOn, facilityId: opts.facilityId });
  const fullIds = new Map<number, { idNumber: string; phone: string }>();
  if (full && list.rows.length > 0) {
    const ids = list.rows.map((r) => r.id);
    const found = ctx.db.sqlite
      .prepare(`SELECT r.id, r.id_number AS idNumber, r.phone FROM residents r WHERE r.id IN (${ids.map(() => '?').join(',')}) AND ${residentChangeSql(ctx.actor, 'r.id')}`)
      .all(...ids) as Array<{ id: number; idNumber: string; phone: string }>;
    for (const r of found) fullIds.set(r.id, r);
  }
  const phones = new Map(
    (ctx.db.sqlite.prepare('SELECT id, phone FROM residents').all() as Array<{ id: number; phone: string }>).map((r) => [r.id, r.phone]),
  );

  const wb = new ExcelJS.Workbook();
  wb.creator = ctx.actor.username;
  const cover = wb.addWorksheet('封面');
  cover.columns = [{ width: 16 }, { width: 70 }];
  const scope = scopeOf(ctx.actor);
  const lines: Array<[string, string]> = [
    ['名称', '老人名册'],
    ['填报单位', getSettings(ctx).unitName],
    ['导出人', `${ctx.actor.username}（${ROLE[ctx.actor.role].zh}）`],
    ['导出时间', new Date().toLocaleString('zh-CN', { hour12: false })],
    ['数据范围', scope.kind === 'all' ? '全市' : scope.kind === 'counties' ? `区县 ${scope.counties.join('、')}` : `所管机构 ${scope.facilityIds.join('、')}`],
    ['在住日期', opts.inCareOn ?? '全部老人'],
    ['人数', String(list.rows.length)],
    ['个人信息', full ? FULL_ID_NOTICE : MASKED_ID_NOTICE],
  ];
  for (const l of lines) cover.addRow(l);
  cover.getColumn(1).font = { bold: true };
  const notice = cover.getCell(`B${lines.length}`);
  notice.font = full ? { bold: true, color: { argb: 'FFC00000' } } : {};
  notice.alignment = { wrapText: true };

  const ws = wb.addWorksheet('老人名册');
  const columns: Array<{ header: string; width: number; cell: (r: (typeof list.rows)[number]) => string | number }> = [
    { header: '姓名', width: 12, cell: (r) => r.name },
    { header: '身份证号', width: 22, cell: (r) => fullIds.get(r.id)?.idNumber ?? r.idNumberMasked },
    { header: '性别', width: 6, cell: (r) => (r.sex === 'male' ? '男' : '女') },
    // The birth date only beside full numbers (which hold it anyway).
    ...(full ? [{ header: '出生日期', width: 12, cell: (r: (typeof list.rows)[number]) => r.birthDate ?? '' }] : []),
    { header: '年龄', width: 6, cell: (r) => r.age },
    { header: '联系电话', width: 16, cell: (r) => fullIds.get(r.id)?.phone ?? maskPhone(phones.get(r.id) ?? '') },
    { header: '所在机构', width: 28, cell: (r) => r.facilityName ?? '' },
    { header: '床位', width: 14, cell: (r) => r.bedLabel ?? '' },
    { header: '入住日期', width: 12, cell: (r) => r.admittedOn ?? '' },
    { header: '特困', width: 6, cell: (r) => (r.tekun ? '是' : '') },
  ];
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  for (const r of list.rows) ws.addRow(columns.map((c) => c.cell(r)));
  ws.getColumn(2).numFmt = '@';
  if (full) write(ctx, (tx) => audit(tx, ctx.actor, 'resident.exportFullIds', 'resident', null, null, { rows: list.rows.length, inCareOn: opts.inCareOn ?? null, facilityId: opts.facilityId ?? null }));
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `老人名册${full ? '_含完整身份证号' : ''}_${new Date().toISOString().slice(0, 10)}.xlsx`, data, rows: list.rows.length, fullIdNumbers: full };
}
