/**
 * Lookup maps built once per import (one query per table, not one per row), and kept up to
 * date as rows add records, so a 50,000-row file never re-reads a table.
 */
import { bedImportRows, type BedImportRow } from '../db/queries/beds';
import { facilityNames } from '../db/queries/facilities';
import { regionLevels } from '../db/queries/regions';
import type { ServiceContext } from '../services/context';
import { reject } from './template';

export type RegionRow = ReturnType<typeof regionLevels>[number];

export function loadRegions(ctx: ServiceContext): Map<string, RegionRow> {
  return new Map(regionLevels(ctx.db.sqlite).map((r) => [r.code, r]));
}

export function requireKnownRegion(regions: Map<string, RegionRow>, code: string, field: string, county = true): void {
  if (!/^\d{6}$/.test(code)) reject(field, '应为 6 位行政区划代码', 'must be a 6-digit region code');
  const r = regions.get(code);
  if (!r) reject(field, `${code} 不是已登记的行政区划代码`, `${code} is not a known region code`);
  if (county && r.level !== 'county') reject(field, `${code} 不是区县一级的代码`, `${code} is not a county-level code`);
}

export const facilityKey = (regionCode: string, name: string) => `${regionCode}\u0001${name}`;

/** (区县代码, 机构名称) → facility id. */
export function loadFacilityIds(ctx: ServiceContext): Map<string, number> {
  return new Map(facilityNames(ctx.db.sqlite).map((r) => [facilityKey(r.regionCode, r.name), r.id]));
}

export function requireFacilityId(facilities: Map<string, number>, regionCode: string, name: string): number {
  const id = facilities.get(facilityKey(regionCode, name));
  if (id === undefined)
    reject('facilityName', `机构“${name}”（区县 ${regionCode}）未登记：请先导入机构`, `Facility "${name}" (county ${regionCode}) is not registered: import the facilities first`);
  return id;
}

export const bedKey = (facilityId: number, building: string, room: string, label: string) => `${facilityId}\u0001${building}\u0001${room}\u0001${label}`;

export type BedRow = BedImportRow;

export function loadBeds(ctx: ServiceContext): Map<string, BedRow> {
  return new Map(bedImportRows(ctx.db.sqlite).map(({ building, room, label, ...b }) => [bedKey(b.facilityId, building, room, label), b]));
}
