/**
 * The cover rule of every exported workbook that carries residents, in one place. Its first
 * sheet, 封面, names the file, the unit, who exported it, when and for which scope, and says in
 * words what it holds of ID numbers:
 * - full: 内部资料, how many full numbers, who exported them on which date, and that the file
 *   must be kept as the 个人信息保护法 (PIPL) requires; in red. Only for accounts that may
 *   reveal (`assertMayExportFullIds`), and only for residents they may reveal now
 *   (scope.ts residentChangeSql); the caller audits the export.
 * - masked: the mask (province only) and that there is no birth date.
 * - none: no ID numbers at all (the facility, bed and population registers).
 *
 * An import reads the register sheet after the cover (import/decode.ts skips a first sheet
 * named COVER_SHEET), so an exported register imports again unchanged.
 */
import dayjs from 'dayjs';
import type ExcelJS from 'exceljs';
import { ROLE } from '../domain/enums';
import { fail } from '../domain/errors';
import { roleHas } from '../domain/permissions';
import { COVER_SHEET, FULL_ID_EXPORT_REFUSAL } from '../domain/personal';
import type { Actor, ServiceContext } from './context';
import { scopeOf } from './scope';
import { getSettings } from './settings';
import { actorDisplayName } from './audit-log';

export { COVER_SHEET };

/** The fixed part of the full-number statement: what the file is and how it must be kept. */
export const FULL_ID_NOTICE =
  '属于敏感个人信息，须依照《中华人民共和国个人信息保护法》（PIPL）妥善保管：仅限本单位工作使用，不得外传、公开或上报，用后及时删除。';
export const MASKED_ID_NOTICE = '身份证号码已脱敏（仅显示前 2 位），不含出生日期。';
export const NO_ID_NOTICE = '本表不含身份证号码。';

export type IdNumbers = { kind: 'full'; count: number; masked: number } | { kind: 'masked' } | { kind: 'none' };

/** Refuses an export with full ID numbers to an account without `revealPersonal` (before anything is read or audited). */
export function assertMayExportFullIds(actor: Actor): void {
  if (!roleHas(actor.role, 'revealPersonal')) fail.forbidden(FULL_ID_EXPORT_REFUSAL.zh, FULL_ID_EXPORT_REFUSAL.en);
}

/** 内部资料：本表含 N 人的完整身份证号码，由 who 于 2026-12-01 导出。… */
export function fullIdStatement(actor: Actor, on: string, count: number, masked = 0, ctx?: ServiceContext): string {
  const rest = masked > 0 ? `另有 ${masked} 人已不在您管辖的机构入住，其号码已脱敏。` : '';
  return `内部资料：本表含 ${count} 人的完整身份证号码，由 ${exporter(actor, ctx)}于 ${on} 导出，${FULL_ID_NOTICE}${rest}`;
}

/** Who exported: the display name (本机用户 / 命令行 for no person), not the username. */
function exporter(actor: Actor, ctx?: ServiceContext): string {
  const who = ctx ? actorDisplayName(ctx, actor.username, actor.userId) : actor.username;
  return `${who}（${ROLE[actor.role].zh}）`;
}

function scopeText(ctx: ServiceContext): string {
  const s = scopeOf(ctx.actor);
  if (s.kind === 'all') return '全市';
  const names = (sql: string, keys: ReadonlyArray<string | number>) => {
    const found = new Map((ctx.db.sqlite.prepare(sql).all() as Array<{ k: string | number; name: string }>).map((r) => [r.k, r.name]));
    return keys.map((k) => found.get(k) ?? String(k)).join('、');
  };
  return s.kind === 'counties'
    ? `区县 ${names('SELECT code AS k, name FROM regions', s.counties)}`
    : `所管机构 ${names('SELECT id AS k, name FROM facilities', s.facilityIds)}`;
}

export interface Cover {
  title: string;
  idNumbers: IdNumbers;
  /** Lines of the export's own (the date it is as of, the number of rows), after the common ones. */
  lines?: Array<[string, string]>;
  now?: Date;
}

/** Adds the cover; call it before any other sheet, so that it is the first. */
export function addCover(wb: ExcelJS.Workbook, ctx: ServiceContext, cover: Cover): ExcelJS.Worksheet {
  const now = dayjs(cover.now ?? new Date());
  const ids = cover.idNumbers;
  const notice = ids.kind === 'full' ? fullIdStatement(ctx.actor, now.format('YYYY-MM-DD'), ids.count, ids.masked, ctx) : ids.kind === 'masked' ? MASKED_ID_NOTICE : NO_ID_NOTICE;
  const lines: Array<[string, string]> = [
    ['名称', ids.kind === 'full' ? `${cover.title}（内部资料，含完整身份证号码）` : cover.title],
    ['填报单位', getSettings(ctx).unitName],
    ['导出人', exporter(ctx.actor, ctx)],
    ['导出时间', now.format('YYYY-MM-DD HH:mm')],
    ['数据范围', scopeText(ctx)],
    ...(cover.lines ?? []),
    ['个人信息', notice],
  ];
  // Every setting before the first row, cell by cell: the same code serves exceljs's streaming
  // writer (which writes a sheet's properties when it is added and its rows as they commit).
  const ws = wb.addWorksheet(COVER_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1 },
    ...(ids.kind === 'full' ? { headerFooter: { oddHeader: '&L&"-,Bold"内部资料：含完整身份证号码' } } : {}),
  });
  ws.columns = [{ width: 16 }, { width: 80 }];
  const red = { bold: true, color: { argb: 'FFC00000' } };
  lines.forEach(([label, value], i) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    if (ids.kind === 'full' && (i === 0 || i === lines.length - 1)) row.getCell(2).font = red;
    if (i === lines.length - 1) row.height = 48;
  });
  return ws;
}
