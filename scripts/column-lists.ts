/**
 * Which files under src-main/ spell each register's column list (`npx tsx scripts/column-lists.ts`).
 *
 * The rule, per register (its tables in src-main/db/schema.ts: regions = regions + populations,
 * facilities = facilities + facility_status_changes, stays = stays + leaves, contracts =
 * contracts + contract_evaluations; beds, residents, assessments, operators, targets alone):
 *
 * - Its column names are the drizzle property names of its tables (`tekunSelfCare`) and their
 *   SQL names (`tekun_self_care`), without the generic `id`, `createdAt` and `updatedAt`.
 *   A column is *distinctive* when no other table in schema.ts (register or office) has a
 *   column of that name (`tekunSelfCare` is; `name`, `phone`, `facilityId` are not).
 * - A *spelling* is one syntax node that names at least 3 of the register's columns, at least
 *   one of them distinctive (so a join that takes `f.name` and `f.region_code` does not count
 *   as spelling the facility register):
 *     select      — a string or template literal containing SELECT (SQL words are counted), or
 *                   the object literal passed to drizzle's `.select({...})`;
 *     row type    — an interface or type literal (its member names);
 *     object      — any other object literal (its own property names, shorthand included);
 *     list        — an array literal of string literals (`['name', 'tekun', …]`);
 *     write       — an object literal passed to `.values(…)` / `.set(…)` or to a call whose name
 *                   starts with a write verb (insert, create, add, update, upsert, admit, discharge,
 *                   transfer, record, retire: a service input), or SQL containing INSERT / UPDATE
 *                   without SELECT: reported apart, writes are not read models.
 * - A file *spells* a register's column list when it holds at least one read spelling (select,
 *   row type, object or list). The definitions — src-main/db/schema*.ts and src-main/contract/
 *   (zod inputs, field labels) — are listed apart, as the definitions, not as repetitions.
 *
 * Output: per register, the count and the files (with their spelling kinds), then the write-only
 * files and the definition files.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import * as schema from '../src-main/db/schema';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src-main');

const REGISTERS: Record<string, Table[]> = {
  regions: [schema.regions, schema.populations],
  facilities: [schema.facilities, schema.facilityStatusChanges],
  beds: [schema.beds],
  residents: [schema.residents],
  stays: [schema.stays, schema.leaves],
  assessments: [schema.assessments],
  operators: [schema.operators],
  contracts: [schema.contracts, schema.contractEvaluations],
  targets: [schema.targets],
};

const GENERIC = new Set(['id', 'createdAt', 'updatedAt']);
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function isTable(v: unknown): v is Table {
  try {
    return typeof v === 'object' && v !== null && typeof getTableName(v as Table) === 'string' && Object.keys(getTableColumns(v as Table)).length > 0;
  } catch {
    return false;
  }
}

const allTables = Object.values(schema).filter(isTable);
/** Column key → the tables that have it. */
const owners = new Map<string, Set<Table>>();
for (const t of allTables) for (const key of Object.keys(getTableColumns(t))) (owners.get(key) ?? owners.set(key, new Set()).get(key)!).add(t);

interface RegisterColumns {
  /** Any spelling (camel or snake) → the column key. */
  names: Map<string, string>;
  distinctive: Set<string>;
}
const registerColumns = new Map<string, RegisterColumns>();
for (const [register, tables] of Object.entries(REGISTERS)) {
  const names = new Map<string, string>();
  const distinctive = new Set<string>();
  for (const t of tables)
    for (const key of Object.keys(getTableColumns(t))) {
      if (GENERIC.has(key)) continue;
      names.set(key, key);
      names.set(snake(key), key);
      if ([...owners.get(key)!].every((o) => tables.includes(o))) distinctive.add(key);
    }
  registerColumns.set(register, { names, distinctive });
}

type Kind = 'select' | 'row type' | 'object' | 'list' | 'write';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function propName(n: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  return undefined;
}

/** Calls that take a row (or a service input) to write: `.values`, `.set`, createResident, api.bed.add, … */
const WRITE_CALL = /^(values|set|insert|create|add|update|upsert|admit|discharge|transfer|record|retire)/i;

function calleeName(node: ts.Node): string | undefined {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return undefined;
  const e = call.expression;
  return ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : undefined;
}

/** Every candidate node of a file: its kind and the words it names. */
function spellings(file: string): Array<{ kind: Kind; words: string[] }> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ kind: Kind; words: string[] }> = [];
  const sqlText = (text: string) => {
    const select = /\bSELECT\b/i.test(text);
    const write = /\b(INSERT|UPDATE)\b/.test(text);
    if (!select && !write) return;
    out.push({ kind: select ? 'select' : 'write', words: text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [] });
  };
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const words = node.properties.map((p) => propName(p.name)).filter((w): w is string => w !== undefined);
      const callee = calleeName(node);
      const kind: Kind = callee === 'select' ? 'select' : callee !== undefined && WRITE_CALL.test(callee) ? 'write' : 'object';
      out.push({ kind, words });
    } else if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) {
      out.push({ kind: 'row type', words: node.members.map((m) => propName(m.name)).filter((w): w is string => w !== undefined) });
    } else if (ts.isArrayLiteralExpression(node)) {
      const words = node.elements.filter(ts.isStringLiteral).map((e) => e.text);
      if (words.length > 0) out.push({ kind: 'list', words });
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!ts.isTemplateExpression(node.parent)) sqlText(node.text);
    } else if (ts.isTemplateExpression(node)) {
      sqlText([node.head.text, ...node.templateSpans.map((s) => ` ${s.literal.text}`)].join(' ${} '));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function matches(words: string[], cols: RegisterColumns): boolean {
  const named = new Set<string>();
  for (const w of words) {
    const key = cols.names.get(w);
    if (key) named.add(key);
  }
  return named.size >= 3 && [...named].some((k) => cols.distinctive.has(k));
}

const isDefinition = (rel: string) => /^db\/schema[\w-]*\.ts$/.test(rel) || rel.startsWith('contract/');

const files = walk(SRC).map((f) => ({ rel: path.relative(SRC, f).split(path.sep).join('/'), spellings: spellings(f) }));

for (const [register, cols] of registerColumns) {
  const reads: string[] = [];
  const writes: string[] = [];
  const definitions: string[] = [];
  for (const f of files) {
    const kinds = new Set(f.spellings.filter((s) => matches(s.words, cols)).map((s) => s.kind));
    if (kinds.size === 0) continue;
    if (isDefinition(f.rel)) definitions.push(f.rel);
    else if ([...kinds].some((k) => k !== 'write')) reads.push(`${f.rel} (${[...kinds].sort().join(', ')})`);
    else writes.push(f.rel);
  }
  console.log(`${register}: ${reads.length} file(s) spell its column list`);
  for (const r of reads) console.log(`    ${r}`);
  if (writes.length) console.log(`  writes only: ${writes.join(', ')}`);
  console.log(`  definitions: ${definitions.join(', ') || '(none)'}`);
}
