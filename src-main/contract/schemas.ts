/**
 * The input shapes of every procedure. Messages are catalogue codes (see validation-messages.ts), so
 * each rejection carries a stable code and the field it concerns. Importable from the
 * renderer: only zod and the pure domain.
 */
import { z } from 'zod';
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
  OWNERSHIPS,
  SELECTION_METHODS,
  SELF_CARE_VALUES,
  TARGET_METRICS,
} from '../domain/enums';
import { readCountText } from '../domain/number-text';
import { TEMPLATE_IDS } from './template-ids';
import { facilityRecordFields } from './facility-record';
import { correctionOptions, count, creditCode, entityId, entryOptions, idNumber, isoDate, regionCode, requiredText, text, yuan } from './primitives';

export { correctionOptions, creditCode, entityId, entryOptions, idNumber, isoDate, regionCode, yuan } from './primitives';

const list = {
  search: text(100).optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
  offset: z.number().int().min(0).optional(),
};

// ——— regions and population ———
/**
 * A population figure: a number, or the text as typed (full-width digits, thousands
 * separators: domain/number-text.ts), read as the number it shows ("４１０００", "41,000").
 */
const typedCount = z.union([count, z.string().max(40).transform((v) => readCountText(v)).pipe(count.nullable())]);
export const populationUpsertInput = z.object({
  regionCode,
  year: z.number().int().min(1949).max(2200),
  population60: typedCount.nullable().optional(),
  population80: typedCount.nullable().optional(),
  tekunUnable: typedCount.nullable().optional(),
  /** Changing an existing figure is a correction (services/regions.ts): a reason for a past year, a confirmation for a closed month. */
  ...correctionOptions,
});
export const populationListInput = z.object({ regionCode: regionCode.optional(), year: z.number().int().optional() }).optional();

// ——— facilities ———
const facilityFields = {
  regionCode,
  name: requiredText(100),
  kind: z.enum(FACILITY_KINDS),
  ownership: z.enum(OWNERSHIPS),
  medicalCare: z.boolean().optional(),
  township: text(50).optional(),
  address: text(200).optional(),
  grade: z.number().int().min(1).max(5).nullable().optional(),
  staffCount: count.optional(),
  careWorkerCount: count.optional(),
  phone: text(50).optional(),
  ...facilityRecordFields,
};
export const facilityCreateInput = z.object({
  ...facilityFields,
  status: z.enum(FACILITY_STATUSES),
  statusDate: isoDate,
  /** Beds to register with the facility, in service from the status date. */
  initialBeds: z
    .object({
      count: z.number().int().min(1, { error: 'BED_COUNT_RANGE' }).max(2000, { error: 'BED_COUNT_RANGE' }),
      nursingCount: z.number().int().min(0),
      labelPattern: requiredText(50).optional(),
    })
    .optional(),
  ...entryOptions,
});
export const facilityUpdateInput = z.object({ id: entityId, ...z.object(facilityFields).partial().shape });
/** The columns the facilities list sorts by in SQL. */
export const FACILITY_SORTS = ['region', 'name', 'kind', 'ownership', 'status', 'beds', 'nursingBeds', 'occupiedBeds', 'medicalCare', 'township', 'careWorkerCount'] as const;
export type FacilitySortBy = (typeof FACILITY_SORTS)[number];
export const facilityListInput = z
  .object({
    /** Default: by county, then name (pinyin). */
    sort: z.object({ by: z.enum(FACILITY_SORTS), dir: z.enum(['asc', 'desc']) }).optional(),
    counties: z.array(regionCode).optional(),
    kinds: z.array(z.enum(FACILITY_KINDS)).optional(),
    ownership: z.array(z.enum(OWNERSHIPS)).optional(),
    statuses: z.array(z.enum(FACILITY_STATUSES)).optional(),
    date: isoDate.optional(),
    ...list,
  })
  .optional();
export const setFacilityStatusInput = z.object({
  facilityId: entityId,
  status: z.enum(FACILITY_STATUSES),
  effectiveOn: isoDate,
  note: text(500).optional(),
  ...entryOptions,
});
export const facilityDetailInput = z.object({ id: entityId, date: isoDate.optional() });

