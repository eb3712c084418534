/**
 * The one contract. Reached by createCaller (CLI, tests), over HTTP (browser mode) and over
 * IPC (desktop); it knows nothing of how. One file per namespace in routers/.
 */
import type { AppDb } from '../db/open';
import type { Actor } from '../services/context';
import { localActor } from '../services/local-actor';
import { accountRouter } from './routers/account';
import { assessmentRouter } from './routers/assessment';
import { auditRouter } from './routers/audit';
import { backupRouter } from './routers/backup';
import { bedRouter } from './routers/bed';
import { contractRouter } from './routers/contract';
import { exchangeRouter } from './routers/exchange';
import { facilityRouter } from './routers/facility';
import { importRouter } from './routers/import';
import { monthRouter } from './routers/month';
import { formRouter } from './routers/form';
import { operatorRouter } from './routers/operator';
import { regionRouter } from './routers/region';
import { reportRouter } from './routers/report';
import { residentRouter } from './routers/resident';
import { searchRouter } from './routers/search';
import { securityRouter } from './routers/security';
import { settingsRouter } from './routers/settings';
import { stayRouter } from './routers/stay';
import { userRouter } from './routers/user';
import { waitingRouter } from './routers/waiting';
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
  form: formRouter,
  import: importRouter,
  backup: backupRouter,
  account: accountRouter,
  user: userRouter,
  security: securityRouter,
  search: searchRouter,
  exchange: exchangeRouter,
  waiting: waitingRouter,
});

export type AppRouter = typeof appRouter;

const callerFactory = createCallerFactory(appRouter);

export function createCaller(db: AppDb, actor: Actor = localActor(db)) {
  return callerFactory({ db, actor });
}
