/**
 * Migration 0005 on a database with data at the schema before it (migrations 0000–0004):
 * every register row gets a uid (UUIDv7 in id order; residents the keyed hash of the ID
 * number), unique across the database, nothing else changes, the city secret is made once
 * and kept, and reopening changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, defaultMigrationsFolder, openDatabase, type AppDb } from '../../src-main/db/open';
import { CITY_SECRET_KEY } from '../../src-main/db/city-secret';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import { residentUid } from '../../src-main/domain/resident-uid';
import { TABLE_OWNERSHIP } from '../../src-main/domain/ownership';
import { rawDb } from '../support/raw-db';
import { tempDir } from '../support/temp-db';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const UID_TABLES = Object.entries(TABLE_OWNERSHIP)
  // the register's tables of 0005 (0008's installs have their own uids, made with the install;
  // 0011's facility_licences and 0013's waiting_applications are made with their uid columns and triggers)
  .filter(([t, o]) => o.identity === 'uid' && t !== 'install_identity' && t !== 'installs' && t !== 'facility_licences' && t !== 'waiting_applications')
  .map(([t]) => t);

/** drizzle/ as it was before 0005: the journal cut after 0004_access_refusals. */
function migrationsUpTo0004(): string {
  const dir = path.join(tempDir(), 'drizzle');
  fs.cpSync(defaultMigrationsFolder(), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === '0004_access_refusals');
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

function idNumber(county: string, n: number): string {
  const body = `${county}1940${String(1 + (n % 12)).padStart(2, '0')}01${String(n).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

/** A register at today's schema (0004), written with raw SQL as the app of that version stored it. */
function fillAt0004(db: AppDb): void {
  const s = db.sqlite;
  const run = (sql: string, ...args: unknown[]) => Number(s.prepare(sql).run(...args).lastInsertRowid);
  s.transaction(() => {
    const op = run("INSERT INTO operators (name, credit_code) VALUES ('铜仁康养服务有限公司', '91110108551385082Q')");
    for (const [k, county] of ['520602', '520603'].entries()) {
      run('INSERT INTO populations (region_code, year, population60) VALUES (?, 2025, ?)', county, 40000 + k);
      run('INSERT INTO populations (region_code, year, population60) VALUES (?, 2026, ?)', county, 41000 + k);
      for (let fi = 0; fi < 2; fi++) {
        const f = run("INSERT INTO facilities (region_code, name, kind, ownership, staff_count) VALUES (?, ?, 'nursing_home', 'public_private', 7)", county, `机构${k}-${fi}`);
        run("INSERT INTO facility_status_changes (facility_id, status, effective_on) VALUES (?, 'operating', '2020-01-01')", f);
        const c = run("INSERT INTO contracts (facility_id, operator_id, selection_method, start_on, end_on) VALUES (?, ?, 'open_tender', '2024-01-01', '2027-12-31')", f, op);
        run("INSERT INTO contract_evaluations (contract_id, year, score, result) VALUES (?, 2025, 88.5, 'good')", c);
        for (let b = 0; b < 4; b++) {
          const bed = run("INSERT INTO beds (facility_id, label, care_type, in_service_from) VALUES (?, ?, 'nursing', '2020-01-01')", f, `${b + 1}`);
          const n = k * 100 + fi * 10 + b;
          const r = run("INSERT INTO residents (name, id_number, birth_date, sex) VALUES (?, ?, '1940-01-01', 'male')", `老人${n}`, idNumber(county, n));
          const stay = run("INSERT INTO stays (resident_id, facility_id, bed_id, residential, admitted_on) VALUES (?, ?, ?, 1, '2025-03-01')", r, f, bed);
          if (b === 0) run("INSERT INTO leaves (stay_id, start_on, end_on, reason) VALUES (?, '2025-05-01', '2025-05-03', '探亲')", stay);
          run("INSERT INTO assessments (resident_id, assessed_on, standard, reason, final_level, assessor1, assessor2) VALUES (?, '2025-03-02', 'MZ/T 039-2013', 'first', 1, '甲', '乙')", r);
        }
      }
    }
    run("INSERT INTO audit_log (username, action, entity) VALUES ('seed', 'seed.before0005', 'database')");
  })();
}

type Rows = Record<string, Array<Record<string, unknown>>>;

function allRows(db: AppDb): Rows {
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: Rows = {};
  for (const t of tables) if (!LATER_TABLES.includes(t.name)) out[t.name] = db.sqlite.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all() as Array<Record<string, unknown>>;
  return out;
}

/** Columns later migrations add (empty on every migrated row): 0006's voided assessments. */
const LATER_COLUMNS: Record<string, readonly string[]> = { assessments: ['voided_at', 'voided_by', 'void_reason'] };
/** Tables and columns later migrations derive from what is there (0007: the name search index and sort keys, tests/integration/sort.test.ts). */
const LATER_TABLES: readonly string[] = [
  'resident_name_chars',
  // 0011: licences (made with their uids); 0013: the waiting list (likewise)
  'facility_licences',
  'waiting_applications',
  // 0008: the install and its change log (tests/integration/migration-0008-install.test.ts)
  'install_identity',
  'installs',
  'change_log',
  'change_capture_off',
  'peer_acks',
  'exchange_progress',
  'exchange_ranges',
  'enrolments',
  // 0009: packages held for an upgrade; 0010: 报送情况
  'held_packages',
  'exchange_reports',
];
const LATER_DERIVED: Record<string, readonly string[]> = { facilities: ['name_sort'], operators: ['name_sort'], residents: ['name_sort'] };
/** Columns 0011 and 0012 add with a default (the national record, 全托/日托): every migrated row holds the default. */
const LATER_DEFAULTED: Record<string, Record<string, unknown>> = {
  facilities: {
    credit_code: '', legal_rep: '', legal_rep_phone: '', registration: 'unknown', registration_authority: '', admission_targets: '',
    tekun_institution: 0, glory_home: 0, regional_centre: 0, offers_day_care: 0,
  },
  beds: { use: 'full_time' },
};
/** The nullable columns 0011 adds (null on every migrated row). */
const LATER_NULLABLE_0011 = ['registered_on', 'filed_on', 'founder', 'building_area', 'land_area', 'bed_fee_min_fen', 'bed_fee_max_fen', 'care_fee_min_fen', 'care_fee_max_fen', 'meal_fee_min_fen', 'meal_fee_max_fen', 'resident_deposit_fen', 'latitude', 'longitude'];

/** The rows without what 0005 added: uid, audit_log.owner and the city secret (and the empty LATER_COLUMNS). */
function withoutAdded(rows: Rows): Rows {
  const out: Rows = {};
  for (const [t, list] of Object.entries(rows))
    out[t] = list
      .filter((r) => !(t === 'settings' && r.key === CITY_SECRET_KEY))
      .map((r) => {
        const later = LATER_COLUMNS[t] ?? [];
        const derived = LATER_DERIVED[t] ?? [];
        const defaulted = LATER_DEFAULTED[t] ?? {};
        const nullable = t === 'facilities' ? LATER_NULLABLE_0011 : [];
        r = Object.fromEntries(
          Object.entries(r).filter(([k, v]) => !((later.includes(k) || nullable.includes(k)) && v === null) && !derived.includes(k) && !(k in defaulted && defaulted[k] === v)),
        );
        const { uid: _uid, ...rest } = r;
        if (t !== 'audit_log') return rest;
        const { owner: _owner, ...audit } = rest;
        return audit;
      });
  return out;
}

function secretOf(db: AppDb): string {
  const row = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(CITY_SECRET_KEY) as { value: string } | undefined;
  expect(row).toBeDefined();
  return JSON.parse(row!.value) as string;
}

describe('migration 0005: uids on a database with data', () => {
  it('backfills every register row, keeps everything else, and reopening keeps the uids and the secret', () => {
    const file = path.join(tempDir(), 'eldercare.db');
    const old = openDatabase(file, { migrationsFolder: migrationsUpTo0004() });
    fillAt0004(old);
    const before = allRows(old);
    for (const t of UID_TABLES) expect(before[t]!.length, t).toBeGreaterThan(0);
    expect(before.settings!.some((r) => r.key === CITY_SECRET_KEY)).toBe(false);
    old.close();

    const db = openDatabase(file);
    try {
      const after = allRows(db);
      // nothing but the added columns and the secret changed, row counts included
      expect(withoutAdded(after)).toEqual(withoutAdded(before));
      expect(Object.fromEntries(Object.entries(after).map(([t, r]) => [t, r.length]))).toEqual(
        Object.fromEntries(Object.entries(before).map(([t, r]) => [t, t === 'settings' ? r.length + 1 : r.length])),
      );

      const secret = secretOf(db);
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const seen = new Set<string>();
      for (const t of UID_TABLES) {
        const rows = after[t]!;
        for (const r of rows) {
          expect(typeof r.uid, t).toBe('string');
          expect(seen.has(r.uid as string), `${t} ${String(r.uid)} unique`).toBe(false);
          seen.add(r.uid as string);
        }
        if (t === 'residents') {
          for (const r of rows) {
            expect(r.uid).toMatch(V8);
            expect(r.uid).toBe(residentUid(secret, r.id_number as string));
          }
        } else {
          for (const r of rows) expect(r.uid, t).toMatch(V7);
          // time order within the table follows the ids
          const uids = rows.map((r) => r.uid as string);
          expect(uids, t).toEqual([...uids].sort());
        }
      }
      expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // rows from before owners existed keep a null owner (audit_log is append-only)
      expect(after.audit_log!.every((r) => r.owner === null)).toBe(true);
      db.close();

      const again = openDatabase(file);
      try {
        expect(secretOf(again)).toBe(secret);
        expect(allRows(again)).toEqual(after);
      } finally {
        again.close();
      }
    } finally {
      if (db.sqlite.open) db.close();
    }
  });

  it('a migration that fails halfway leaves the file as it was: no uid column, no secret', () => {
    const file = path.join(tempDir(), 'eldercare.db');
    const before0005 = migrationsUpTo0004();
    const old = openDatabase(file, { migrationsFolder: before0005 });
    fillAt0004(old);
    // a name the migration's last unique index needs, taken: it fails after the backfill ran
    old.sqlite.exec('CREATE INDEX targets_uid_unique ON targets (year)');
    const before = allRows(old);
    old.close();
    let failure: unknown;
    try {
      openDatabase(file).close();
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(DatabaseOpenError);
    expect((failure as DatabaseOpenError).code).toBe('MIGRATION_FAILED');
    const s = rawDb(file);
    try {
      for (const t of UID_TABLES) expect(s.prepare(`SELECT 1 FROM pragma_table_info('${t}') WHERE name = 'uid'`).get(), t).toBeUndefined();
      expect(s.prepare('SELECT 1 FROM settings WHERE key = ?').get(CITY_SECRET_KEY)).toBeUndefined();
      expect((s.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(5);
    } finally {
      s.close();
    }
    const again = openDatabase(file, { migrationsFolder: before0005 });
    try {
      expect(allRows(again)).toEqual(before);
    } finally {
      again.close();
    }
  });

  it('a fresh database gets a city secret on first open, never replaced by later opens', () => {
    const file = path.join(tempDir(), 'fresh.db');
    const db = openDatabase(file);
    const secret = secretOf(db);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    db.close();
    const again = openDatabase(file);
    expect(secretOf(again)).toBe(secret);
    again.close();
  });

  it('a row inserted by raw SQL gets a UUIDv7; a resident without its keyed uid is refused', () => {
    const file = path.join(tempDir(), 'raw.db');
    openDatabase(file).close();
    const s = rawDb(file);
    try {
      s.prepare("INSERT INTO facilities (region_code, name, kind, ownership) VALUES ('520602', '外部写入', 'nursing_home', 'public')").run();
      const row = s.prepare("SELECT uid FROM facilities WHERE name = '外部写入'").get() as { uid: string };
      expect(row.uid).toMatch(V7);
      expect(() => s.prepare("INSERT INTO residents (name, id_number, birth_date, sex) VALUES ('某', ?, '1940-01-01', 'male')").run(idNumber('520602', 1))).toThrow(
        /residents\.uid is required/,
      );
    } finally {
      s.close();
    }
  });
});
