/**
 * Every failure a service, the import or the generator meets, as an AppError: a rule broken in
 * a service (already an AppError), a validation issue from zod, a storage problem (disk full,
 * read-only, file-size limit: db/storage-errors.ts), a constraint SQLite enforced, or (last
 * resort) an internal error without a stack. It sits below the api so that the import (its
 * runner and its worker thread) can say its errors the way the api does without importing it;
 * the api (api/errors.ts) adds only what its transport throws (tRPC errors).
 */
import { ZodError } from 'zod';
import { fromZodError } from '../contract/validation-messages';
import { storageProblem, type StorageProblem } from '../db/storage-errors';
import { AppError } from '../domain/errors';

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
 * is used when it has one. A transport's own errors (tRPC) are the api's: api/errors.ts.
 */
export function toAppError(e: unknown, file?: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) return fromZodError(e);
  const target = (e as { path?: unknown } | null)?.path;
  const storage = storageProblem(e, typeof target === 'string' && target ? target : (file ?? ''));
  if (storage) return storageAppError(storage);
  if (isSqliteError(e)) return fromSqliteError(e);
  const msg = e instanceof Error ? e.message : String(e);
  return new AppError({ code: 'INTERNAL', kind: 'internal', zh: `内部错误：${msg}`, en: `Internal error: ${msg}` });
}
