/** Inputs of the exchange api (api/routers/exchange.ts; docs/exchange.md). */
import { z } from 'zod';
import { entityId, regionCode } from './schemas';
import { SETTINGS_SCHEMA } from './settings';

const installUid = z.string().trim().regex(/^[0-9a-f-]{36}$/, { error: 'INSTALL_INVALID' });
export const exchangeExportInput = z.object({ for: installUid.optional() }).optional();
export const exchangeImportInput = z.object({ uploadId: z.string().trim().min(1, { error: 'REQUIRED' }).max(100) });
/** An enrolment file for a facility of the register, or (at the city) a county; `replace` revokes the PC that kept it. */
export const exchangeEnrolInput = z
  .object({ facilityId: entityId.optional(), county: regionCode.optional(), replace: z.boolean().optional() })
  .refine((v) => (v.facilityId === undefined) !== (v.county === undefined), { error: 'ENROL_PLACE_REQUIRED', path: ['facilityId'] });
export const exchangeRevokeInput = z.object({ install: installUid });

/** 同步: with this hub, else the one the settings name, else the one synced with before; the address as the hubAddress setting spells it (never ''). */
const hubUrl = SETTINGS_SCHEMA.shape.hubAddress.options[1];
export const exchangeSyncInput = z.object({ hub: hubUrl.optional() }).optional();
