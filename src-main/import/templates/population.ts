/** 人口: one row per region and year. An empty cell is an unknown figure (no figure, never 0). */
import { populationUpsertInput } from '../../contract/schemas';
import { populationFigures, type PopulationFigures } from '../../db/queries/regions';
import { assertScope } from '../../services/scope';
import { upsertPopulation } from '../../services/regions';
import { loadRegions, requireKnownRegion } from '../lookups';
import { importCorrection, cell, validate, type Template } from '../template';

type Existing = Omit<PopulationFigures, 'regionCode' | 'year'>;

export const populationTemplate: Template = {
  id: 'population',
  title: { zh: '人口', en: 'Population' },
  columns: [
    { header: '区县代码', field: 'regionCode', type: 'code', required: true, sample: '520602', width: 10 },
    { header: '年份', field: 'year', type: 'int', required: true, sample: 2023, width: 8 },
    { header: '60岁及以上人口', field: 'population60', type: 'int', sample: 65000, width: 16 },
    { header: '80岁及以上人口', field: 'population80', type: 'int', sample: 9000, width: 16 },
    { header: '生活不能自理特困人员数', field: 'tekunUnable', type: 'int', sample: 120, width: 22 },
  ],
  key: { fields: ['regionCode', 'year'] },
  begin(ctx, source) {
    const confirm = importCorrection(source);
    const regions = loadRegions(ctx);
    const existing = new Map<string, Existing>(populationFigures(ctx.db.sqlite).map(({ regionCode, year, ...p }) => [`${regionCode}\u0001${year}`, p]));

    return (v) => {
      const regionCode = cell.str(v, 'regionCode');
      requireKnownRegion(regions, regionCode, 'regionCode', false);
      const input = validate(populationUpsertInput, {
        regionCode,
        year: cell.num(v, 'year'),
        population60: cell.num(v, 'population60'),
        population80: cell.num(v, 'population80'),
        tekunUnable: cell.num(v, 'tekunUnable'),
        ...confirm,
      });
      assertScope.region(ctx, input.regionCode);
      const key = `${input.regionCode}\u0001${input.year}`;
      const before = existing.get(key);
      const now: Existing = { population60: input.population60 ?? null, population80: input.population80 ?? null, tekunUnable: input.tekunUnable ?? null };
      if (before && before.population60 === now.population60 && before.population80 === now.population80 && before.tekunUnable === now.tekunUnable) return 'unchanged';
      upsertPopulation(ctx, input);
      existing.set(key, now);
      return before ? 'updated' : 'added';
    };
  },
};
