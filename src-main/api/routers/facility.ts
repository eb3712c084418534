/** `facility.*`: Facilities: the register, detail, status history, occupancy. */
import { z } from 'zod';
import { facilityDetail, occupancyByFacility } from '../../services/facility-detail';
import { createFacility, listFacilities, setFacilityStatus, statusHistory, updateFacility } from '../../services/facilities';
import { deleteStatusChange, updateStatusChange } from '../../services/facility-history';
import { managerHome } from '../../services/manager-home';
import * as s from '../../contract/schemas';
import { licenceAddInput, licenceListInput, licenceRemoveInput, licenceUpdateInput } from '../../contract/facility-record';
import { addLicence, listLicences, removeLicence, updateLicence } from '../../services/facility-record';
import { nationalListInput } from '../../contract/national-list';
import { exportNationalList } from '../../services/national-list';
import { todayIso } from '../../domain/dates';
import { readProcedure, router, writeProcedure } from '../trpc';

export const facilityRouter = router({
  list: readProcedure.input(s.facilityListInput).query(({ ctx, input }) => listFacilities(ctx, input)),
  detail: readProcedure.input(s.facilityDetailInput).query(({ ctx, input }) => facilityDetail(ctx, input)),
  statusHistory: readProcedure.input(z.object({ id: s.entityId })).query(({ ctx, input }) => statusHistory(ctx, input.id)),
  create: writeProcedure.input(s.facilityCreateInput).mutation(({ ctx, input }) => createFacility(ctx, input)),
  update: writeProcedure.input(s.facilityUpdateInput).mutation(({ ctx, input }) => updateFacility(ctx, input)),
  setStatus: writeProcedure.input(s.setFacilityStatusInput).mutation(({ ctx, input }) => setFacilityStatus(ctx, input)),
  updateStatusChange: writeProcedure.input(s.updateStatusChangeInput).mutation(({ ctx, input }) => updateStatusChange(ctx, input)),
  deleteStatusChange: writeProcedure.input(s.deleteStatusChangeInput).mutation(({ ctx, input }) => deleteStatusChange(ctx, input)),
  /** Licences and insurances (消防审验, 食品经营许可, …), each with its dates. */
  licences: readProcedure.input(licenceListInput).query(({ ctx, input }) => listLicences(ctx, input.facilityId)),
  addLicence: writeProcedure.input(licenceAddInput).mutation(({ ctx, input }) => addLicence(ctx, input)),
  updateLicence: writeProcedure.input(licenceUpdateInput).mutation(({ ctx, input }) => updateLicence(ctx, input)),
  removeLicence: writeProcedure.input(licenceRemoveInput).mutation(({ ctx, input }) => removeLicence(ctx, input)),
  /** 国家系统机构名单 (.xlsx or .csv, base64) of the facilities in the account's scope. */
  nationalList: readProcedure.input(nationalListInput).query(async ({ ctx, input }) => {
    const r = await exportNationalList(ctx, { date: input?.date ?? todayIso(), format: input?.format ?? 'xlsx' });
    return { fileName: r.fileName, rows: r.rows, base64: r.data.toString('base64') };
  }),
  occupancy: readProcedure.input(s.occupancyInput).query(({ ctx, input }) => occupancyByFacility(ctx, input)),
  /** The facility manager's home: free beds by type, residents on leave, assessments due, in the account's facilities. */
  managerHome: readProcedure.input(s.managerHomeInput).query(({ ctx, input }) => managerHome(ctx, input)),
});
