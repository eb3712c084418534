/**
 * The store. Column names are snake_case in SQLite (drizzle `casing`), camelCase in code.
 * Dates are ISO text (YYYY-MM-DD); money is integer fen; booleans are 0/1 integers.
 * Every invariant SQLite can hold is declared here: enums and ranges as CHECKs, one open
 * stay per bed and one open residential stay per resident as partial unique indexes.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { v7 } from 'uuid';
import { ASSESSMENT_ITEMS, type AssessmentItemKey } from '../domain/assessment';
import {
  ASSESSMENT_REASONS,
  ASSESSMENT_STANDARDS,
  BED_USES,
  CARE_TYPES,
  DIAGNOSES,
  DISCHARGE_REASONS,
  EVALUATION_RESULTS,
  FACILITY_KINDS,
  FACILITY_STATUSES,
  FOUNDERS,
  LICENCE_KINDS,
  OWNERSHIPS,
  REGISTRATIONS,
  REGION_LEVELS,
  SELECTION_METHODS,
  SELF_CARE_VALUES,
  TARGET_METRICS,
} from '../domain/enums';
import { WAITING_CATEGORIES, WAITING_STATUSES } from '../domain/waiting-list';
import { bool, isBool, isDate, now, oneOf, snakeCase } from './schema-columns';

/**
 * A register row's identity: never changes, the same in every install (integer ids stay the
 * local keys of foreign keys and URLs). Every drizzle insert gets a UUIDv7. The SQL default ''
 * exists only because SQLite adds a NOT NULL column with a constant default; a trigger
 * (migration 0005) gives a v7 to a row inserted by raw SQL without one.
 */
const uid = () =>
  text()
    .notNull()
    .default('')
    .unique()
    .$defaultFn(() => v7());

export const regions = sqliteTable(
  'regions',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: text({ enum: REGION_LEVELS }).notNull(),
    parentCode: text().references((): AnySQLiteColumn => regions.code),
  },
  (t) => [
    check('regions_level', oneOf(t.level, REGION_LEVELS)),
    check('regions_code', sql`${t.code} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'`),
    index('regions_parent').on(t.parentCode),
  ],
);

/** Yearly figures per region: people aged 60+, 80+ (optional), 特困 persons unable to care for themselves. */
export const populations = sqliteTable(
  'populations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    regionCode: text().notNull().references(() => regions.code),
    year: integer().notNull(),
    population60: integer(),
    population80: integer(),
    tekunUnable: integer(),
    updatedAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('populations_region_year').on(t.regionCode, t.year),
    check('populations_year', sql`${t.year} BETWEEN 1949 AND 2200`),
    check('populations_p60', sql`${t.population60} IS NULL OR ${t.population60} >= 0`),
    check('populations_p80', sql`${t.population80} IS NULL OR ${t.population80} >= 0`),
    check('populations_tekun', sql`${t.tekunUnable} IS NULL OR ${t.tekunUnable} >= 0`),
  ],
);

export const facilities = sqliteTable(
  'facilities',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    regionCode: text().notNull().references(() => regions.code),
    name: text().notNull(),
    /** domain/name-sort.ts: pinyin, natural numbers, then the name (migration 0007). */
    nameSort: text().notNull().default(''),
    kind: text({ enum: FACILITY_KINDS }).notNull(),
    ownership: text({ enum: OWNERSHIPS }).notNull(),
    medicalCare: bool(),
    township: text().notNull().default(''),
    address: text().notNull().default(''),
    grade: integer(),
    staffCount: integer().notNull().default(0),
    careWorkerCount: integer().notNull().default(0),
    phone: text().notNull().default(''),
    createdAt: text().notNull().default(now),
    updatedAt: text().notNull().default(now),
    // The national system's facility record (migration 0011; checked by services/facility-record.ts)
    creditCode: text().notNull().default(''),
    legalRep: text().notNull().default(''),
    legalRepPhone: text().notNull().default(''),
    registration: text({ enum: REGISTRATIONS }).notNull().default('unknown'),
    registrationAuthority: text().notNull().default(''),
    registeredOn: text(),
    /** 备案 date (民政部令第66号 art. 9: within 10 working days of taking residents). */
    filedOn: text(),
    founder: text({ enum: FOUNDERS }),
    /** Square metres. */
    buildingArea: real(),
    landArea: real(),
    admissionTargets: text().notNull().default(''),
    /** Monthly fees, integer fen: the lowest and highest a resident pays; the deposit once. */
    bedFeeMinFen: integer(),
    bedFeeMaxFen: integer(),
    careFeeMinFen: integer(),
    careFeeMaxFen: integer(),
    mealFeeMinFen: integer(),
    mealFeeMaxFen: integer(),
    residentDepositFen: integer(),
    tekunInstitution: bool(),
    gloryHome: bool(),
    regionalCentre: bool(),
    latitude: real(),
    longitude: real(),
    /** 提供日间照料: the facility may hold 日托 beds (a day-care centre always may). */
    offersDayCare: bool(),
  },
  (t) => [
    uniqueIndex('facilities_region_name').on(t.regionCode, t.name),
    index('facilities_kind').on(t.kind),
    index('facilities_name_sort').on(t.nameSort),
    check('facilities_kind', oneOf(t.kind, FACILITY_KINDS)),
    check('facilities_ownership', oneOf(t.ownership, OWNERSHIPS)),
    check('facilities_medical_care', isBool(t.medicalCare)),
    check('facilities_grade', sql`${t.grade} IS NULL OR ${t.grade} BETWEEN 1 AND 5`),
    check('facilities_staff', sql`${t.staffCount} >= 0 AND ${t.careWorkerCount} >= 0`),
    check('facilities_name', sql`length(trim(${t.name})) > 0`),
  ],
);

