/**
 * The exchange simulation of issue 16, shared by tests/integration/exchange-convergence.test.ts
 * and scripts/bench/exchange-rounds.ts: one city, two counties (碧江区 520602, 万山区 520603)
 * and six facilities (three per county), each an in-memory store opened as its install, with
 * random writes made through the services at the install that holds the record and batches
 * carried between them with duplicates, reordering, delays and losses. After a round every
 * batch is delivered until nothing new travels, and the installs are compared:
 *
 * (a) the city's register equals a reference store (a province install, enrolled by nobody)
 *     that received every install's own changes in the global order they were made;
 * (b) each county's statistics for its county equal the city's (except tekunUnableResidents
 *     and what is derived from it: a 特困 person counts for the household county wherever the
 *     person stays, and a county install does not hold the residents of another county's
 *     facilities);
 * (c) each facility install holds exactly the city's beds, stays and leaves of its facility,
 *     and the same occupancy;
 * (d) no change is left pending anywhere.
 *
 * Every mismatch is a divergence, reported with what differed.
 */
import fc from 'fast-check';
import { openDatabase, type AppDb } from '../../src-main/db/open';
import { installIdentity } from '../../src-main/db/install-identity';
import { registerRows } from '../../src-main/db/change-capture';
import { sealChanges } from '../../src-main/db/exchange/seal';
import type { Batch, ReceiveReport, Row, WireChange } from '../../src-main/db/exchange/types';
import { enrolInstall } from '../../src-main/services/exchange/enrol';
import { makeBatch, wireChange, type LogRow } from '../../src-main/services/exchange/batch';
import { receiveBatch } from '../../src-main/services/exchange/receive';
import { localActor } from '../../src-main/services/local-actor';
import type { ServiceContext } from '../../src-main/services/context';
import { AppError } from '../../src-main/domain/errors';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import { createFacility, updateFacility } from '../../src-main/services/facilities';
import { updateBed } from '../../src-main/services/beds';
import { createResident } from '../../src-main/services/residents';
import { admit, discharge, endLeave, recordLeave, transfer } from '../../src-main/services/stays';
import { recordLegacyAssessment } from '../../src-main/services/assessments';
import { correctStay } from '../../src-main/services/stay-corrections';
import { upsertPopulation } from '../../src-main/services/regions';
import { updateSettings, upsertTarget } from '../../src-main/services/settings';
import { statistics, type StatisticsRow } from '../../src-main/services/statistics';

export const COUNTIES = ['520602', '520603'] as const;
const FACILITIES_PER_COUNTY = 3;
const BEDS_PER_FACILITY = 5;
/** The pool of people the random admissions draw from. */
const PEOPLE = 10;
const FORCED_KINDS = ['crossCounty', 'dualRegistration', 'refusedMidSequence', 'overtaking'] as const;
export type ForcedKind = (typeof FORCED_KINDS)[number];

// ——— installs ———

export interface Node {
  name: string;
  level: 'city' | 'county' | 'facility';
  db: AppDb;
  uid: string;
  ctx: ServiceContext;
  county: string | null;
  /** A facility install: the uid of its facility. */
  facilityUid: string | null;
}

function node(name: string, level: Node['level'], db: AppDb, county: string | null, facilityUid: string | null): Node {
  return { name, level, db, uid: installIdentity(db.sqlite).uid, ctx: { db, actor: localActor(db) }, county, facilityUid };
}

