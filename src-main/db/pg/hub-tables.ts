/** The SQLite tables the hub keeps in PostgreSQL: every table installs exchange (in the order a row's references come first), and the regions they point to. */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { SHARED_TABLES } from '../change-capture';
import { regions } from '../schema';

export const HUB_TABLES: readonly SQLiteTable[] = [regions, ...SHARED_TABLES];
