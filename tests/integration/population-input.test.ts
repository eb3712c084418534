/**
 * The population figures as typed (issue 14, finding 23): full-width digits from a Chinese
 * input method and thousands separators are read as the number they show, by the api as by
 * the grid; anything else is still refused, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { readCountText } from '../../src-main/domain/number-text';
import { freshDb, rejection } from '../support/temp-db';

describe('population input', () => {
  it('reads full-width digits and thousands separators as numbers', async () => {
    const { api } = freshDb();
    await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: '４１０００', population80: '8,200', tekunUnable: ' 1 234 ' });
    await api.region.upsertPopulation({ regionCode: '520603', year: 2026, population60: '４１，０００', population80: '' });
    const rows = (await api.region.populations()).filter((p) => p.year === 2026);
    const of = (code: string) => rows.find((p) => p.regionCode === code)!;
    expect([of('520602').population60, of('520602').population80, of('520602').tekunUnable]).toEqual([41000, 8200, 1234]);
    expect([of('520603').population60, of('520603').population80]).toEqual([41000, null]);
  });

  it('still refuses negatives, fractions and words, naming the field', async () => {
    const { api } = freshDb();
    for (const bad of [-5, '-5', '４１．５', '四万', 'abc']) {
      const e = await rejection(api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: bad }));
      expect(e.field, String(bad)).toBe('population60');
      expect(e.zh, String(bad)).toMatch(/^60岁及以上人口：/);
    }
    const negative = await rejection(api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: -5 }));
    expect(negative.zh).toBe('60岁及以上人口：不能小于 0');
  });

  it('the shared reading', () => {
    expect(readCountText('４１０００')).toBe(41000);
    expect(readCountText('41,000')).toBe(41000);
    expect(readCountText('41，000')).toBe(41000);
    expect(readCountText('')).toBeNull();
    expect(readCountText('四万')).toBe('四万');
  });
});