/** Licences and insurances of a facility (消防审验, 食品经营许可, 医疗机构执业许可 or 签约医疗, 责任险), each with its dates. */
export const facilityLicences = sqliteTable(
  'facility_licences',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    facilityId: integer().notNull().references(() => facilities.id, { onDelete: 'cascade' }),
    kind: text({ enum: LICENCE_KINDS }).notNull(),
    number: text().notNull().default(''),
    issuedOn: text().notNull(),
    /** Null: no expiry (e.g. a fire-safety acceptance). */
    expiresOn: text(),
    note: text().notNull().default(''),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    index('facility_licences_facility').on(t.facilityId, t.kind),
    check('facility_licences_kind', oneOf(t.kind, LICENCE_KINDS)),
    check('facility_licences_issued', isDate(t.issuedOn)),
    check('facility_licences_expires', sql`${t.expiresOn} IS NULL OR (${isDate(t.expiresOn)} AND ${t.expiresOn} >= ${t.issuedOn})`),
  ],
);

/** Status over time: the status on D is the latest change effective on or before D. */
export const facilityStatusChanges = sqliteTable(
  'facility_status_changes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    facilityId: integer().notNull().references(() => facilities.id, { onDelete: 'cascade' }),
    status: text({ enum: FACILITY_STATUSES }).notNull(),
    effectiveOn: text().notNull(),
    note: text().notNull().default(''),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('facility_status_facility_date').on(t.facilityId, t.effectiveOn),
    check('facility_status_status', oneOf(t.status, FACILITY_STATUSES)),
    check('facility_status_date', isDate(t.effectiveOn)),
  ],
);

export const beds = sqliteTable(
  'beds',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    facilityId: integer().notNull().references(() => facilities.id, { onDelete: 'cascade' }),
    building: text().notNull().default(''),
    room: text().notNull().default(''),
    label: text().notNull(),
    careType: text({ enum: CARE_TYPES }).notNull(),
    /** 全托 / 日托 (migration 0012): 日托 only at a facility that offers day care. */
    use: text({ enum: BED_USES }).notNull().default('full_time'),
    inServiceFrom: text().notNull(),
    retiredOn: text(),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('beds_facility_label').on(t.facilityId, t.building, t.room, t.label),
    check('beds_care_type', oneOf(t.careType, CARE_TYPES)),
    check('beds_in_service', isDate(t.inServiceFrom)),
    check('beds_retired', sql`${t.retiredOn} IS NULL OR (${isDate(t.retiredOn)} AND ${t.retiredOn} >= ${t.inServiceFrom})`),
    check('beds_label', sql`length(trim(${t.label})) > 0`),
  ],
);

