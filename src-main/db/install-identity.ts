/**
 * This database as an install (db/schema-exchange.ts): a uid, a place in the hierarchy and an
 * Ed25519 key pair from node:crypto. The private key is kept encrypted with a key derived from
 * the database key (HKDF-SHA256), so it is as safe as the database and no safer; an in-memory
 * store (tests) uses a key that lives as long as the process.
 *
 * A database made before installs (migration 0008) becomes the city install holding everything.
 */
import crypto from 'node:crypto';
import { v7 } from 'uuid';
import { fingerprintText, type InstallLevel, type InstallPlace } from '../domain/install-place';
import type { Sqlite } from './connection';
import type { DbKey } from './db-key';

export interface InstallIdentity {
  uid: string;
  level: InstallLevel;
  regionCode: string;
  facilityUid: string | null;
  /** Ed25519, SPKI DER, base64: what it signs with. */
  publicKey: string;
  /** X25519, SPKI DER, base64: what packages for it are encrypted to. */
  boxPublicKey: string;
}

const processKey = crypto.randomBytes(32);

function wrappingKey(dbKey: DbKey | undefined): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', dbKey ?? processKey, Buffer.alloc(0), 'eldercare install private key v1', 32));
}

function seal(plain: Buffer, dbKey: DbKey | undefined): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrappingKey(dbKey), iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

function unseal(text: string, dbKey: DbKey | undefined): Buffer {
  const [version, iv, tag, ct] = text.split(':');
  if (version !== 'v1' || !iv || !tag || !ct) throw new Error('install private key: unknown format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey(dbKey), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]);
}

const cache = new WeakMap<Sqlite, InstallIdentity>();

export function readIdentity(sqlite: Sqlite): InstallIdentity | undefined {
  const known = cache.get(sqlite);
  if (known) return known;
  // a store migrated with a drizzle/ folder from before 0008 (tests of older migrations) has none
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'install_identity'").get()) return undefined;
  const row = sqlite
    .prepare('SELECT uid, level, region_code AS regionCode, facility_uid AS facilityUid, public_key AS publicKey, box_public_key AS boxPublicKey FROM install_identity WHERE id = 1')
    .get() as InstallIdentity | undefined;
  if (row) cache.set(sqlite, row);
  return row;
}

/**
 * An install that used the app alone takes its place when it joins its section
 * (services/exchange/join-existing.ts): same uid and keys, a new level and region.
 */
export function moveIdentity(sqlite: Sqlite, place: InstallPlace): void {
  sqlite.prepare('UPDATE install_identity SET level = ?, region_code = ?, facility_uid = ? WHERE id = 1').run(place.level, place.regionCode, place.facilityUid ?? null);
  cache.delete(sqlite);
}

export function installIdentity(sqlite: Sqlite): InstallIdentity {
  const id = readIdentity(sqlite);
  if (!id) throw new Error('this database has no install identity (opened without openDatabase?)');
  return id;
}

/**
 * Make the identity if the store has none: the place given (an office joining), else the city
 * of the home region setting. Registers itself in `installs` as the root when it is the city.
 * Returns whether it was made now.
 */
export function ensureIdentity(sqlite: Sqlite, dbKey: DbKey | undefined, place?: InstallPlace): boolean {
  if (readIdentity(sqlite)) return false;
  const home = sqlite.prepare("SELECT value FROM settings WHERE key = 'homeRegion'").get() as { value: string } | undefined;
  const where: InstallPlace = place ?? { level: 'city', regionCode: home ? (JSON.parse(home.value) as string) : '520600' };
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const box = crypto.generateKeyPairSync('x25519');
  const boxSpki = box.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const boxPkcs8 = box.privateKey.export({ type: 'pkcs8', format: 'der' });
  const uid = v7();
  sqlite
    .transaction(() => {
      sqlite
        .prepare('INSERT INTO install_identity (id, uid, level, region_code, facility_uid, public_key, private_key, box_public_key, box_private_key) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(uid, where.level, where.regionCode, where.facilityUid ?? null, spki, seal(pkcs8, dbKey), boxSpki, seal(boxPkcs8, dbKey));
      // the root knows itself; an office joining learns its own row from its section
      if (!place)
        sqlite
          .prepare('INSERT INTO installs (uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by) VALUES (?, ?, ?, ?, ?, ?, NULL)')
          .run(uid, where.level, where.regionCode, where.facilityUid ?? null, spki, boxSpki);
    })
    .immediate();
  return true;
}

/** Sign with this install's private key (Ed25519). */
export function signAsInstall(sqlite: Sqlite, dbKey: DbKey | undefined, data: Buffer): Buffer {
  const row = sqlite.prepare('SELECT private_key AS k FROM install_identity WHERE id = 1').get() as { k: string };
  const key = crypto.createPrivateKey({ key: unseal(row.k, dbKey), format: 'der', type: 'pkcs8' });
  return crypto.sign(null, data, key);
}

/** X25519 agreement with this install's private key: the shared secret with `peerSpki`. */
export function agreeAsInstall(sqlite: Sqlite, dbKey: DbKey | undefined, peerSpki: Buffer): Buffer {
  const row = sqlite.prepare('SELECT box_private_key AS k FROM install_identity WHERE id = 1').get() as { k: string };
  const privateKey = crypto.createPrivateKey({ key: unseal(row.k, dbKey), format: 'der', type: 'pkcs8' });
  return crypto.diffieHellman({ privateKey, publicKey: crypto.createPublicKey({ key: peerSpki, format: 'der', type: 'spki' }) });
}

export function verifyInstallSignature(publicKeySpki: string, data: Buffer, signature: Buffer): boolean {
  const key = crypto.createPublicKey({ key: Buffer.from(publicKeySpki, 'base64'), format: 'der', type: 'spki' });
  return crypto.verify(null, data, key, signature);
}

/** The key's fingerprint as a clerk reads it out: SHA-256 of the SPKI bytes. */
export function keyFingerprint(publicKeySpki: string): string {
  return fingerprintText(crypto.createHash('sha256').update(Buffer.from(publicKeySpki, 'base64')).digest('hex'));
}
