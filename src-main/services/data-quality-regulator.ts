/**
 * What a regulator checks each month (docs/domain.md#regulator-checks), as data-quality findings
 * as of a date: 备案 filed in time, licences in date, enough care workers for the residents'
 * ability mix, no 特困 resident left at a suspended facility, and 公建民营 beds reserved for
 * priority elders not held by others while such applicants wait.
 */
import { careGroupOf, careWorkersNeeded, type CareGroupCounts } from '../domain/care-ratio';
import { addDays } from '../domain/dates';
import { LICENCE_KIND, type LicenceKind } from '../domain/enums';
import { addWorkdays, yearsMissing } from '../domain/workdays';
import { readIdentity } from '../db/install-identity';
import type { Settings } from '../db/settings';
import { bedInService, contractInForce, statusOn, stayOpenOn } from './as-of';
import type { ServiceContext } from './context';
import type { DataQualityItem } from '../contract/data-quality-texts';
import { priorityApplicantsWaiting } from './waiting-list';

/**
 * 养老机构管理办法 (民政部令第66号) made filing (备案) the rule from 2020-11-01; homes that
 * first took residents before then were licensed under the old 设立许可 and are not checked.
 */
export const FILING_RULE_FROM = '2020-11-01';

type Finding = Omit<DataQualityItem, 'entity' | 'entityId' | 'facilityId'>;
const atFacility = (id: number, f: Finding): DataQualityItem => ({ ...f, entity: 'facility', entityId: id, facilityId: id });

export function regulatorChecks(ctx: ServiceContext, d: string, s: Settings): DataQualityItem[] {
  return [...filing(ctx, d, s), ...licences(ctx, d, s), ...careWorkers(ctx, d, s), ...tekunAtSuspended(ctx, d), ...reservedBeds(ctx, d)];
}

function filing(ctx: ServiceContext, d: string, s: Settings): DataQualityItem[] {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code, f.filed_on AS filedOn,
         (SELECT min(st.admitted_on) FROM stays st WHERE st.facility_id = f.id AND st.residential = 1) AS firstOn
       FROM facilities f
       WHERE f.kind IN ('nursing_home', 'support_home') AND ${statusOn('f')} IN ('operating', 'suspended')
       ORDER BY f.region_code, f.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string; filedOn: string | null; firstOn: string | null }>;
  const out: DataQualityItem[] = [];
  const missingYears = new Set<number>();
  for (const f of rows) {
    if (f.firstOn === null || f.firstOn < FILING_RULE_FROM || f.firstOn > d) continue;
    const due = addWorkdays(f.firstOn, s.filingDeadlineWorkdays, s.workCalendar);
    for (const y of yearsMissing(f.firstOn, due, s.workCalendar)) missingYears.add(y);
    const base = { regionCode: f.code };
    if (f.filedOn === null && d > due)
      out.push(atFacility(f.id, { ...base, code: 'FILING_OVERDUE', severity: 'error', zh: `“${f.name}”自 ${f.firstOn} 收住老人，应于 ${due} 前备案，至今未备案`, en: `"${f.name}" took residents from ${f.firstOn}; filing was due by ${due} and is still missing` }));
    else if (f.filedOn === null)
      out.push(atFacility(f.id, { ...base, code: 'FILING_DUE', severity: 'warning', zh: `“${f.name}”自 ${f.firstOn} 收住老人，应于 ${due} 前备案`, en: `"${f.name}" took residents from ${f.firstOn}; filing is due by ${due}` }));
    else if (f.filedOn > due)
      out.push(atFacility(f.id, { ...base, code: 'FILING_LATE', severity: 'warning', zh: `“${f.name}”于 ${f.filedOn} 备案，晚于期限 ${due}（首次收住 ${f.firstOn}，${s.filingDeadlineWorkdays} 个工作日）`, en: `"${f.name}" filed on ${f.filedOn}, after the deadline ${due} (first residents ${f.firstOn}, ${s.filingDeadlineWorkdays} working days)` }));
  }
  // Said where the calendar can be entered: the city's settings (a county or facility install receives them).
  if (missingYears.size > 0 && keepsSettings(ctx)) {
    const years = [...missingYears].sort().join('、');
    out.push({ code: 'WORK_CALENDAR_MISSING', severity: 'warning', entity: 'settings', entityId: 'workCalendar', regionCode: null, facilityId: null, zh: `${years} 年的节假日安排尚未录入，备案期限暂按周一至周五计算工作日（设置 → 节假日安排）`, en: `The holiday calendar lacks ${years}; filing deadlines count Monday to Friday as working days (Settings → Holiday calendar)` });
  }
  return out;
}