/** A valid 18-digit ID number (check digit after GB 11643) for person n, born in the 1940s. */
export function idNumberOf(n: number, region: string = COUNTIES[n % 2]!): string {
  const body = `${region}194${n % 10}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
  return body + idCheckCharacter(body);
}

function localId(db: AppDb, table: string, uid: string): number | undefined {
  return db.sqlite.prepare(`SELECT id FROM "${table}" WHERE uid = ?`).pluck().get(uid) as number | undefined;
}

// ——— operations ———

export type Op =
  | { k: 'admit'; f: number; p: number }
  | { k: 'discharge'; f: number; pick: number }
  | { k: 'bedMove'; f: number; pick: number }
  | { k: 'move'; f: number; to: number; pick: number }
  | { k: 'leave'; f: number; pick: number }
  | { k: 'assess'; f: number; pick: number; level: number }
  | { k: 'correct'; f: number; pick: number }
  | { k: 'bedEdit'; f: number; pick: number }
  | { k: 'staff'; f: number; n: number }
  | { k: 'register'; f: number; n: number }
  | { k: 'population'; c: number; n: number }
  | { k: 'setting'; n: number }
  | { k: 'target'; n: number }
  | { k: 'send'; l: number }
  | { k: 'deliver'; l: number; pick: number; keep: boolean }
  | { k: 'lose'; l: number; pick: number }
  | { k: 'forced'; kind: ForcedKind; a: number; b: number; p: number };

const fi = fc.nat({ max: 5 });
const pick = fc.nat({ max: 1000 });
const writeOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('admit' as const), f: fi, p: fc.nat({ max: PEOPLE - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('discharge' as const), f: fi, pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('bedMove' as const), f: fi, pick }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('move' as const), f: fi, to: fi, pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('leave' as const), f: fi, pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('assess' as const), f: fi, pick, level: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('correct' as const), f: fi, pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('bedEdit' as const), f: fi, pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('staff' as const), f: fi, n: fc.nat({ max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('register' as const), f: fi, n: fc.nat({ max: 99 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('population' as const), c: fc.nat({ max: 1 }), n: fc.nat({ max: 50_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('setting' as const), n: fc.nat({ max: 59 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('target' as const), n: fc.nat({ max: 100 }) }) },
);
const link = fc.nat({ max: 99 });
const deliveryOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('send' as const), l: link }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('deliver' as const), l: link, pick, keep: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('lose' as const), l: link, pick }) },
);

/** A round: 20–36 random operations with the four forced cases spliced in at random places. */
export const roundArb: fc.Arbitrary<Op[]> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: writeOp }, { weight: 2, arbitrary: deliveryOp }), { minLength: 20, maxLength: 36 }),
    fc.tuple(...FORCED_KINDS.map((kind) => fc.record({ at: fc.nat({ max: 40 }), a: fi, b: fi, p: fc.nat({ max: PEOPLE - 1 }), kind: fc.constant(kind) }))),
  )
  .map(([ops, forced]) => {
    const out = [...ops];
    for (const f of forced) out.splice(f.at % (out.length + 1), 0, { k: 'forced', kind: f.kind, a: f.a, b: f.b, p: f.p });
    return out;
  });

// ——— totals ———

export interface Totals {
  rounds: number;
  ops: number;
  writes: number;
  /** Writes the services refused (a rule of the domain, or NOT_HELD_HERE), by code. */
  rejected: Record<string, number>;
  batches: number;
  lost: number;
  duplicated: number;
  forced: Record<ForcedKind, number>;
  divergences: number;
  /** Divergences by kind (the message up to its colon, uids left out). */
  kinds: Record<string, number>;
  /** The first divergences, with their round. */
  findings: string[];
}

export function emptyTotals(): Totals {
  return {
    rounds: 0,
    ops: 0,
    writes: 0,
    rejected: {},
    batches: 0,
    lost: 0,
    duplicated: 0,
    forced: { crossCounty: 0, dualRegistration: 0, refusedMidSequence: 0, overtaking: 0 },
    divergences: 0,
    kinds: {},
    findings: [],
  };
}

export function totalsLine(t: Totals, seed: number): string {
  const forced = FORCED_KINDS.map((k) => `${k}=${t.forced[k]}`).join(' ');
  return `exchange rounds=${t.rounds} seed=${seed} ops=${t.ops} writes=${t.writes} batches=${t.batches} lost=${t.lost} duplicated=${t.duplicated} forced: ${forced} divergences=${t.divergences}`;
}

// ——— the world of one round ———

const START = Date.UTC(2025, 0, 1);

export class World {
  readonly city: Node;
  readonly counties: Node[] = [];
  readonly facilities: Node[] = [];
  readonly ref: AppDb;
  /** Directed links with the batches in flight on each. */
  readonly links: Array<{ from: Node; to: Node; flight: Batch[] }> = [];
  readonly divergences: string[] = [];
  private readonly fed = new Map<string, number>();
  private day = 0;
  private registerNo = 0;

  constructor(readonly totals: Totals) {
    this.city = node('city', 'city', openDatabase(':memory:'), null, null);
    this.ref = openDatabase(':memory:', { install: { level: 'province', regionCode: '520000' } });
    this.seedReference();
    this.feed(this.city);
  }

  /** Today in the round: every write moves it a day on (all in the past of the real today). */
  private today(): string {
    return new Date(START + this.day * 86_400_000).toISOString().slice(0, 10);
  }

  private nextDay(): string {
    this.day += 1;
    return this.today();
  }

  /**
   * The reference knows the root before anything: the city's row of the registry, as the city
   * holds it (the city's own first change is that row; receiving it needs the root known).
   */
  private seedReference(): void {
    const root = this.city.db.sqlite.prepare('SELECT uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, created_at FROM installs WHERE uid = ?').get(this.city.uid) as Row;
    const s = this.ref.sqlite;
    s.transaction(() => {
      s.prepare('INSERT INTO change_capture_off (id) VALUES (1)').run();
      s.prepare('INSERT INTO installs (uid, level, region_code, facility_uid, public_key, box_public_key, enrolled_by, created_at) VALUES (@uid, @level, @region_code, @facility_uid, @public_key, @box_public_key, @enrolled_by, @created_at)').run(root);
      s.prepare('DELETE FROM change_capture_off').run();
    })();
  }

  /**
   * The reference receives the install's own changes made since last fed, as one batch from
   * their origin: called right after every write, so it sees every change in global order.
   */
  feed(n: Node): void {
    const after = this.fed.get(n.uid) ?? 0;
    const rows = n.db.sqlite
      .prepare("SELECT origin, seq, txn, last, tbl, row_uid AS rowUid, op, before, after, owner, at FROM change_log WHERE origin = ? AND state = 'local' AND txn IS NOT NULL AND seq > ? ORDER BY seq")
      .all(n.uid, after) as LogRow[];
    if (rows.length === 0) return;
    const changes: WireChange[] = rows.map(wireChange);
    const through = rows[rows.length - 1]!.seq;
    const report = receiveBatch(this.ref, { from: n.uid, to: installIdentity(this.ref.sqlite).uid, changes, ranges: { [n.uid]: { after, through } }, acks: {} });
    this.fed.set(n.uid, through);
    if (report.waiting > 0) this.diverge(`reference: ${report.waiting} change(s) of ${n.name} wait although fed in order from seq ${after + 1}`);
  }

  diverge(what: string): void {
    this.divergences.push(what);
  }

  // ——— setup ———

  /** The city registers the six facilities with beds, then enrols the counties; each county its facilities. */
  setup(): void {
    const day = '2020-01-01';
    const made: Array<{ uid: string; county: string }> = [];
    COUNTIES.forEach((county, c) => {
      for (let i = 0; i < FACILITIES_PER_COUNTY; i++) {
        const row = createFacility(this.city.ctx, {
          regionCode: county,
          name: `${county === '520602' ? '碧江' : '万山'}第${i + 1}养老院`,
          kind: 'nursing_home',
          ownership: 'public',
          status: 'operating',
          statusDate: day,
          staffCount: 10 + c * 3 + i,
          careWorkerCount: 4 + i,
          initialBeds: { count: BEDS_PER_FACILITY, nursingCount: 1 + i, labelPattern: `${i + 1}-{nn}` },
        });
        this.feed(this.city);
        // the uid is given by a trigger after the insert (migration 0005): read it back
        made.push({ uid: this.city.db.sqlite.prepare('SELECT uid FROM facilities WHERE id = ?').pluck().get(row.id) as string, county });
      }
    });
    for (const county of COUNTIES) {
      const k = node(`county ${county}`, 'county', openDatabase(':memory:', { install: { level: 'county', regionCode: county } }), county, null);
      this.counties.push(k);
      this.enrol(this.city, k);
    }
    made.forEach((m, i) => {
      const k = this.countyNode(m.county);
      const f = node(`facility ${i + 1}`, 'facility', openDatabase(':memory:', { install: { level: 'facility', regionCode: m.county, facilityUid: m.uid } }), m.county, m.uid);
      this.facilities.push(f);
      this.enrol(k, f);
    });
    // the city learns the facility installs from its counties
    for (const k of this.counties) this.carry(k, this.city);
    for (const f of this.facilities) {
      const k = this.countyNode(f.county!);
      this.links.push({ from: f, to: k, flight: [] }, { from: k, to: f, flight: [] }, { from: f, to: this.city, flight: [] });
    }
    for (const k of this.counties) this.links.push({ from: k, to: this.city, flight: [] }, { from: this.city, to: k, flight: [] });
  }

  private enrol(section: Node, child: Node): void {
    enrolInstall(section.db, child.db);
    this.feed(section);
    this.feed(child);
    this.carry(section, child);
  }

  countyNode(code: string): Node {
    return this.counties.find((k) => k.county === code)!;
  }

  /** A batch made now and received at once (a clean delivery). */
  carry(from: Node, to: Node): ReceiveReport {
    const batch = makeBatch(from.db, to.uid);
    this.totals.batches += 1;
    const report = this.receive(to, batch);
    return report;
  }

  private receive(to: Node, batch: Batch): ReceiveReport {
    const report = receiveBatch(to.db, batch);
    // receiving may write nothing of its own; if it did, the reference must see it in order
    this.feed(to);
    return report;
  }

  // ——— writes ———

  /** A write at an install; a refusal by the services is an outcome, not a failure. */
  private attempt<T>(at: Node, fn: (ctx: ServiceContext) => T): T | undefined {
    this.totals.writes += 1;
    try {
      const out = fn(at.ctx);
      this.feed(at);
      return out;
    } catch (e) {
      if (e instanceof AppError) {
        this.totals.rejected[e.code] = (this.totals.rejected[e.code] ?? 0) + 1;
        return undefined;
      }
      throw e;
    }
  }

  private facilityId(f: Node): number {
    return localId(f.db, 'facilities', f.facilityUid!)!;
  }

  /** Open stays at the facility install (its own facility), oldest first. */
  private openStays(f: Node): Array<{ id: number; residentId: number; bedId: number; admittedOn: string; uid: string }> {
    return f.db.sqlite
      .prepare('SELECT id, resident_id AS residentId, bed_id AS bedId, admitted_on AS admittedOn, uid FROM stays WHERE facility_id = ? AND discharged_on IS NULL ORDER BY id')
      .all(this.facilityId(f)) as Array<{ id: number; residentId: number; bedId: number; admittedOn: string; uid: string }>;
  }

  private freeBed(f: Node, pickN: number): number | undefined {
    const free = f.db.sqlite
      .prepare(
        `SELECT b.id FROM beds b WHERE b.facility_id = ? AND b.retired_on IS NULL
         AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND s.discharged_on IS NULL) ORDER BY b.id`,
      )
      .pluck()
      .all(this.facilityId(f)) as number[];
    return free.length === 0 ? undefined : free[pickN % free.length];
  }

  /** The person's resident id at the facility install: registered there first if it has none. */
  private residentAt(f: Node, idNumber: string, n: number): number | undefined {
    const known = f.db.sqlite.prepare('SELECT id FROM residents WHERE id_number = ?').pluck().get(idNumber) as number | undefined;
    if (known !== undefined) return known;
    const made = this.attempt(f, (ctx) =>
      createResident(ctx, { name: `老人${n}`, idNumber, householdRegionCode: COUNTIES[n % 2], tekun: n % 3 === 0, tekunSelfCare: n % 3 === 0 ? 'partial' : null }),
    );
    return made?.id;
  }

  /** Admit person n (by ID number) at facility f on a free bed. */
  admitPerson(f: Node, idNumber: string, n: number, bedPick = 0): { id: number; uid: string } | undefined {
    const residentId = this.residentAt(f, idNumber, n);
    if (residentId === undefined) return undefined;
    const bedId = this.freeBed(f, bedPick);
    if (bedId === undefined) return undefined;
    const on = this.nextDay();
    const row = this.attempt(f, (ctx) => admit(ctx, { residentId, bedId, admittedOn: on }));
    // the uid is given by a trigger after the insert: read it back
    return row && { id: row.id, uid: f.db.sqlite.prepare('SELECT uid FROM stays WHERE id = ?').pluck().get(row.id) as string };
  }

  private dischargeStay(f: Node, stayId: number): boolean {
    const on = this.nextDay();
    return this.attempt(f, (ctx) => discharge(ctx, { stayId, dischargedOn: on, dischargeReason: 'home' })) !== undefined;
  }

  private stayPicked(f: Node, pickN: number) {
    const open = this.openStays(f);
    return open.length === 0 ? undefined : open[pickN % open.length];
  }

  private idNumberOfResident(f: Node, residentId: number): string {
    return f.db.sqlite.prepare('SELECT id_number FROM residents WHERE id = ?').pluck().get(residentId) as string;
  }

  run(op: Op): void {
    this.totals.ops += 1;
    const F = (i: number) => this.facilities[i % this.facilities.length]!;
    switch (op.k) {
      case 'admit':
        this.admitPerson(F(op.f), idNumberOf(op.p), op.p, op.p);
        return;
      case 'discharge': {
        const s = this.stayPicked(F(op.f), op.pick);
        if (s) this.dischargeStay(F(op.f), s.id);
        return;
      }
      case 'bedMove': {
        const f = F(op.f);
        const s = this.stayPicked(f, op.pick);
        const bed = this.freeBed(f, op.pick);
        if (!s || bed === undefined) return;
        const on = this.nextDay();
        this.attempt(f, (ctx) => transfer(ctx, { stayId: s.id, toBedId: bed, transferOn: on }));
        return;
      }
      case 'move': {
        // between facilities: discharge at A, admission at B
        const a = F(op.f);
        const b = F(op.to === op.f ? op.to + 1 : op.to);
        const s = this.stayPicked(a, op.pick);
        if (!s) return;
        const idNumber = this.idNumberOfResident(a, s.residentId);
        if (this.dischargeStay(a, s.id)) this.admitPerson(b, idNumber, op.pick, op.pick);
        return;
      }
      case 'leave': {
        const f = F(op.f);
        const s = this.stayPicked(f, op.pick);
        if (!s) return;
        const open = f.db.sqlite.prepare('SELECT 1 FROM leaves WHERE stay_id = ? AND end_on IS NULL').get(s.id);
        const on = this.nextDay();
        this.attempt(f, (ctx) => (open ? endLeave(ctx, { stayId: s.id, endOn: on }) : recordLeave(ctx, { stayId: s.id, startOn: on, reason: '探亲' })));
        return;
      }
      case 'assess': {
        const f = F(op.f);
        const s = this.stayPicked(f, op.pick);
        if (!s) return;
        const on = this.nextDay();
        this.attempt(f, (ctx) =>
          recordLegacyAssessment(ctx, { residentId: s.residentId, assessedOn: on, reason: 'routine', finalLevel: op.level, assessor1: '评估员甲', assessor2: '评估员乙' }),
        );
        return;
      }
      case 'correct': {
        // a stay's bed corrected (the wrong bed keyed at admission)
        const f = F(op.f);
        const s = this.stayPicked(f, op.pick);
        const bed = this.freeBed(f, op.pick + 1);
        if (!s || bed === undefined) return;
        this.attempt(f, (ctx) => correctStay(ctx, { stayId: s.id, bedId: bed, reason: '床位登记有误' }));
        return;
      }
      case 'bedEdit': {
        const f = F(op.f);
        const beds = f.db.sqlite.prepare('SELECT id FROM beds WHERE facility_id = ? ORDER BY id').pluck().all(this.facilityId(f)) as number[];
        const bedId = beds[op.pick % beds.length]!;
        this.attempt(f, (ctx) => updateBed(ctx, { id: bedId, room: `${100 + (op.pick % 50)}` }));
        return;
      }
      case 'staff': {
        const f = F(op.f);
        this.attempt(f, (ctx) => updateFacility(ctx, { id: this.facilityId(f), staffCount: op.n, careWorkerCount: Math.floor(op.n / 2) }));
        return;
      }
      case 'register': {
        // a register field: the county's
        const f = F(op.f);
        const k = this.countyNode(f.county!);
        const id = localId(k.db, 'facilities', f.facilityUid!)!;
        this.registerNo += 1;
        this.attempt(k, (ctx) => updateFacility(ctx, { id, address: `${op.n}号 第${this.registerNo}次登记` }));
        return;
      }
      case 'population': {
        const k = this.counties[op.c % this.counties.length]!;
        this.attempt(k, (ctx) => upsertPopulation(ctx, { regionCode: k.county!, year: 2025, population60: 40_000 + op.n, reason: '年度更新' }));
        return;
      }
      case 'setting':
        this.attempt(this.city, (ctx) => updateSettings(ctx, { reassessmentMonths: 1 + op.n }));
        return;
      case 'target':
        this.attempt(this.city, (ctx) => upsertTarget(ctx, { year: 2025, metric: 'nursing_share', regionCode: COUNTIES[op.n % 2]!, value: op.n / 100 }));
        return;
      case 'send': {
        const l = this.links[op.l % this.links.length]!;
        l.flight.push(makeBatch(l.from.db, l.to.uid));
        this.totals.batches += 1;
        return;
      }
      case 'deliver': {
        const l = this.links[op.l % this.links.length]!;
        if (l.flight.length === 0) return;
        const i = op.pick % l.flight.length;
        const batch = l.flight[i]!;
        if (op.keep) this.totals.duplicated += 1;
        else l.flight.splice(i, 1);
        this.receive(l.to, batch);
        return;
      }
      case 'lose': {
        const l = this.links[op.l % this.links.length]!;
        if (l.flight.length === 0) return;
        l.flight.splice(op.pick % l.flight.length, 1);
        this.totals.lost += 1;
        return;
      }
      case 'forced':
        this.forced(op);
        return;
    }
  }

  // ——— the forced hard cases ———

  private forced(op: Extract<Op, { k: 'forced' }>): void {
    const inK1 = (i: number) => this.facilities[i % FACILITIES_PER_COUNTY]!;
    const inK2 = (i: number) => this.facilities[FACILITIES_PER_COUNTY + (i % FACILITIES_PER_COUNTY)]!;
    // people of the forced cases are their own: numbers above the random pool
    const n = op.p + PEOPLE * (1 + FORCED_KINDS.indexOf(op.kind));
    const idNumber = idNumberOf(n);
    switch (op.kind) {
      case 'crossCounty': {
        // the same person (same ID number) moves from a facility of one county to one of the other
        const a = inK1(op.a);
        const b = inK2(op.b);
        const stay = this.admitPerson(a, idNumber, n);
        if (!stay) return;
        this.carry(a, this.countyNode(a.county!));
        if (!this.dischargeStay(a, stay.id)) return;
        if (!this.admitPerson(b, idNumber, n)) return;
        this.totals.forced.crossCounty += 1;
        return;
      }
      case 'dualRegistration': {
        // one ID registered at two facilities independently, before either hears of the other
        const a = this.facilities[op.a % this.facilities.length]!;
        const b = this.facilities[(op.a + 1 + (op.b % (this.facilities.length - 1))) % this.facilities.length]!;
        const ra = this.residentAt(a, idNumber, n);
        const rb = this.residentAt(b, idNumber, n);
        if (ra === undefined || rb === undefined) return;
        const uidA = a.db.sqlite.prepare('SELECT uid FROM residents WHERE id = ?').pluck().get(ra) as string;
        const uidB = b.db.sqlite.prepare('SELECT uid FROM residents WHERE id = ?').pluck().get(rb) as string;
        if (uidA !== uidB) this.diverge(`dualRegistration: the same ID number has uid ${uidA} at ${a.name} and ${uidB} at ${b.name}`);
        this.admitPerson(a, idNumber, n);
        this.totals.forced.dualRegistration += 1;
        return;
      }
      case 'refusedMidSequence': {
        // the facility writes a register field it does not own (the county's), by raw SQL
        // sealed without the check; its next write is its own. The county must refuse the
        // first, consume its seq, and apply the second.
        const f = this.facilities[op.a % this.facilities.length]!;
        const k = this.countyNode(f.county!);
        const s = f.db.sqlite;
        const refusedSeq = s.transaction(() => {
          s.prepare("UPDATE facilities SET name = name || '（擅改）' WHERE uid = ?").run(f.facilityUid);
          sealChanges(s, false);
          return s.prepare("SELECT max(seq) FROM change_log WHERE origin = ? AND state = 'local'").pluck().get(f.uid) as number;
        })();
        this.feed(f);
        const staff = 70 + op.b;
        if (this.attempt(f, (ctx) => updateFacility(ctx, { id: this.facilityId(f), staffCount: staff })) === undefined) {
          this.diverge(`refusedMidSequence: ${f.name} could not write its own staff count`);
          return;
        }
        const report = this.carry(f, k);
        const state = k.db.sqlite.prepare('SELECT state FROM change_log WHERE origin = ? AND seq = ?').pluck().get(f.uid, refusedSeq);
        if (!report.refused.some((r) => r.origin === f.uid && r.seq === refusedSeq))
          this.diverge(`refusedMidSequence: ${k.name} did not refuse ${f.name}'s seq ${refusedSeq} (report ${JSON.stringify(report)})`);
        if (state !== 'refused') this.diverge(`refusedMidSequence: ${f.name}'s seq ${refusedSeq} is '${String(state)}' at ${k.name}, not refused`);
        const atK = k.db.sqlite.prepare('SELECT staff_count FROM facilities WHERE uid = ?').pluck().get(f.facilityUid);
        if (atK !== staff) this.diverge(`refusedMidSequence: the write after the refused seq ${refusedSeq} did not apply at ${k.name} (staff ${String(atK)}, want ${staff})`);
        const name = k.db.sqlite.prepare('SELECT name FROM facilities WHERE uid = ?').pluck().get(f.facilityUid) as string;
        if (name.includes('擅改')) this.diverge(`refusedMidSequence: the refused name change reached ${k.name}`);
        this.totals.forced.refusedMidSequence += 1;
        return;
      }
      case 'overtaking': {
        // B admits the person before A's discharge reaches the city: both stored, then one open
        const a = inK1(op.a);
        // B in the other county, or another facility of the same one
        const b = op.b % 2 === 0 ? inK2(op.b) : inK1(op.a + 1 + (op.b % 4 === 1 ? 0 : 1));
        const stay = this.admitPerson(a, idNumber, n);
        if (!stay) return;
        this.carry(a, this.city);
        if (!this.dischargeStay(a, stay.id)) return;
        const later = this.admitPerson(b, idNumber, n);
        if (!later) return;
        this.carry(b, this.city);
        const open = () =>
          this.city.db.sqlite
            .prepare(
              `SELECT count(*) FROM stays s JOIN residents r ON r.id = s.resident_id
               WHERE r.id_number = ? AND s.discharged_on IS NULL AND s.residential = 1`,
            )
            .pluck()
            .get(idNumber) as number;
        const both = open();
        if (both !== 2) this.diverge(`overtaking: the city holds ${both} open stay(s) of the person once B's admission arrived before A's discharge (want 2)`);
        this.carry(a, this.city);
        const one = open();
        if (one !== 1) this.diverge(`overtaking: the city holds ${one} open stay(s) once A's discharge arrived (want 1)`);
        this.totals.forced.overtaking += 1;
        return;
      }
    }
  }

  // ——— the end of a round ———

  /** Every pair exchanges until a whole pass applies and refuses nothing. */
  drain(): void {
    const pairs: Array<[Node, Node]> = [];
    for (const l of this.links) pairs.push([l.from, l.to]);
    for (let pass = 0; pass < 40; pass++) {
      let moved = 0;
      for (const [from, to] of pairs) {
        const r = this.carry(from, to);
        moved += r.applied + r.refused.length;
      }
      if (moved === 0) return;
    }
    this.diverge('drain: changes still travelling after 40 passes');
  }

  check(): void {
    // (a) the city against the reference
    const city = registerRows(this.city.db.sqlite);
    const ref = registerRows(this.ref.sqlite);
    for (const t of Object.keys(city)) {
      const c = city[t]!;
      const r = ref[t]!;
      for (const key of new Set([...Object.keys(c), ...Object.keys(r)]))
        if (c[key] !== r[key]) this.diverge(`(a) ${t} ${key} [${differing(c[key], r[key])}]: city ${c[key] ?? '(none)'} / reference ${r[key] ?? '(none)'}`);
    }
    // (b) each county's statistics for its county against the city's
    const date = this.nextDay();
    const SAME: Array<keyof StatisticsRow> = ['beds', 'occupied', 'institutionNursingBeds', 'facilities', 'residents', 'staff', 'careWorkers', 'population60', 'populationYear', 'tekunUnableTotal', 'countedBeds', 'bedsPerThousand', 'nursingShare'];
    for (const k of this.counties) {
      const at = (n: Node) => statistics(n.ctx, { date, counties: [k.county!] }).rows.find((r) => r.code === k.county);
      const own = at(k);
      const top = at(this.city);
      for (const field of SAME)
        if (JSON.stringify(own?.[field]) !== JSON.stringify(top?.[field])) this.diverge(`(b) ${k.name} ${field}: county ${JSON.stringify(own?.[field])} / city ${JSON.stringify(top?.[field])}`);
    }
    // (c) each facility holds exactly the city's beds, stays and leaves of its facility
    for (const f of this.facilities) {
      const mine = registerRows(f.db.sqlite, ['beds', 'stays', 'leaves']);
      const theirs = registerRows(this.city.db.sqlite, ['beds', 'stays', 'leaves']);
      const ofF = (rows: Record<string, string>) => Object.fromEntries(Object.entries(rows).filter(([, j]) => (JSON.parse(j) as Row).facility_id === f.facilityUid));
      const cityStays = ofF(theirs.stays!);
      const cityLeaves = Object.fromEntries(Object.entries(theirs.leaves!).filter(([, j]) => String((JSON.parse(j) as Row).stay_id) in cityStays));
      const want: Record<string, Record<string, string>> = { beds: ofF(theirs.beds!), stays: cityStays, leaves: cityLeaves };
      for (const t of ['beds', 'stays', 'leaves']) {
        const m = mine[t]!;
        const w = want[t]!;
        for (const key of new Set([...Object.keys(m), ...Object.keys(w)]))
          if (m[key] !== w[key]) this.diverge(`(c) ${f.name} ${t} ${key} [${differing(m[key], w[key])}]: facility ${m[key] ?? '(none)'} / city ${w[key] ?? '(none)'}`);
      }
      const occupied = (n: Node) =>
        n.db.sqlite
          .prepare(
            `SELECT count(DISTINCT s.bed_id) FROM stays s JOIN facilities f ON f.id = s.facility_id
             WHERE f.uid = ? AND s.bed_id IS NOT NULL AND s.admitted_on <= ? AND (s.discharged_on IS NULL OR s.discharged_on > ?)`,
          )
          .pluck()
          .get(f.facilityUid, date, date) as number;
      if (occupied(f) !== occupied(this.city)) this.diverge(`(c) ${f.name} occupancy: facility ${occupied(f)} / city ${occupied(this.city)}`);
    }
    // (d) nothing pending anywhere
    for (const n of [this.city, ...this.counties, ...this.facilities]) {
      const pending = n.db.sqlite.prepare("SELECT count(*) FROM change_log WHERE state = 'pending'").pluck().get() as number;
      if (pending > 0) this.diverge(`(d) ${n.name}: ${pending} change(s) pending`);
    }
    const refPending = this.ref.sqlite.prepare("SELECT count(*) FROM change_log WHERE state = 'pending'").pluck().get() as number;
    if (refPending > 0) this.diverge(`(d) reference: ${refPending} change(s) pending`);
  }

  close(): void {
    for (const n of [this.city, ...this.counties, ...this.facilities]) n.db.close();
    this.ref.close();
  }
}