export const residents = sqliteTable(
  'residents',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** residentUid(city secret, ID number) when first registered (domain/resident-uid.ts); set by the service, never by default. */
    uid: text().notNull().default('').unique(),
    name: text().notNull(),
    /** domain/name-sort.ts: pinyin (surname reading), then the name (migration 0007). */
    nameSort: text().notNull().default(''),
    idNumber: text().notNull(),
    birthDate: text().notNull(),
    sex: text({ enum: ['male', 'female'] }).notNull(),
    householdRegionCode: text().references(() => regions.code),
    tekun: bool(),
    tekunSelfCare: text({ enum: SELF_CARE_VALUES }),
    dibao: bool(),
    lowIncome: bool(),
    shidu: bool(),
    youfu: bool(),
    phone: text().notNull().default(''),
    emergencyContact: text().notNull().default(''),
    emergencyPhone: text().notNull().default(''),
    createdAt: text().notNull().default(now),
    updatedAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('residents_id_number').on(t.idNumber),
    index('residents_name').on(t.name),
    index('residents_name_sort').on(t.nameSort),
    index('residents_id_tail').on(sql`substr(${t.idNumber}, -4)`),
    index('residents_household').on(t.householdRegionCode),
    check('residents_id_number', sql`length(${t.idNumber}) = 18`),
    check('residents_sex', sql`${t.sex} IN ('male', 'female')`),
    check('residents_birth_date', isDate(t.birthDate)),
    check('residents_tekun_self_care', sql`(${t.tekun} = 1 AND ${t.tekunSelfCare} IN (${sql.raw(SELF_CARE_VALUES.map((v) => `'${v}'`).join(', '))})) OR (${t.tekun} = 0 AND ${t.tekunSelfCare} IS NULL)`),
    check('residents_flags', sql`${isBool(t.tekun)} AND ${isBool(t.dibao)} AND ${isBool(t.lowIncome)} AND ${isBool(t.shidu)} AND ${isBool(t.youfu)}`),
    check('residents_name', sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * The characters of each resident's name, one row each, so that a search for any part of a
 * name ("国海" finds 丁国海) reads the residents holding its first character by index instead
 * of every name (services/resident-list.ts). Derived from residents.name and kept by the
 * triggers of migration 0007 on every insert, rename and delete — the services, the import
 * and the generator write residents only, never this table.
 */
export const residentNameChars = sqliteTable(
  'resident_name_chars',
  {
    ch: text().notNull(),
    residentId: integer().notNull().references(() => residents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ch, t.residentId] }), index('resident_name_chars_resident').on(t.residentId)],
);

/**
 * A stay occupies its bed from admitted_on up to (not including) discharged_on, so a
 * transfer on D closes one stay on D and opens the next on D without overlap.
 */
export const stays = sqliteTable(
  'stays',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    residentId: integer().notNull().references(() => residents.id),
    facilityId: integer().notNull().references(() => facilities.id),
    bedId: integer().references(() => beds.id),
    /** Copied from the facility kind: only residential stays are limited to one per resident. */
    residential: integer({ mode: 'boolean' }).notNull(),
    admittedOn: text().notNull(),
    dischargedOn: text(),
    dischargeReason: text({ enum: DISCHARGE_REASONS }),
    transferredFromStayId: integer().references((): AnySQLiteColumn => stays.id),
    note: text().notNull().default(''),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('stays_open_bed').on(t.bedId).where(sql`${t.dischargedOn} IS NULL AND ${t.bedId} IS NOT NULL`),
    // Not unique since migration 0008: a person admitted at B while A's discharge has not yet
    // arrived is stored (services/stays.ts refuses it locally; data quality shows the overlap).
    index('stays_open_resident').on(t.residentId).where(sql`${t.dischargedOn} IS NULL AND ${t.residential} = 1`),
    index('stays_bed_dates').on(t.bedId, t.admittedOn),
    index('stays_resident').on(t.residentId, t.admittedOn),
    index('stays_facility').on(t.facilityId, t.admittedOn),
    check('stays_admitted', isDate(t.admittedOn)),
    check('stays_discharged', sql`${t.dischargedOn} IS NULL OR (${isDate(t.dischargedOn)} AND ${t.dischargedOn} >= ${t.admittedOn})`),
    check('stays_reason', sql`(${t.dischargedOn} IS NULL AND ${t.dischargeReason} IS NULL) OR (${t.dischargedOn} IS NOT NULL AND ${oneOf(t.dischargeReason, DISCHARGE_REASONS)})`),
    check('stays_residential_bed', sql`${t.residential} = 0 OR ${t.bedId} IS NOT NULL`),
  ],
);

