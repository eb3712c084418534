/**
 * The closed vocabularies of the register, each with its zh-CN and en label.
 * The database stores the keys; CHECK constraints are generated from these lists.
 */
export interface Labelled {
  readonly zh: string;
  readonly en: string;
}

function keysOf<K extends string>(map: Record<K, Labelled>): [K, ...K[]] {
  return Object.keys(map) as [K, ...K[]];
}

export const FACILITY_KIND = {
  nursing_home: { zh: '养老院/老年养护院/社会福利院', en: 'Nursing home' },
  support_home: { zh: '特困人员供养服务机构（敬老院）', en: 'Rural support home' },
  day_care: { zh: '社区老年人日间照料中心', en: 'Community day-care centre' },
  mutual_aid: { zh: '农村互助幸福院', en: 'Rural mutual-aid home' },
  activity_centre: { zh: '老年人活动中心', en: 'Activity centre' },
} as const satisfies Record<string, Labelled>;
export type FacilityKind = keyof typeof FACILITY_KIND;
export const FACILITY_KINDS = keysOf(FACILITY_KIND);

/** Statistical categories of the national bulletins (docs/domain.md#bed-categories). */
export const BED_CATEGORY = {
  institution: { zh: '养老机构', en: 'Institutions' },
  community: { zh: '社区养老服务机构和设施', en: 'Community facilities' },
  mutual_aid: { zh: '互助型养老设施', en: 'Mutual-aid facilities' },
} as const satisfies Record<string, Labelled>;
export type BedCategory = keyof typeof BED_CATEGORY;
export const BED_CATEGORIES = keysOf(BED_CATEGORY);

export function categoryOfKind(kind: FacilityKind): BedCategory {
  switch (kind) {
    case 'nursing_home':
    case 'support_home':
      return 'institution';
    case 'day_care':
    case 'activity_centre':
      return 'community';
    case 'mutual_aid':
      return 'mutual_aid';
    default:
      return missingCase(kind);
  }
}

/** Kinds where elders live; a resident holds at most one open stay across these. */
export function isResidentialKind(kind: FacilityKind): boolean {
  switch (kind) {
    case 'nursing_home':
    case 'support_home':
    case 'mutual_aid':
      return true;
    case 'day_care':
    case 'activity_centre':
      return false;
    default:
      return missingCase(kind);
  }
}

export const OWNERSHIP = {
  public: { zh: '公办', en: 'Public-run' },
  public_private: { zh: '公建民营', en: 'Publicly built, privately run' },
  private: { zh: '民办', en: 'Private' },
} as const satisfies Record<string, Labelled>;
export type Ownership = keyof typeof OWNERSHIP;
export const OWNERSHIPS = keysOf(OWNERSHIP);

export const FACILITY_STATUS = {
  planned: { zh: '规划', en: 'Planned' },
  construction: { zh: '在建', en: 'Under construction' },
  operating: { zh: '运营', en: 'Operating' },
  suspended: { zh: '停业', en: 'Suspended' },
  closed: { zh: '关闭', en: 'Closed' },
} as const satisfies Record<string, Labelled>;
export type FacilityStatus = keyof typeof FACILITY_STATUS;
export const FACILITY_STATUSES = keysOf(FACILITY_STATUS);

/** 登记状态: whether the facility is registered as a legal person (民政部令第66号; DOMAIN counting rule for 乡镇敬老院). */
export const REGISTRATION = {
  registered: { zh: '已登记', en: 'Registered' },
  unregistered: { zh: '未登记', en: 'Not registered' },
  unknown: { zh: '未知', en: 'Unknown' },
} as const satisfies Record<string, Labelled>;
export type Registration = keyof typeof REGISTRATION;
export const REGISTRATIONS = keysOf(REGISTRATION);

