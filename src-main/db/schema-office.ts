/**
 * The office's own records: settings, accounts, the append-only audit log, the refused
 * accesses, and the month closes with their frozen snapshots. Re-exported by schema.ts, the
 * one schema drizzle reads.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/enums';
import { now, oneOf } from './schema-columns';

/** Key/value settings stored as JSON; shapes and defaults live in db/settings.ts. */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: text().notNull().default(now),
});

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    username: text().notNull(),
    displayName: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** scrypt$N$r$p$salt$hash (base64url); null for the local account, which cannot log in. */
    passwordHash: text(),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    createdAt: text().notNull().default(now),
    /** Section staff and read-only accounts: JSON array of county codes; [] = city-wide. */
    counties: text().notNull().default('[]'),
    /** Facility managers: JSON array of the facility ids they manage. */
    facilityIds: text().notNull().default('[]'),
    failedLogins: integer().notNull().default(0),
    lockedUntil: text(),
    passwordChangedAt: text(),
    lastLoginAt: text(),
  },
  (t) => [uniqueIndex('users_username').on(t.username), check('users_role', oneOf(t.role, ROLES))],
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull().default(now),
    userId: integer().references(() => users.id),
    username: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: text(),
    after: text(),
    /** The owner the enclosing write wrote for (domain/ownership.ts ownerKey); null on rows from before owners. */
    owner: text(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_at').on(t.at)],
);

/**
 * A reporting month's state: closed months keep a frozen snapshot of every figure as of the
 * month's last day; a closed month changes only by an explicit reopen with a reason.
 */
export const monthCloses = sqliteTable(
  'month_closes',
  {
    month: text().primaryKey(),
    state: text({ enum: ['closed', 'reopened'] }).notNull(),
    closedAt: text(),
    closedBy: text(),
    reopenedAt: text(),
    reopenedBy: text(),
    reopenReason: text(),
    /** The snapshot row that holds the figures of the current close. */
    snapshotId: integer().references((): AnySQLiteColumn => monthSnapshots.id),
  },
  (t) => [
    check('month_closes_month', sql`${t.month} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
    check('month_closes_state', sql`${t.state} IN ('closed', 'reopened')`),
    check('month_closes_reopen', sql`${t.state} = 'closed' OR length(trim(coalesce(${t.reopenReason}, ''))) > 0`),
  ],
);

/** Every close keeps its snapshot; a re-close adds a new one and the old stays for the record. */
export const monthSnapshots = sqliteTable(
  'month_snapshots',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    month: text().notNull(),
    takenAt: text().notNull().default(now),
    takenBy: text().notNull(),
    /** The whole month report (figures, facility detail, contracts, distribution, data quality) as JSON. */
    data: text().notNull(),
  },
  (t) => [index('month_snapshots_month').on(t.month, t.takenAt)],
);

/**
 * Refused api calls (FORBIDDEN, LOGIN_REQUIRED, SESSION_EXPIRED), one row per account,
 * procedure, hour (UTC, 'YYYY-MM-DD HH') and code with a count, so a flood of refusals adds
 * rows only per hour and cannot fill the disk. Kept apart from the append-only audit_log,
 * whose triggers refuse the UPDATE the count needs. Anonymous callers count as '(未登录)'.
 */
export const accessRefusals = sqliteTable(
  'access_refusals',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** No foreign key: a refusal is recorded even for an account id the table does not hold. */
    userId: integer(),
    username: text().notNull(),
    procedure: text().notNull(),
    hour: text().notNull(),
    code: text().notNull(),
    count: integer().notNull().default(1),
    firstAt: text().notNull().default(now),
    lastAt: text().notNull().default(now),
    /** The refusal's message the last time (e.g. which record was outside the scope). */
    lastMessage: text().notNull().default(''),
  },
  (t) => [
    uniqueIndex('access_refusals_key').on(t.username, t.procedure, t.hour, t.code),
    index('access_refusals_by_hour').on(t.hour),
    check('access_refusals_hour', sql`${t.hour} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]'`),
    check('access_refusals_count', sql`${t.count} > 0`),
  ],
);
