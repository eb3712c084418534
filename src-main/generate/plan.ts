/**
 * What a generated data set holds. City scale follows the Tongren plan's 2020 build targets
 * (docs/domain.md#targets): 40 nursing homes, 45 rural support homes with about 14,000 beds, 130
 * day-care centres, 1,726 mutual-aid homes, 6 activity centres, 12 医养结合 homes — about
 * 2,000 facilities and 25,000 beds, a third of institution beds nursing-type. Province
 * scale is ten times that over about 90 counties.
 */
import type { FacilityKind, Ownership } from '../domain/enums';
import { apportion, type Rng } from './random';

export const SCALES = ['city', 'province'] as const;
export type Scale = (typeof SCALES)[number];

/** The simulated period: five years up to a closed month-end. */
export const PERIOD = { start: '2021-11-01', end: '2026-10-31' } as const;

export const GENERATED_PREFIX = '【生成】';

interface ScaleSpec {
  factor: number;
  /** Counties added to the home city beyond the shipped ones. */
  syntheticCounties: number;
}

export const SCALE_SPEC: Record<Scale, ScaleSpec> = {
  city: { factor: 1, syntheticCounties: 0 },
  province: { factor: 10, syntheticCounties: 80 },
};

/** Facilities per kind at city scale. */
const KIND_TOTALS: Record<FacilityKind, number> = {
  nursing_home: 40,
  support_home: 45,
  day_care: 130,
  mutual_aid: 1726,
  activity_centre: 6,
};
const MEDICAL_CARE_PER_CITY = 12;

export interface KindProfile {
  beds: [number, number];
  nursingShare: [number, number];
  ownership: Partial<Record<Ownership, number>>;
  /** Share of beds occupied on average, and the mean length of a stay in days. */
  occupancy: number;
  meanStayDays: number;
  /** Share of residents who are 特困. */
  tekun: number;
  staffPerBed: number;
  suffixes: readonly string[];
}

export const KIND_PROFILE: Record<FacilityKind, KindProfile> = {
  nursing_home: {
    beds: [50, 150], nursingShare: [0.5, 0.65], ownership: { public: 0.35, public_private: 0.35, private: 0.3 },
    occupancy: 0.62, meanStayDays: 1800, tekun: 0.1, staffPerBed: 0.3, suffixes: ['老年养护院', '社会福利院', '颐养院', '养老院'],
  },
  support_home: {
    beds: [150, 470], nursingShare: [0.2, 0.35], ownership: { public: 0.8, public_private: 0.2 },
    occupancy: 0.6, meanStayDays: 3000, tekun: 0.85, staffPerBed: 0.12, suffixes: ['敬老院', '中心敬老院', '特困人员供养服务中心'],
  },
  day_care: {
    beds: [4, 12], nursingShare: [0, 0], ownership: { public: 0.8, private: 0.2 },
    occupancy: 0, meanStayDays: 0, tekun: 0, staffPerBed: 0.4, suffixes: ['社区日间照料中心', '老年人日间照料中心'],
  },
  mutual_aid: {
    beds: [2, 5], nursingShare: [0, 0], ownership: { public: 1 },
    occupancy: 0.35, meanStayDays: 1800, tekun: 0.2, staffPerBed: 0.3, suffixes: ['互助幸福院'],
  },
  activity_centre: {
    beds: [0, 0], nursingShare: [0, 0], ownership: { public: 1 },
    occupancy: 0, meanStayDays: 0, tekun: 0, staffPerBed: 0, suffixes: ['老年人活动中心'],
  },
};

export interface CountyPlan {
  code: string;
  name: string;
  /** Only set for counties the generator adds. */
  synthetic: boolean;
  facilities: Record<FacilityKind, number>;
  medicalCare: number;
}

const SYNTHETIC_NAMES = '安宁和平兴隆丰乐长青永宁福泉清溪龙井白石金山凤岭松林桃源青龙新华双河';

/** Codes 5206xx not used by the real Tongren counties. */
function syntheticCountyCodes(taken: ReadonlySet<string>, n: number): string[] {
  const out: string[] = [];
  for (let i = 4; i < 100 && out.length < n; i++) {
    const code = `5206${String(i).padStart(2, '0')}`;
    if (!taken.has(code)) out.push(code);
  }
  return out;
}

export function planCounties(rng: Rng, scale: Scale, existing: ReadonlyArray<{ code: string; name: string }>): CountyPlan[] {
  const spec = SCALE_SPEC[scale];
  const taken = new Set(existing.map((c) => c.code));
  const counties = [
    ...existing.map((c) => ({ code: c.code, name: c.name, synthetic: false })),
    ...syntheticCountyCodes(taken, spec.syntheticCounties).map((code, i) => ({
      code,
      name: `${GENERATED_PREFIX}${SYNTHETIC_NAMES[(2 * i) % SYNTHETIC_NAMES.length]}${SYNTHETIC_NAMES[(2 * i + 1) % SYNTHETIC_NAMES.length]}${String(i + 1).padStart(2, '0')}县`,
      synthetic: true,
    })),
  ];
  const weights = counties.map(() => 0.6 + rng.float() * 0.8);
  const perKind = Object.fromEntries(
    (Object.keys(KIND_TOTALS) as FacilityKind[]).map((k) => [k, apportion(KIND_TOTALS[k] * spec.factor, weights)]),
  ) as Record<FacilityKind, number[]>;
  const medical = apportion(MEDICAL_CARE_PER_CITY * spec.factor, weights);
  return counties.map((c, i) => ({
    ...c,
    facilities: Object.fromEntries((Object.keys(perKind) as FacilityKind[]).map((k) => [k, perKind[k][i]!])) as Record<FacilityKind, number>,
    medicalCare: medical[i]!,
  }));
}

/** "碧江区" → "碧江", "玉屏侗族自治县" → "玉屏": how places are named inside a county. */
export function shortCountyName(name: string): string {
  return name.replace(GENERATED_PREFIX, '').replace(/(土家族苗族|侗族|苗族|土家族)?自治县$/, '').replace(/\d*[区县]$/, '');
}

const TOWNSHIP_SYLLABLES = '坝坪溪岩塘沟湾寨场桥河口山坡冲田坳龙凤石马桃柳杉竹茶';

export function townshipName(rng: Rng): string {
  return `${rng.pick(TOWNSHIP_SYLLABLES)}${rng.pick(TOWNSHIP_SYLLABLES)}${rng.chance(0.2) ? '街道' : rng.chance(0.6) ? '镇' : '乡'}`;
}
