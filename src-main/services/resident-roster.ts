/**
 * 老人名册: the residents an account may see, as an .xlsx with a cover sheet (export-cover.ts).
 * ID numbers are masked unless the account holds `revealPersonal` and asks for them in full;
 * then the cover says so in red (内部资料, who, when, PIPL), and the export is audited like a
 * reveal. Full numbers are given only for residents the account may reveal (not for those who
 * have left its facilities); the cover counts both.
 *
 * The masked file is sent around, so it is safe whoever exports it: the mask keeps only the
 * province, and there is no birth date column, only the age.
 */
import { maskPhone } from '../domain/personal';
import { textWidth } from '../domain/printed-form';
import { audit, write, type ServiceContext } from './context';
import { INSTALL } from '../domain/ownership';
import { addCover, assertMayExportFullIds } from './export-cover';
import { listResidents } from './residents';
import { residentChangeSql } from './scope';
import { streamedXlsx } from './xlsx-stream';

export interface RosterOptions {
  fullIdNumbers?: boolean;
  inCareOn?: string;
  facilityId?: number;
}

export async function residentRoster(ctx: ServiceContext, opts: RosterOptions): Promise<{ fileName: string; data: Buffer; rows: number; fullIdNumbers: boolean }> {
  const full = opts.fullIdNumbers === true;
  if (full) assertMayExportFullIds(ctx.actor);
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

  const data = await streamedXlsx((wb) => {
    wb.creator = ctx.actor.username;
    addCover(wb, ctx, {
      title: '老人名册',
      idNumbers: full ? { kind: 'full', count: fullIds.size, masked: list.rows.length - fullIds.size } : { kind: 'masked' },
      lines: [
        ['在住日期', opts.inCareOn ?? '全部老人'],
        ['人数', String(list.rows.length)],
      ],
    }).commit();

    const columns: Array<{ header: string; width: number; cell: (r: (typeof list.rows)[number]) => string | number }> = [
      { header: '姓名', width: 12, cell: (r) => r.name },
      { header: '身份证号', width: 22, cell: (r) => fullIds.get(r.id)?.idNumber ?? r.idNumberMasked },
      { header: '性别', width: 6, cell: (r) => (r.sex === 'male' ? '男' : '女') },
      // The birth date only beside full numbers (which hold it anyway).
      ...(full ? [{ header: '出生日期', width: 12, cell: (r: (typeof list.rows)[number]) => r.birthDate ?? '' }] : []),
      { header: '年龄', width: 6, cell: (r) => r.age },
      { header: '联系电话', width: 16, cell: (r) => fullIds.get(r.id)?.phone ?? maskPhone(phones.get(r.id) ?? '') },
      // as wide as the longest name (CJK counts 2), so no home's name runs into the bed column
      { header: '所在机构', width: Math.min(60, list.rows.reduce((w, r) => Math.max(w, textWidth(r.facilityName ?? '')), 28) + 2), cell: (r) => r.facilityName ?? '' },
      { header: '床位', width: 14, cell: (r) => r.bedLabel ?? '' },
      { header: '入住日期', width: 12, cell: (r) => r.admittedOn ?? '' },
      { header: '特困', width: 6, cell: (r) => (r.tekun ? '是' : '') },
    ];
    // printed: A4 landscape, every column on the page's width, the header row on every page
    const ws = wb.addWorksheet('老人名册', {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', ...(full ? { oddHeader: '&L&"-,Bold"内部资料：含完整身份证号码' } : {}) },
    });
    // ID numbers as text (style set on the column before any row, so every row's cell has it)
    ws.columns = columns.map((c, i) => ({ header: c.header, width: c.width, ...(i === 1 ? { style: { numFmt: '@' } } : {}) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of list.rows) ws.addRow(columns.map((c) => c.cell(r))).commit();
    ws.commit();
  });
  // Audited once the file exists, before it is handed out (a failed build leaves no row).
  if (full)
    write(ctx, INSTALL, (tx) =>
      audit(tx, ctx.actor, 'resident.exportFullIds', 'resident', null, null, { rows: list.rows.length, fullIdNumbers: fullIds.size, inCareOn: opts.inCareOn ?? null, facilityId: opts.facilityId ?? null }),
    );
  return { fileName: `老人名册${full ? '_含完整身份证号' : ''}_${new Date().toISOString().slice(0, 10)}.xlsx`, data, rows: list.rows.length, fullIdNumbers: full };
}
