/**
 * A duplicate ID number told to an account that may not see that resident: whether the
 * number is registered, and nothing of whom or where (no name, facility or internal id).
 * Each such answer is counted as a refusal (access_refusals), so guessing numbers one after
 * another shows on the administrator's 拒绝的访问 list.
 */
export const ID_TAKEN_ELSEWHERE = {
  zh: '该身份证号已登记，请联系区县民政部门',
  en: 'This ID number is already registered; contact the county civil-affairs bureau',
} as const;

/** The refusal code such answers are counted under. */
export const ID_TAKEN_ELSEWHERE_CODE = 'ID_TAKEN_ELSEWHERE';

export function isIdTakenElsewhere(e: { code: string; zh: string }): boolean {
  return e.code === 'ID_NUMBER_TAKEN' && e.zh === ID_TAKEN_ELSEWHERE.zh;
}
