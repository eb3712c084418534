/** `resident.*`: Residents: the register, the record page, the roster (老人名册), revealing an ID number. */
import { z } from 'zod';
import { createResident, listResidents, revealIdNumber, updateResident } from '../../services/residents';
import { residentRecord } from '../../services/resident-record';
import { residentRoster } from '../../services/resident-roster';
import * as s from '../../contract/schemas';
import { readProcedure, revealProcedure, router, writeProcedure } from '../trpc';

export const residentRouter = router({
  list: readProcedure.input(s.residentListInput).query(({ ctx, input }) => listResidents(ctx, input)),
  /** The record page: phones masked and `access` false where the account may not change or reveal. */
  get: readProcedure.input(z.object({ id: s.entityId })).query(({ ctx, input }) => residentRecord(ctx, input.id)),
  create: writeProcedure.input(s.residentCreateInput).mutation(({ ctx, input }) => createResident(ctx, input)),
  update: writeProcedure.input(s.residentUpdateInput).mutation(({ ctx, input }) => updateResident(ctx, input)),
  /** 老人名册 (.xlsx, base64): ID numbers masked unless `fullIdNumbers` (needs revealPersonal; audited). */
  roster: readProcedure
    .input(z.object({ fullIdNumbers: z.boolean().optional(), inCareOn: s.isoDate.optional(), facilityId: s.entityId.optional() }))
    // A mutation: with full ID numbers it writes an audit row.
    .mutation(async ({ ctx, input }) => {
      const r = await residentRoster(ctx, input);
      return { fileName: r.fileName, rows: r.rows, fullIdNumbers: r.fullIdNumbers, base64: r.data.toString('base64') };
    }),
  revealIdNumber: revealProcedure.input(z.object({ id: s.entityId })).mutation(({ ctx, input }) => revealIdNumber(ctx, input.id)),
});