// ——— beds ———
export const addBedsInput = z.object({
  facilityId: entityId,
  count: z.number().int().min(1, { error: 'BED_COUNT_RANGE' }).max(2000, { error: 'BED_COUNT_RANGE' }),
  nursingCount: z.number().int().min(0),
  building: text(50).optional(),
  room: text(50).optional(),
  /** `{n}` is replaced by the number, zero-padded to the pattern's width: "A-{nn}" → A-01. */
  labelPattern: requiredText(50).optional(),
  startNumber: z.number().int().min(0).max(1_000_000).optional(),
  /** 全托 (default) or 日托, for every bed added. */
  use: z.enum(BED_USES).optional(),
  inServiceFrom: isoDate,
  ...entryOptions,
});
export const retireBedsInput = z.object({
  bedIds: z.array(entityId).min(1).max(5000),
  retiredOn: isoDate,
});
export const updateBedInput = z.object({
  id: entityId,
  building: text(50).optional(),
  room: text(50).optional(),
  label: requiredText(50).optional(),
  careType: z.enum(CARE_TYPES).optional(),
  /** A care-type change is a correction from the bed's in-service date (services/corrections.ts). */
  ...correctionOptions,
});
export const bedListInput = z.object({ facilityId: entityId, date: isoDate.optional() });

// ——— residents ———
const residentFields = {
  name: requiredText(50),
  idNumber,
  householdRegionCode: regionCode.nullable().optional(),
  tekun: z.boolean().optional(),
  tekunSelfCare: z.enum(SELF_CARE_VALUES).nullable().optional(),
  dibao: z.boolean().optional(),
  lowIncome: z.boolean().optional(),
  shidu: z.boolean().optional(),
  youfu: z.boolean().optional(),
  phone: text(50).optional(),
  emergencyContact: text(50).optional(),
  emergencyPhone: text(50).optional(),
};
export const residentCreateInput = z.object(residentFields);
export const residentUpdateInput = z.object({ id: entityId, ...z.object(residentFields).partial().shape });
/** The columns the residents list sorts by in SQL (the grid's headers; every other column does not sort). */
export const RESIDENT_SORTS = ['name', 'age', 'sex', 'household', 'facility', 'admittedOn', 'tekun', 'latestLevel', 'latestAssessedOn'] as const;
export type ResidentSortBy = (typeof RESIDENT_SORTS)[number];
const age = z.number().int().min(0).max(150);
export const residentListInput = z
  .object({
    facilityId: entityId.optional(),
    counties: z.array(regionCode).optional(),
    inCareOn: isoDate.optional(),
    /** Age today, both ends included. */
    ageMin: age.optional(),
    ageMax: age.optional(),
    /** Default: by name (pinyin), then id. */
    sort: z.object({ by: z.enum(RESIDENT_SORTS), dir: z.enum(['asc', 'desc']) }).optional(),
    ...list,
  })
  .optional();

// ——— stays ———
export const admitInput = z.object({
  residentId: entityId,
  bedId: entityId.optional(),
  /** Day-care attendance without a bed: the facility alone. */
  facilityId: entityId.optional(),
  admittedOn: isoDate,
  note: text(500).optional(),
  /** Admitted from the facility's waiting list: that application is closed in the same write. */
  waitingApplicationId: entityId.optional(),
  ...entryOptions,
});
export const dischargeInput = z.object({
  stayId: entityId,
  dischargedOn: isoDate,
  dischargeReason: z.enum(DISCHARGE_REASONS),
  note: text(500).optional(),
  ...entryOptions,
});
export const transferInput = z.object({
  stayId: entityId,
  toBedId: entityId,
  transferOn: isoDate,
  note: text(500).optional(),
  ...entryOptions,
});
export const recordLeaveInput = z.object({
  stayId: entityId,
  startOn: isoDate,
  endOn: isoDate.nullable().optional(),
  reason: text(200).optional(),
  ...entryOptions,
});
export const endLeaveInput = z.object({ stayId: entityId, endOn: isoDate, ...entryOptions });
export const stayListInput = z
  .object({ residentId: entityId.optional(), facilityId: entityId.optional(), openOn: isoDate.optional(), ...list })
  .optional();

