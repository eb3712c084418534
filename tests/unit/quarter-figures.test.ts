/** The 季报's by-kind rows leave out the unregistered 乡镇敬老院 the statistics left out; its 特困 residents still count. */
import { describe, expect, it } from 'vitest';
import type { FacilityReportRow, MonthReport } from '../../src-main/services/month-report';
import { figureOf, NOT_IN_SNAPSHOT } from '../../src-main/services/quarter-form';

const ability = (l3: number) => ({ l0: 0, l1: 0, l2: 0, l3, l4: 0, legacy: 0, none: 0 });
function row(id: number, kind: FacilityReportRow['kind'], extra: Partial<FacilityReportRow>): FacilityReportRow {
  return { facilityId: id, regionCode: '520602', name: `机构${id}`, kind, ownership: 'public', status: 'operating', beds: 10, nursingBeds: 0, occupiedBeds: 1, residents: 1, ability: ability(1), staff: 1, careWorkers: 1, ...extra };
}
function report(facilities: FacilityReportRow[]): MonthReport {
  const stat = { code: '520602', facilities: 1 } as unknown as MonthReport['statistics']['total'];
  return { statistics: { rows: [stat], total: stat }, facilities } as unknown as MonthReport;
}

describe('quarterly form figures from facility rows', () => {
  const rows = [row(1, 'support_home', { tekunResidents: 1, dayCareBeds: 0, uncounted: false }), row(2, 'support_home', { tekunResidents: 1, dayCareBeds: 2, uncounted: true })];
  it('counts by kind, 失能 and 日托 over the counted homes, 特困 over all', () => {
    const r = report(rows);
    expect(figureOf(r, 'facilities.support_home', '520602')).toBe(1);
    expect(figureOf(r, 'residents.disabled', '520602')).toBe(1);
    expect(figureOf(r, 'beds.dayCare', '520602')).toBe(0);
    expect(figureOf(r, 'residents.tekun', '520602')).toBe(2);
  });
  it('a snapshot before version 3 has no mark: every operating row counts, and 日托 is not there', () => {
    const old = report(rows.map(({ uncounted: _u, dayCareBeds: _d, tekunResidents: _t, ...r }) => r));
    expect(figureOf(old, 'facilities.support_home', '520602')).toBe(2);
    expect(figureOf(old, 'beds.dayCare', '520602')).toBe(NOT_IN_SNAPSHOT);
  });
});
