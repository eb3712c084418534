/**
 * Small helpers shared by the integration tests (not a test file itself).
 */
import { addDays, todayIso } from '../../src-main/domain/dates';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import type { freshDb } from '../support/temp-db';

export type Api = ReturnType<typeof freshDb>['api'];

/**
 * A valid 居民身份证号 for test resident n: region 520602, born 1940-01-01, sequence n
 * (3 digits), then the GB 11643 check character.
 */
export function idFor(n: number, region = '520602', birth = '19400101'): string {
  const body = `${region}${birth}${String(n).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

export const TOMORROW = addDays(todayIso(), 1);

/** True when the text contains at least one CJK ideograph. */
export function hasChinese(s: string): boolean {
  return /[\u4e00-\u9fff]/.test(s);
}
