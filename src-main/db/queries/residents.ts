/** The residents register: its rows and SELECTs, for the services, the import and the export. Writes stay in services/residents.ts. */
import { eq } from 'drizzle-orm';
import type { Sqlite } from '../connection';
import type { Orm } from '../open';
import { residents } from '../schema';
import { fail } from '../../domain/errors';
import { ENTITY } from './entities';

export type ResidentRow = typeof residents.$inferSelect;

export function requireResident(tx: Orm, id: number, field = 'residentId') {
  const r = tx.select().from(residents).where(eq(residents.id, id)).get();
  if (!r) return fail.notFound(ENTITY.resident, id, field);
  return r;
}

/** The resident holding an ID number, if any. */
export function residentByIdNumber(sqlite: Sqlite, idNumber: string): { id: number; name: string } | undefined {
  return sqlite.prepare('SELECT id, name FROM residents WHERE id_number = ?').get(idNumber) as { id: number; name: string } | undefined;
}

/** Id and ID number of every resident: the import's lookup. */
export function residentIdNumbers(sqlite: Sqlite): Array<{ id: number; idNumber: string }> {
  return sqlite.prepare('SELECT id, id_number AS idNumber FROM residents').all() as Array<{ id: number; idNumber: string }>;
}

/** The fields the resident import compares with a row (0/1 flags as stored). */
export interface ResidentImportRow {
  id: number;
  name: string;
  householdRegionCode: string | null;
  tekun: number;
  tekunSelfCare: string | null;
  dibao: number;
  lowIncome: number;
  shidu: number;
  youfu: number;
  phone: string;
  emergencyContact: string;
  emergencyPhone: string;
}

/** The compared fields, without the id. */
export const RESIDENT_IMPORT_FIELDS = ['name', 'householdRegionCode', 'tekun', 'tekunSelfCare', 'dibao', 'lowIncome', 'shidu', 'youfu', 'phone', 'emergencyContact', 'emergencyPhone'] as const satisfies ReadonlyArray<keyof ResidentImportRow>;

export function residentImportRows(sqlite: Sqlite): Array<ResidentImportRow & { idNumber: string }> {
  return sqlite
    .prepare(
      `SELECT id, id_number AS idNumber, name, household_region_code AS householdRegionCode, tekun, tekun_self_care AS tekunSelfCare,
         dibao, low_income AS lowIncome, shidu, youfu, phone, emergency_contact AS emergencyContact, emergency_phone AS emergencyPhone
       FROM residents`,
    )
    .all() as Array<ResidentImportRow & { idNumber: string }>;
}

/** The export: the residents in scope (`scope` is an SQL condition on r.id), full ID numbers. */
export function residentExportSql(scope: string): string {
  return `
    SELECT r.name, r.id_number AS idNumber, r.household_region_code AS householdRegionCode, r.tekun, r.tekun_self_care AS tekunSelfCare,
      r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu, r.phone, r.emergency_contact AS emergencyContact, r.emergency_phone AS emergencyPhone
    FROM residents r WHERE ${scope} ORDER BY r.id`;
}
