/**
 * The "as of D" rules in SQL, written once. Every query that asks what was true on a date
 * builds on these fragments; `@d` is the date parameter.
 *
 * - A facility's status on D is its latest status change effective on or before D.
 * - A bed is in service on D from in_service_from up to (not including) retired_on.
 * - A stay holds its bed on D from admitted_on up to (not including) discharged_on, so a
 *   transfer on D puts the resident in the new bed on D.
 * - A leave covers D from start_on up to (not including) end_on, the day of return.
 */
export const statusOn = (facility: string) =>
  `(SELECT s.status FROM facility_status_changes s WHERE s.facility_id = ${facility}.id AND s.effective_on <= @d ORDER BY s.effective_on DESC, s.id DESC LIMIT 1)`;

export const bedInService = (bed: string) =>
  `(${bed}.in_service_from <= @d AND (${bed}.retired_on IS NULL OR ${bed}.retired_on > @d))`;

export const stayOpenOn = (stay: string) =>
  `(${stay}.admitted_on <= @d AND (${stay}.discharged_on IS NULL OR ${stay}.discharged_on > @d))`;

export const leaveOn = (leave: string) =>
  `(${leave}.start_on <= @d AND (${leave}.end_on IS NULL OR ${leave}.end_on > @d))`;

/** The stay holding a bed on D, if any (at most one by the admission rules). */
export const occupantStayOf = (bed: string) =>
  `(SELECT st.id FROM stays st WHERE st.bed_id = ${bed}.id AND ${stayOpenOn('st')} LIMIT 1)`;

/**
 * A bed's full name, "1号楼 101 02": building, room and label joined by one space, empty
 * parts left out (never "1号楼  02"); NULL when the LEFT JOIN found no bed.
 */
export const bedFullLabel = (bed: string) =>
  `(CASE WHEN ${bed}.id IS NULL THEN NULL ELSE concat_ws(' ', nullif(trim(${bed}.building), ''), nullif(trim(${bed}.room), ''), trim(${bed}.label)) END)`;

/** A 公建民营 contract is in force on D from start_on through end_on, unless terminated on or before D. */
export const contractInForce = (c: string) =>
  `(${c}.start_on <= @d AND ${c}.end_on >= @d AND (${c}.terminated_on IS NULL OR ${c}.terminated_on > @d))`;

/** `IN (@p0, @p1, …)` with its parameters, for optional list filters. */
export function inList(prefix: string, values: readonly (string | number)[]): { sql: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  const names = values.map((v, i) => {
    params[`${prefix}${i}`] = v;
    return `@${prefix}${i}`;
  });
  return { sql: `(${names.join(', ')})`, params };
}

/** Escape a user's search text for LIKE … ESCAPE '\'. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