// ——— assessments ———
const itemShape = Object.fromEntries(
  ASSESSMENT_ITEMS.map((i) => [i.key, z.number().int().min(0).max(i.max)]),
) as Record<AssessmentItemKey, z.ZodNumber>;
export const assessmentScores = z.object(itemShape);
export const recordAssessmentInput = z.object({
  residentId: entityId,
  assessedOn: isoDate,
  reason: z.enum(ASSESSMENT_REASONS),
  scores: assessmentScores,
  coma: z.boolean(),
  diagnosis: z.enum(DIAGNOSES),
  riskEvents: z.number().int().min(0).max(100),
  assessor1: requiredText(50),
  assessor2: requiredText(50),
  note: text(500).optional(),
  ...entryOptions,
});
/** Results under the older MZ/T 039-2013 (levels 0–3), kept with their standard. */
export const recordLegacyAssessmentInput = z.object({
  residentId: entityId,
  assessedOn: isoDate,
  reason: z.enum(ASSESSMENT_REASONS),
  finalLevel: z.number().int().min(0).max(3),
  assessor1: requiredText(50),
  assessor2: requiredText(50),
  note: text(500).optional(),
  ...entryOptions,
});
export const assessmentListInput = z.object({ residentId: entityId });
export const assessmentStandard = z.enum(ASSESSMENT_STANDARDS);

// ——— operators and contracts ———
const operatorFields = {
  name: requiredText(100),
  creditCode,
  legalRepresentative: text(50).optional(),
  contactPerson: text(50).optional(),
  phone: text(50).optional(),
  address: text(200).optional(),
};
export const operatorCreateInput = z.object(operatorFields);
export const operatorUpdateInput = z.object({ id: entityId, ...z.object(operatorFields).partial().shape });
export const operatorListInput = z.object({ ...list }).optional();

const contractFields = {
  facilityId: entityId,
  operatorId: entityId,
  contractNo: text(50).optional(),
  selectionMethod: z.enum(SELECTION_METHODS),
  startOn: isoDate,
  endOn: isoDate,
  annualFee: yuan.optional(),
  deposit: yuan.optional(),
  reservedBeds: count.optional(),
  assetValue: yuan.optional(),
};
export const contractCreateInput = z.object(contractFields);
export const contractUpdateInput = z.object({
  id: entityId,
  ...z.object(contractFields).omit({ facilityId: true }).partial().shape,
  /** Correcting the date a terminated contract ended (services/contracts.ts). */
  terminatedOn: isoDate.optional(),
  /** A change to a contract whose term has begun is a correction: a reason, and a confirmation for a closed month. */
  ...correctionOptions,
});
export const contractTerminateInput = z.object({ id: entityId, terminatedOn: isoDate, reason: requiredText(500) });
/** 撤销终止: the contract runs its term again; the reason is always required. */
export const contractUndoTerminationInput = z.object({
  id: entityId,
  ...correctionOptions,
  reason: z.string().trim().min(2, { error: 'REASON_REQUIRED' }).max(500),
});
export const contractListInput = z
  .object({
    facilityId: entityId.optional(),
    operatorId: entityId.optional(),
    /** Only contracts in force on this date. */
    inForceOn: isoDate.optional(),
    /** The date 'in force' and 'days to end' refer to, without filtering (default today). */
    asOf: isoDate.optional(),
    counties: z.array(regionCode).optional(),
  })
  .optional();
export const evaluationAddInput = z.object({
  contractId: entityId,
  year: z.number().int().min(1990).max(2200),
  score: z.number().min(0).max(100).nullable().optional(),
  result: z.enum(EVALUATION_RESULTS),
  note: text(500).optional(),
});

