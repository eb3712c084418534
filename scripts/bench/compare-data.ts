/**
 * Two databases compared by natural keys — for "same results before and after" a change to a
 * write path (the generator, an import, a package apply): row ids and creation times differ by
 * design, what a user entered and what the figures count must not.
 *
 *   npx tsx scripts/bench/compare-data.ts A.db B.db [--date 2026-10-31 ...]
 *
 * For each table a digest of its rows keyed by what identifies them for a user (a person by ID
 * number, a bed by facility and label, a stay by person, facility, bed and dates …), and the
 * statistics for each date, county by county. Prints one line per part, `same` or how many
 * rows differ (with the first few), and exits 1 when anything differs.
 */
import { parseArgs } from 'node:util';
import { connect } from '../../src-main/db/connection';
import { currentKey } from '../../src-main/db/db-key';
import { openDatabase } from '../../src-main/db/open';
import { localActor } from '../../src-main/services/local-actor';
import { statistics } from '../../src-main/services/statistics';

/** Each table's rows as `natural key → the rest`, in SQL (joined to names where ids would differ). */
const PARTS: Record<string, string> = {
  facilities: `SELECT f.name AS k, json_array(f.region_code, f.kind, f.ownership, f.medical_care, f.township, f.address, f.grade, f.staff_count, f.care_worker_count, f.phone) AS v FROM facilities f`,
  facilityStatus: `SELECT f.name || '|' || s.effective_on || '|' || s.status AS k, s.note AS v FROM facility_status_changes s JOIN facilities f ON f.id = s.facility_id`,
  beds: `SELECT f.name || '|' || b.building || '|' || b.label AS k, json_array(b.care_type, b.in_service_from, b.retired_on) AS v FROM beds b JOIN facilities f ON f.id = b.facility_id`,
  residents: `SELECT r.id_number AS k, json_array(r.name, r.name_sort, r.birth_date, r.sex, r.household_region_code, r.tekun, r.tekun_self_care, r.dibao, r.low_income, r.shidu, r.youfu, r.phone, r.emergency_contact, r.emergency_phone) AS v FROM residents r`,
  stays: `SELECT r.id_number || '|' || f.name || '|' || coalesce(b.label, '') || '|' || s.admitted_on AS k, json_array(s.residential, s.discharged_on, s.discharge_reason, s.note) AS v
          FROM stays s JOIN residents r ON r.id = s.resident_id JOIN facilities f ON f.id = s.facility_id LEFT JOIN beds b ON b.id = s.bed_id`,
  leaves: `SELECT r.id_number || '|' || st.admitted_on || '|' || l.start_on AS k, json_array(l.end_on, l.reason) AS v
           FROM leaves l JOIN stays st ON st.id = l.stay_id JOIN residents r ON r.id = st.resident_id`,
  assessments: `SELECT r.id_number || '|' || a.assessed_on || '|' || a.reason || '|' || a.standard AS k,
                json_array(a.total, a.preliminary_level, a.final_level, a.coma, a.diagnosis, a.risk_events, a.assessor1, a.assessor2, a.note, a.voided_at) AS v
                FROM assessments a JOIN residents r ON r.id = a.resident_id`,
  auditActions: `SELECT action AS k, count(*) AS v FROM audit_log GROUP BY action`,
  // the stays' audit rows whole (ids follow the write order), less what is drawn fresh each time
  stayAudit: `SELECT action || '|' || entity_id AS k, json_array(
                json_remove(coalesce(before, 'null'), '$.uid', '$.createdAt'),
                json_remove(after, '$.uid', '$.createdAt', '$.closed.uid', '$.closed.createdAt', '$.opened.uid', '$.opened.createdAt'),
                coalesce((SELECT 'facility:' || f.name FROM facilities f WHERE 'facility:' || f.uid = audit_log.owner), audit_log.owner)) AS v
              FROM audit_log WHERE action LIKE 'stay.%'`,
  changeTables: `SELECT tbl || '|' || op AS k, count(*) AS v FROM change_log GROUP BY tbl, op`,
};

function rows(file: string, sql: string): Map<string, string[]> {
  const db = connect(file, currentKey(), { readonly: true });
  try {
    const out = new Map<string, string[]>();
    for (const r of db.prepare(sql).all() as Array<{ k: string; v: unknown }>) {
      const list = out.get(r.k) ?? [];
      list.push(String(r.v));
      out.set(r.k, list);
    }
    for (const list of out.values()) list.sort();
    return out;
  } finally {
    db.close();
  }
}

function compare(a: Map<string, string[]>, b: Map<string, string[]>): { count: number; differ: string[] } {
  const differ: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = JSON.stringify(a.get(k) ?? null);
    const y = JSON.stringify(b.get(k) ?? null);
    if (x !== y) differ.push(`${k}: ${x} vs ${y}`);
  }
  return { count: a.size, differ };
}

function figures(file: string, date: string): Map<string, string[]> {
  const db = openDatabase(file, { autoBackup: false, checkIntegrity: false });
  try {
    const s = statistics({ db, actor: localActor(db) }, { date });
    return new Map(s.rows.map((r) => [r.code, [JSON.stringify({ ...r })]]));
  } finally {
    db.close();
  }
}

function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { date: { type: 'string', multiple: true } } });
  const [a, b] = positionals;
  if (!a || !b) throw new Error('usage: compare-data.ts A.db B.db [--date YYYY-MM-DD ...]');
  let failed = false;
  const report = (name: string, r: { count: number; differ: string[] }) => {
    if (r.differ.length > 0) failed = true;
    console.log(`${name}: ${r.count} keys, ${r.differ.length === 0 ? 'same' : `${r.differ.length} differ`}`);
    for (const d of r.differ.slice(0, 5)) console.log(`  ${d.slice(0, 300)}`);
  };
  for (const [name, sql] of Object.entries(PARTS)) report(name, compare(rows(a, sql), rows(b, sql)));
  for (const date of values.date ?? ['2024-12-31', '2025-12-31', '2026-10-31']) report(`statistics ${date} (by county)`, compare(figures(a, date), figures(b, date)));
  process.exitCode = failed ? 1 : 0;
}

main();
