/**
 * Lookup maps built once per import (one query per table, not one per row), and kept up to
 * date as rows add records, so a 50,000-row file never re-reads a table.
 */
import { bedImportRows, type BedImportRow } from '../db/queries/beds';
import { facilityNames } from '../db/queries/facilities';
import { regionLevels } from '../db/queries/regions';
import { readIdentity } from '../db/install-identity';
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

/** What a county or facility install keeps (null at the city): a facility's rows name another facility only by mistake. */
export interface InstallHere {
  level: 'county' | 'facility';
  regionCode: string;
  /** The facility's name at a facility install. */
  facilityName: string | null;
}

export function installHere(ctx: ServiceContext): InstallHere | null {
  const me = readIdentity(ctx.db.sqlite);
  if (me?.level !== 'county' && me?.level !== 'facility') return null;
  const name = me.facilityUid ? (ctx.db.sqlite.prepare('SELECT name FROM facilities WHERE uid = ?').pluck().get(me.facilityUid) as string | undefined) : undefined;
  return { level: me.level, regionCode: me.regionCode, facilityName: name ?? me.facilityUid };
}

/**
 * The facility a row names. Not registered here: at the city, import the facilities first; at a
 * facility install, which keeps its own facility only, or at a county install for a facility of
 * another county, importing the facility would be refused too, so the row is named as another
 * office's.
 */
export function requireFacilityId(facilities: Map<string, number>, regionCode: string, name: string, here: InstallHere | null = null): number {
  const id = facilities.get(facilityKey(regionCode, name));
  if (id !== undefined) return id;
  if (here?.level === 'facility')
    reject(
      'facilityName',
      `本机是“${here.facilityName ?? ''}”的机构端，只登记本机构的记录：机构“${name}”（区县 ${regionCode}）的记录由该机构或区县民政部门登记，请删除该行`,
      `This install keeps "${here.facilityName ?? ''}" only: the records of facility "${name}" (county ${regionCode}) are kept by that facility or the county; delete the row`,
    );
  if (here?.level === 'county' && regionCode !== here.regionCode)
    reject(
      'facilityName',
      `本机是区县 ${here.regionCode} 的区县端：机构“${name}”（区县 ${regionCode}）的记录由区县 ${regionCode} 登记，请删除该行`,
      `This install keeps county ${here.regionCode}: facility "${name}" (county ${regionCode}) is kept by county ${regionCode}; delete the row`,
    );
  return reject('facilityName', `机构“${name}”（区县 ${regionCode}）未登记：请先导入机构`, `Facility "${name}" (county ${regionCode}) is not registered: import the facilities first`);
}

export const bedKey = (facilityId: number, building: string, room: string, label: string) => `${facilityId}\u0001${building}\u0001${room}\u0001${label}`;

export type BedRow = BedImportRow;

export function loadBeds(ctx: ServiceContext): Map<string, BedRow> {
  return new Map(bedImportRows(ctx.db.sqlite).map(({ building, room, label, ...b }) => [bedKey(b.facilityId, building, room, label), b]));
}