function keepsSettings(ctx: ServiceContext): boolean {
  const level = readIdentity(ctx.db.sqlite)?.level;
  return level === undefined || level === 'city';
}

/** The latest licence of each kind per operating facility (a renewal supersedes the one before). */
function licences(ctx: ServiceContext, d: string, s: Settings): DataQualityItem[] {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code, l.kind, l.expires_on AS expiresOn
       FROM facility_licences l JOIN facilities f ON f.id = l.facility_id
       WHERE l.issued_on <= @d AND l.expires_on IS NOT NULL AND ${statusOn('f')} = 'operating'
         AND NOT EXISTS (SELECT 1 FROM facility_licences n WHERE n.facility_id = l.facility_id AND n.kind = l.kind AND n.issued_on <= @d
                         AND (n.issued_on > l.issued_on OR (n.issued_on = l.issued_on AND n.id > l.id)))
       ORDER BY f.region_code, f.name, l.kind`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string; kind: LicenceKind; expiresOn: string }>;
  const until = addDays(d, s.licenceWarningDays);
  const out: DataQualityItem[] = [];
  for (const l of rows) {
    const what = LICENCE_KIND[l.kind];
    if (l.expiresOn < d)
      out.push(atFacility(l.id, { code: 'LICENCE_EXPIRED', severity: 'error', regionCode: l.code, zh: `“${l.name}”的${what.zh}已于 ${l.expiresOn} 到期`, en: `The ${what.en.toLowerCase()} of "${l.name}" expired on ${l.expiresOn}` }));
    else if (l.expiresOn <= until)
      out.push(atFacility(l.id, { code: 'LICENCE_EXPIRING', severity: 'warning', regionCode: l.code, zh: `“${l.name}”的${what.zh}将于 ${l.expiresOn} 到期`, en: `The ${what.en.toLowerCase()} of "${l.name}" expires on ${l.expiresOn}` }));
  }
  return out;
}

/** Residents of each operating residential facility by care group (their latest assessment on or before D). */
function careWorkers(ctx: ServiceContext, d: string, s: Settings): DataQualityItem[] {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code, f.care_worker_count AS careWorkers,
         (SELECT a.final_level FROM assessments a WHERE a.resident_id = st.resident_id AND a.voided_at IS NULL AND a.assessed_on <= @d
          ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS level
       FROM facilities f CROSS JOIN stays st ON st.facility_id = f.id
       WHERE f.kind IN ('nursing_home', 'support_home') AND ${statusOn('f')} = 'operating' AND st.residential = 1 AND ${stayOpenOn('st')}`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string; careWorkers: number; level: number | null }>;
  const byFacility = new Map<number, { name: string; code: string; careWorkers: number; counts: CareGroupCounts }>();
  for (const r of rows) {
    const f = byFacility.get(r.id) ?? { name: r.name, code: r.code, careWorkers: r.careWorkers, counts: { selfCare: 0, partial: 0, disabled: 0 } };
    f.counts[careGroupOf(r.level)] += 1;
    byFacility.set(r.id, f);
  }
  const ratios = { selfCare: s.careRatioSelfCare, partial: s.careRatioPartial, disabled: s.careRatioDisabled };
  const out: DataQualityItem[] = [];
  for (const [id, f] of [...byFacility].sort((a, b) => a[1].code.localeCompare(b[1].code) || a[1].name.localeCompare(b[1].name))) {
    const needed = careWorkersNeeded(f.counts, ratios);
    if (f.careWorkers >= needed) continue;
    const { selfCare, partial, disabled } = f.counts;
    out.push(
      atFacility(id, {
        code: 'CARE_WORKERS_SHORT',
        severity: 'warning',
        regionCode: f.code,
        zh: `“${f.name}”在住自理 ${selfCare} 人、部分失能 ${partial} 人、失能 ${disabled} 人，按 1:${ratios.selfCare} / 1:${ratios.partial} / 1:${ratios.disabled} 需护理员 ${needed} 人，现有 ${f.careWorkers} 人`,
        en: `"${f.name}" houses ${selfCare} self-care, ${partial} partly disabled and ${disabled} disabled residents: at 1:${ratios.selfCare} / 1:${ratios.partial} / 1:${ratios.disabled} it needs ${needed} care workers and has ${f.careWorkers}`,
      }),
    );
  }
  return out;
}