/** The columns two versions of a row differ in ('row' when one side has none). */
function differing(a: string | undefined, b: string | undefined): string {
  if (a === undefined || b === undefined) return 'row';
  const x = JSON.parse(a) as Row;
  const y = JSON.parse(b) as Row;
  return Object.keys({ ...x, ...y })
    .filter((k) => x[k] !== y[k])
    .join(',');
}

/** One round: setup, the operations, delivery of everything, the checks. Returns the divergences. */
export function runRound(ops: readonly Op[], totals: Totals): string[] {
  const world = new World(totals);
  try {
    world.setup();
    for (const op of ops) world.run(op);
    world.drain();
    world.check();
  } catch (e) {
    world.diverge(`round threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    world.close();
  }
  totals.rounds += 1;
  totals.divergences += world.divergences.length;
  for (const d of world.divergences) {
    const kind = d.split(':')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…').slice(0, 120);
    totals.kinds[kind] = (totals.kinds[kind] ?? 0) + 1;
  }
  if (world.divergences.length > 0 && totals.findings.length < 20) totals.findings.push(`round ${totals.rounds}: ${world.divergences.slice(0, 8).join('\n  ')}`);
  return world.divergences;
}

/**
 * The property: every round converges. `fc.assert` with the seed given; on failure fast-check
 * reports the seed and the path of the counterexample (replay with `{ seed, path }`).
 */
export function checkConvergence(numRuns: number, seed: number, totals: Totals = emptyTotals()): Totals {
  fc.assert(
    fc.property(roundArb, (ops) => {
      const found = runRound(ops, totals);
      if (found.length > 0) throw new Error(`${found.length} divergence(s):\n${found.slice(0, 12).join('\n')}`);
    }),
    { numRuns, seed, endOnFailure: true },
  );
  return totals;
}

/** The same rounds without stopping at the first divergence (the benchmark): every round run, all counted. */
export function runRounds(numRuns: number, seed: number, totals: Totals = emptyTotals()): Totals {
  for (const ops of fc.sample(roundArb, { numRuns, seed })) runRound(ops, totals);
  return totals;
}
