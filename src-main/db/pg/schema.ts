/**
 * The hub's PostgreSQL tables of the register: made by scripts/pg-schema.ts from the SQLite
 * schema (src-main/db/schema.ts) — do not edit by hand. Each keeps the SQLite table's name,
 * columns, types (64-bit integers as bigint, text, double precision) and nullability, and the install's
 * own integer ids, so the statistics' SQL runs on both (docs/architecture.md#one-sql).
 * tests/unit/pg-schema.test.ts keeps the two in step.
 */
import { bigint, doublePrecision, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [
    index('regions_parent_code').on(t.parentCode),
  ],
);

export const installs = pgTable(
  'installs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    level: text('level').notNull(),
    regionCode: text('region_code').notNull(),
    facilityUid: text('facility_uid'),
    publicKey: text('public_key').notNull(),
    boxPublicKey: text('box_public_key').notNull(),
    enrolledBy: text('enrolled_by'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    revokedThrough: bigint('revoked_through', { mode: 'number' }),
    replaces: text('replaces'),
  },
  (t) => [
    uniqueIndex('installs_uid').on(t.uid),
  ],
);

export const settings = pgTable(
  'settings',
  {
    key: text('key').primaryKey(),
    value: text('value').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
);

export const operators = pgTable(
  'operators',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    name: text('name').notNull(),
    nameSort: text('name_sort').notNull(),
    creditCode: text('credit_code').notNull(),
    legalRepresentative: text('legal_representative').notNull(),
    contactPerson: text('contact_person').notNull(),
    phone: text('phone').notNull(),
    address: text('address').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('operators_uid').on(t.uid),
  ],
);

export const facilities = pgTable(
  'facilities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    nameSort: text('name_sort').notNull(),
    kind: text('kind').notNull(),
    ownership: text('ownership').notNull(),
    medicalCare: bigint('medical_care', { mode: 'number' }).notNull(),
    township: text('township').notNull(),
    address: text('address').notNull(),
    grade: bigint('grade', { mode: 'number' }),
    staffCount: bigint('staff_count', { mode: 'number' }).notNull(),
    careWorkerCount: bigint('care_worker_count', { mode: 'number' }).notNull(),
    phone: text('phone').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    creditCode: text('credit_code').notNull(),
    legalRep: text('legal_rep').notNull(),
    legalRepPhone: text('legal_rep_phone').notNull(),
    registration: text('registration').notNull(),
    registrationAuthority: text('registration_authority').notNull(),
    registeredOn: text('registered_on'),
    filedOn: text('filed_on'),
    founder: text('founder'),
    buildingArea: doublePrecision('building_area'),
    landArea: doublePrecision('land_area'),
    admissionTargets: text('admission_targets').notNull(),
    bedFeeMinFen: bigint('bed_fee_min_fen', { mode: 'number' }),
    bedFeeMaxFen: bigint('bed_fee_max_fen', { mode: 'number' }),
    careFeeMinFen: bigint('care_fee_min_fen', { mode: 'number' }),
    careFeeMaxFen: bigint('care_fee_max_fen', { mode: 'number' }),
    mealFeeMinFen: bigint('meal_fee_min_fen', { mode: 'number' }),
    mealFeeMaxFen: bigint('meal_fee_max_fen', { mode: 'number' }),
    residentDepositFen: bigint('resident_deposit_fen', { mode: 'number' }),
    tekunInstitution: bigint('tekun_institution', { mode: 'number' }).notNull(),
    gloryHome: bigint('glory_home', { mode: 'number' }).notNull(),
    regionalCentre: bigint('regional_centre', { mode: 'number' }).notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    offersDayCare: bigint('offers_day_care', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('facilities_uid').on(t.uid),
    index('facilities_region_code').on(t.regionCode),
  ],
);

export const facilityStatusChanges = pgTable(
  'facility_status_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    effectiveOn: text('effective_on').notNull(),
    note: text('note').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('facility_status_changes_uid').on(t.uid),
    index('facility_status_changes_facility_id').on(t.facilityId),
    index('facility_status_changes_on').on(t.facilityId, t.effectiveOn),
  ],
);

