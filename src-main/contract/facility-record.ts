/**
 * The national system's facility record (全国养老服务信息系统; DOMAIN §10): the fields a
 * facility gains beside the register's, and its licences. Money is typed in yuan (kept as fen),
 * areas in square metres, coordinates in degrees within China's extent.
 */
import { z } from 'zod';
import { FOUNDERS, LICENCE_KINDS, REGISTRATIONS } from '../domain/enums';
import { entityId, isoDate, optionalCreditCode, text, yuan } from './primitives';

const area = z.number().min(0).max(10_000_000);

/** The fee fields as typed (yuan) and the facilities columns that keep them (integer fen), in the form's order. */
export const FEE_COLUMNS = {
  bedFeeMin: 'bedFeeMinFen',
  bedFeeMax: 'bedFeeMaxFen',
  careFeeMin: 'careFeeMinFen',
  careFeeMax: 'careFeeMaxFen',
  mealFeeMin: 'mealFeeMinFen',
  mealFeeMax: 'mealFeeMaxFen',
  residentDeposit: 'residentDepositFen',
} as const;

export const facilityRecordFields = {
  /** Empty: not known yet; else a valid 统一社会信用代码. */
  creditCode: optionalCreditCode.optional(),
  legalRep: text(50).optional(),
  legalRepPhone: text(50).optional(),
  registration: z.enum(REGISTRATIONS).optional(),
  registrationAuthority: text(100).optional(),
  registeredOn: isoDate.nullable().optional(),
  filedOn: isoDate.nullable().optional(),
  founder: z.enum(FOUNDERS).nullable().optional(),
  buildingArea: area.nullable().optional(),
  landArea: area.nullable().optional(),
  admissionTargets: text(200).optional(),
  bedFeeMin: yuan.nullable().optional(),
  bedFeeMax: yuan.nullable().optional(),
  careFeeMin: yuan.nullable().optional(),
  careFeeMax: yuan.nullable().optional(),
  mealFeeMin: yuan.nullable().optional(),
  mealFeeMax: yuan.nullable().optional(),
  residentDeposit: yuan.nullable().optional(),
  tekunInstitution: z.boolean().optional(),
  gloryHome: z.boolean().optional(),
  regionalCentre: z.boolean().optional(),
  offersDayCare: z.boolean().optional(),
  latitude: z.number().min(3).max(54).nullable().optional(),
  longitude: z.number().min(73).max(136).nullable().optional(),
};

export const licenceFields = {
  kind: z.enum(LICENCE_KINDS),
  number: text(100).optional(),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable().optional(),
  note: text(500).optional(),
};
export const licenceAddInput = z.object({ facilityId: entityId, ...licenceFields });
/** A licence is named with its facility, so the account's scope is checked on the facility. */
export const licenceUpdateInput = z.object({ facilityId: entityId, licenceId: entityId, ...z.object(licenceFields).partial().shape });
export const licenceRemoveInput = z.object({ facilityId: entityId, licenceId: entityId });
export const licenceListInput = z.object({ facilityId: entityId });
