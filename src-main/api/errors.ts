/**
 * Every failure leaves the api as an AppError: a validation issue from zod, a rule broken in
 * a service, a constraint SQLite enforced, a storage problem (disk full, read-only, file-size
 * limit: db/storage-errors.ts), or (last resort) an internal error without a stack.
 */
import { TRPCError } from '@trpc/server';
import { ZodError, type core } from 'zod';
import { storageProblem, type StorageProblem } from '../db/storage-errors';
import { CREDIT_CODE_MESSAGES } from '../domain/credit-code';
import { AppError } from '../domain/errors';
import { ID_NUMBER_MESSAGES } from '../domain/id-number';
import { fieldLabel } from './field-labels';

type Text = { zh: string; en: string };

/** Message codes used by the zod schemas, and what they say after the field's name. */
const CATALOGUE: Record<string, Text> = {
  DATE_INVALID: { zh: '不是有效日期（格式 YYYY-MM-DD）', en: 'is not a valid date (YYYY-MM-DD)' },
  REGION_CODE_INVALID: { zh: '应为 6 位行政区划代码', en: 'must be a 6-digit region code' },
  REQUIRED: { zh: '不能为空', en: 'is required' },
  MONEY_PRECISION: { zh: '最多两位小数（精确到分）', en: 'allows at most two decimals (fen)' },
  BED_COUNT_RANGE: { zh: '应在 1 到 2000 之间', en: 'must be between 1 and 2000' },
  MONTH_INVALID: { zh: '应为 YYYY-MM 格式的月份', en: 'must be a month as YYYY-MM' },
  REASON_REQUIRED: { zh: '请填写原因（至少 2 个字）', en: 'needs a reason (at least 2 characters)' },
  USERNAME_CHARS: { zh: '只能包含文字、数字和 _ . @ -', en: 'may hold only letters, digits and _ . @ -' },
};
for (const [p, t] of Object.entries(ID_NUMBER_MESSAGES)) CATALOGUE[`ID_${p.toUpperCase()}`] = t;
for (const [p, t] of Object.entries(CREDIT_CODE_MESSAGES)) CATALOGUE[`CREDIT_${p.toUpperCase()}`] = t;

export function describeIssue(issue: core.$ZodIssue): Text & { code: string } {
  const cat = CATALOGUE[issue.message];
  if (cat) return { code: issue.message, ...cat };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return { code: 'TOO_FEW', zh: `至少需要 ${issue.minimum} 项`, en: `needs at least ${issue.minimum} item(s)` };
      if (issue.origin === 'string') return { code: 'REQUIRED', zh: '不能为空', en: 'is required' };
      return { code: 'TOO_SMALL', zh: `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'TOO_LONG', zh: `不能超过 ${issue.maximum} 个字符`, en: `must be at most ${issue.maximum} characters` };
      if (issue.origin === 'array') return { code: 'TOO_MANY', zh: `最多 ${issue.maximum} 项`, en: `allows at most ${issue.maximum} item(s)` };
      return { code: 'TOO_BIG', zh: `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int')
        return { code: 'NOT_A_NUMBER', zh: '应为整数或数字', en: 'must be a number' };
      return { code: 'INVALID_TYPE', zh: '格式不正确', en: `must be ${issue.expected}` };
    case 'invalid_value':
      return { code: 'INVALID_CHOICE', zh: '不是允许的选项', en: `must be one of ${issue.values.map(String).join(', ')}` };
    case 'invalid_format':
      return { code: 'INVALID_FORMAT', zh: '格式不正确', en: 'has the wrong format' };
    case 'unrecognized_keys':
      return { code: 'UNKNOWN_FIELD', zh: `包含未知字段：${issue.keys.join('、')}`, en: `has unknown fields: ${issue.keys.join(', ')}` };
    default:
      return { code: 'INVALID', zh: '不正确', en: 'is invalid' };
  }
}