export const facilityLicences = pgTable(
  'facility_licences',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    issuedOn: text('issued_on').notNull(),
    expiresOn: text('expires_on'),
    note: text('note').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('facility_licences_uid').on(t.uid),
    index('facility_licences_facility_id').on(t.facilityId),
  ],
);

export const populations = pgTable(
  'populations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    regionCode: text('region_code').notNull(),
    year: bigint('year', { mode: 'number' }).notNull(),
    population60: bigint('population60', { mode: 'number' }),
    population80: bigint('population80', { mode: 'number' }),
    tekunUnable: bigint('tekun_unable', { mode: 'number' }),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('populations_uid').on(t.uid),
    index('populations_region_code').on(t.regionCode),
  ],
);

export const targets = pgTable(
  'targets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    year: bigint('year', { mode: 'number' }).notNull(),
    metric: text('metric').notNull(),
    regionCode: text('region_code').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    uniqueIndex('targets_uid').on(t.uid),
    index('targets_region_code').on(t.regionCode),
  ],
);

export const beds = pgTable(
  'beds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }).notNull(),
    building: text('building').notNull(),
    room: text('room').notNull(),
    label: text('label').notNull(),
    careType: text('care_type').notNull(),
    use: text('use').notNull(),
    inServiceFrom: text('in_service_from').notNull(),
    retiredOn: text('retired_on'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('beds_uid').on(t.uid),
    index('beds_facility_id').on(t.facilityId),
  ],
);

export const residents = pgTable(
  'residents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    name: text('name').notNull(),
    nameSort: text('name_sort').notNull(),
    idNumber: text('id_number').notNull(),
    birthDate: text('birth_date').notNull(),
    sex: text('sex').notNull(),
    householdRegionCode: text('household_region_code'),
    tekun: bigint('tekun', { mode: 'number' }).notNull(),
    tekunSelfCare: text('tekun_self_care'),
    dibao: bigint('dibao', { mode: 'number' }).notNull(),
    lowIncome: bigint('low_income', { mode: 'number' }).notNull(),
    shidu: bigint('shidu', { mode: 'number' }).notNull(),
    youfu: bigint('youfu', { mode: 'number' }).notNull(),
    phone: text('phone').notNull(),
    emergencyContact: text('emergency_contact').notNull(),
    emergencyPhone: text('emergency_phone').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('residents_uid').on(t.uid),
    index('residents_household_region_code').on(t.householdRegionCode),
  ],
);

export const stays = pgTable(
  'stays',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }).notNull(),
    bedId: bigint('bed_id', { mode: 'number' }),
    residential: bigint('residential', { mode: 'number' }).notNull(),
    admittedOn: text('admitted_on').notNull(),
    dischargedOn: text('discharged_on'),
    dischargeReason: text('discharge_reason'),
    transferredFromStayId: bigint('transferred_from_stay_id', { mode: 'number' }),
    note: text('note').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('stays_uid').on(t.uid),
    index('stays_resident_id').on(t.residentId),
    index('stays_facility_id').on(t.facilityId),
    index('stays_bed_id').on(t.bedId),
    index('stays_transferred_from_stay_id').on(t.transferredFromStayId),
  ],
);

export const leaves = pgTable(
  'leaves',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    stayId: bigint('stay_id', { mode: 'number' }).notNull(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on'),
    reason: text('reason').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('leaves_uid').on(t.uid),
    index('leaves_stay_id').on(t.stayId),
  ],
);

export const waitingApplications = pgTable(
  'waiting_applications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }).notNull(),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    appliedOn: text('applied_on').notNull(),
    category: text('category').notNull(),
    assessmentLevel: bigint('assessment_level', { mode: 'number' }),
    status: text('status').notNull(),
    closedOn: text('closed_on'),
    stayId: bigint('stay_id', { mode: 'number' }),
    withdrawReason: text('withdraw_reason').notNull(),
    note: text('note').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('waiting_applications_uid').on(t.uid),
    index('waiting_applications_facility_id').on(t.facilityId),
    index('waiting_applications_resident_id').on(t.residentId),
    index('waiting_applications_stay_id').on(t.stayId),
  ],
);

