/**
 * tRPC setup: the context carries the store and the actor; every failure leaves as an
 * AppError (code, field, zh, en) in `error.data.app`, never as a stack trace.
 *
 * Every procedure declares a permission (meta.permission) by the builder it starts from;
 * one middleware checks it against the actor's role, then checks every record id in the
 * input against the actor's scope (counties, facilities). A procedure without a declared
 * permission refuses every call (and tests/integration/permissions.test.ts fails).
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, fail } from '../domain/errors';
import { PERMISSION, roleHas, type Permission } from '../domain/permissions';
import { FULL_ID_EXPORT_REFUSAL } from '../domain/personal';
import { recordRefusal } from '../services/access-refusals';
import { ID_TAKEN_ELSEWHERE_CODE, isIdTakenElsewhere } from '../domain/id-taken';
import type { ServiceContext } from '../services/context';
import { assertScope, isCityWide } from '../services/scope';
import { toAppError, trpcCodeOf } from './errors';

/** How a transport lets the account procedures log in and out (absent for the CLI and tests). */
export interface AuthTransport {
  login(userId: number): void;
  logout(): void;
  /** The last session ended because it sat idle too long. */
  idleExpired?: boolean;
  /** Where the call comes from (browser mode: the client address; 'desktop'): login lock-out counts per client. */
  client?: string;
}

/**
 * The certificate a browser-mode server answers with (security review M11: LAN mode is HTTPS).
 * Absent in the desktop window, the CLI and a loopback-only server (plain HTTP on 127.0.0.1).
 */
export interface TlsInfo {
  /** SHA-256 of the certificate (DER) as browsers show it: upper-case hex pairs joined by ':'. */
  fingerprintSha256: string;
  /** e.g. "CN=office-pc, O=Eldercare register". */
  subject: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** The names and addresses the certificate covers (DNS names and IP addresses). */
  altNames: string[];
  /** Given by the administrator (--cert/--key, ELDERCARE_TLS_CERT/KEY) or made by the server itself. */
  source: 'supplied' | 'generated';
}

export type Context = ServiceContext & { auth?: AuthTransport; tls?: TlsInfo };

export interface Meta {
  permission?: Permission;
  /** Only for accounts whose scope is the whole city (month reports, city targets). */
  cityWide?: boolean;
  /** What an account without the permission is told, when the generic "lacks the permission" says too little. */
  refusal?: { zh: string; en: string };
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const app = toAppError(error);
      return {
        message: app.zh,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, app: app.toJSON() },
      };
    },
  });

/**
 * Wraps input parsing and the resolver: whatever failed comes out as one AppError. A refusal
 * (kind 'forbidden': role, scope, login) is counted in access_refusals on its way out, after
 * the call's own transaction has rolled back; counting never changes what the caller gets.
 */
const normalizeErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (!result.ok) {
    // The database file: a full disk or a read-only file is told from the file system.
    const app = toAppError(result.error, ctx.db.file);
    if (app.kind === 'forbidden') recordRefusal(ctx.db, { actor: ctx.actor, procedure: path, code: app.code, message: app.zh });
    else if (isIdTakenElsewhere(app)) recordRefusal(ctx.db, { actor: ctx.actor, procedure: path, code: ID_TAKEN_ELSEWHERE_CODE, message: app.zh });
    throw new TRPCError({ code: trpcCodeOf(app), message: app.en, cause: app });
  }
  return result;
});

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Record ids an input names, by field; `id` means the record of the procedure's own router. */
type Entity = 'facility' | 'bed' | 'stay' | 'resident' | 'contract';
const ID_FIELDS: Record<string, Entity> = {
  facilityId: 'facility',
  bedId: 'bed',
  toBedId: 'bed',
  stayId: 'stay',
  residentId: 'resident',
  contractId: 'contract',
};
const ROUTER_ENTITY: Record<string, Entity> = {
  facility: 'facility',
  bed: 'bed',
  stay: 'stay',
  resident: 'resident',
  contract: 'contract',
};

