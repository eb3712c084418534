/**
 * The statistics of docs/domain.md#figures as one hand-written SQL statement for PostgreSQL's
 * `psql`: the yardstick the hub's statistics (the app's one SQL program, run on its pool) are
 * measured against. stats-sql.ts adapted to PostgreSQL: booleans counted with FILTER instead
 * of summed, plain joins (PostgreSQL plans the order itself). Same rules as the app
 * (as-of.ts): status on D = latest change on or before D; beds in service from
 * in_service_from up to retired_on; a stay holds its bed up to discharged_on; an unregistered
 * 乡镇敬老院 is no institution, its 特困 residents still count.
 *
 * One row per county of the home city, then the total (code 'total'); columns
 * code|name|facilities|beds|inst_nursing|occupied|residents|tekun_residents|beds_per_thousand|nursing_share|occupancy|tekun_rate.
 */
export const PG_STATS_COLUMNS = [
  'code', 'name', 'facilities', 'beds', 'inst_nursing', 'occupied', 'residents', 'tekun_residents',
  'beds_per_thousand', 'nursing_share', 'occupancy', 'tekun_rate',
] as const;

/** A literal for the statement (the values are the bench's own: a date and region codes). */
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

export function statisticsPgSql(date: string, homeRegion: string, county?: string): string {
  const d = lit(date);
  const y = Number(date.slice(0, 4));
  const countyFilter = county ? `AND f.region_code = ${lit(county)}` : '';
  const regionFilter = county ? `AND c.code = ${lit(county)}` : '';
  const inService = `b.in_service_from <= ${d} AND (b.retired_on IS NULL OR b.retired_on > ${d})`;
  const latest = (col: string) => `(SELECT v.${col} FROM populations v WHERE v.region_code = c.code AND v.year <= ${y} AND v.${col} IS NOT NULL ORDER BY v.year DESC LIMIT 1)`;
  return `
WITH operating AS MATERIALIZED (
  SELECT f.id, f.region_code AS code, f.kind IN ('nursing_home', 'support_home') AS inst, f.staff_count, f.care_worker_count,
    (f.kind = 'support_home' AND f.registration = 'unregistered') AS unregistered_support_home
  FROM facilities f
  WHERE (SELECT s.status FROM facility_status_changes s WHERE s.facility_id = f.id AND s.effective_on <= ${d}
         ORDER BY s.effective_on DESC, s.id DESC LIMIT 1) = 'operating' ${countyFilter}
),
fac AS MATERIALIZED (SELECT * FROM operating WHERE NOT unregistered_support_home),
open_stays AS MATERIALIZED (
  SELECT st.resident_id, st.bed_id, st.facility_id, st.residential FROM stays st
  WHERE st.admitted_on <= ${d} AND (st.discharged_on IS NULL OR st.discharged_on > ${d})
),
bed_counts AS (
  SELECT fac.code, count(*) AS beds, count(*) FILTER (WHERE fac.inst) AS inst_beds,
    count(*) FILTER (WHERE fac.inst AND b.care_type = 'nursing') AS inst_nursing
  FROM fac JOIN beds b ON b.facility_id = fac.id WHERE ${inService} GROUP BY fac.code
),
occupied AS (
  SELECT fac.code, count(*) AS occupied FROM open_stays o JOIN beds b ON b.id = o.bed_id JOIN fac ON fac.id = b.facility_id
  WHERE ${inService} GROUP BY fac.code
),
people AS (SELECT fac.code, count(DISTINCT o.resident_id) AS residents FROM open_stays o JOIN fac ON fac.id = o.facility_id GROUP BY fac.code),
tekun AS (
  SELECT coalesce(r.household_region_code, fac.code) AS code, count(DISTINCT r.id) AS n
  FROM open_stays o JOIN operating fac ON fac.id = o.facility_id JOIN residents r ON r.id = o.resident_id
  WHERE o.residential = 1 AND r.tekun = 1 AND r.tekun_self_care IN ('partial', 'none') GROUP BY 1
),
fac_counts AS (SELECT code, count(*) AS facilities, sum(staff_count) AS staff, sum(care_worker_count) AS care_workers FROM fac GROUP BY code),
per_county AS (
  SELECT c.code, c.name, coalesce(fc.facilities, 0) AS facilities, coalesce(bc.beds, 0) AS beds,
    coalesce(bc.inst_beds, 0) AS inst_beds, coalesce(bc.inst_nursing, 0) AS inst_nursing, coalesce(oc.occupied, 0) AS occupied,
    coalesce(pe.residents, 0) AS residents, coalesce(tk.n, 0) AS tekun_residents, ${latest('population60')} AS p60, ${latest('tekun_unable')} AS tekun_total
  FROM regions c
  LEFT JOIN fac_counts fc ON fc.code = c.code LEFT JOIN bed_counts bc ON bc.code = c.code LEFT JOIN occupied oc ON oc.code = c.code
  LEFT JOIN people pe ON pe.code = c.code LEFT JOIN tekun tk ON tk.code = c.code
  WHERE c.parent_code = ${lit(homeRegion)} AND c.level = 'county' ${regionFilter}
),
with_total AS (
  SELECT 0 AS sort, * FROM per_county
  UNION ALL
  SELECT 1, 'total', '合计', sum(facilities), sum(beds), sum(inst_beds), sum(inst_nursing), sum(occupied), sum(residents), sum(tekun_residents),
    CASE WHEN count(p60) = count(*) THEN sum(p60) END, CASE WHEN count(tekun_total) = count(*) THEN sum(tekun_total) END
  FROM per_county
)
SELECT code, name, facilities, beds, inst_nursing, occupied, residents, tekun_residents,
  CASE WHEN p60 > 0 THEN round(beds * 1000.0 / p60, 2) END AS beds_per_thousand,
  CASE WHEN inst_beds > 0 THEN round(inst_nursing * 1.0 / inst_beds, 4) END AS nursing_share,
  CASE WHEN beds > 0 THEN round(occupied * 1.0 / beds, 4) END AS occupancy,
  CASE WHEN tekun_total > 0 THEN round(tekun_residents * 1.0 / tekun_total, 4) END AS tekun_rate
FROM with_total
ORDER BY sort, code;
`;
}

export interface PgStatsRow {
  code: string;
  name: string;
  facilities: number;
  beds: number;
  instNursing: number;
  occupied: number;
  residents: number;
  tekunResidents: number;
}

/** psql's unaligned, tuples-only output (`-A -t`, fields split by |) as rows. */
export function parsePsqlRows(stdout: string): PgStatsRow[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const f = line.split('|');
      if (f.length !== PG_STATS_COLUMNS.length) throw new Error(`psql: unexpected row: ${line}`);
      const n = (i: number) => Number(f[i]);
      return { code: f[0]!, name: f[1]!, facilities: n(2), beds: n(3), instNursing: n(4), occupied: n(5), residents: n(6), tekunResidents: n(7) };
    });
}
