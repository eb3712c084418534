/**
 * The city secret: 32 random bytes made once per city register and kept in the database's
 * settings under an internal key (`_citySecret`, hex), like `_storeId`: never shown in the UI,
 * never exported to users (the file is encrypted at rest). It keys the resident uid
 * (domain/resident-uid.ts). Migration 0005 creates it in the same transaction that backfills
 * the uids; enrolment (a later issue) copies the city's secret to the installs of the same
 * city — so an existing secret is never regenerated.
 */
import crypto from 'node:crypto';
import { v7 } from 'uuid';
import { CITY_SECRET_BYTES, residentUid } from '../domain/resident-uid';
import type { Sqlite } from './connection';

export const CITY_SECRET_KEY = '_citySecret';

/** A new secret as stored (hex). */
export function newCitySecret(): string {
  return crypto.randomBytes(CITY_SECRET_BYTES).toString('hex');
}

const cache = new WeakMap<Sqlite, string>();

/** The secret of an open database (hex); made now if it has none (never replaced). */
export function citySecret(sqlite: Sqlite): string {
  const known = cache.get(sqlite);
  if (known) return known;
  sqlite.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(CITY_SECRET_KEY, JSON.stringify(newCitySecret()));
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(CITY_SECRET_KEY) as { value: string };
  const secret = JSON.parse(row.value) as string;
  cache.set(sqlite, secret);
  return secret;
}

/**
 * An office joining its section takes the city's secret, so one person has one resident uid
 * in every install. Only while it holds no resident (their uids were made with its own).
 */
export function adoptCitySecret(sqlite: Sqlite, secret: string): void {
  const residents = sqlite.prepare('SELECT count(*) FROM residents').pluck().get() as number;
  if (residents > 0 && citySecret(sqlite) !== secret) throw new Error('cannot take the city secret: this store already holds residents');
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CITY_SECRET_KEY, JSON.stringify(secret));
  cache.set(sqlite, secret);
}

/**
 * An office that used the app alone joining its city (services/exchange/join-existing.ts):
 * every resident's uid made again with the city's secret, which it keeps from now on. In the
 * caller's transaction, with change capture off (the office's log starts after).
 */
export function rekeyToCitySecret(sqlite: Sqlite, secret: string): void {
  const rekey = sqlite.prepare('UPDATE residents SET uid = ? WHERE id = ?');
  for (const r of sqlite.prepare('SELECT id, id_number AS idNumber FROM residents').all() as Array<{ id: number; idNumber: string }>) rekey.run(residentUid(secret, r.idNumber), r.id);
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CITY_SECRET_KEY, JSON.stringify(secret));
  cache.set(sqlite, secret);
}

/**
 * The SQL functions migration 0005 calls to backfill: `eldercare_uuid_v7()` (monotonic within
 * this process, so uids follow the order the rows are updated in — by id),
 * `eldercare_new_secret()` and `eldercare_resident_uid(secret, id_number)`. Registered on
 * every owner connection before migrating; they only compute, never touch the database.
 */
export function registerUidFunctions(sqlite: Sqlite): void {
  sqlite.function('eldercare_uuid_v7', { deterministic: false, varargs: false }, () => v7());
  sqlite.function('eldercare_new_secret', { deterministic: false }, () => JSON.stringify(newCitySecret()));
  sqlite.function('eldercare_resident_uid', { deterministic: true }, (secret: unknown, idNumber: unknown) =>
    residentUid(JSON.parse(String(secret)) as string, String(idNumber)),
  );
}
