/**
 * The exchange between offices (docs/exchange.md): this install's identity, the registry of
 * installs it knows, and the change log every write appends to. Re-exported by schema.ts.
 *
 * The change log is filled by triggers (db/change-capture.ts) made from the schema on every
 * open, so no write path — a user's save, an import, a correction, the generator, raw SQL —
 * can change a shared record without its change being recorded in the same transaction.
 */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { INSTALL_LEVELS } from '../domain/install-place';
import { now, oneOf } from './schema-columns';

/** This database as an install: one row. The private key is encrypted with the database key. */
export const installIdentity = sqliteTable(
  'install_identity',
  {
    id: integer().primaryKey(),
    uid: text().notNull().unique(),
    level: text({ enum: INSTALL_LEVELS }).notNull(),
    /** The region it holds: the city's code, a county's code, or a facility's county. */
    regionCode: text().notNull(),
    /** A facility install: the uid of the facility it keeps. */
    facilityUid: text(),
    /** Ed25519 public key, SPKI DER, base64. */
    publicKey: text().notNull(),
    /** Ed25519 private key, PKCS#8 DER, as v1:<iv>:<tag>:<ciphertext> (AES-256-GCM, base64). */
    privateKey: text().notNull(),
    /** X25519 public key (SPKI DER, base64): packages for this install are encrypted to it. */
    boxPublicKey: text().notNull(),
    /** X25519 private key, sealed as privateKey is. */
    boxPrivateKey: text().notNull(),
    createdAt: text().notNull().default(now),
  },
  (t) => [
    check('install_identity_one', sql`${t.id} = 1`),
    check('install_identity_level', oneOf(t.level, INSTALL_LEVELS)),
    check('install_identity_facility', sql`(${t.level} = 'facility') = (${t.facilityUid} IS NOT NULL)`),
  ],
);

/**
 * Every install this one knows, itself included: the root (the city), and those enrolled
 * below it. Exchanged like a register record, so each office learns who holds what.
 */
export const installs = sqliteTable(
  'installs',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uid: text().notNull().unique(),
    level: text({ enum: INSTALL_LEVELS }).notNull(),
    regionCode: text().notNull(),
    facilityUid: text(),
    publicKey: text().notNull(),
    /** X25519 public key (SPKI DER, base64) that packages for it are encrypted to. */
    boxPublicKey: text().notNull(),
    /** The install that enrolled it (its section); null for the root. */
    enrolledBy: text(),
    createdAt: text().notNull().default(now),
    /**
     * Revoked by its section (a PC that died or was lost): when, and the last of its changes
     * the section had accepted. Its later changes, and any file signed with its key, are refused.
     */
    revokedAt: text(),
    revokedThrough: integer(),
    /** A re-enrolled office: the revoked install it takes over from. */
    replaces: text(),
  },
  (t) => [
    check('installs_level', oneOf(t.level, INSTALL_LEVELS)),
    check('installs_facility', sql`(${t.level} = 'facility') = (${t.facilityUid} IS NOT NULL)`),
    index('installs_place').on(t.level, t.regionCode),
    index('installs_facility').on(t.facilityUid),
  ],
);

const CHANGE_OPS = ['insert', 'update', 'delete'] as const;
/** local: made here; pending: received, not yet applied; applied; refused (with the reason). */
const CHANGE_STATES = ['local', 'pending', 'applied', 'refused'] as const;

/**
 * One change to one shared row. Values of foreign keys are the uid of the row they point to,
 * so a change means the same in every install. (origin, seq) numbers an origin's changes
 * 1, 2, 3 … without gaps; `txn` is the seq of the first change of the same write and `last`
 * marks its final change, so a receiver applies a write whole.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    origin: text().notNull(),
    seq: integer().notNull(),
    txn: integer(),
    last: integer({ mode: 'boolean' }).notNull().default(false),
    tbl: text().notNull(),
    rowUid: text().notNull(),
    op: text({ enum: CHANGE_OPS }).notNull(),
    before: text(),
    after: text(),
    /** domain/ownership.ts ownerKey of the row changed, as the origin saw it. */
    owner: text(),
    /** services/exchange/change-owner.ts: which installs it is for ('all', 'top', 'county:…', 'county:…/facility:…'). */
    audience: text(),
    at: text().notNull().default(now),
    state: text({ enum: CHANGE_STATES }).notNull().default('local'),
    /** Why a received change was refused (zh-CN / en). */
    reason: text(),
    /** The install a received change came from (the origin itself, or a county relaying it). */
    via: text(),
    receivedAt: text(),
  },
  (t) => [
    uniqueIndex('change_log_origin_seq').on(t.origin, t.seq),
    index('change_log_row').on(t.tbl, t.rowUid),
    index('change_log_pending').on(t.state, t.origin, t.seq),
    index('change_log_unsealed').on(t.origin).where(sql`${t.txn} IS NULL`),
    check('change_log_op', oneOf(t.op, CHANGE_OPS)),
    check('change_log_state', oneOf(t.state, CHANGE_STATES)),
    check('change_log_seq', sql`${t.seq} > 0`),
  ],
);