export function fromZodError(e: ZodError): AppError {
  const issue = e.issues[0]!;
  const d = describeIssue(issue);
  const label = fieldLabel(issue.path);
  const field = issue.path.map(String).join('.') || undefined;
  return new AppError({ code: d.code, kind: 'validation', field, zh: `${label.zh}：${d.zh}`, en: `${label.en} ${d.en}` });
}

interface SqliteLikeError {
  code: string;
  message: string;
}
function isSqliteError(e: unknown): e is SqliteLikeError {
  return e instanceof Error && e.name === 'SqliteError' && typeof (e as { code?: unknown }).code === 'string';
}

export function fromSqliteError(e: SqliteLikeError): AppError {
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('stays.bed_id'))
    return new AppError({ code: 'BED_OCCUPIED', kind: 'conflict', field: 'bedId', zh: '该床位已有在住老人', en: 'The bed is already occupied' });
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('stays.resident_id'))
    return new AppError({ code: 'RESIDENT_IN_CARE', kind: 'conflict', field: 'residentId', zh: '该老人已在其他机构入住', en: 'The resident already has an open stay' });
  if (e.code.startsWith('SQLITE_CONSTRAINT'))
    return new AppError({ code: 'CONSTRAINT', kind: 'conflict', zh: `数据不符合约束，未保存（${e.message}）`, en: `Rejected by a database constraint; nothing saved (${e.message})` });
  if (e.code === 'SQLITE_FULL')
    return new AppError({ code: 'DISK_FULL', kind: 'storage', zh: '磁盘已满，未保存。请清理磁盘后重试', en: 'The disk is full; nothing was saved' });
  if (e.code === 'SQLITE_READONLY')
    return new AppError({ code: 'READ_ONLY', kind: 'storage', zh: '数据库为只读，未保存', en: 'The database is read-only; nothing was saved' });
  if (e.code === 'SQLITE_BUSY')
    return new AppError({ code: 'BUSY', kind: 'internal', zh: '数据库正忙，请稍后重试', en: 'The database is busy; try again' });
  return new AppError({ code: 'DATABASE', kind: 'internal', zh: `数据库错误：${e.message}`, en: `Database error: ${e.message}` });
}

/** A storage problem as the api says it: the problem, what to do, and that nothing was saved. */
export function storageAppError(p: StorageProblem, field?: string): AppError {
  return new AppError({ code: p.code, kind: 'storage', field, zh: `${p.zh}。本次操作未保存`, en: `${p.en}. Nothing was saved` });
}

/**
 * `file`: the database (or other file) the failed call was writing, for a storage problem to be
 * told from the file system (free space, read-only, file-size limit); a Node error's own path
 * is used when it has one.
 */
export function toAppError(e: unknown, file?: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof TRPCError) {
    if (e.cause) return toAppError(e.cause, file);
    if (e.code === 'NOT_FOUND') return new AppError({ code: 'NO_SUCH_PROCEDURE', kind: 'not_found', zh: '没有这个操作', en: e.message });
    if (e.code === 'BAD_REQUEST' || e.code === 'PARSE_ERROR')
      return new AppError({ code: 'BAD_REQUEST', kind: 'validation', zh: '请求格式不正确', en: e.message });
  }
  if (e instanceof ZodError) return fromZodError(e);
  const target = (e as { path?: unknown } | null)?.path;
  const storage = storageProblem(e, typeof target === 'string' && target ? target : (file ?? ''));
  if (storage) return storageAppError(storage);
  if (isSqliteError(e)) return fromSqliteError(e);
  const msg = e instanceof Error ? e.message : String(e);
  return new AppError({ code: 'INTERNAL', kind: 'internal', zh: `内部错误：${msg}`, en: `Internal error: ${msg}` });
}

export function trpcCodeOf(err: AppError): TRPCError['code'] {
  switch (err.kind) {
    case 'validation':
      return 'BAD_REQUEST';
    case 'conflict':
      return 'CONFLICT';
    case 'not_found':
      return 'NOT_FOUND';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'internal':
    case 'storage':
      return 'INTERNAL_SERVER_ERROR';
  }
}
