/**
 * An install's place in the hierarchy: what office runs it and what it holds. A city install
 * holds the city; a county install its county; a facility install one facility.
 */
export const INSTALL_LEVELS = ['province', 'city', 'county', 'facility'] as const;
export type InstallLevel = (typeof INSTALL_LEVELS)[number];

export const INSTALL_LEVEL_LABELS: Record<InstallLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'province' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '区县', en: 'county' },
  facility: { zh: '机构', en: 'facility' },
};

export interface InstallPlace {
  level: InstallLevel;
  regionCode: string;
  facilityUid?: string | null;
}

/** A fingerprint a clerk reads out by phone: SHA-256 of the key's bytes, upper-case hex in groups of four. */
export function fingerprintText(sha256Hex: string): string {
  return sha256Hex.toUpperCase().match(/.{1,4}/g)!.join(' ');
}

/**
 * What an install keeps (domain/ownership.ts): the screens offer only these edits, the rest is
 * shown read-only. A facility install keeps its beds, residents and staff counts; a county its
 * register (facilities, contracts) and population; the city also the shared settings and targets.
 */
export interface InstallKeeps {
  level: InstallLevel;
  /** Facilities, their openings and closings, contracts. */
  register: boolean;
  /** Population figures of its county (or, at the city, every county). */
  population: boolean;
  /** The shared settings and the plan targets. */
  citySettings: boolean;
}

export function installKeeps(level: InstallLevel): InstallKeeps {
  return { level, register: level !== 'facility', population: level !== 'facility', citySettings: level === 'city' || level === 'province' };
}
