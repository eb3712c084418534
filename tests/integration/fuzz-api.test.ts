/**
 * Property-based fuzzing of the whole api (fast-check): every procedure receives random and
 * hostile inputs — wrong types, huge strings, SQL fragments, control characters, dates out
 * of range, out-of-range numbers, prototype keys — built from its own input fields. Nothing
 * may escape as an unhandled or internal error; every rejection is an AppError a user can
 * read (validation, not found, conflict, forbidden); after a rejected call the database is
 * exactly as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src-main/api/errors';
import { appRouter, createCaller } from '../../src-main/api/router';
import { actorOfUser, userById } from '../../src-main/services/accounts';
import { freshDb, snapshot } from '../support/temp-db';
import { twoFacilities } from '../support/two-facilities';

/** Procedures that touch files outside the database: not fed random paths. */
const SKIP = new Set(['backup.create', 'backup.restore']);
const RUNS_PER_PROCEDURE = 70;

type ZodLike = { _zod?: { def: { type: string; innerType?: ZodLike; in?: ZodLike; shape?: Record<string, ZodLike> } }; shape?: Record<string, ZodLike> };
type Proc = { _def: { type: 'query' | 'mutation'; inputs: ZodLike[] } };

/** The field names of a procedure's input object, through optional/nullable/pipe wrappers. */
function fieldsOf(schema: ZodLike | undefined): string[] {
  let s = schema;
  for (let i = 0; i < 5 && s?._zod; i++) {
    const def = s._zod.def;
    if (def.type === 'object') return Object.keys(s.shape ?? def.shape ?? {});
    s = def.innerType ?? def.in;
  }
  return [];
}

const sql = fc.constantFrom(
  "'; DROP TABLE residents; --",
  "1 OR 1=1",
  "\" OR \"\"=\"",
  "%' OR '1'='1",
  '%',
  '_',
  '\\',
  "'); DELETE FROM audit_log; --",
  'SELECT * FROM users',
  '520602) OR (1=1',
);
const control = fc.constantFrom('\u0000', '\u0007\b\t\r\n', '\u202e\u202d', '\ufeff', '\ud800', '𠀀𠀁', 'a\u0000b', '\u001b[31m');
const huge = fc.constantFrom('x'.repeat(100_000), '9'.repeat(20_000), '啊'.repeat(50_000));
const dates = fc.constantFrom(
  '2026-02-30', '2025-02-29', '9999-12-31', '0000-01-01', '1900-01-01', '2026-13-01', '2026-00-10', '2026-1-1', '20260101',
  '2026-06-30', '2026-06', '+275760-09-13', '2026-06-30T00:00:00Z', ' 2026-06-30', '1970-01-01', '2200-12-31',
);
const months = fc.constantFrom('2026-06', '2026-13', '0000-00', '9999-12', '2026-6', '2026-06-01');
const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2, 3, 7, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, 0.5),
);
const strings = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), sql, control, huge, dates, months, fc.constantFrom('', ' ', '520602', '520600', '999999', 'admin', '11010519491231002X'));
const scalar = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(numbers, { maxLength: 6000 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom({ __proto__: { admin: true } }, Object.create(null) as object, { toString: 'x' }) },
);

function inputFor(fields: string[]): fc.Arbitrary<unknown> {
  const shaped =
    fields.length === 0
      ? fc.constant(undefined)
      : fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), value, { maxKeys: fields.length + 2 });
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: scalar }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });
}

describe('fuzzing every api procedure', () => {
  it('no unhandled or internal error; each rejection is a readable AppError; nothing changes when refused', async () => {
    const { db } = freshDb();
    const world = await twoFacilities(db);
    const u = userById({ db }, world.users.admin.id)!;
    const admin = createCaller(db, actorOfUser(u));
    const manager = createCaller(db, actorOfUser(userById({ db }, world.users.managerA.id)!));

    const procs = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>).filter(([p]) => !SKIP.has(p));
    let tried = 0;
    let rejected = 0;
    const failures: string[] = [];

    const call = (api: typeof admin, path: string, input: unknown) => {
      let target: unknown = api;
      for (const seg of path.split('.')) target = (target as Record<string, unknown>)[seg];
      return (target as (i: unknown) => Promise<unknown>)(input);
    };

    for (const [path, proc] of procs) {
      const fields = fieldsOf(proc._def.inputs[0]);
      await fc.assert(
        fc.asyncProperty(inputFor(fields), fc.boolean(), async (input, asManager) => {
          tried++;
          const before = snapshot(db);
          try {
            await call(asManager ? manager : admin, path, input);
          } catch (e) {
            rejected++;
            const app = toAppError(e);
            const ok = app.kind !== 'internal' && app.zh.length > 0 && app.en.length > 0 && /[\u4e00-\u9fff]/.test(app.zh);
            if (!ok) failures.push(`${path}: ${app.code} ${app.en.slice(0, 200)} ← ${JSON.stringify(input)?.slice(0, 200)}`);
            const after = snapshot(db);
            if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${path}: refused but changed the database ← ${JSON.stringify(input)?.slice(0, 200)}`);
            return ok;
          }
          return true;
        }),
        { numRuns: RUNS_PER_PROCEDURE, seed: 20261129, endOnFailure: true },
      ).catch((e: unknown) => failures.push(`${path}: ${e instanceof Error ? e.message.split('\n').slice(0, 6).join(' ') : String(e)}`));
    }
    const integrity = db.sqlite.pragma('integrity_check', { simple: true });
    console.log(`fuzz: ${procs.length} procedures, ${tried} inputs, ${rejected} rejected, ${failures.length} failures, integrity ${String(integrity)}`);
    expect(failures).toEqual([]);
    expect(integrity).toBe('ok');
    expect(procs.length).toBeGreaterThan(60);
    // inputs are shaped from each procedure's own fields, so they reach the field checks
    expect(procs.filter(([, p]) => fieldsOf(p._def.inputs[0]).length > 0).length).toBeGreaterThan(50);
    expect(tried).toBeGreaterThanOrEqual(procs.length * RUNS_PER_PROCEDURE);
  }, 180_000);
});