/** Present (one row) while received changes are applied: the capture triggers then record nothing. */
export const changeCaptureOff = sqliteTable('change_capture_off', { id: integer().primaryKey() }, (t) => [check('change_capture_off_one', sql`${t.id} = 1`)]);

/**
 * Through which seq this install has processed (applied, refused, or found not meant for it)
 * each other origin's changes: the next one it applies is through + 1.
 */
export const exchangeProgress = sqliteTable('exchange_progress', {
  origin: text().primaryKey(),
  through: integer().notNull(),
});

/**
 * A received batch's promise per origin: every change of (after, through] meant for this
 * install is in it — the ones not received are not for this office. Kept until processed.
 */
export const exchangeRanges = sqliteTable(
  'exchange_ranges',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    origin: text().notNull(),
    after: integer().notNull(),
    through: integer().notNull(),
  },
  (t) => [index('exchange_ranges_origin').on(t.origin, t.after), check('exchange_ranges_order', sql`${t.through} > ${t.after}`)],
);

/** What a peer has acknowledged: every change of `origin` up to `seq`, so batches carry only the rest. */
export const peerAcks = sqliteTable(
  'peer_acks',
  {
    peer: text().notNull(),
    origin: text().notNull(),
    seq: integer().notNull(),
    updatedAt: text().notNull().default(now),
  },
  (t) => [uniqueIndex('peer_acks_key').on(t.peer, t.origin)],
);

/**
 * Enrolment files this section has made (services/exchange/enrolment.ts): the place, and the
 * one-time secret that authenticates the new install's first package. Used once.
 */
export const enrolments = sqliteTable(
  'enrolments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    level: text({ enum: INSTALL_LEVELS }).notNull(),
    regionCode: text().notNull(),
    facilityUid: text(),
    /** The one-time secret (hex; the store is encrypted at rest): the new install's first package carries an HMAC with it. */
    secret: text().notNull().unique(),
    createdAt: text().notNull().default(now),
    /** The install that used it, and when. */
    usedBy: text(),
    usedAt: text(),
  },
  (t) => [check('enrolments_level', oneOf(t.level, INSTALL_LEVELS))],
);

/**
 * Package files made by a newer version than this one (format too new to read): kept whole,
 * so they are imported by themselves once the app is upgraded — held, never refused.
 */
export const heldPackages = sqliteTable('held_packages', {
  id: integer().primaryKey({ autoIncrement: true }),
  sender: text().notNull(),
  /** The app version that wrote it: the one to upgrade to. */
  app: text().notNull(),
  reader: integer().notNull(),
  /** SHA-256 of the file (hex): one copy however often it is imported. */
  hash: text().notNull().unique(),
  bytes: blob({ mode: 'buffer' }).notNull(),
  heldAt: text().notNull().default(now),
});

/**
 * 报送情况: each package an office made, as this install learned of it (directly, or relayed by
 * a county): made at `made_at`, it carried every change of its origin through `seq`. A package
 * with no change still says "nothing happened through made_at", so silence and "no change"
 * are told apart. One row per origin and time made, however often it arrives.
 */
export const exchangeReports = sqliteTable(
  'exchange_reports',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    origin: text().notNull(),
    madeAt: text().notNull(),
    seq: integer().notNull(),
    /** When it first reached this install, and from whom (the origin, or the county relaying it). */
    receivedAt: text().notNull().default(now),
    via: text().notNull(),
  },
  (t) => [uniqueIndex('exchange_reports_made').on(t.origin, t.madeAt), index('exchange_reports_received').on(t.origin, t.receivedAt)],
);
