/**
 * The admission waiting list (轮候, docs/domain.md#waiting-list): inputs of `waiting.*`. An
 * application is always named with its facility, so the account's scope is checked on the
 * facility (and on the resident when one is named).
 */
import { z } from 'zod';
import { WAITING_CATEGORIES, WAITING_STATUSES } from '../domain/waiting-list';
import { entityId, isoDate, requiredText, text } from './primitives';

const level = z.number().int().min(0).max(4);

export const waitingListInput = z.object({
  facilityId: entityId,
  /** Which applications: the waiting ones (default), or the closed ones too. */
  status: z.enum([...WAITING_STATUSES, 'all']).optional(),
  /** The day waiting days are counted to (default today). */
  date: isoDate.optional(),
});

export const waitingGetInput = z.object({ facilityId: entityId, applicationId: entityId });

/** What a new application would be given (its category and ability level from the resident's record). */
export const waitingDefaultsInput = z.object({ facilityId: entityId, residentId: entityId });

export const waitingAddInput = z.object({
  facilityId: entityId,
  residentId: entityId,
  appliedOn: isoDate,
  /** Absent: from the resident's categories (the highest priority they hold). */
  category: z.enum(WAITING_CATEGORIES).optional(),
  /** Absent: the resident's latest kept assessment; null: not assessed. */
  assessmentLevel: level.nullable().optional(),
  note: text(500).optional(),
});

export const waitingWithdrawInput = z.object({
  facilityId: entityId,
  applicationId: entityId,
  /** Why the application leaves the list (the person moved, declined, died…). */
  withdrawReason: requiredText(500),
  /** Default today; not before the application nor after today. */
  withdrawnOn: isoDate.optional(),
});

export const waitingReopenInput = z.object({ facilityId: entityId, applicationId: entityId, reason: requiredText(500) });
