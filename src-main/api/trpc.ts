/**
 * tRPC setup: the context carries the store and the actor; every failure leaves as an
 * AppError (code, field, zh, en) in `error.data.app`, never as a stack trace.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { fail } from '../domain/errors';
import type { ServiceContext } from '../services/context';
import { toAppError, trpcCodeOf } from './errors';

export type Context = ServiceContext;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const app = toAppError(error);
    return {
      message: app.zh,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, app: app.toJSON() },
    };
  },
});

/** Wraps input parsing and the resolver: whatever failed comes out as one AppError. */
const normalizeErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const app = toAppError(result.error);
    throw new TRPCError({ code: trpcCodeOf(app), message: app.en, cause: app });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const readProcedure = t.procedure.use(normalizeErrors);

/** Writes need a role that may write; finer scopes (county, facility) come with accounts. */
export const writeProcedure = readProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role === 'readonly') fail.forbidden('只读账号不能修改数据', 'A read-only account cannot change data');
  return next();
});
