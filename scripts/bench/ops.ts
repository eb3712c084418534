/**
 * The operations the benchmark times, each run in its own process (worker.ts) so its peak
 * memory is its own. Every operation goes through the app's own code: services for the
 * statistics, month close and export; the api caller for the grids and searches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCaller } from '../../src-main/api/router';
import type { AppDb } from '../../src-main/db/open';
import { localActor } from '../../src-main/services/local-actor';
import type { ServiceContext } from '../../src-main/services/context';
import { closeMonth, reopenMonth } from '../../src-main/services/month-close';
import { exportMonthToFile } from '../../src-main/services/month-export';
import { statistics } from '../../src-main/services/statistics';

export const BENCH_DATE = '2026-10-31';
export const BENCH_MONTH = '2026-10';

export interface Op {
  /** Work done once before the timed runs (not timed). */
  setup?: (env: OpEnv) => Promise<void> | void;
  /** One timed run. */
  run: (env: OpEnv) => Promise<unknown> | unknown;
  /** Put things back between runs (not timed). */
  between?: (env: OpEnv) => Promise<void> | void;
}

export interface OpEnv {
  db: AppDb;
  ctx: ServiceContext;
  api: ReturnType<typeof createCaller>;
  scratch: string;
  /** Values found in setup: a county, a resident's name and ID number. */
  county: string;
  name: string;
  idNumber: string;
}

export function makeEnv(db: AppDb, scratch: string): OpEnv {
  const actor = { ...localActor(db), username: 'bench' };
  const county = (db.sqlite.prepare("SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1").get() as { code: string }).code;
  // A resident in the middle of the table: a realistic name prefix and an ID to look up.
  const mid = db.sqlite.prepare('SELECT name, id_number AS idNumber FROM residents WHERE id = (SELECT max(id) / 2 FROM residents)').get() as { name: string; idNumber: string };
  return { db, ctx: { db, actor }, api: createCaller(db, actor), scratch, county, name: mid.name.slice(0, 2), idNumber: mid.idNumber };
}

export const OPS: Record<string, Op> = {
  'stats-all': { run: (e) => statistics(e.ctx, { date: BENCH_DATE }) },
  'stats-one': { run: (e) => statistics(e.ctx, { date: BENCH_DATE, counties: [e.county] }) },
  'month-close': {
    setup: (e) => {
      if (e.db.sqlite.prepare("SELECT 1 FROM month_closes WHERE month = ? AND state = 'closed'").get(BENCH_MONTH)) reopenMonth(e.ctx, BENCH_MONTH, '基准测试重复关账 / benchmark re-close');
    },
    run: (e) => closeMonth(e.ctx, BENCH_MONTH),
    between: (e) => void reopenMonth(e.ctx, BENCH_MONTH, '基准测试重复关账 / benchmark re-close'),
  },
  'month-export': {
    run: async (e) => {
      const out = path.join(e.scratch, `month-${BENCH_MONTH}.xlsx`);
      await exportMonthToFile(e.ctx, BENCH_MONTH, out);
      fs.rmSync(out, { force: true });
    },
  },
  'facility-page': { run: (e) => e.api.facility.list({ date: BENCH_DATE, limit: 100, offset: 0 }) },
  'facility-all': { run: (e) => e.api.facility.list({ date: BENCH_DATE }) },
  'resident-page': { run: (e) => e.api.resident.list({ limit: 100, offset: 0 }) },
  'resident-all': { run: (e) => e.api.resident.list({}) },
  'search-name': { run: (e) => e.api.resident.list({ search: e.name }) },
  'search-id': { run: (e) => e.api.resident.list({ search: e.idNumber }) },
  'facility-detail': {
    run: (e) => {
      const id = (e.db.sqlite.prepare("SELECT id FROM facilities WHERE kind = 'support_home' ORDER BY id LIMIT 1").get() as { id: number }).id;
      return e.api.facility.detail({ id, date: BENCH_DATE });
    },
  },
};
