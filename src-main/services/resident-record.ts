/**
 * One resident's record page (resident.get): the resident, the stays the account may see,
 * the assessments it may see, and what it may do there. For a resident who has left the
 * account's facilities the record is read-only: no edit, assessment, admission or reveal,
 * and phone numbers masked.
 */
import { maskPhone } from '../domain/personal';
import { roleHas } from '../domain/permissions';
import { listAssessments } from './assessments';
import type { ServiceContext } from './context';
import { publicResident, requireResident } from './residents';
import { mayChangeResident } from './scope';
import { listStays } from './stays';

export function residentRecord(ctx: ServiceContext, id: number) {
  const r = requireResident(ctx.db.orm, id, 'id');
  const ours = mayChangeResident(ctx, id);
  const access = { change: ours && roleHas(ctx.actor.role, 'write'), reveal: ours && roleHas(ctx.actor.role, 'revealPersonal') };
  const shown = publicResident(ctx.actor, r, access.reveal);
  // Phone numbers in full only for accounts that may reveal this resident's data (they edit them).
  const resident = access.reveal ? shown : { ...shown, phone: maskPhone(shown.phone), emergencyPhone: maskPhone(shown.emergencyPhone) };
  return { resident, stays: listStays(ctx, { residentId: id }), assessments: listAssessments(ctx, id), access };
}
