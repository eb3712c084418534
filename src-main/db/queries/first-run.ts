/**
 * The first-run checklist's read model: for each step of setting up an office's register
 * (单位信息 → 人口 → 机构与床位 → 老人与入住 → 关账) whether it is done, with the counts that
 * say so. One SELECT per step, all cheap on any size of register.
 */
import type { Sqlite } from '../connection';
import { installKeeps } from '../../domain/install-place';
import { readIdentity } from '../install-identity';

export type FirstRunStepKey = 'settings' | 'population' | 'facilities' | 'residents' | 'monthClosed';

export interface FirstRunStep {
  key: FirstRunStepKey;
  done: boolean;
  /** How many there are (facilities, stays, closed months; counties with a population figure). */
  count: number;
  /** For population: how many counties there are; otherwise null. */
  of: number | null;
}

export interface FirstRunChecklist {
  /** The year whose population counts (the reporting date's year; an earlier year's figure carries over). */
  year: number;
  steps: FirstRunStep[];
  allDone: boolean;
  /** No facility registered yet: the register is empty, nothing to warn about. */
  emptyRegister: boolean;
}

function n(sqlite: Sqlite, sql: string, ...params: unknown[]): number {
  return (sqlite.prepare(sql).get(...params) as { n: number }).n;
}

/**
 * 单位信息 is done once 设置 has been saved (the reporting unit and home region are seeded
 * with a template when the file is made, so only the user's own save says they were checked); 人口 once every county under the home region has a 60+ figure for
 * the year or an earlier one; 机构与床位 once a facility has a bed; 老人与入住 once a stay is
 * recorded; 关账 once a month is closed.
 */
export function firstRunChecklist(sqlite: Sqlite, homeRegion: string, year: number): FirstRunChecklist {
  const settingsSaved = n(sqlite, "SELECT count(*) AS n FROM audit_log WHERE action = 'settings.update'");
  // an office joined to its section keeps only its own part: a county its population, a facility neither
  const me = readIdentity(sqlite);
  const keeps = installKeeps(me?.level ?? 'city');
  const own = me?.level === 'county' ? me.regionCode : null;
  const counties = n(sqlite, "SELECT count(*) AS n FROM regions WHERE parent_code = ? AND level = 'county' AND (? IS NULL OR code = ?)", homeRegion, own, own);
  const withPopulation = n(
    sqlite,
    `SELECT count(*) AS n FROM regions r
      WHERE r.parent_code = ? AND r.level = 'county' AND (? IS NULL OR r.code = ?)
        AND EXISTS (SELECT 1 FROM populations p WHERE p.region_code = r.code AND p.year <= ? AND p.population60 IS NOT NULL)`,
    homeRegion,
    own,
    own,
    year,
  );
  const facilities = n(sqlite, 'SELECT count(*) AS n FROM facilities');
  const facilitiesWithBeds = n(sqlite, 'SELECT count(DISTINCT facility_id) AS n FROM beds');
  const stays = n(sqlite, 'SELECT count(*) AS n FROM stays');
  const closed = n(sqlite, "SELECT count(*) AS n FROM month_closes WHERE state = 'closed'");
  const steps: FirstRunStep[] = [
    ...(keeps.citySettings ? [{ key: 'settings' as const, done: settingsSaved > 0, count: settingsSaved, of: null }] : []),
    ...(keeps.population ? [{ key: 'population' as const, done: counties > 0 && withPopulation === counties, count: withPopulation, of: counties }] : []),
    { key: 'facilities', done: facilitiesWithBeds > 0, count: facilitiesWithBeds, of: null },
    { key: 'residents', done: stays > 0, count: stays, of: null },
    { key: 'monthClosed', done: closed > 0, count: closed, of: null },
  ];
  return { year, steps, allDone: steps.every((s) => s.done), emptyRegister: facilities === 0 };
}
