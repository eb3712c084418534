/**
 * What each data-quality check is called, and how its count reads ("没有能力评估记录的老人：53 人").
 * Texts only, so the checks (services/data-quality.ts), the reports that count them
 * (services/data-quality-summary.ts) and the renderer all say the same thing.
 */
type Text = { zh: string; en: string };

export type DataQualityCode =
  | 'FACILITY_NO_BEDS'
  | 'PPP_NO_CONTRACT'
  | 'CONTRACT_ENDING'
  | 'RESIDENT_NO_ASSESSMENT'
  | 'ASSESSMENT_OVERDUE'
  | 'STAY_ON_RETIRED_BED'
  | 'COUNTY_NO_POPULATION'
  | 'SUPPORT_HOME_UNDERSTAFFED'
  | 'STAYS_OVERLAP'
  | 'FILING_OVERDUE'
  | 'FILING_DUE'
  | 'FILING_LATE'
  | 'WORK_CALENDAR_MISSING'
  | 'LICENCE_EXPIRED'
  | 'LICENCE_EXPIRING'
  | 'CARE_WORKERS_SHORT'
  | 'TEKUN_AT_SUSPENDED'
  | 'RESERVED_BEDS_HELD';

/** One finding as of a date, naming the entity to fix (services/data-quality.ts). */
export interface DataQualityItem {
  code: DataQualityCode;
  severity: 'error' | 'warning';
  /** `residents`: a resident not named, for accounts that may not see names (entityId is then the county). */
  entity: 'facility' | 'contract' | 'resident' | 'region' | 'residents' | 'settings';
  entityId: number | string;
  regionCode: string | null;
  /** The facility the finding is about or happens at; null for a county. */
  facilityId: number | null;
  zh: string;
  en: string;
}

export const DATA_QUALITY_TITLES: Record<DataQualityCode, Text> = {
  FACILITY_NO_BEDS: { zh: '运营机构没有在用床位', en: 'Operating facility without beds' },
  PPP_NO_CONTRACT: { zh: '公建民营机构没有有效合同', en: 'PPP home without a contract in force' },
  CONTRACT_ENDING: { zh: '合同即将到期', en: 'Contract ending soon' },
  RESIDENT_NO_ASSESSMENT: { zh: '在住老人没有能力评估', en: 'Resident without an assessment' },
  ASSESSMENT_OVERDUE: { zh: '能力评估已超期', en: 'Reassessment overdue' },
  STAY_ON_RETIRED_BED: { zh: '老人在已停用床位上', en: 'Stay on a retired bed' },
  COUNTY_NO_POPULATION: { zh: '区县缺少当年老年人口数', en: 'County without population for the year' },
  SUPPORT_HOME_UNDERSTAFFED: { zh: '敬老院工作人员不足', en: 'Rural support home understaffed' },
  STAYS_OVERLAP: { zh: '同一老人同时在两处入住', en: 'Resident staying at two facilities at once' },
  FILING_OVERDUE: { zh: '养老机构逾期未备案', en: 'Facility filing overdue' },
  FILING_DUE: { zh: '养老机构备案即将到期', en: 'Facility filing due' },
  FILING_LATE: { zh: '养老机构备案晚于期限', en: 'Facility filed late' },
  WORK_CALENDAR_MISSING: { zh: '节假日安排未录入', en: 'Holiday calendar missing a year' },
  LICENCE_EXPIRED: { zh: '证照已过期', en: 'Licence expired' },
  LICENCE_EXPIRING: { zh: '证照即将到期', en: 'Licence expiring soon' },
  CARE_WORKERS_SHORT: { zh: '护理员配备不足', en: 'Too few care workers' },
  TEKUN_AT_SUSPENDED: { zh: '特困人员住在停业机构', en: '特困 resident at a suspended facility' },
  RESERVED_BEDS_HELD: { zh: '公建民营保留床位被占用而优先对象在轮候', en: 'Reserved PPP beds held by others while priority applicants wait' },
};

/** Each check counted, with {n}. */
const COUNT_TEXT: Record<DataQualityCode, Text> = {
  FACILITY_NO_BEDS: { zh: '在运营但没有在用床位的机构：{n} 家', en: 'Operating facilities without beds in service: {n}' },
  PPP_NO_CONTRACT: { zh: '没有有效运营合同的公建民营机构：{n} 家', en: 'PPP homes without a contract in force: {n}' },
  CONTRACT_ENDING: { zh: '即将到期的公建民营合同：{n} 份', en: 'PPP contracts ending soon: {n}' },
  RESIDENT_NO_ASSESSMENT: { zh: '没有能力评估记录的老人：{n} 人', en: 'Residents without an ability assessment: {n}' },
  ASSESSMENT_OVERDUE: { zh: '能力评估已超期的老人：{n} 人', en: 'Residents whose reassessment is overdue: {n}' },
  STAY_ON_RETIRED_BED: { zh: '住在已停用床位上的老人：{n} 人', en: 'Residents on a retired bed: {n}' },
  COUNTY_NO_POPULATION: { zh: '缺少当年 60 岁及以上人口数：{n} 项', en: 'Missing population aged 60+ for the year: {n}' },
  SUPPORT_HOME_UNDERSTAFFED: { zh: '工作人员不足的敬老院：{n} 家', en: 'Rural support homes understaffed: {n}' },
  STAYS_OVERLAP: { zh: '同时在两处入住的老人：{n} 人', en: 'Residents staying at two facilities at once: {n}' },
  FILING_OVERDUE: { zh: '逾期未备案的养老机构：{n} 家', en: 'Facilities whose filing is overdue: {n}' },
  FILING_DUE: { zh: '备案期限内尚未备案的养老机构：{n} 家', en: 'Facilities whose filing is due: {n}' },
  FILING_LATE: { zh: '晚于期限备案的养老机构：{n} 家', en: 'Facilities that filed late: {n}' },
  WORK_CALENDAR_MISSING: { zh: '未录入节假日安排：{n} 项', en: 'Holiday calendar gaps: {n}' },
  LICENCE_EXPIRED: { zh: '已过期的证照：{n} 项', en: 'Expired licences: {n}' },
  LICENCE_EXPIRING: { zh: '即将到期的证照：{n} 项', en: 'Licences expiring soon: {n}' },
  CARE_WORKERS_SHORT: { zh: '护理员配备不足的机构：{n} 家', en: 'Facilities with too few care workers: {n}' },
  TEKUN_AT_SUSPENDED: { zh: '住在停业机构的特困人员：{n} 人', en: '特困 residents at suspended facilities: {n}' },
  RESERVED_BEDS_HELD: { zh: '保留床位被占用而优先对象在轮候的公建民营机构：{n} 家', en: 'PPP homes whose reserved beds hold others while priority applicants wait: {n}' },
};

export function countText(code: DataQualityCode, n: number): Text {
  const t = COUNT_TEXT[code];
  return { zh: t.zh.replace('{n}', String(n)), en: t.en.replace('{n}', String(n)) };
}