export const assessments = pgTable(
  'assessments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    assessedOn: text('assessed_on').notNull(),
    standard: text('standard').notNull(),
    reason: text('reason').notNull(),
    eating: bigint('eating', { mode: 'number' }),
    grooming: bigint('grooming', { mode: 'number' }),
    bathing: bigint('bathing', { mode: 'number' }),
    dressingUpper: bigint('dressing_upper', { mode: 'number' }),
    dressingLower: bigint('dressing_lower', { mode: 'number' }),
    urinaryControl: bigint('urinary_control', { mode: 'number' }),
    bowelControl: bigint('bowel_control', { mode: 'number' }),
    toileting: bigint('toileting', { mode: 'number' }),
    bedPosition: bigint('bed_position', { mode: 'number' }),
    bedChairTransfer: bigint('bed_chair_transfer', { mode: 'number' }),
    walking: bigint('walking', { mode: 'number' }),
    stairs: bigint('stairs', { mode: 'number' }),
    timeOrientation: bigint('time_orientation', { mode: 'number' }),
    placeOrientation: bigint('place_orientation', { mode: 'number' }),
    personOrientation: bigint('person_orientation', { mode: 'number' }),
    memory: bigint('memory', { mode: 'number' }),
    comprehension: bigint('comprehension', { mode: 'number' }),
    expression: bigint('expression', { mode: 'number' }),
    aggression: bigint('aggression', { mode: 'number' }),
    depression: bigint('depression', { mode: 'number' }),
    consciousness: bigint('consciousness', { mode: 'number' }),
    vision: bigint('vision', { mode: 'number' }),
    hearing: bigint('hearing', { mode: 'number' }),
    dailyAffairs: bigint('daily_affairs', { mode: 'number' }),
    transportation: bigint('transportation', { mode: 'number' }),
    socialInteraction: bigint('social_interaction', { mode: 'number' }),
    coma: bigint('coma', { mode: 'number' }).notNull(),
    diagnosis: text('diagnosis').notNull(),
    riskEvents: bigint('risk_events', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }),
    preliminaryLevel: bigint('preliminary_level', { mode: 'number' }),
    finalLevel: bigint('final_level', { mode: 'number' }).notNull(),
    assessor1: text('assessor1').notNull(),
    assessor2: text('assessor2').notNull(),
    note: text('note').notNull(),
    createdAt: text('created_at').notNull(),
    voidedAt: text('voided_at'),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    uniqueIndex('assessments_uid').on(t.uid),
    index('assessments_resident_id').on(t.residentId),
  ],
);

export const contracts = pgTable(
  'contracts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }).notNull(),
    operatorId: bigint('operator_id', { mode: 'number' }).notNull(),
    contractNo: text('contract_no').notNull(),
    selectionMethod: text('selection_method').notNull(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on').notNull(),
    annualFeeFen: bigint('annual_fee_fen', { mode: 'number' }).notNull(),
    depositFen: bigint('deposit_fen', { mode: 'number' }).notNull(),
    reservedBeds: bigint('reserved_beds', { mode: 'number' }).notNull(),
    assetValueFen: bigint('asset_value_fen', { mode: 'number' }).notNull(),
    terminatedOn: text('terminated_on'),
    terminationReason: text('termination_reason').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('contracts_uid').on(t.uid),
    index('contracts_facility_id').on(t.facilityId),
    index('contracts_operator_id').on(t.operatorId),
  ],
);

export const contractEvaluations = pgTable(
  'contract_evaluations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    uid: text('uid').notNull(),
    contractId: bigint('contract_id', { mode: 'number' }).notNull(),
    year: bigint('year', { mode: 'number' }).notNull(),
    score: doublePrecision('score'),
    result: text('result').notNull(),
    note: text('note').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('contract_evaluations_uid').on(t.uid),
    index('contract_evaluations_contract_id').on(t.contractId),
  ],
);
