/**
 * The hub's own PostgreSQL tables, beside the register (schema.ts): the package files it has
 * received, the change stream of every install, and its state. Personal fields inside the
 * stored rows are encrypted (db/pg/personal-cipher.ts); nothing here holds an ID number in
 * the clear.
 */
import { bigint, customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Every package file received, once (by its SHA-256), kept whole so the hub can be rebuilt from them. */
export const hubPackages = pgTable(
  'hub_packages',
  {
    sha256: text('sha256').primaryKey(),
    /** The order the hub received them in: a rebuild applies them in this order. */
    position: bigint('position', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    sender: text('sender').notNull(),
    /** 'hub': made for the hub, applied to its register; 'relay': for another office, passed on when it syncs. */
    kind: text('kind').notNull(),
    /** The installs the file is encrypted to (its header says so in the clear). */
    recipients: text('recipients').array().notNull(),
    receivedAt: text('received_at').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [index('hub_packages_position').on(t.position), index('hub_packages_sender').on(t.sender), index('hub_packages_recipients').using('gin', t.recipients)],
);

/** The change stream: every change of every install the hub holds, with what became of it there. */
export const hubChanges = pgTable(
  'hub_changes',
  {
    origin: text('origin').notNull(),
    seq: integer('seq').notNull(),
    txn: integer('txn'),
    last: integer('last').notNull(),
    tbl: text('tbl').notNull(),
    rowUid: text('row_uid').notNull(),
    op: text('op').notNull(),
    /** The row before and after as JSON, personal fields encrypted. */
    before: text('before'),
    after: text('after'),
    owner: text('owner').notNull(),
    at: text('at').notNull(),
    state: text('state').notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.origin, t.seq] }), index('hub_changes_row').on(t.tbl, t.rowUid)],
);

/** Key/value state of the hub (JSON values): its identity's public parts, what it has mirrored. */
export const hubState = pgTable('hub_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
