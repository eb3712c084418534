/**
 * One import: decode the file, match the header row, read every row, apply each through the
 * services inside ONE transaction (each row in its own savepoint, so one bad row does not
 * stop the others from being checked), and report every problem by row and column. The
 * transaction commits only when asked to and no row was refused; a preview always rolls back,
 * so preview and import give the same counts and the same report.
 */
import { createHash } from 'node:crypto';
import { toAppError } from '../services/errors';
import { fieldLabel } from '../contract/field-labels';
import { fail, isAppError } from '../domain/errors';
import { roleHas } from '../domain/permissions';
import { audit, write, type ServiceContext } from '../services/context';
import { INSTALL } from '../domain/ownership';
import { getSettings } from '../services/settings';
import { decodeFile, type SheetRow } from './decode';
import { heldCheck } from './held-here';
import { cleanCode, cleanText, MAX_CELL_CHARS, parseBool, parseChoice, parseCode, parseDate, parseDecimal, parseIdCell, parseInteger, type Parsed, type RawCell } from './normalise';
import { isSampleRow, keyString, RowRejected, type CellValue, type Column, type FieldProblem, type RowValues, type RowWrite, type Template, type TemplateId } from './template';
import { TEMPLATES } from './templates';

export interface ImportProblem {
  /** Spreadsheet row (header = 1); null for a problem with the whole file. */
  row: number | null;
  column: string | null;
  zh: string;
  en: string;
}

export interface ImportReport {
  template: TemplateId;
  fileName: string;
  format: 'xlsx' | 'csv' | null;
  encoding: string | null;
  /** Data rows read (blank rows skipped). */
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Rows with at least one problem. */
  rejected: number;
  problems: ImportProblem[];
  /** How many problems there were in all (the list is capped). */
  problemCount: number;
  /** What the preview tells without refusing: the template's notes (row null), which record a row updates. */
  notes: ImportProblem[];
  committed: boolean;
  durationMs: number;
}

export const MAX_REPORTED_PROBLEMS = 2000;

export function formatProblem(p: ImportProblem, lang: 'zh' | 'en' = 'zh'): string {
  if (lang === 'en') return `${p.row === null ? 'File' : `Row ${p.row}`}${p.column ? ` ${p.column}` : ''}: ${p.en}`;
  const where = p.row === null ? '文件' : `第 ${p.row} 行`;
  return `${where}${p.column ? ` ${p.column}` : ''}：${p.zh}`;
}

function normHeader(h: RawCell): string {
  return cleanCode(h).replace(/[*＊]/g, '').replace(/[（(].*[)）]$/, '');
}

function parseCell(c: Column, raw: RawCell): Parsed<CellValue> {
  switch (c.type) {
    case 'text':
      return { ok: true, value: cleanText(raw) };
    case 'code':
      return parseCode(raw);
    case 'int':
      return parseInteger(raw);
    case 'decimal':
      return parseDecimal(raw);
    case 'date':
      return parseDate(raw);
    case 'bool':
      return parseBool(raw);
    case 'id':
      return parseIdCell(raw);
    case 'choice':
      return parseChoice(raw, c.choices ?? {});
  }
}

function isBlank(raw: RawCell): boolean {
  return raw === null || (typeof raw === 'string' && cleanText(raw) === '');
}

class Rollback extends Error {}

const CONSUMED: SheetRow = { rowNumber: 0, cells: [] };

export interface ImportRequest {
  template: TemplateId;
  fileName: string;
  bytes: Uint8Array;
  /** false: preview only; nothing is written whatever the outcome. */
  commit: boolean;
  /** Called as rows are checked and written: done of total (the rows that passed the cell checks). */
  onProgress?: (done: number, total: number) => void;
}

/** How often (in rows) progress is reported. */
const PROGRESS_EVERY = 250;

/**
 * Which register the account may import, beyond the 'write' every import needs (the api's
 * procedures ask for that): population is city-level data — entering it by hand needs
 * 'manage', and so does importing it, whoever runs the import (the api, its worker thread).
 */
export function assertMayImport(ctx: ServiceContext, template: TemplateId): void {
  if (template === 'population' && !roleHas(ctx.actor.role, 'manage'))
    fail.forbidden('您的账号没有“业务管理”权限，不能导入人口', 'Your account lacks the "Manage" permission needed to import population');
}

