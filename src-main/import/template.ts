/**
 * What a template is: its header row (the contract with the user's file), how each column's
 * cells are read, the natural key, and how one row is applied through the services.
 */
import type { z } from 'zod';
import { describeIssue } from '../contract/validation-messages';
import type { Labelled } from '../domain/enums';
import type { ServiceContext } from '../services/context';

import type { TemplateId } from '../contract/template-ids';

export { TEMPLATE_IDS, type TemplateId } from '../contract/template-ids';

export type ColumnType = 'text' | 'code' | 'int' | 'decimal' | 'date' | 'bool' | 'id' | 'choice';

export interface Column {
  header: string;
  /** The service input field the column feeds (errors naming it are reported on this column). */
  field: string;
  type: ColumnType;
  required?: boolean;
  /** For 'choice': key → accepted names, the first being the one the template offers. */
  choices?: Record<string, readonly string[]>;
  /** Other headers users' own files carry for the same column. */
  aliases?: readonly string[];
  /** The sample row of the downloadable template. */
  sample: string | number;
  width?: number;
}

/**
 * What the downloadable template's sample row starts with (its first cell): the import refuses
 * a row so marked, so that the sample left in by mistake never lands as a person or facility.
 */
export const SAMPLE_MARK = '示例';

/** Whether a row's first cell carries the sample mark ("示例：张某某", "示例 520602"). */
export function isSampleRow(firstCell: string): boolean {
  return firstCell.startsWith(SAMPLE_MARK);
}

export type CellValue = string | number | boolean | null;
export type RowValues = Record<string, CellValue>;

export type Outcome = 'added' | 'updated' | 'unchanged';

/**
 * Applies one parsed row; throws AppError or RowRejected. Built once per import (lookup maps
 * inside). A bulk template's applier only checks new records and queues them; `flush` then
 * writes them set-based, once every row of the file was checked without a problem.
 */
export type RowApplier = ((values: RowValues, inRow: RowWrite) => Outcome) & { flush?: () => void };

/** Runs what one row writes in its own savepoint of the import (runner.ts). */
export type RowWrite = <T>(fn: () => T) => T;

export interface Template {
  id: TemplateId;
  title: Labelled;
  columns: readonly Column[];
  /** Service fields that are not a column, and the column a problem with them belongs to. */
  fieldColumns?: Record<string, string>;
  key: { fields: readonly string[] };
  /** The file may have a title row above the header (one filled cell), which is skipped. */
  titleRow?: boolean;
  /** Said with every preview and import of this template (what of the file is not read). */
  notes?: readonly Labelled[];
  /** Rows applied in this order (stays by admission date, so history builds forward). */
  order?: (values: RowValues) => string;
  begin(ctx: ServiceContext, source: ImportSource): RowApplier;
}

/** The file being imported: it is the reason its rows give when they correct or reach into a past month. */
export interface ImportSource {
  fileName: string;
  /** Tells the preview something about the row being applied (which record it updates, and why). */
  note?: (zh: string, en: string) => void;
}

/**
 * What an import's rows pass to the services' correction rules (services/corrections.ts). The
 * user checked the preview and confirmed the import, which is the confirmation a closed month
 * asks for (the month then shows the difference); the reason a past-dated correction needs is
 * the file itself, recorded in each row's audit entry.
 */
export function importCorrection(source: ImportSource): { confirmClosedMonth: true; reason: string } {
  return { confirmClosedMonth: true, reason: `按导入文件更正：${source.fileName}` };
}

export interface FieldProblem {
  field: string | undefined;
  zh: string;
  en: string;
}

/** A row refused before or by the services, possibly for several reasons at once. */
export class RowRejected extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field ?? ''}: ${p.en}`).join('; '));
    this.name = 'RowRejected';
  }
}

export function reject(field: string, zh: string, en: string): never {
  throw new RowRejected([{ field, zh, en }]);
}

/** The api's own zod schema: every issue of the row, each on its field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new RowRejected(
    r.error.issues.map((issue) => {
      const d = describeIssue(issue);
      const field = issue.path.find((p): p is string => typeof p === 'string');
      return { field, zh: d.zh, en: d.en };
    }),
  );
}

/** Typed reads of a parsed row (the column parsers already guarantee the types). */
export const cell = {
  str: (v: RowValues, f: string): string => {
    const x = v[f];
    return typeof x === 'string' ? x : x === null || x === undefined ? '' : String(x);
  },
  optStr: (v: RowValues, f: string): string | null => {
    const x = v[f];
    return typeof x === 'string' && x !== '' ? x : null;
  },
  num: (v: RowValues, f: string): number | null => {
    const x = v[f];
    return typeof x === 'number' ? x : null;
  },
  bool: (v: RowValues, f: string): boolean => v[f] === true,
};

export function keyString(t: Template, v: RowValues): string {
  return t.key.fields.map((f) => String(v[f] ?? '')).join('\u0001');
}

/** Labels of a closed vocabulary as the templates offer them. */
export function choiceNames(c: Column): string[] {
  return c.choices ? Object.values(c.choices).map((names) => names[0]!) : [];
}
