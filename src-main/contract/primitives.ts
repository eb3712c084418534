/**
 * The building blocks of the procedures' input shapes (schemas.ts and the files beside it):
 * dates, codes, ids, text limits, money, and the options every correction or dated entry carries.
 * Importable from the renderer: only zod and the pure domain.
 */
import { z } from 'zod';
import { parseCreditCode } from '../domain/credit-code';
import { isIsoDate } from '../domain/dates';
import { readIdNumber } from '../domain/id-number';

export const isoDate = z.string({ error: 'DATE_INVALID' }).refine(isIsoDate, { error: 'DATE_INVALID' });
export const regionCode = z.string().regex(/^\d{6}$/, { error: 'REGION_CODE_INVALID' });
export const entityId = z.number().int().positive();
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1, { error: 'REQUIRED' }).max(max);
export const count = z.number().int().min(0).max(1_000_000);

/**
 * 身份证号 as typed (full-width, spaces, lower-case x: domain/id-number.ts readIdNumber, as the
 * import reads it), stored normalised; the issue message names the exact problem, and an old
 * 15-digit number's issue carries its 18-digit form (params.upgraded).
 */
export const idNumber = z.string().transform((raw, ctx) => {
  const r = readIdNumber(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `ID_${r.problem.toUpperCase()}`, ...(r.upgraded ? { params: { upgraded: r.upgraded } } : {}) });
    return z.NEVER;
  }
  return r.value;
});

/** 统一社会信用代码 as typed, stored normalised; `optional`: empty (not known yet) is kept as ''. */
const creditCodeOf = (optional: boolean) =>
  z.string().transform((raw, ctx) => {
    if (optional && raw.trim() === '') return '';
    const r = parseCreditCode(raw);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `CREDIT_${r.problem.toUpperCase()}` });
      return z.NEVER;
    }
    return r.value;
  });
export const creditCode = creditCodeOf(false);
export const optionalCreditCode = creditCodeOf(true);

/** Money in yuan with at most two decimals, kept exactly as integer fen. */
export const yuan = z
  .number()
  .min(0)
  .max(1e12)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { error: 'MONEY_PRECISION' });

/**
 * Carried by every correction input (services/corrections.ts): the reason, needed when a past
 * date changes, and the confirmation that a closed month's figures may change.
 */
export const correctionOptions = {
  reason: z.string().trim().max(500).optional(),
  confirmClosedMonth: z.boolean().optional(),
};
/**
 * Carried by every new entry that can be dated in the past (services/corrections.ts
 * `checkEntry`): the confirmation that a closed month's figures may change. No reason.
 */
export const entryOptions = {
  confirmClosedMonth: z.boolean().optional(),
};
