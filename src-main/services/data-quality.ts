/**
 * What needs fixing before the month's figures are signed, as of a date. Each finding
 * names its entity so a screen can link to it. Findings about residents carry the resident's
 * name: they are for the people who fix them (within their scope), never for a report. Reports
 * carry the counts of data-quality-summary.ts instead.
 */
import { DATA_QUALITY_TITLES, type DataQualityCode, type DataQualityItem } from '../contract/data-quality-texts';
import { reassessmentOverdue } from '../domain/assessment';
import { addDays, yearOf } from '../domain/dates';
import { supportHomeStaffingMet } from '../domain/metrics';
import { bedInService, contractInForce, statusOn, stayOpenOn } from './as-of';
import type { ServiceContext } from './context';
import { readIdentity } from '../db/install-identity';
import { regulatorChecks } from './data-quality-regulator';
import { homeCounties } from './regions';
import { getSettings } from './settings';

export { DATA_QUALITY_TITLES, type DataQualityCode, type DataQualityItem };


export function dataQuality(ctx: ServiceContext, date: string): DataQualityItem[] {
  const s = getSettings(ctx);
  const db = ctx.db.sqlite;
  const out: DataQualityItem[] = [];
  const d = date;

  const noBeds = db
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code FROM facilities f
       WHERE ${statusOn('f')} = 'operating' AND f.kind <> 'activity_centre'
         AND NOT EXISTS (SELECT 1 FROM beds b WHERE b.facility_id = f.id AND ${bedInService('b')})
       ORDER BY f.region_code, f.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string }>;
  for (const f of noBeds)
    out.push({ code: 'FACILITY_NO_BEDS', severity: 'warning', entity: 'facility', entityId: f.id, regionCode: f.code, facilityId: f.id, zh: `“${f.name}”在运营但没有在用床位`, en: `"${f.name}" is operating without beds in service` });

  const ppp = db
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code FROM facilities f
       WHERE f.ownership = 'public_private' AND ${statusOn('f')} = 'operating'
         AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.facility_id = f.id AND ${contractInForce('c')})
       ORDER BY f.region_code, f.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string }>;
  for (const f of ppp)
    out.push({ code: 'PPP_NO_CONTRACT', severity: 'error', entity: 'facility', entityId: f.id, regionCode: f.code, facilityId: f.id, zh: `公建民营机构“${f.name}”在 ${d} 没有有效的运营合同`, en: `PPP home "${f.name}" has no contract in force on ${d}` });

  const ending = db
    .prepare(
      `SELECT c.id, c.end_on AS endOn, f.id AS facilityId, f.name, f.region_code AS code, o.name AS operator FROM contracts c
       JOIN facilities f ON f.id = c.facility_id JOIN operators o ON o.id = c.operator_id
       WHERE ${contractInForce('c')} AND c.end_on <= @until ORDER BY c.end_on`,
    )
    .all({ d, until: addDays(d, s.contractWarningDays) }) as Array<{ id: number; endOn: string; facilityId: number; name: string; code: string; operator: string }>;
  for (const c of ending)
    out.push({ code: 'CONTRACT_ENDING', severity: 'warning', entity: 'contract', entityId: c.id, regionCode: c.code, facilityId: c.facilityId, zh: `“${c.name}”与${c.operator}的合同将于 ${c.endOn} 到期`, en: `The contract of "${c.name}" with ${c.operator} ends on ${c.endOn}` });

  const assessed = db
    .prepare(
      `SELECT r.id, r.name, f.id AS facilityId, f.region_code AS code,
         (SELECT max(a.assessed_on) FROM assessments a WHERE a.resident_id = r.id AND a.voided_at IS NULL AND a.assessed_on <= @d) AS lastOn
       FROM stays st JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id
       WHERE st.residential = 1 AND ${stayOpenOn('st')} ORDER BY f.region_code, r.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; facilityId: number; code: string; lastOn: string | null }>;
  for (const r of assessed) {
    if (r.lastOn === null)
      out.push({ code: 'RESIDENT_NO_ASSESSMENT', severity: 'warning', entity: 'resident', entityId: r.id, regionCode: r.code, facilityId: r.facilityId, zh: `${r.name} 没有能力评估记录`, en: `${r.name} has no ability assessment` });
    else if (reassessmentOverdue(r.lastOn, s.reassessmentMonths, d))
      out.push({ code: 'ASSESSMENT_OVERDUE', severity: 'warning', entity: 'resident', entityId: r.id, regionCode: r.code, facilityId: r.facilityId, zh: `${r.name} 上次评估于 ${r.lastOn}，已超过 ${s.reassessmentMonths} 个月`, en: `${r.name} was last assessed on ${r.lastOn}, over ${s.reassessmentMonths} months ago` });
  }

  const retired = db
    .prepare(
      `SELECT st.id, st.resident_id AS residentId, r.name, b.label, b.retired_on AS retiredOn, f.id AS facilityId, f.region_code AS code FROM stays st
       JOIN beds b ON b.id = st.bed_id JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id
       WHERE ${stayOpenOn('st')} AND b.retired_on IS NOT NULL AND b.retired_on <= @d`,
    )
    .all({ d }) as Array<{ id: number; residentId: number; name: string; label: string; retiredOn: string; facilityId: number; code: string }>;
  // Linked to the resident: the fix is a transfer from the resident's record.
  for (const r of retired)
    out.push({ code: 'STAY_ON_RETIRED_BED', severity: 'error', entity: 'resident', entityId: r.residentId, regionCode: r.code, facilityId: r.facilityId, zh: `${r.name} 住在 ${r.retiredOn} 已停用的床位 ${r.label}`, en: `${r.name} stays on bed ${r.label}, retired on ${r.retiredOn}` });

  // Admitted at B while A's discharge has not arrived yet (services/exchange/receive.ts): shown
  // until the discharge arrives, which clears it; at the later admission's facility.
  const overlaps = db
    .prepare(
      `SELECT r.id, r.name, b.facility_id AS facilityId, fb.region_code AS code, fa.name AS other, a.admitted_on AS since
       FROM stays a JOIN stays b ON b.resident_id = a.resident_id AND b.id <> a.id AND (b.admitted_on > a.admitted_on OR (b.admitted_on = a.admitted_on AND b.uid > a.uid))
       JOIN residents r ON r.id = a.resident_id JOIN facilities fa ON fa.id = a.facility_id JOIN facilities fb ON fb.id = b.facility_id
       WHERE a.residential = 1 AND b.residential = 1 AND ${stayOpenOn('a')} AND ${stayOpenOn('b')}
       ORDER BY fb.region_code, r.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; facilityId: number; code: string; other: string; since: string }>;
  for (const r of overlaps)
    out.push({ code: 'STAYS_OVERLAP', severity: 'error', entity: 'resident', entityId: r.id, regionCode: r.code, facilityId: r.facilityId, zh: `${r.name} 自 ${r.since} 在“${r.other}”的入住尚未办理离院（离院信息可能尚未报送到本机）`, en: `${r.name} still has an open stay at "${r.other}" since ${r.since} (its discharge may not have arrived yet)` });

  const year = yearOf(d);
  for (const county of populationKeptHere(ctx)) {
    const row = db.prepare('SELECT population60 AS p FROM populations WHERE region_code = ? AND year = ?').get(county.code, year) as { p: number | null } | undefined;
    if (row?.p == null) {
      const older = db
        .prepare('SELECT max(year) AS y FROM populations WHERE region_code = ? AND year < ? AND population60 IS NOT NULL')
        .get(county.code, year) as { y: number | null };
      out.push({
        code: 'COUNTY_NO_POPULATION',
        severity: older.y === null ? 'error' : 'warning',
        entity: 'region',
        entityId: county.code,
        regionCode: county.code,
        facilityId: null,
        zh: older.y === null ? `${county.name}没有 60 岁及以上人口数，无法计算每千名老年人床位数` : `${county.name}缺少 ${year} 年 60 岁及以上人口数，暂用 ${older.y} 年数据`,
        en: older.y === null ? `${county.name} has no population aged 60+; beds per thousand cannot be computed` : `${county.name} has no ${year} population aged 60+; the ${older.y} figure is used`,
      });
    }
  }

  const staffing = db
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code, f.staff_count AS staff,
         (SELECT count(*) FROM stays st WHERE st.facility_id = f.id AND ${stayOpenOn('st')}) AS residents
       FROM facilities f WHERE f.kind = 'support_home' AND ${statusOn('f')} = 'operating'`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string; staff: number; residents: number }>;
  for (const f of staffing)
    if (!supportHomeStaffingMet(f.staff, f.residents, s.supportHomeResidentsPerStaff))
      out.push({ code: 'SUPPORT_HOME_UNDERSTAFFED', severity: 'warning', entity: 'facility', entityId: f.id, regionCode: f.code, facilityId: f.id, zh: `“${f.name}”供养 ${f.residents} 人，工作人员 ${f.staff} 人，低于 1:${s.supportHomeResidentsPerStaff}`, en: `"${f.name}" supports ${f.residents} with ${f.staff} staff, below 1:${s.supportHomeResidentsPerStaff}` });

  out.push(...regulatorChecks(ctx, d, s));

  return out;
}

/**
 * The counties whose population this install keeps, so a missing figure is one it can enter or
 * receive: the city (or a store alone) all of them, a county install its own county, a facility
 * install none (population is the county's; a facility's packages do not carry it, so every
 * county would otherwise show 没有 60 岁及以上人口数 there, which nobody at the facility can fix).
 */
function populationKeptHere(ctx: ServiceContext) {
  const me = readIdentity(ctx.db.sqlite);
  const all = homeCounties(ctx);
  if (me?.level === 'facility') return [];
  if (me?.level === 'county') return all.filter((c) => c.code === me.regionCode);
  return all;
}