export async function runImport(ctx: ServiceContext, req: ImportRequest): Promise<ImportReport> {
  assertMayImport(ctx, req.template);
  const started = Date.now();
  const t: Template = TEMPLATES[req.template];
  const report: ImportReport = {
    template: req.template,
    fileName: req.fileName,
    format: null,
    encoding: null,
    rows: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    problems: [],
    problemCount: 0,
    notes: (t.notes ?? []).map((n) => ({ row: null, column: null, zh: n.zh, en: n.en })),
    committed: false,
    durationMs: 0,
  };
  const problem = (row: number | null, column: string | null, zh: string, en: string) => {
    report.problemCount += 1;
    if (report.problems.length < MAX_REPORTED_PROBLEMS) report.problems.push({ row, column, zh, en });
  };
  const finish = () => {
    // Row order, then the template's column order: the report reads like the file.
    const colOrder = new Map(t.columns.map((c, i) => [c.header, i]));
    report.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (colOrder.get(a.column ?? '') ?? 99) - (colOrder.get(b.column ?? '') ?? 99));
    report.durationMs = Date.now() - started;
    return report;
  };

  let sheet: SheetRow[];
  try {
    const maxRows = getSettings(ctx).importMaxRows;
    const decoded = await decodeFile(req.fileName, req.bytes, { maxRows });
    report.format = decoded.format;
    report.encoding = decoded.encoding;
    if (decoded.tooManyRows) {
      const n = maxRows.toLocaleString('en-US');
      problem(
        null,
        null,
        `文件的数据行超过 ${n} 行（导入上限，管理员可在“设置”中调整），未读取也未写入任何数据：请分成几个文件导入`,
        `The file has more than ${n} data rows (the import limit, which an administrator can change in Settings); nothing was read or written: split it into several files`,
      );
      return finish();
    }
    sheet = decoded.rows;
  } catch (e) {
    const app = toAppError(e);
    problem(null, null, app.zh, app.en);
    return finish();
  }

  // ——— the header row ———
  // A title row above the header (one filled cell, as an export writes it) is skipped.
  const titled = t.titleRow === true && sheet.length > 1 && (sheet[0]?.cells.filter((c) => !isBlank(c)).length ?? 0) === 1;
  const first = titled ? 1 : 0;
  const header = sheet[first];
  if (!header || header.cells.every(isBlank)) {
    problem(null, null, '文件是空的：第 1 行应为表头', 'The file is empty: row 1 should be the header');
    return finish();
  }
  const headerRow = header.rowNumber;
  const positions = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const name = normHeader(h);
    if (name !== '' && !positions.has(name)) positions.set(name, i);
  });
  const columnIndex: number[] = [];
  const missing: string[] = [];
  for (const c of t.columns) {
    const names = [c.header, ...(c.aliases ?? [])].map((n) => normHeader(n));
    const at = names.map((n) => positions.get(n)).find((i) => i !== undefined);
    if (at === undefined) missing.push(c.header);
    columnIndex.push(at ?? -1);
  }
  if (missing.length > 0) {
    const all = t.columns.map((c) => c.header).join('、');
    problem(
      headerRow,
      '表头',
      `缺少列：${missing.join('、')}。${t.title.zh}模板的表头为：${all}`,
      `Missing column(s): ${missing.join(', ')}. The ${t.title.en.toLowerCase()} template's header is: ${all}`,
    );
    return finish();
  }

  // ——— read every row ———
  const columnOfField = new Map<string, string>(t.columns.map((c) => [c.field, c.header]));
  for (const [f, h] of Object.entries(t.fieldColumns ?? {})) columnOfField.set(f, h);
  const rejectedRows = new Set<number>();
  const rowProblem = (row: number, column: string | null, zh: string, en: string) => {
    rejectedRows.add(row);
    problem(row, column, zh, en);
  };
  const fieldProblem = (row: number, p: FieldProblem) => {
    const column = p.field ? (columnOfField.get(p.field) ?? fieldLabel([p.field]).zh) : null;
    const label = p.field ? fieldLabel([p.field]).zh : null;
    // Service messages sometimes start with the field's own name; the report names the column already.
    let zh = p.zh;
    for (const prefix of [column, label]) if (prefix && zh.startsWith(`${prefix}：`)) zh = zh.slice(prefix.length + 1);
    if (column && column.length >= 2 && zh.startsWith(column) && /^[^\s：]/.test(zh.slice(column.length))) zh = zh.slice(column.length);
    rowProblem(row, column, zh, p.en);
  };

  const ready: Array<{ row: number; values: RowValues }> = [];
  const seen = new Map<string, number>();
  const keyColumns = t.key.fields.map((f) => columnOfField.get(f)!).join(' + ');
  for (let i = first + 1; i < sheet.length; i++) {
    const r = sheet[i]!;
    // Each raw row is dropped once read: only the parsed values stay for the apply phase.
    sheet[i] = CONSUMED;
    if (r.cells.every(isBlank)) continue;
    report.rows += 1;
    if (isSampleRow(cleanText(r.cells[columnIndex[0]!] ?? null))) {
      rowProblem(
        r.rowNumber,
        null,
        '这是模板的示例行（第一格以“示例”开头），不会导入：请删除该行后再导入',
        "this is the template's sample row (its first cell starts with 示例) and is not imported: delete it and import again",
      );
      continue;
    }
    const values: RowValues = {};
    let bad = false;
    t.columns.forEach((c, i) => {
      const raw = r.cells[columnIndex[i]!] ?? null;
      if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
        rowProblem(r.rowNumber, c.header, `内容过长（${raw.length} 个字符，最多 ${MAX_CELL_CHARS}）`, `is too long (${raw.length} characters, at most ${MAX_CELL_CHARS})`);
        bad = true;
        return;
      }
      if (c.required && isBlank(raw)) {
        rowProblem(r.rowNumber, c.header, '不能为空', 'is required');
        bad = true;
        return;
      }
      const parsed = parseCell(c, raw);
      if (!parsed.ok) {
        rowProblem(r.rowNumber, c.header, parsed.zh, parsed.en);
        bad = true;
        return;
      }
      values[c.field] = parsed.value;
    });
    if (bad) continue;
    const key = keyString(t, values);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rowProblem(r.rowNumber, keyColumns, `与第 ${earlier} 行重复（${keyColumns} 相同）`, `duplicates row ${earlier} (same ${keyColumns})`);
      continue;
    }
    seen.set(key, r.rowNumber);
    ready.push({ row: r.rowNumber, values });
  }
  if (report.rows === 0) {
    problem(null, null, '文件没有数据行（表头下面是空的）', 'The file has no data rows below the header');
    return finish();
  }
  if (t.order) {
    const order = t.order;
    ready.sort((a, b) => (order(a.values) < order(b.values) ? -1 : order(a.values) > order(b.values) ? 1 : a.row - b.row));
  }

  // ——— apply, all in one transaction ———
  try {
    // write() reuses compiled statements for the whole transaction (db/statement-cache.ts).
    write(ctx, INSTALL, (tx) => {
      let current: number | null = null;
      const note = (zh: string, en: string) => {
        if (report.notes.length < MAX_REPORTED_PROBLEMS) report.notes.push({ row: current, column: null, zh, en });
      };
      const apply = t.begin(ctx, { fileName: req.fileName, note });
      const held = heldCheck(ctx.db.sqlite);
      // A savepoint around what a row writes: a row refused halfway leaves nothing of itself
      // behind, and a record it wrote that another office keeps refuses it on its own row.
      const inRow: RowWrite = (fn) =>
        write(ctx, INSTALL, () => {
          const from = held?.mark() ?? 0;
          const o = fn();
          held?.check(from);
          return o;
        });
      let done = 0;
      req.onProgress?.(0, ready.length);
      for (const { row, values } of ready) {
        if (++done % PROGRESS_EVERY === 0) req.onProgress?.(done, ready.length);
        current = row;
        try {
          // a bulk template writes a row's changes itself, inside inRow; its new records wait for flush
          const outcome = apply.flush ? apply(values, inRow) : inRow(() => apply(values, inRow));
          report[outcome] += 1;
        } catch (e) {
          if (e instanceof RowRejected) for (const p of e.problems) fieldProblem(row, p);
          else {
            const app = isAppError(e) ? e : toAppError(e, ctx.db.file);
            fieldProblem(row, { field: app.field, zh: app.zh, en: app.en });
          }
        }
      }
      report.rejected = rejectedRows.size;
      // what a bulk template queued is written once every row passed (preview included: the same counts)
      if (report.problemCount === 0 && apply.flush) {
        try {
          apply.flush();
        } catch (e) {
          const app = isAppError(e) ? e : toAppError(e, ctx.db.file);
          problem(null, null, app.zh, app.en);
        }
      }
      if (!req.commit || report.problemCount > 0) throw new Rollback();
      audit(tx, ctx.actor, 'import.commit', 'import', null, null, {
        template: req.template,
        fileName: req.fileName,
        sha256: createHash('sha256').update(req.bytes).digest('hex'),
        rows: report.rows,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
      });
    });
    report.committed = true;
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  report.rejected = rejectedRows.size;
  // a refused row updates nothing, so what it said about its update goes
  report.notes = report.notes.filter((n) => n.row === null || !rejectedRows.has(n.row));
  return finish();
}
