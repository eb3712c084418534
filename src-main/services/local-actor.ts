/** Who acts when nobody has logged in: the local account (CLI, the generator, no-login mode). */
import { eq } from 'drizzle-orm';
import type { AppDb } from '../db/open';
import { LOCAL_USERNAME } from '../db/reference-data';
import { users } from '../db/schema';
import type { Actor } from './context';

/** The local account that acts until accounts and login exist. */
export function localActor(db: AppDb, via: string = LOCAL_USERNAME): Actor {
  const u = db.orm.select().from(users).where(eq(users.username, LOCAL_USERNAME)).get();
  return { userId: u?.id ?? null, username: via, role: u?.role ?? 'admin' };
}