/** 外出: the resident is away but keeps the bed; at most one open leave per stay. */
export const leaves = sqliteTable(
  'leaves',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    stayId: integer().notNull().references(() => stays.id),
    startOn: text().notNull(),
    endOn: text(),
    reason: text().notNull().default(''),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('leaves_open_stay').on(t.stayId).where(sql`${t.endOn} IS NULL`),
    index('leaves_stay').on(t.stayId, t.startOn),
    check('leaves_start', isDate(t.startOn)),
    check('leaves_end', sql`${t.endOn} IS NULL OR (${isDate(t.endOn)} AND ${t.endOn} >= ${t.startOn})`),
  ],
);

/**
 * An application for a place at a facility (轮候, docs/domain.md#waiting-list): the category
 * and ability level as they were when the person applied; closed when admitted (with the stay)
 * or withdrawn (with the reason). At most one waiting application per person and facility.
 */
export const waitingApplications = sqliteTable(
  'waiting_applications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    facilityId: integer().notNull().references(() => facilities.id),
    residentId: integer().notNull().references(() => residents.id),
    appliedOn: text().notNull(),
    category: text({ enum: WAITING_CATEGORIES }).notNull(),
    /** GB/T 42195 level 0–4; null = not assessed. */
    assessmentLevel: integer(),
    status: text({ enum: WAITING_STATUSES }).notNull().default('waiting'),
    closedOn: text(),
    stayId: integer().references(() => stays.id),
    withdrawReason: text().notNull().default(''),
    note: text().notNull().default(''),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('waiting_applications_open').on(t.residentId, t.facilityId).where(sql`${t.status} = 'waiting'`),
    index('waiting_applications_facility').on(t.facilityId, t.status),
    check('waiting_applications_category', oneOf(t.category, WAITING_CATEGORIES)),
    check('waiting_applications_status', oneOf(t.status, WAITING_STATUSES)),
    check('waiting_applications_applied', isDate(t.appliedOn)),
    check('waiting_applications_level', sql`${t.assessmentLevel} IS NULL OR ${t.assessmentLevel} BETWEEN 0 AND 4`),
    check(
      'waiting_applications_closed',
      sql`(${t.status} = 'waiting' AND ${t.closedOn} IS NULL AND ${t.stayId} IS NULL)
        OR (${t.status} = 'admitted' AND ${isDate(t.closedOn)} AND ${t.closedOn} >= ${t.appliedOn} AND ${t.stayId} IS NOT NULL)
        OR (${t.status} = 'withdrawn' AND ${isDate(t.closedOn)} AND ${t.closedOn} >= ${t.appliedOn} AND ${t.stayId} IS NULL)`,
    ),
  ],
);

const itemColumn = () => integer();
function assessmentItemColumns() {
  const cols = {} as Record<AssessmentItemKey, ReturnType<typeof itemColumn>>;
  for (const item of ASSESSMENT_ITEMS) cols[item.key] = itemColumn();
  return cols;
}

export const assessments = sqliteTable(
  'assessments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    residentId: integer().notNull().references(() => residents.id),
    assessedOn: text().notNull(),
    standard: text({ enum: ASSESSMENT_STANDARDS }).notNull(),
    reason: text({ enum: ASSESSMENT_REASONS }).notNull(),
    ...assessmentItemColumns(),
    coma: bool(),
    diagnosis: text({ enum: DIAGNOSES }).notNull().default('none'),
    riskEvents: integer().notNull().default(0),
    total: integer(),
    preliminaryLevel: integer(),
    finalLevel: integer().notNull(),
    assessor1: text().notNull(),
    assessor2: text().notNull(),
    note: text().notNull().default(''),
    createdAt: text().notNull().default(now),
    /**
     * Voided (a wrongly keyed assessment): kept for the record, counted nowhere
     * (services/assessment-void.ts). Added columns without a CHECK, so the migration is three
     * ALTER TABLEs and the table keeps its uid trigger (migration 0005).
     */
    voidedAt: text(),
    voidedBy: text(),
    voidReason: text(),
  },
  (t) => [
    index('assessments_resident').on(t.residentId, t.assessedOn),
    check('assessments_date', isDate(t.assessedOn)),
    check('assessments_standard', oneOf(t.standard, ASSESSMENT_STANDARDS)),
    check('assessments_reason', oneOf(t.reason, ASSESSMENT_REASONS)),
    check('assessments_diagnosis', oneOf(t.diagnosis, DIAGNOSES)),
    check('assessments_risk', sql`${t.riskEvents} >= 0`),
    check('assessments_total', sql`${t.total} IS NULL OR ${t.total} BETWEEN 0 AND 90`),
    check(
      'assessments_levels',
      sql`(${t.standard} = 'GB/T 42195-2022' AND ${t.finalLevel} BETWEEN 0 AND 4 AND ${t.preliminaryLevel} BETWEEN 0 AND 4 AND ${t.total} IS NOT NULL)
        OR (${t.standard} = 'MZ/T 039-2013' AND ${t.finalLevel} BETWEEN 0 AND 3)`,
    ),
    check(
      'assessments_items',
      sql.raw(ASSESSMENT_ITEMS.map((i) => `(${snakeCase(i.key)} IS NULL OR ${snakeCase(i.key)} BETWEEN 0 AND ${i.max})`).join(' AND ')),
    ),
  ],
);