/**
 * Every mutation (changes, and the reveals: revealIdNumber is one) needs the narrower
 * resident scope — the resident is the account's now — and so does any change to a stay;
 * reads need only "stays or stayed" (services/scope.ts).
 */
function checkScope(ctx: Context, path: string, raw: unknown, writes: boolean): void {
  if (typeof raw !== 'object' || raw === null) return;
  const input = raw as Record<string, unknown>;
  const check = (kind: Entity, v: number) => {
    if (kind === 'resident') (writes ? assertScope.residentChange : assertScope.resident)(ctx, v);
    else assertScope[kind](ctx, v);
    if (kind === 'stay' && writes) assertScope.residentOfStay(ctx, v);
  };
  for (const [field, kind] of Object.entries(ID_FIELDS)) {
    const v = input[field];
    if (isId(v)) check(kind, v);
  }
  if (Array.isArray(input.bedIds)) for (const v of input.bedIds.slice(0, 5000)) if (isId(v)) assertScope.bed(ctx, v);
  const own = ROUTER_ENTITY[path.split('.')[0] ?? ''];
  if (own && isId(input.id)) check(own, input.id);
  if (writes && typeof input.regionCode === 'string' && /^\d{6}$/.test(input.regionCode)) assertScope.region(ctx, input.regionCode);
}

const guard = t.middleware(async ({ ctx, meta, path, type, getRawInput, next }) => {
  const permission = meta?.permission;
  if (!permission || !(permission in PERMISSION))
    return fail.forbidden('该操作未声明权限，已拒绝', `The procedure ${path} declares no permission; refused`);
  if (permission !== 'public') {
    if (ctx.actor.anonymous)
      throw new AppError({
        code: ctx.auth?.idleExpired ? 'SESSION_EXPIRED' : 'LOGIN_REQUIRED',
        kind: 'forbidden',
        zh: ctx.auth?.idleExpired ? '长时间未操作，已自动退出，请重新登录' : '请先登录',
        en: ctx.auth?.idleExpired ? 'Signed out after a period of inactivity; please log in again' : 'Please log in first',
      });
    if (!roleHas(ctx.actor.role, permission)) {
      const need = PERMISSION[permission];
      if (meta?.refusal) fail.forbidden(meta.refusal.zh, meta.refusal.en);
      fail.forbidden(`您的账号没有“${need.zh}”权限`, `Your account lacks the "${need.en}" permission`);
    }
    if (meta?.cityWide && !isCityWide(ctx.actor))
      fail.forbidden('此操作仅限全市范围的账号', 'Only accounts with a city-wide scope may do this');
    checkScope(ctx, path, await getRawInput(), type === 'mutation');
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
const base = t.procedure.use(normalizeErrors).use(guard);

/** Login and whether login is required: answers without an account. */
export const publicProcedure = base.meta({ permission: 'public' });
/** Any logged-in account, about itself. */
export const sessionProcedure = base.meta({ permission: 'session' });
export const readProcedure = base.meta({ permission: 'read' });
/** Registers within the actor's scope; read-only accounts are refused. */
export const writeProcedure = base.meta({ permission: 'write' });
/** City-level data: operators, population, targets, month close. */
export const manageProcedure = base.meta({ permission: 'manage' });
/** Figures by county and the monthly report; facility managers are refused. */
export const reportProcedure = base.meta({ permission: 'report' });
/** Full ID and phone numbers; the service audits each reveal. */
export const revealProcedure = base.meta({ permission: 'revealPersonal' });
/** An export that holds full ID numbers: as revealProcedure, refused with the export's own message. */
export const fullIdExportProcedure = base.meta({ permission: 'revealPersonal', refusal: FULL_ID_EXPORT_REFUSAL });
/** Accounts, settings, security, the audit log. */
export const adminProcedure = base.meta({ permission: 'admin' });
/** The whole city's figures (month reports): city-wide accounts only. */
export const cityReportProcedure = base.meta({ permission: 'report', cityWide: true });
/** City-level changes (month close, plan targets): city-wide accounts only. */
export const cityManageProcedure = base.meta({ permission: 'manage', cityWide: true });
