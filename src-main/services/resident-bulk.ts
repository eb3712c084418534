/**
 * Registering many people at once (an import of a whole file, the generator): the rules of
 * createResident, applied to every person before anything is written, then one set-based
 * write — statements prepared once, the rows inserted with the capture triggers silent and
 * captured afterwards in one statement (db/change-capture.ts captureInserted), and the same
 * audit row per person as a single registration writes, so the trail and the scope that
 * reads it (services/scope.ts: residents an account registered) do not depend on the path.
 */
import type { z } from 'zod';
import type { residentCreateInput } from '../contract/schemas';
import { citySecret } from '../db/city-secret';
import { captureInserted, withCaptureOff } from '../db/change-capture';
import { UNPLACED } from '../db/exchange/change-owner';
import { ownAudience } from '../db/exchange/seal';
import { readIdentity } from '../db/install-identity';
import { residentByIdNumber } from '../db/queries/residents';
import { AppError, fail } from '../domain/errors';
import { ENTITY } from '../db/queries/entities';
import { ID_TAKEN_ELSEWHERE } from '../domain/id-taken';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import { nameSortKey } from '../domain/name-sort';
import { CITY, ownerKey } from '../domain/ownership';
import type { SelfCare } from '../domain/enums';
import { residentUid } from '../domain/resident-uid';
import { write, type ServiceContext } from './context';
import { mayReadResident } from './scope';

export type NewResidentInput = z.infer<typeof residentCreateInput>;

/** A person checked and ready to store: the row's values as the residents table holds them. */
export interface CheckedResident {
  uid: string;
  name: string;
  nameSort: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  householdRegionCode: string | null;
  tekun: boolean;
  tekunSelfCare: SelfCare | null;
  dibao: boolean;
  lowIncome: boolean;
  shidu: boolean;
  youfu: boolean;
  phone: string;
  emergencyContact: string;
  emergencyPhone: string;
}

/** 特困 self-care status is required for 特困 persons and meaningless for others. */
export function checkTekun(tekun: boolean, selfCare: SelfCare | null): void {
  if (tekun && selfCare === null)
    fail.validation('TEKUN_SELF_CARE_REQUIRED', 'tekunSelfCare', '特困人员须填写特困自理能力', 'Self-care status is required for 特困 persons');
  if (!tekun && selfCare !== null)
    fail.validation('TEKUN_SELF_CARE_NOT_TEKUN', 'tekunSelfCare', '非特困人员不填写特困自理能力', 'Self-care status applies to 特困 persons only');
}

/**
 * The number must not belong to another resident. An account that can see that resident is
 * told their name; any other gets ID_TAKEN_ELSEWHERE only.
 */
export function assertIdFree(ctx: ServiceContext, idNumber: string, exceptId?: number): void {
  const clash = residentByIdNumber(ctx.db.sqlite, idNumber);
  if (!clash || clash.id === exceptId) return;
  if (mayReadResident(ctx, clash.id))
    throw new AppError({
      code: 'ID_NUMBER_TAKEN', kind: 'conflict', field: 'idNumber',
      zh: `身份证号已登记（${clash.name}）`, en: `This ID number is already registered (${clash.name})`,
      // The screen offers to open (or, in admission, pick) that person.
      ref: { entity: 'resident', id: clash.id, name: clash.name },
    });
  fail.conflict('ID_NUMBER_TAKEN', 'idNumber', ID_TAKEN_ELSEWHERE.zh, ID_TAKEN_ELSEWHERE.en);
}

const INSERT_COLUMNS = [
  'uid', 'name', 'name_sort', 'id_number', 'birth_date', 'sex', 'household_region_code', 'tekun', 'tekun_self_care',
  'dibao', 'low_income', 'shidu', 'youfu', 'phone', 'emergency_contact', 'emergency_phone',
] as const;

/**
 * The checks and the write, for one batch of new people. `check` applies every rule of a
 * registration (throws AppError naming the field, as createResident does) and remembers the
 * number, so two people of one batch cannot share it either; `insert` writes checked people.
 */
export class NewResidents {
  private readonly secret: string;
  private readonly regionKnown;
  private readonly numbers = new Set<string>();

  constructor(private readonly ctx: ServiceContext) {
    this.secret = citySecret(ctx.db.sqlite);
    this.regionKnown = ctx.db.sqlite.prepare('SELECT 1 FROM regions WHERE code = ?').pluck();
  }

