/** `region.*`: Regions and the population figures per county and year. */
import { homeCounties, listPopulations, listRegions, upsertPopulation } from '../../services/regions';
import * as s from '../../contract/schemas';
import { manageProcedure, readProcedure, router } from '../trpc';

export const regionRouter = router({
  list: readProcedure.query(({ ctx }) => listRegions(ctx)),
  counties: readProcedure.query(({ ctx }) => homeCounties(ctx)),
  populations: readProcedure.input(s.populationListInput).query(({ ctx, input }) => listPopulations(ctx, input)),
  upsertPopulation: manageProcedure.input(s.populationUpsertInput).mutation(({ ctx, input }) => upsertPopulation(ctx, input)),
});