/** A 特困 resident staying at a facility that is suspended on D: counted in no figure, so named here. */
function tekunAtSuspended(ctx: ServiceContext, d: string): DataQualityItem[] {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT r.id, r.name, f.id AS facilityId, f.name AS facility, f.region_code AS code
       FROM stays st JOIN residents r ON r.id = st.resident_id JOIN facilities f ON f.id = st.facility_id
       WHERE st.residential = 1 AND ${stayOpenOn('st')} AND r.tekun = 1 AND ${statusOn('f')} = 'suspended'
       ORDER BY f.region_code, f.name, r.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; facilityId: number; facility: string; code: string }>;
  return rows.map((r) => ({
    code: 'TEKUN_AT_SUSPENDED' as const,
    severity: 'error' as const,
    entity: 'resident' as const,
    entityId: r.id,
    regionCode: r.code,
    facilityId: r.facilityId,
    zh: `特困人员 ${r.name} 住在已停业的“${r.facility}”，不计入集中供养，请安置或转院`,
    en: `特困 resident ${r.name} stays at "${r.facility}", which is suspended, and is counted as centrally supported nowhere`,
  }));
}

/**
 * A 公建民营 home whose contract reserves beds for 特困 and low-income elders, where more
 * residents who are none of those (特困, 低保, 低收入) stay than the unreserved beds hold —
 * so reserved beds hold others — while priority applicants wait on its list.
 */
function reservedBeds(ctx: ServiceContext, d: string): DataQualityItem[] {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT f.id, f.name, f.region_code AS code, c.reserved_beds AS reserved,
         (SELECT count(*) FROM beds b WHERE b.facility_id = f.id AND ${bedInService('b')}) AS beds,
         (SELECT count(*) FROM stays st JOIN residents r ON r.id = st.resident_id
          WHERE st.facility_id = f.id AND st.residential = 1 AND ${stayOpenOn('st')} AND NOT (r.tekun = 1 OR r.dibao = 1 OR r.low_income = 1)) AS others
       FROM facilities f JOIN contracts c ON c.facility_id = f.id AND ${contractInForce('c')}
       WHERE f.ownership = 'public_private' AND ${statusOn('f')} = 'operating' AND c.reserved_beds > 0
       ORDER BY f.region_code, f.name`,
    )
    .all({ d }) as Array<{ id: number; name: string; code: string; reserved: number; beds: number; others: number }>;
  const out: DataQualityItem[] = [];
  for (const f of rows) {
    const held = f.others - Math.max(0, f.beds - f.reserved);
    if (held <= 0) continue;
    const waiting = priorityApplicantsWaiting(ctx, f.id, d);
    if (waiting === 0) continue;
    out.push(
      atFacility(f.id, {
        code: 'RESERVED_BEDS_HELD',
        severity: 'warning',
        regionCode: f.code,
        zh: `公建民营机构“${f.name}”为特困、低保、低收入老人保留的 ${f.reserved} 张床位中有 ${Math.min(held, f.reserved)} 张住着其他老人，另有 ${waiting} 位优先对象在轮候`,
        en: `PPP home "${f.name}": ${Math.min(held, f.reserved)} of the ${f.reserved} beds reserved for 特困 and low-income elders hold others while ${waiting} priority applicants wait`,
      }),
    );
  }
  return out;
}