  check(input: NewResidentInput): CheckedResident {
    const tekun = input.tekun ?? false;
    const selfCare = input.tekunSelfCare ?? null;
    checkTekun(tekun, selfCare);
    const id = parseIdNumber(input.idNumber);
    if (!id.ok) return fail.validation(`ID_${id.problem.toUpperCase()}`, 'idNumber', '身份证号不正确', 'Invalid ID number');
    const household = input.householdRegionCode ?? null;
    if (household !== null && this.regionKnown.get(household) === undefined) fail.notFound(ENTITY.region, household, 'householdRegionCode');
    if (this.numbers.has(id.value)) fail.conflict('ID_NUMBER_TAKEN', 'idNumber', '身份证号在本批中重复', 'The ID number appears twice in this batch');
    assertIdFree(this.ctx, id.value);
    this.numbers.add(id.value);
    return {
      uid: residentUid(this.secret, id.value),
      name: input.name,
      nameSort: nameSortKey(input.name, true),
      idNumber: id.value,
      birthDate: id.birthDate,
      sex: id.sex,
      householdRegionCode: household,
      tekun,
      tekunSelfCare: selfCare,
      dibao: input.dibao ?? false,
      lowIncome: input.lowIncome ?? false,
      shidu: input.shidu ?? false,
      youfu: input.youfu ?? false,
      phone: input.phone ?? '',
      emergencyContact: input.emergencyContact ?? '',
      emergencyPhone: input.emergencyPhone ?? '',
    };
  }

  /**
   * Writes checked people in one write (a savepoint inside an import's transaction): staged in
   * a temporary table by one prepared statement, then one INSERT … SELECT each for the rows,
   * their audit rows and their changes. Their ids, in order.
   */
  insert(people: readonly CheckedResident[]): number[] {
    if (people.length === 0) return [];
    const { sqlite } = this.ctx.db;
    const actor = this.ctx.actor;
    return write(this.ctx, CITY, () => {
      sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS resident_stage (n INTEGER PRIMARY KEY, ${INSERT_COLUMNS.join(', ')}, masked)`);
      sqlite.exec('DELETE FROM temp.resident_stage');
      const stage = sqlite.prepare(`INSERT INTO temp.resident_stage VALUES (${['?', ...INSERT_COLUMNS, 'masked'].map(() => '?').join(', ')})`);
      people.forEach((p, n) =>
        stage.run(
          n, p.uid, p.name, p.nameSort, p.idNumber, p.birthDate, p.sex, p.householdRegionCode, p.tekun ? 1 : 0, p.tekunSelfCare,
          p.dibao ? 1 : 0, p.lowIncome ? 1 : 0, p.shidu ? 1 : 0, p.youfu ? 1 : 0, p.phone, p.emergencyContact, p.emergencyPhone,
          maskIdNumber(p.idNumber),
        ),
      );
      const before = sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM residents').pluck().get() as number;
      withCaptureOff(sqlite, () => {
        sqlite.exec(`INSERT INTO residents (${INSERT_COLUMNS.join(', ')}) SELECT ${INSERT_COLUMNS.join(', ')} FROM temp.resident_stage ORDER BY n`);
      });
      // each person's audit row as createResident writes it: every column but the sort key, the number masked
      const bool = (c: string) => `CASE WHEN r.${c} THEN json('true') ELSE json('false') END`;
      sqlite
        .prepare(
          `INSERT INTO audit_log (user_id, username, action, entity, entity_id, before, after, owner)
           SELECT @userId, @username, 'resident.create', 'resident', CAST(r.id AS TEXT), NULL,
             json_object('id', r.id, 'uid', r.uid, 'name', r.name, 'idNumber', s.masked, 'birthDate', r.birth_date, 'sex', r.sex,
               'householdRegionCode', r.household_region_code, 'tekun', ${bool('tekun')}, 'tekunSelfCare', r.tekun_self_care,
               'dibao', ${bool('dibao')}, 'lowIncome', ${bool('low_income')}, 'shidu', ${bool('shidu')}, 'youfu', ${bool('youfu')},
               'phone', r.phone, 'emergencyContact', r.emergency_contact, 'emergencyPhone', r.emergency_phone,
               'createdAt', r.created_at, 'updatedAt', r.updated_at),
             @owner
           FROM residents r JOIN temp.resident_stage s ON s.uid = r.uid WHERE r.rowid > @before ORDER BY r.id`,
        )
        .run({ userId: actor.userId, username: actor.username, owner: ownerKey(CITY, () => ''), before });
      // new people are admitted nowhere yet: unplaced, reaching the offices above this one
      const me = readIdentity(sqlite);
      if (me) captureInserted(sqlite, 'residents', before, { owner: UNPLACED.owner, audience: ownAudience(me) });
      const ids = sqlite.prepare('SELECT r.id FROM residents r JOIN temp.resident_stage s ON s.uid = r.uid ORDER BY s.n').pluck().all() as number[];
      sqlite.exec('DELETE FROM temp.resident_stage');
      return ids;
    });
  }
}
