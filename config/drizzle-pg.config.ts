import { defineConfig } from 'drizzle-kit';

// The hub's PostgreSQL schema (src-main/db/pg/schema.ts, made from the SQLite schema by
// scripts/pg-schema.ts, and the hub's own tables); its migrations sit beside the SQLite ones,
// in drizzle/pg.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src-main/db/pg/schema.ts', './src-main/db/pg/hub-schema.ts'],
  out: './drizzle/pg',
  strict: true,
  verbose: true,
});
