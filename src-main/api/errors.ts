/**
 * Every failure leaves the api as an AppError. What a service, the database or the file system
 * throws is mapped below the api (services/errors.ts, shared with the import); this module adds
 * only the transport's side: a tRPC error (no such procedure, a malformed request, or one that
 * wraps a service's error) and the tRPC code an AppError is sent with.
 */
import { TRPCError } from '@trpc/server';
import { AppError } from '../domain/errors';
import { toAppError as serviceAppError } from '../services/errors';

/**
 * `file`: the database (or other file) the failed call was writing, for a storage problem to be
 * told from the file system (services/errors.ts).
 */
export function toAppError(e: unknown, file?: string): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof TRPCError) {
    if (e.cause) return toAppError(e.cause, file);
    if (e.code === 'NOT_FOUND') return new AppError({ code: 'NO_SUCH_PROCEDURE', kind: 'not_found', zh: '没有这个操作', en: e.message });
    if (e.code === 'BAD_REQUEST' || e.code === 'PARSE_ERROR')
      return new AppError({ code: 'BAD_REQUEST', kind: 'validation', zh: '请求格式不正确', en: e.message });
  }
  return serviceAppError(e, file);
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
