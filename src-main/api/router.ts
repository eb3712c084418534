/**
 * The one contract. Reached by createCaller (CLI, tests), over HTTP (browser mode) and over
 * IPC (desktop); it knows nothing of how.
 */
import type { AppDb } from '../db/open';
import type { Actor } from '../services/context';
import { localActor } from '../services/local-actor';
import { contractRouter, operatorRouter } from './contract-router';
import { assessmentRouter, residentRouter, stayRouter } from './care-router';
import { bedRouter, facilityRouter, regionRouter } from './register-router';
import { auditRouter, reportRouter, settingsRouter } from './report-router';
import { monthRouter } from './month-router';
import { importRouter } from './import-router';
import { backupRouter } from './backup-router';
import { accountRouter, securityRouter, userRouter } from './account-router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  region: regionRouter,
  facility: facilityRouter,
  bed: bedRouter,
  resident: residentRouter,
  stay: stayRouter,
  assessment: assessmentRouter,
  operator: operatorRouter,
  contract: contractRouter,
  report: reportRouter,
  settings: settingsRouter,
  audit: auditRouter,
  month: monthRouter,
  import: importRouter,
  backup: backupRouter,
  account: accountRouter,
  user: userRouter,
  security: securityRouter,
});

export type AppRouter = typeof appRouter;

const callerFactory = createCallerFactory(appRouter);

export function createCaller(db: AppDb, actor: Actor = localActor(db)) {
  return callerFactory({ db, actor });
}