// ——— statistics, settings ———
export const statisticsInput = z.object({
  date: isoDate,
  counties: z.array(regionCode).optional(),
  kinds: z.array(z.enum(FACILITY_KINDS)).min(1).optional(),
  ownership: z.array(z.enum(OWNERSHIPS)).min(1).optional(),
});
export const dateInput = z.object({ date: isoDate });
export const occupancyInput = z.object({ date: isoDate, facilityId: entityId.optional(), counties: z.array(regionCode).optional() });
export const targetUpsertInput = z.object({
  year: z.number().int().min(2000).max(2200),
  metric: z.enum(TARGET_METRICS),
  regionCode,
  value: z.number().min(0).max(1e9),
});
export const targetDeleteInput = z.object({ id: entityId });
export { settingsUpdateInput } from './settings';
export const auditListInput = z
  .object({
    entity: text(50).optional(),
    entityId: text(50).optional(),
    username: text(50).optional(),
    action: text(100).optional(),
    /** Entries on or after this day and on or before `to` (local dates, YYYY-MM-DD). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...list,
  })
  .optional();

// ——— monthly statistics ———
export const monthInput = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'MONTH_INVALID' }) });
export const reopenMonthInput = monthInput.extend({ reason: z.string().trim().min(2, { error: 'REASON_REQUIRED' }).max(500) });

// ——— import ———
export const templateId = z.enum(TEMPLATE_IDS);
export const templateInput = z.object({ template: templateId });
export const importFileInput = z.object({
  template: templateId,
  /** A file sent to the upload endpoint (POST /api/upload, or the desktop's upload channel): api/uploads.ts. */
  uploadId: z.string().trim().min(1, { error: 'REQUIRED' }).max(100),
});

// ——— backups ———
export const backupCreateInput = z.object({ folder: text(1000).optional() }).optional();
export const backupFileInput = z.object({ file: requiredText(1000) });

// ——— corrections of stays and assessments (services/stay-corrections.ts, services/assessment-void.ts) ———
/** A stay's dates and bed (same facility); the other end of a transfer moves with its date. */
export const stayCorrectInput = z.object({
  stayId: entityId,
  admittedOn: isoDate.optional(),
  dischargedOn: isoDate.optional(),
  bedId: entityId.optional(),
  ...correctionOptions,
});
/** Undo the resident's latest discharge or transfer, when nothing came after it. */
export const undoLastMoveInput = z.object({ residentId: entityId, ...correctionOptions });
/** Void a wrongly keyed assessment: kept, marked, counted nowhere; the reason is always required. */
export const assessmentVoidInput = z.object({
  assessmentId: entityId,
  ...correctionOptions,
  reason: z.string().trim().min(2, { error: 'REASON_REQUIRED' }).max(500),
});

// ——— corrections of facilities and beds (issue 14) ———
/** Correct one change of a facility's status history: its status, date or note. */
export const updateStatusChangeInput = z.object({
  id: entityId,
  status: z.enum(FACILITY_STATUSES).optional(),
  effectiveOn: isoDate.optional(),
  note: text(500).optional(),
  /** Correcting the opening date: also move the beds in service from the old opening date. */
  moveBeds: z.boolean().optional(),
  ...correctionOptions,
});
/** Delete one change of a facility's status history. */
export const deleteStatusChangeInput = z.object({ id: entityId, ...correctionOptions });
/** Correct a bed: its name, care type and in-service period (retiredOn null = back in service). */
export const correctBedInput = z.object({
  id: entityId,
  building: text(50).optional(),
  room: text(50).optional(),
  label: requiredText(50).optional(),
  careType: z.enum(CARE_TYPES).optional(),
  use: z.enum(BED_USES).optional(),
  inServiceFrom: isoDate.optional(),
  retiredOn: isoDate.nullable().optional(),
  ...correctionOptions,
});

/** `facility.managerHome`: the facility manager's home as of a date (default today). */
export const managerHomeInput = z.object({ date: isoDate.optional() }).optional();
// ——— the header search (search.all) ———
export const searchAllInput = z.object({
  text: text(100),
  /** Hits per group (default 8). */
  limit: z.number().int().min(1).max(50).optional(),
});

// ——— printed forms (form.*): a facility's bed and resident lists, a county's summary ———
/** `form.facilityBeds` / `form.facilityResidents`: the facility on a date (default: the server's today). */
export const facilityFormInput = z.object({ facilityId: entityId, date: isoDate.optional() });
/** `form.county`: a county of the home city in a month's report. */
export const countyFormInput = monthInput.extend({ regionCode });
