/**
 * The hot queries use indexes: each service call below runs with its statements recorded
 * (the SQL and the values it was run with, exactly as the services issue them), and every
 * statement's EXPLAIN QUERY PLAN must not read a large table from end to end — neither a
 * bare `SCAN` nor a full pass over one of its indexes.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppDb } from '../../src-main/db/open';
import { freshDb } from '../support/temp-db';
import { idFor, type Api } from './helpers';

/** Tables that grow with the register; reading one whole is what a hot query must not do. */
const LARGE = new Set(['facilities', 'facility_status_changes', 'beds', 'residents', 'stays', 'leaves', 'assessments', 'contracts', 'audit_log']);

interface Recorded {
  sql: string;
  args: unknown[];
}

/** Runs fn with every statement the services prepare and execute recorded. */
async function recording(db: AppDb, fn: () => Promise<unknown>): Promise<Recorded[]> {
  const seen: Recorded[] = [];
  const sqlite = db.sqlite;
  const original = sqlite.prepare;
  sqlite.prepare = function (source: string) {
    const stmt = original.call(sqlite, source) as Database.Statement;
    for (const m of ['all', 'get', 'run'] as const) {
      const f = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      Object.defineProperty(stmt, m, {
        value: (...args: unknown[]) => {
          seen.push({ sql: source, args });
          return f(...args);
        },
      });
    }
    return stmt;
  } as typeof sqlite.prepare;
  try {
    await fn();
  } finally {
    sqlite.prepare = original;
  }
  return seen;
}

/** alias → table for every `FROM t a` / `JOIN t AS a` in the statement (a table is its own alias). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+"?(\w+)"?(?:\s+(?:AS\s+)?"?(\w+)"?)?/gi)) {
    const table = m[1]!.toLowerCase();
    map.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !/^(on|where|join|left|inner|cross|group|order|limit|using|natural)$/.test(alias)) map.set(alias, table);
  }
  return map;
}

interface Scan {
  sql: string;
  table: string;
  detail: string;
}

function fullScans(db: AppDb, statements: Recorded[], allowed: ReadonlySet<string> = new Set()): Scan[] {
  const out: Scan[] = [];
  for (const s of statements) {
    if (/^\s*(INSERT|UPDATE|DELETE|PRAGMA|SAVEPOINT|RELEASE|BEGIN|COMMIT)/i.test(s.sql)) continue;
    const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.args as [])) as Array<{ detail: string }>;
    const names = aliases(s.sql);
    for (const { detail } of plan) {
      const m = /^SCAN (\w+)/.exec(detail);
      if (!m) continue;
      const table = names.get(m[1]!.toLowerCase()) ?? m[1]!.toLowerCase();
      if (LARGE.has(table) && !allowed.has(table)) out.push({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 160), table, detail });
    }
  }
  return out;
}

const D = '2025-06-30';

/** Two counties with a home each, beds, residents in and out of care, an assessment, a leave. */
async function register(api: Api) {
  const home = await api.facility.create({
    regionCode: '520602', name: '碧江福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01',
    initialBeds: { count: 6, nursingCount: 2 },
  });
  const other = await api.facility.create({
    regionCode: '520603', name: '万山敬老院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01',
    initialBeds: { count: 4, nursingCount: 1 },
  });
  const beds = await api.bed.board({ facilityId: home.id });
  const names = ['王德明', '王秀兰', '李国华', '张玉芳'];
  const residents = [];
  for (const [i, name] of names.entries()) {
    const r = await api.resident.create({ name, idNumber: idFor(i + 1), householdRegionCode: '520602', tekun: i === 1, tekunSelfCare: i === 1 ? 'partial' : null });
    residents.push(r);
  }
  const stay = await api.stay.admit({ residentId: residents[0]!.id, bedId: beds[0]!.id, admittedOn: '2024-03-01' });
  await api.stay.admit({ residentId: residents[1]!.id, bedId: beds[1]!.id, admittedOn: '2024-05-01' });
  await api.stay.recordLeave({ stayId: stay.id, startOn: '2025-01-10', endOn: '2025-01-20' });
  await api.assessment.recordLegacy({ residentId: residents[0]!.id, assessedOn: '2024-03-01', reason: 'first', finalLevel: 1, assessor1: '甲', assessor2: '乙' });
  return { home, other, beds, residents };
}

