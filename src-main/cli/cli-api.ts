/**
 * The api as the CLI calls it: the same procedures as the app (createCaller), as the local
 * administrator recorded as `cli` in the audit log. Whoever can run the CLI can read the
 * database file anyway; what it may do is still decided by the procedures.
 */
import type { inferRouterOutputs } from '@trpc/server';
import { createCaller, type AppRouter } from '../api/router';
import type { AppDb } from '../db/open';
import { localActor } from '../services/local-actor';

export function cliActor(db: AppDb): ReturnType<typeof localActor> {
  return { ...localActor(db), username: 'cli' };
}

export function cliApi(db: AppDb) {
  return createCaller(db, cliActor(db));
}

/** What the procedures return, as the CLI prints it. */
export type ApiOutputs = inferRouterOutputs<AppRouter>;
