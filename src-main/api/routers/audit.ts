/** `audit.*`: The audit log and the refused accesses. */
import { z } from 'zod';
import { listRefusals } from '../../services/access-refusals';
import { countAudit, listAudit } from '../../services/audit-log';
import * as s from '../../contract/schemas';
import { adminProcedure, router } from '../trpc';

const refusalListInput = z
  .object({
    username: z.string().trim().max(50).optional(),
    procedure: z.string().trim().max(100).optional(),
    from: s.isoDate.optional(),
    to: s.isoDate.optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .optional();

export const auditRouter = router({
  list: adminProcedure.input(s.auditListInput).query(({ ctx, input }) => listAudit(ctx, input)),
  /** How many entries a filter of `list` finds (limit and offset ignored). */
  count: adminProcedure.input(s.auditListInput).query(({ ctx, input }) => countAudit(ctx, input)),
  /** 拒绝的访问: refused calls counted per account, procedure and hour. */
  refusals: adminProcedure.input(refusalListInput).query(({ ctx, input }) => listRefusals(ctx, input)),
});
