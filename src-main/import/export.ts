/**
 * Each register written out in its import template's format (same header row, the same
 * names for the choices), so a register can move between installations and be imported
 * again unchanged. Limited to the account's scope; it holds full ID numbers, so residents (and
 * their stays) are those the account may change now, not those who left its facilities (a
 * facility keeps only read-only history of them). A facility's row carries its latest
 * status and that status's date (the template has one status per facility).
 *
 * Every export has a cover first (services/export-cover.ts): for the registers with ID numbers
 * (residents, stays) it says 内部资料 with full numbers, who exported them, when, and that
 * PIPL applies; such an export is refused without `revealPersonal`. The others say they hold
 * no ID numbers. Each export is audited once its file is built.
 */
import { bedExportSql } from '../db/queries/beds';
import { facilityExportSql } from '../db/queries/facilities';
import { populationExportSql } from '../db/queries/regions';
import { residentExportSql } from '../db/queries/residents';
import { stayExportSql } from '../db/queries/stays';
import { audit, write, type ServiceContext } from '../services/context';
import { INSTALL } from '../domain/ownership';
import { addCover, assertMayExportFullIds } from '../services/export-cover';
import { exportNationalList } from '../services/national-list';
import { todayIso } from '../domain/dates';
import { facilitySql, residentChangeSql } from '../services/scope';
import type { CellValue, Template, TemplateId } from './template';
import { TEMPLATES } from './templates';
import { registerWorkbook } from './template-workbook';

/** Each register's export SELECT (its read model, db/queries/), limited to the account's scope. */
const SQL: Record<Exclude<TemplateId, 'national-list'>, (ctx: ServiceContext) => string> = {
  facilities: (ctx) => facilityExportSql(facilitySql(ctx.actor, 'f.id')),
  beds: (ctx) => bedExportSql(facilitySql(ctx.actor, 'f.id')),
  residents: (ctx) => residentExportSql(residentChangeSql(ctx.actor, 'r.id')),
  stays: (ctx) => stayExportSql(facilitySql(ctx.actor, 'st.facility_id'), residentChangeSql(ctx.actor, 'st.resident_id')),
  population: () => populationExportSql(),
};

/** Stored values as the template writes them: choice keys by their template name, flags as 是/否. */
function toCells(t: Template, row: Record<string, unknown>): CellValue[] {
  return t.columns.map((c) => {
    const v = row[c.field];
    if (v === null || v === undefined) return '';
    switch (c.type) {
      case 'bool':
        return v === 1 || v === true ? '是' : '否';
      case 'choice':
        return c.choices?.[String(v)]?.[0] ?? String(v);
      case 'int':
        return typeof v === 'number' ? v : String(v);
      default:
        return String(v);
    }
  });
}

export function registerRows(ctx: ServiceContext, id: Exclude<TemplateId, 'national-list'>): CellValue[][] {
  const t = TEMPLATES[id];
  const rows = ctx.db.sqlite.prepare(SQL[id](ctx)).all() as Array<Record<string, unknown>>;
  return rows.map((r) => toCells(t, r));
}

/** Whether the register's export holds full ID numbers: it has a column of type 'id'. */
export function holdsFullIds(id: TemplateId): boolean {
  return TEMPLATES[id].columns.some((c) => c.type === 'id');
}

/** The register as an xlsx in its template's format, after its cover; the export itself is audited. */
export async function exportRegister(ctx: ServiceContext, id: TemplateId): Promise<{ fileName: string; data: Buffer; rows: number }> {
  // the national list has its own layout (title row, derived figures), written by its service
  if (id === 'national-list') return exportNationalList(ctx, { date: todayIso(), format: 'xlsx' });
  const full = holdsFullIds(id);
  if (full) assertMayExportFullIds(ctx.actor);
  const rows = registerRows(ctx, id);
  const title = TEMPLATES[id].title.zh;
  // Every row's resident is one the account may reveal now (residentChangeSql above).
  const data = await registerWorkbook(id, rows, (wb) =>
    addCover(wb, ctx, {
      title: `${title}登记表`,
      idNumbers: full ? { kind: 'full', count: distinctIds(TEMPLATES[id], rows), masked: 0 } : { kind: 'none' },
      lines: [
        ['行数', String(rows.length)],
        ['说明', `下一张工作表“${title}”与导入模板格式相同，可在“导入”页导入本系统或另一台电脑；导入时本封面会被跳过。`],
      ],
    }),
  );
  write(ctx, INSTALL, (tx) => audit(tx, ctx.actor, 'import.exportRegister', 'import', null, null, { template: id, rows: rows.length, ...(full ? { fullIdNumbers: true } : {}) }));
  return { fileName: `${title}${full ? '_含完整身份证号' : ''}_${new Date().toISOString().slice(0, 10)}.xlsx`, data, rows: rows.length };
}

/** How many different ID numbers the rows hold (a resident with several stays counts once). */
function distinctIds(template: Template, rows: CellValue[][]): number {
  const i = template.columns.findIndex((c) => c.type === 'id');
  return new Set(rows.map((r) => r[i])).size;
}