describe('hot queries use indexes (EXPLAIN QUERY PLAN)', () => {
  it('statistics for all counties read facilities once and everything else by index', async () => {
    const { db, api } = freshDb();
    await register(api);
    const statements = await recording(db, () => api.report.statistics({ date: D }));
    expect(statements.some((s) => /FROM fac\b[\s\S]*JOIN beds/i.test(s.sql))).toBe(true);
    // Every facility's status on D is needed, so the operating facilities are one pass over facilities.
    expect(fullScans(db, statements, new Set(['facilities']))).toEqual([]);
  });

  it('statistics for one county do not read other counties', async () => {
    const { db, api } = freshDb();
    await register(api);
    const statements = await recording(db, () => api.report.statistics({ date: D, counties: ['520603'] }));
    const scans = fullScans(db, statements);
    // The 特困 count follows residents of the county into any county's homes, and plan
    // progress is city-wide: those two passes over facilities are the only ones.
    expect(scans.every((s) => s.table === 'facilities')).toBe(true);
    expect(scans.length).toBeLessThanOrEqual(3);
    const countyOnly = statements.filter((s) => s.sql.includes('f.region_code IN'));
    expect(countyOnly.length).toBeGreaterThan(0);
    expect(fullScans(db, countyOnly)).toEqual([]);
  });

  it('facility detail reads only that facility', async () => {
    const { db, api } = freshDb();
    const { home } = await register(api);
    const statements = await recording(db, () => api.facility.detail({ id: home.id, date: D }));
    expect(statements.length).toBeGreaterThan(3);
    expect(fullScans(db, statements)).toEqual([]);
  });

  it('resident search by ID number and by name', async () => {
    const { db, api } = freshDb();
    await register(api);
    let found: unknown;
    const byId = await recording(db, async () => (found = await api.resident.list({ search: idFor(3) })));
    expect((found as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toEqual(['李国华']);
    expect(fullScans(db, byId)).toEqual([]);
    const byName = await recording(db, async () => (found = await api.resident.list({ search: '王' })));
    expect((found as { rows: Array<{ name: string }> }).rows.map((r) => r.name).sort()).toEqual(['王德明', '王秀兰']);
    expect(fullScans(db, byName)).toEqual([]);
  });

  it('resident search by a part of the name and by the last digits of the ID number', async () => {
    const { db, api } = freshDb();
    await register(api);
    let found: unknown;
    const byPart = await recording(db, async () => (found = await api.resident.list({ search: '德明' })));
    expect((found as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toEqual(['王德明']);
    expect(fullScans(db, byPart)).toEqual([]);
    const byTail = await recording(db, async () => (found = await api.resident.list({ search: idFor(3).slice(-5) })));
    expect((found as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toEqual(['李国华']);
    expect(fullScans(db, byTail)).toEqual([]);
  });

  it('open stays by bed: admission, transfer and the bed board', async () => {
    const { db, api } = freshDb();
    const { home, beds, residents } = await register(api);
    const admission = await recording(db, () => api.stay.admit({ residentId: residents[2]!.id, bedId: beds[2]!.id, admittedOn: D }));
    expect(admission.some((s) => /bed_id = \?/.test(s.sql))).toBe(true);
    expect(fullScans(db, admission)).toEqual([]);
    const open = (await api.stay.list({ facilityId: home.id, openOn: D })) as Array<{ id: number; residentId: number }>;
    const moved = await recording(db, () => api.stay.transfer({ stayId: open.find((s) => s.residentId === residents[2]!.id)!.id, toBedId: beds[3]!.id, transferOn: D }));
    expect(fullScans(db, moved)).toEqual([]);
    const board = await recording(db, () => api.bed.board({ facilityId: home.id, date: D }));
    expect(fullScans(db, board)).toEqual([]);
  });

  it('the check itself sees a whole-table read when there is one', async () => {
    const { db } = freshDb();
    const statements = [{ sql: "SELECT id FROM residents r WHERE r.name LIKE '%德%'", args: [] }];
    expect(fullScans(db, statements).map((s) => s.table)).toEqual(['residents']);
  });
});
