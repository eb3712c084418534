/**
 * The data-quality findings as reports carry them: how many of each check per county, with no
 * resident named. Facilities, contracts and counties may be named (they are not personal
 * data); a resident never is: "没有能力评估记录的老人：53 人". The month report (and so every
 * closed snapshot, workbook and print) holds only these counts; the named list is the
 * internal document of data-quality-list.ts.
 */
import { countText } from '../contract/data-quality-texts';
import { DATA_QUALITY_TITLES, type DataQualityCode, type DataQualityItem } from './data-quality';

type Text = { zh: string; en: string };

export interface DataQualityCount {
  code: DataQualityCode;
  severity: 'error' | 'warning';
  /** The county; null for findings without one. */
  regionCode: string | null;
  count: number;
  /** What the count says, e.g. "没有能力评估记录的老人：53 人". */
  zh: string;
  en: string;
  /** The named findings behind the count: facilities, contracts, counties; never residents. */
  details: Text[];
}

/** One finding about a resident, said without the resident's name. */
const UNNAMED_TEXT: Partial<Record<DataQualityCode, Text>> = {
  RESIDENT_NO_ASSESSMENT: { zh: '一位在住老人没有能力评估记录', en: 'A resident has no ability assessment' },
  ASSESSMENT_OVERDUE: { zh: '一位在住老人的能力评估已超期', en: 'A resident’s reassessment is overdue' },
  STAY_ON_RETIRED_BED: { zh: '一位老人住在已停用的床位上', en: 'A resident stays on a retired bed' },
  TEKUN_AT_SUSPENDED: { zh: '一位特困人员住在已停业的机构', en: 'A 特困 resident stays at a suspended facility' },
};

const CODE_ORDER = Object.keys(DATA_QUALITY_TITLES) as DataQualityCode[];

/** Findings that name a resident (or stand for one): counted, never quoted. */
export function aboutResident(item: Pick<DataQualityItem, 'entity'>): boolean {
  return item.entity === 'resident' || item.entity === 'residents';
}

type Finding = Pick<DataQualityItem, 'code' | 'severity' | 'entity' | 'regionCode' | 'zh' | 'en'>;

/** The findings counted per check and county, in the order of the checks, then by county. */
export function summarizeDataQuality(items: readonly Finding[]): DataQualityCount[] {
  const groups = new Map<string, DataQualityCount>();
  for (const i of items) {
    const key = `${i.code}|${i.regionCode ?? ''}`;
    const g = groups.get(key) ?? { code: i.code, severity: i.severity, regionCode: i.regionCode ?? null, count: 0, zh: '', en: '', details: [] };
    g.count += 1;
    if (i.severity === 'error') g.severity = 'error';
    if (!aboutResident(i)) g.details.push({ zh: i.zh, en: i.en });
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, ...countText(g.code, g.count) }))
    .sort((a, b) => CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code) || (a.regionCode ?? '').localeCompare(b.regionCode ?? ''));
}

/**
 * The data quality of a month report, whatever version stored it: snapshots closed before
 * version 2 held the findings themselves (with residents' names); they are counted here, so
 * nothing reads a name out of an old snapshot either.
 */
export function reportDataQuality(stored: ReadonlyArray<DataQualityCount | Finding>): DataQualityCount[] {
  const counts = stored.filter((x): x is DataQualityCount => 'count' in x);
  const findings = stored.filter((x): x is Finding => !('count' in x));
  return findings.length > 0 ? [...counts, ...summarizeDataQuality(findings)] : counts;
}

/** The findings for an account that may not see residents' names: each resident finding kept (the counts stay right), unnamed. */
export function withoutNames(items: readonly DataQualityItem[]): DataQualityItem[] {
  return items.map((i) => {
    if (i.entity !== 'resident') return i;
    const text = UNNAMED_TEXT[i.code] ?? DATA_QUALITY_TITLES[i.code];
    return { code: i.code, severity: i.severity, entity: 'residents', entityId: i.regionCode ?? '', regionCode: i.regionCode, facilityId: null, zh: text.zh, en: text.en };
  });
}