export const operators = sqliteTable(
  'operators',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    name: text().notNull(),
    /** domain/name-sort.ts: pinyin, natural numbers, then the name (migration 0007). */
    nameSort: text().notNull().default(''),
    creditCode: text().notNull(),
    legalRepresentative: text().notNull().default(''),
    contactPerson: text().notNull().default(''),
    phone: text().notNull().default(''),
    address: text().notNull().default(''),
    createdAt: text().notNull().default(now),
    updatedAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('operators_credit_code').on(t.creditCode),
    index('operators_name_sort').on(t.nameSort),
    check('operators_credit_code', sql`length(${t.creditCode}) = 18`),
    check('operators_name', sql`length(trim(${t.name})) > 0`),
  ],
);

/** A 公建民营 contract: in force on D when start ≤ D ≤ end and not terminated on or before D. */
export const contracts = sqliteTable(
  'contracts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    facilityId: integer().notNull().references(() => facilities.id),
    operatorId: integer().notNull().references(() => operators.id),
    contractNo: text().notNull().default(''),
    selectionMethod: text({ enum: SELECTION_METHODS }).notNull(),
    startOn: text().notNull(),
    endOn: text().notNull(),
    annualFeeFen: integer().notNull().default(0),
    depositFen: integer().notNull().default(0),
    reservedBeds: integer().notNull().default(0),
    assetValueFen: integer().notNull().default(0),
    terminatedOn: text(),
    terminationReason: text().notNull().default(''),
    createdAt: text().notNull().default(now),
    updatedAt: text().notNull().default(now),
  },
  (t) => [
    index('contracts_facility').on(t.facilityId, t.startOn),
    index('contracts_operator').on(t.operatorId),
    check('contracts_method', oneOf(t.selectionMethod, SELECTION_METHODS)),
    check('contracts_dates', sql`${isDate(t.startOn)} AND ${isDate(t.endOn)} AND ${t.endOn} >= ${t.startOn}`),
    check('contracts_terminated', sql`${t.terminatedOn} IS NULL OR (${isDate(t.terminatedOn)} AND ${t.terminatedOn} >= ${t.startOn})`),
    check('contracts_money', sql`${t.annualFeeFen} >= 0 AND ${t.depositFen} >= 0 AND ${t.assetValueFen} >= 0 AND ${t.reservedBeds} >= 0`),
  ],
);

export const contractEvaluations = sqliteTable(
  'contract_evaluations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    contractId: integer().notNull().references(() => contracts.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    score: real(),
    result: text({ enum: EVALUATION_RESULTS }).notNull(),
    note: text().notNull().default(''),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    uniqueIndex('contract_evaluations_year').on(t.contractId, t.year),
    check('contract_evaluations_result', oneOf(t.result, EVALUATION_RESULTS)),
    check('contract_evaluations_score', sql`${t.score} IS NULL OR ${t.score} BETWEEN 0 AND 100`),
  ],
);

/** Plan targets by year; region = the city for city-wide targets (rates also apply per county). */
export const targets = sqliteTable(
  'targets',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: uid(),
    year: integer().notNull(),
    metric: text({ enum: TARGET_METRICS }).notNull(),
    regionCode: text().notNull().references(() => regions.code),
    value: real().notNull(),
  },
  (t) => [
    uniqueIndex('targets_year_metric_region').on(t.year, t.metric, t.regionCode),
    check('targets_metric', oneOf(t.metric, TARGET_METRICS)),
    check('targets_value', sql`${t.value} >= 0`),
  ],
);

// Settings, accounts, the audit log and month closes: the office's own records.
export * from './schema-office';
// This install, the installs it knows, and the change log (the exchange between offices).
export * from './schema-exchange';
