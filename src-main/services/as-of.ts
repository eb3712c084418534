/** The "as of D" SQL fragments live with the read models (db/queries/as-of.ts); re-exported for the services. */
export * from '../db/queries/as-of';
