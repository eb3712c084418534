import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { residentCreateInput, residentUpdateInput } from '../contract/schemas';
import { residents } from '../db/schema';
import { requireRegion } from '../db/queries/regions';
import { requireResident, type ResidentRow } from '../db/queries/residents';
import { ageOn, todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import { roleHas } from '../domain/permissions';
import { audit, write, type Actor, type ServiceContext } from './context';
import { CITY, INSTALL } from '../domain/ownership';
import { ownerOfResident } from './owners';
import { assertIdFree, checkTekun, NewResidents } from './resident-bulk';
import { assertScope } from './scope';
import { nameSortKey, withoutSortKey } from '../domain/name-sort';

export { listResidents, type ResidentListRow } from './resident-list';

export { ID_TAKEN_ELSEWHERE } from '../domain/id-taken';

export { requireResident } from '../db/queries/residents';

export function createResident(ctx: ServiceContext, input: z.infer<typeof residentCreateInput>) {
  return write(ctx, CITY, (tx) => {
    // the rules of a registration, one place for them (resident-bulk.ts: a whole file uses them too)
    const checked = new NewResidents(ctx).check(input);
    const row = tx
      .insert(residents)
      .values({ ...input, ...checked })
      .returning()
      .get();
    audit(tx, ctx.actor, 'resident.create', 'resident', row.id, null, { ...withoutSortKey(row), idNumber: maskIdNumber(row.idNumber) });
    return publicResident(ctx.actor, row);
  });
}

export function updateResident(ctx: ServiceContext, input: z.infer<typeof residentUpdateInput>) {
  return write(ctx, (tx) => ownerOfResident(tx, input.id), (tx) => {
    const before = requireResident(tx, input.id, 'id');
    const { id, ...changes } = input;
    const tekun = changes.tekun ?? before.tekun;
    const selfCare = changes.tekunSelfCare !== undefined ? changes.tekunSelfCare : tekun ? before.tekunSelfCare : null;
    checkTekun(tekun, selfCare);
    const extra: Partial<typeof residents.$inferInsert> = { tekun, tekunSelfCare: selfCare, updatedAt: new Date().toISOString() };
    // Every other check first: whether a number is registered is told only for an otherwise
    // valid change, which is then written and audited (no free probing with a bad county).
    if (changes.householdRegionCode) requireRegion(tx, changes.householdRegionCode, 'householdRegionCode');
    if (changes.idNumber !== undefined) {
      const parsed = parseIdNumber(changes.idNumber);
      if (!parsed.ok) return fail.validation(`ID_${parsed.problem.toUpperCase()}`, 'idNumber', '身份证号不正确', 'Invalid ID number');
      assertIdFree(ctx, parsed.value, id);
      Object.assign(extra, { idNumber: parsed.value, birthDate: parsed.birthDate, sex: parsed.sex });
    }
    if (changes.name !== undefined) Object.assign(extra, { nameSort: nameSortKey(changes.name, true) });
    const row = tx.update(residents).set({ ...changes, ...extra }).where(eq(residents.id, id)).returning().get();
    audit(tx, ctx.actor, 'resident.update', 'resident', id, { ...withoutSortKey(before), idNumber: maskIdNumber(before.idNumber) }, { ...withoutSortKey(row), idNumber: maskIdNumber(row.idNumber) });
    return publicResident(ctx.actor, row);
  });
}

export type PublicResident = Omit<ResidentRow, 'idNumber' | 'birthDate'> & {
  idNumberMasked: string;
  age: number;
  /** Only for accounts with `revealPersonal`. */
  birthDate?: string;
};

/**
 * A resident as every screen sees it: the ID number masked; the birth date only for accounts
 * that may reveal this resident's data (`mayReveal`: the permission, and the resident is the
 * account's now — not one who left its facility, whose birth date would narrow the number).
 */
export function publicResident(actor: Actor, r: ResidentRow, mayReveal = roleHas(actor.role, 'revealPersonal')): PublicResident {
  const { idNumber, birthDate, ...rest } = r;
  return {
    ...rest,
    idNumberMasked: maskIdNumber(idNumber),
    ...(mayReveal && roleHas(actor.role, 'revealPersonal') ? { birthDate } : {}),
    age: ageOn(birthDate, todayIso()),
  };
}

/** Showing a full ID number is recorded: who saw whose, and when. */
export function revealIdNumber(ctx: ServiceContext, residentId: number): { idNumber: string } {
  assertScope.residentChange(ctx, residentId);
  return write(ctx, INSTALL, (tx) => {
    const r = requireResident(tx, residentId, 'id');
    audit(tx, ctx.actor, 'resident.revealIdNumber', 'resident', residentId, null, null);
    return { idNumber: r.idNumber };
  });
}
