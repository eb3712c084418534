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
  | 'STAYS_OVERLAP';

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
};

export function countText(code: DataQualityCode, n: number): Text {
  const t = COUNT_TEXT[code];
  return { zh: t.zh.replace('{n}', String(n)), en: t.en.replace('{n}', String(n)) };
}
