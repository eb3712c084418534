import { z } from 'zod';
import { addBeds, bedBoard, retireBeds, updateBed } from '../services/beds';
import { facilityDetail, occupancyByFacility } from '../services/facility-detail';
import { createFacility, listFacilities, setFacilityStatus, statusHistory, updateFacility } from '../services/facilities';
import { homeCounties, listPopulations, listRegions, upsertPopulation } from '../services/regions';
import * as s from '../contract/schemas';
import { manageProcedure, readProcedure, router, writeProcedure } from './trpc';

export const regionRouter = router({
  list: readProcedure.query(({ ctx }) => listRegions(ctx)),
  counties: readProcedure.query(({ ctx }) => homeCounties(ctx)),
  populations: readProcedure.input(s.populationListInput).query(({ ctx, input }) => listPopulations(ctx, input)),
  upsertPopulation: manageProcedure.input(s.populationUpsertInput).mutation(({ ctx, input }) => upsertPopulation(ctx, input)),
});

export const facilityRouter = router({
  list: readProcedure.input(s.facilityListInput).query(({ ctx, input }) => listFacilities(ctx, input)),
  detail: readProcedure.input(s.facilityDetailInput).query(({ ctx, input }) => facilityDetail(ctx, input)),
  statusHistory: readProcedure.input(z.object({ id: s.entityId })).query(({ ctx, input }) => statusHistory(ctx, input.id)),
  create: writeProcedure.input(s.facilityCreateInput).mutation(({ ctx, input }) => createFacility(ctx, input)),
  update: writeProcedure.input(s.facilityUpdateInput).mutation(({ ctx, input }) => updateFacility(ctx, input)),
  setStatus: writeProcedure.input(s.setFacilityStatusInput).mutation(({ ctx, input }) => setFacilityStatus(ctx, input)),
  occupancy: readProcedure.input(s.occupancyInput).query(({ ctx, input }) => occupancyByFacility(ctx, input)),
});

export const bedRouter = router({
  board: readProcedure.input(s.bedListInput).query(({ ctx, input }) => bedBoard(ctx, input)),
  add: writeProcedure.input(s.addBedsInput).mutation(({ ctx, input }) => addBeds(ctx, input)),
  retire: writeProcedure.input(s.retireBedsInput).mutation(({ ctx, input }) => retireBeds(ctx, input)),
  update: writeProcedure.input(s.updateBedInput).mutation(({ ctx, input }) => updateBed(ctx, input)),
});