/** 兴办主体: who founded the facility, apart from how it is run (运营方式, OWNERSHIP). */
export const FOUNDER = {
  government: { zh: '政府', en: 'Government' },
  village_collective: { zh: '村集体', en: 'Village collective' },
  social_org: { zh: '社会组织', en: 'Social organisation' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  individual: { zh: '个人', en: 'Individual' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Labelled>;
export type Founder = keyof typeof FOUNDER;
export const FOUNDERS = keysOf(FOUNDER);

/** Licences and insurances a regulator checks, each a dated record with its expiry. */
export const LICENCE_KIND = {
  fire_safety: { zh: '消防审验', en: 'Fire-safety acceptance' },
  food: { zh: '食品经营许可', en: 'Food business licence' },
  medical: { zh: '医疗机构执业许可', en: 'Medical institution licence' },
  medical_contract: { zh: '签约医疗机构协议', en: 'Contract with a medical institution' },
  liability_insurance: { zh: '养老机构责任险', en: 'Liability insurance' },
} as const satisfies Record<string, Labelled>;
export type LicenceKind = keyof typeof LICENCE_KIND;
export const LICENCE_KINDS = keysOf(LICENCE_KIND);

/** 全托 / 日托: how a bed is used; its statistical category still follows its facility's kind. */
export const BED_USE = {
  full_time: { zh: '全托', en: 'Full-time' },
  day_care: { zh: '日托', en: 'Day care' },
} as const satisfies Record<string, Labelled>;
export type BedUse = keyof typeof BED_USE;
export const BED_USES = keysOf(BED_USE);

export const CARE_TYPE = {
  nursing: { zh: '护理型', en: 'Nursing-type' },
  general: { zh: '普通', en: 'General' },
} as const satisfies Record<string, Labelled>;
export type CareType = keyof typeof CARE_TYPE;
export const CARE_TYPES = keysOf(CARE_TYPE);

export const DISCHARGE_REASON = {
  death: { zh: '死亡', en: 'Death' },
  home: { zh: '回家', en: 'Returned home' },
  transfer: { zh: '转院', en: 'Transfer' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Labelled>;
export type DischargeReason = keyof typeof DISCHARGE_REASON;
export const DISCHARGE_REASONS = keysOf(DISCHARGE_REASON);

/** Self-care status of a 特困 person. */
export const SELF_CARE = {
  capable: { zh: '具备', en: 'Able to care for self' },
  partial: { zh: '部分丧失', en: 'Partly unable' },
  none: { zh: '完全丧失', en: 'Wholly unable' },
} as const satisfies Record<string, Labelled>;
export type SelfCare = keyof typeof SELF_CARE;
export const SELF_CARE_VALUES = keysOf(SELF_CARE);

export const ASSESSMENT_REASON = {
  first: { zh: '首次评估', en: 'First' },
  routine: { zh: '常规评估', en: 'Routine' },
  immediate: { zh: '即时评估', en: 'Immediate (condition changed)' },
  disputed: { zh: '复评（对结果有疑问）', en: 'Review (result disputed)' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Labelled>;
export type AssessmentReason = keyof typeof ASSESSMENT_REASON;
export const ASSESSMENT_REASONS = keysOf(ASSESSMENT_REASON);

export const ASSESSMENT_STANDARD = {
  'GB/T 42195-2022': { zh: 'GB/T 42195-2022 老年人能力评估规范', en: 'GB/T 42195-2022' },
  'MZ/T 039-2013': { zh: 'MZ/T 039-2013 老年人能力评估（旧标准）', en: 'MZ/T 039-2013 (legacy)' },
} as const satisfies Record<string, Labelled>;
export type AssessmentStandard = keyof typeof ASSESSMENT_STANDARD;
export const ASSESSMENT_STANDARDS = keysOf(ASSESSMENT_STANDARD);

export const DIAGNOSIS = {
  none: { zh: '无', en: 'None' },
  dementia: { zh: '痴呆（F00–F03）', en: 'Dementia (F00–F03)' },
  mental: { zh: '精神科确诊的其他精神障碍（F04–F99）', en: 'Other mental disorder (F04–F99)' },
} as const satisfies Record<string, Labelled>;
export type Diagnosis = keyof typeof DIAGNOSIS;
export const DIAGNOSES = keysOf(DIAGNOSIS);

export const SELECTION_METHOD = {
  open_tender: { zh: '公开招标', en: 'Open tender' },
  competitive_negotiation: { zh: '竞争性谈判', en: 'Competitive negotiation' },
  competitive_consultation: { zh: '竞争性磋商', en: 'Competitive consultation' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, Labelled>;
export type SelectionMethod = keyof typeof SELECTION_METHOD;
export const SELECTION_METHODS = keysOf(SELECTION_METHOD);

export const EVALUATION_RESULT = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
} as const satisfies Record<string, Labelled>;
export type EvaluationResult = keyof typeof EVALUATION_RESULT;
export const EVALUATION_RESULTS = keysOf(EVALUATION_RESULT);

export const ROLE = {
  admin: { zh: '管理员', en: 'Administrator' },
  section: { zh: '科室人员', en: 'Section staff' },
  facility: { zh: '机构管理员', en: 'Facility manager' },
  readonly: { zh: '只读', en: 'Read-only' },
} as const satisfies Record<string, Labelled>;
export type Role = keyof typeof ROLE;
export const ROLES = keysOf(ROLE);

export const REGION_LEVEL = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  county: { zh: '区县', en: 'County' },
} as const satisfies Record<string, Labelled>;
export type RegionLevel = keyof typeof REGION_LEVEL;
export const REGION_LEVELS = keysOf(REGION_LEVEL);

/** Exhaustiveness guard for switches over the unions above. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

/** Plan indicators that carry a yearly target (docs/domain.md#targets). */
export const TARGET_METRIC = {
  beds_per_thousand: { zh: '每千名老年人拥有养老床位数', en: 'Beds per thousand elderly', unit: 'per_thousand' },
  nursing_share: { zh: '养老机构护理型床位占比', en: 'Nursing-type bed share', unit: 'ratio' },
  tekun_rate: { zh: '生活不能自理特困人员集中供养率', en: 'Centralized support rate (extreme poverty, unable to self-care)', unit: 'ratio' },
  total_beds: { zh: '养老床位总数', en: 'Eldercare beds', unit: 'count' },
  nursing_home_count: { zh: '养老院/老年养护院数', en: 'Nursing homes', unit: 'count' },
  support_home_count: { zh: '敬老院数', en: 'Rural support homes', unit: 'count' },
  support_home_beds: { zh: '敬老院床位数', en: 'Rural support home beds', unit: 'count' },
  day_care_count: { zh: '日间照料中心数', en: 'Day-care centres', unit: 'count' },
  mutual_aid_count: { zh: '农村互助幸福院数', en: 'Mutual-aid homes', unit: 'count' },
  activity_centre_count: { zh: '老年人活动中心数', en: 'Activity centres', unit: 'count' },
  medical_care_count: { zh: '医养结合机构数', en: 'Medical-care integrated facilities', unit: 'count' },
  care_workers: { zh: '养老护理员数', en: 'Care workers', unit: 'count' },
} as const satisfies Record<string, Labelled & { unit: 'per_thousand' | 'ratio' | 'count' }>;
export type TargetMetric = keyof typeof TARGET_METRIC;
export const TARGET_METRICS = keysOf(TARGET_METRIC);
