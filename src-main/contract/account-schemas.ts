/** Inputs of the account, user and security procedures. */
import { z } from 'zod';
import { ROLES } from '../domain/enums';
import { entityId, regionCode } from './schemas';

export const username = z
  .string()
  .trim()
  .min(1, { error: 'REQUIRED' })
  .max(50)
  .regex(/^[\p{L}\p{N}_.@-]+$/u, { error: 'USERNAME_CHARS' });
/** Not trimmed: a password is what was typed. Strength is checked by the service. */
export const password = z.string().min(1, { error: 'REQUIRED' }).max(200);

export const loginInput = z.object({ username: z.string().trim().max(50), password: z.string().max(200) });
export const changePasswordInput = z.object({ current: z.string().max(200), next: password });
export const setupAdminInput = z.object({ username, displayName: z.string().trim().min(1, { error: 'REQUIRED' }).max(50), password });
export const userCreateInput = z.object({
  username,
  displayName: z.string().trim().min(1, { error: 'REQUIRED' }).max(50),
  role: z.enum(ROLES),
  counties: z.array(regionCode).max(50).optional(),
  facilityIds: z.array(entityId).max(500).optional(),
  password,
});
export const userUpdateInput = z.object({
  id: entityId,
  displayName: z.string().trim().min(1, { error: 'REQUIRED' }).max(50).optional(),
  role: z.enum(ROLES).optional(),
  counties: z.array(regionCode).max(50).optional(),
  facilityIds: z.array(entityId).max(500).optional(),
  active: z.boolean().optional(),
});
export const resetPasswordInput = z.object({ id: entityId, password });
export const securityUpdateInput = z.object({ lanEnabled: z.boolean() });
