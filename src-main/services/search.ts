/**
 * The header search (search.all): one text, what the account may see of it, grouped —
 * facilities by name, residents by any part of the name (or by ID digits, full or the last
 * 4 or more, for accounts with `revealPersonal` only: services/resident-list.ts), operators by
 * name or credit code. Each group is the first few by the stored pinyin key, with its total.
 */
import type { z } from 'zod';
import type { searchAllInput } from '../contract/schemas';
import { operatorSearchRows, type OperatorHit } from '../db/queries/operators';
import { likePattern } from '../db/queries/as-of';
import type { ServiceContext } from './context';
import { listFacilities } from './facilities';
import { listResidents } from './resident-list';
import { facilitySql, scopeOf } from './scope';

export interface SearchResult {
  facilities: { rows: Array<{ id: number; name: string; regionName: string; kind: string }>; total: number };
  residents: { rows: Array<{ id: number; name: string; idNumberMasked: string; facilityName: string | null; age: number }>; total: number };
  operators: { rows: OperatorHit[]; total: number };
}

export function searchAll(ctx: ServiceContext, input: z.infer<typeof searchAllInput>): SearchResult {
  const q = input.text.trim();
  const limit = input.limit ?? 8;
  if (q === '') return { facilities: { rows: [], total: 0 }, residents: { rows: [], total: 0 }, operators: { rows: [], total: 0 } };
  const f = listFacilities(ctx, { search: q, limit });
  const r = listResidents(ctx, { search: q, limit });
  // Operators are the city's; an account limited to counties or facilities finds those with
  // a contract for a facility it sees.
  const scoped = scopeOf(ctx.actor).kind === 'all' ? '1' : `o.id IN (SELECT c.operator_id FROM contracts c WHERE ${facilitySql(ctx.actor, 'c.facility_id')})`;
  const o = operatorSearchRows(ctx.db.sqlite, likePattern(q), scoped, limit);
  return {
    facilities: { rows: f.rows.map((x) => ({ id: x.id, name: x.name, regionName: x.regionName, kind: x.kind })), total: f.total },
    residents: {
      rows: r.rows.map((x) => ({ id: x.id, name: x.name, idNumberMasked: x.idNumberMasked, facilityName: x.facilityName, age: x.age })),
      total: r.total,
    },
    operators: o,
  };
}
