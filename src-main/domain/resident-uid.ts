/**
 * A resident's uid: the same person has the same identity in every install of a city without
 * the ID number being the key. uid = HMAC-SHA-256(city secret, normalised ID number), its first
 * 128 bits laid out as an RFC 9562 version-8 UUID (custom layout: version nibble 8, variant 10),
 * so resident uids have the same shape as the UUIDv7 of every other register row.
 *
 * The uid is fixed when the resident is first registered: correcting the ID number later does
 * not change it (the uid is an identity, not a copy of the number). The schema requires an ID
 * number for every resident, so no resident needs a random uid.
 */
import crypto from 'node:crypto';

/** The city secret's length in bytes. */
export const CITY_SECRET_BYTES = 32;

/** The form the HMAC reads: trimmed, upper-case (a trailing x is the check character X). */
export function normaliseIdNumberForUid(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** Sixteen bytes as a UUID string with the version and variant bits set. */
export function formatUuid(bytes: Uint8Array, version: number): string {
  if (bytes.length < 16) throw new Error('a UUID needs 16 bytes');
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | (version << 4);
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The resident uid for an ID number under a city secret (the raw 32 bytes, or their hex). */
export function residentUid(secret: Uint8Array | string, idNumber: string): string {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'hex') : secret;
  if (key.length !== CITY_SECRET_BYTES) throw new Error(`the city secret must be ${CITY_SECRET_BYTES} bytes`);
  const normalised = normaliseIdNumberForUid(idNumber);
  // the app stores only valid 18-character numbers; an odd one from an old import still gets its uid
  if (normalised === '') throw new Error('a resident uid needs an ID number');
  const mac = crypto.createHmac('sha256', key).update(normalised, 'utf8').digest();
  return formatUuid(mac, 8);
}

/** Any register uid: UUIDv7 (most rows) or v8 (residents). */
export const UID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[78][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
