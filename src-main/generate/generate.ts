/**
 * `generate`: a deterministic, realistic data set at city or province scale, for the
 * benchmark and for trying the app on real volumes. Every rule is checked and every write
 * audited, one county per transaction: a facility's people, their history of stays and their
 * assessments are written by the bulk paths (services/resident-bulk.ts, stay-bulk.ts,
 * assessment-bulk.ts: the same rules, rows, audit rows and changes as one by one); the
 * facilities, beds and contracts go through the services one action at a time. Names start with 【生成】 where they could be taken for real
 * ones, and the unit name says the figures are generated.
 */
import { localActor } from '../services/local-actor';
import type { AppDb } from '../db/open';
import { facilityCount } from '../db/queries/facilities';
import { ASSESSMENT_ITEMS, GB_T_42195_LABEL_FROM, type AssessmentScores } from '../domain/assessment';
import type { DischargeReason, FacilityKind, Ownership } from '../domain/enums';
import { isResidentialKind } from '../domain/enums';
import { addBeds, retireBeds } from '../services/beds';
import { write, type ServiceContext } from '../services/context';
import { CITY, facility } from '../domain/ownership';
import { createFacility, setFacilityStatus } from '../services/facilities';
import { addCounty, homeCounties, upsertPopulation } from '../services/regions';
import { NewResidents, type CheckedResident } from '../services/resident-bulk';
import { NewAssessments, type AssessmentInput } from '../services/assessment-bulk';
import { updateSettings } from '../services/settings';
import { StayHistory, type StayRef } from '../services/stay-bulk';
import { contractChain, OperatorPool, type ContractCounts } from './contracts';
import { simulateFacility, type SimBed } from './occupancy';
import { chineseName, IdNumbers, phoneNumber } from './people';
import { GENERATED_PREFIX, KIND_PROFILE, PERIOD, planCounties, shortCountyName, townshipName, type CountyPlan, type Scale } from './plan';
import { dayToIso, isoToDay, Rng } from './random';

export interface GenerateSummary extends ContractCounts {
  scale: Scale;
  seed: number;
  counties: number;
  facilities: number;
  beds: number;
  residents: number;
  stays: number;
  transfers: number;
  discharges: number;
  leaves: number;
  assessments: number;
  populations: number;
  seconds: number;
}

export const DEFAULT_SEED = 20261031;
const LEGACY_UNTIL = isoToDay(GB_T_42195_LABEL_FROM);

interface Built {
  id: number;
  kind: FacilityKind;
  openDay: number;
  closeDay: number | null;
  beds: Array<SimBed & { id: number }>;
}

export function generateDataSet(db: AppDb, scale: Scale, seed = DEFAULT_SEED, log: (line: string) => void = () => {}): GenerateSummary {
  const started = performance.now();
  if (facilityCount(db.sqlite) > 0) throw new Error('数据库中已有机构数据，生成数据只能写入空数据库 / generate needs an empty database');
  const ctx: ServiceContext = { db, actor: { ...localActor(db), username: 'generate' } };
  const rng = new Rng(seed);
  const s: GenerateSummary = {
    scale, seed, counties: 0, facilities: 0, beds: 0, residents: 0, stays: 0, transfers: 0, discharges: 0, leaves: 0,
    assessments: 0, populations: 0, operators: 0, contracts: 0, evaluations: 0, seconds: 0,
  };

  updateSettings(ctx, { unitName: '铜仁市民政局养老服务科（生成的测试数据，非真实统计）' });
  const home = homeCounties(ctx);
  const plans = planCounties(rng.fork(1), scale, home);
  write(ctx, CITY, () => {
    const city = db.sqlite.prepare("SELECT value FROM settings WHERE key = 'homeRegion'").get() as { value: string } | undefined;
    const parentCode = city ? (JSON.parse(city.value) as string) : '520600';
    for (const p of plans) if (p.synthetic) addCounty(ctx, { code: p.code, name: p.name, parentCode });
  });
  s.counties = plans.length;

  const ids = new IdNumbers();
  const operators = new OperatorPool(ctx, s);
  for (const [i, plan] of plans.entries()) {
    const countyRng = rng.fork(100 + i);
    write(ctx, CITY, () => generateCounty(ctx, countyRng, plan, plans, ids, operators, s));
    const elapsed = (performance.now() - started) / 1000;
    log(`[${i + 1}/${plans.length}] ${plan.name}: 机构 facilities ${s.facilities}, 床位 beds ${s.beds}, 老人 residents ${s.residents}, 评估 assessments ${s.assessments} — ${elapsed.toFixed(1)} s`);
  }
  s.seconds = (performance.now() - started) / 1000;
  return s;
}

function generateCounty(ctx: ServiceContext, rng: Rng, plan: CountyPlan, all: CountyPlan[], ids: IdNumbers, operators: OperatorPool, s: GenerateSummary) {
  const short = shortCountyName(plan.name);
  const startDay = isoToDay(PERIOD.start);
  const endDay = isoToDay(PERIOD.end);

  // Population aged 60+ per year (invented, growing about 3% a year), 80+ and 特困 persons unable to care for themselves.
  const base = rng.int(35_000, 90_000);
  for (let year = Number(PERIOD.start.slice(0, 4)); year <= Number(PERIOD.end.slice(0, 4)); year++) {
    const p60 = Math.round(base * 1.03 ** (year - 2021));
    upsertPopulation(ctx, { regionCode: plan.code, year, population60: p60, population80: Math.round(p60 * (0.13 + rng.float() * 0.03)), tekunUnable: Math.round(p60 * (0.009 + rng.float() * 0.004)) });
    s.populations++;
  }

  const names = new Set<string>();
  let medicalLeft = plan.medicalCare;
  const assessors = [...new Set(Array.from({ length: 8 }, () => chineseName(rng, rng.chance(0.5))))].slice(0, 6);
  for (const kind of Object.keys(plan.facilities) as FacilityKind[]) {
    const profile = KIND_PROFILE[kind];
    for (let n = 0; n < plan.facilities[kind]; n++) {
      const township = townshipName(rng);
      let name = kind === 'mutual_aid' ? `${short}${township}${rng.pick('东南西北上下新老')}${rng.pick('坪寨湾村')}${profile.suffixes[0]}` : `${short}${township}${rng.pick(profile.suffixes)}`;
      name = GENERATED_PREFIX + name;
      for (let k = 2; names.has(name); k++) name = `${name.replace(/（\d+）$/, '')}（${k}）`;
      names.add(name);
      const ownership = rng.weighted(profile.ownership as Record<Ownership, number>);
      const medicalCare = kind === 'nursing_home' && medicalLeft > 0 && rng.chance(0.4) ? (medicalLeft--, true) : false;
      const bedCount = rng.int(profile.beds[0], profile.beds[1]);
      // Most homes predate the period; about one in ten opens during it; a few mutual-aid homes close.
      const opensLate = rng.chance(0.1);
      const openDay = opensLate
        ? startDay + rng.int(30, endDay - startDay - 120)
        : kind === 'mutual_aid'
          ? isoToDay('2016-01-01') + rng.int(0, 5 * 365)
          : isoToDay('2006-01-01') + rng.int(0, 15 * 365);
      const closeDay = kind === 'mutual_aid' && !opensLate && rng.chance(0.015) ? isoToDay('2023-06-01') + rng.int(0, 1000) : null;
      const staff = Math.max(1, Math.round(bedCount * profile.staffPerBed * (0.7 + rng.float() * 0.6)));
      const f = createFacility(ctx, {
        regionCode: plan.code, name, kind, ownership, medicalCare, township,
        address: `${plan.name.replace(GENERATED_PREFIX, '')}${township}${rng.int(1, 300)}号`,
        grade: kind === 'nursing_home' || kind === 'support_home' ? (rng.chance(0.6) ? rng.int(1, 4) : null) : null,
        staffCount: staff, careWorkerCount: Math.max(kind === 'activity_centre' ? 0 : 1, Math.round(staff * 0.6)),
        phone: `0856-${rng.int(5_000_000, 5_999_999)}`,
        status: opensLate ? 'construction' : 'operating',
        statusDate: dayToIso(opensLate ? openDay - rng.int(200, 500) : openDay),
      });
      if (opensLate) setFacilityStatus(ctx, { facilityId: f.id, status: 'operating', effectiveOn: dayToIso(openDay) });
      s.facilities++;
      const built: Built = { id: f.id, kind, openDay, closeDay, beds: [] };
      addFacilityBeds(ctx, rng, built, bedCount, profile.nursingShare);
      s.beds += built.beds.length;
      if (ownership === 'public_private') contractChain(ctx, rng, operators, { id: f.id, beds: bedCount, openDay, countyCode: plan.code, countyShort: short }, endDay, s);
      if (isResidentialKind(kind)) populate(ctx, rng, built, plan, all, ids, assessors, s);
      if (closeDay !== null) {
        if (built.beds.length > 0) retireBeds(ctx, { bedIds: built.beds.map((b) => b.id), retiredOn: dayToIso(closeDay) });
        setFacilityStatus(ctx, { facilityId: f.id, status: 'closed', effectiveOn: dayToIso(closeDay), note: '并入邻近机构' });
      }
    }
  }
}

/** Beds by building (up to 120 each), nursing-type beds first, as a home would number them. */
function addFacilityBeds(ctx: ServiceContext, rng: Rng, built: Built, count: number, share: [number, number]) {
  if (count === 0) return;
  let nursingLeft = Math.round(count * (share[0] + rng.float() * (share[1] - share[0])));
  const buildings = Math.ceil(count / 120);
  for (let b = 0; b < buildings; b++) {
    const n = Math.min(120, count - b * 120);
    const nursing = Math.min(n, nursingLeft);
    nursingLeft -= nursing;
    const rows = addBeds(ctx, {
      facilityId: built.id, count: n, nursingCount: nursing, building: buildings > 1 ? `${b + 1}号楼` : '',
      labelPattern: count > 20 ? '{nnn}' : '{n}', inServiceFrom: dayToIso(built.openDay),
    });
    for (const r of rows) built.beds.push({ id: r.id, nursing: r.careType === 'nursing' });
  }
}

function scores(rng: Rng, ability: number): AssessmentScores {
  const out = {} as AssessmentScores;
  for (const item of ASSESSMENT_ITEMS) out[item.key] = Math.round(item.max * Math.min(1, Math.max(0, ability + (rng.float() - 0.5) * 0.3)));
  return out;
}

/** An input before its person is registered. */
type WithoutResident<T> = T extends unknown ? Omit<T, 'residentId'> : never;

/** What the simulation's events become, drawn in event order (so the data set is the same as drawn one by one). */
type Planned =
  | { t: 'admit'; person: number; bedId: number; on: string; stay: number }
  | { t: 'discharge'; stay: number; on: string; reason: DischargeReason; note: string | undefined }
  | { t: 'transfer'; stay: number; newStay: number; toBedId: number; on: string }
  | { t: 'leave'; stay: number; on: string; endOn: string | null; reason: string };

/**
 * A facility's people and their history: the people registered together (services/resident-bulk.ts)
 * and their assessments recorded together (services/assessment-bulk.ts), both with every rule of
 * a single registration or recording; admissions, discharges, transfers and leaves as one history
 * (services/stay-bulk.ts), each action checked against the beds' and people's state at its date.
 */
function populate(ctx: ServiceContext, rng: Rng, built: Built, plan: CountyPlan, all: CountyPlan[], ids: IdNumbers, assessors: string[], s: GenerateSummary) {
  const profile = KIND_PROFILE[built.kind];
  const sim = simulateFacility(rng, {
    beds: built.beds, openDay: built.openDay, closeDay: built.closeDay, startDay: isoToDay(PERIOD.start), endDay: isoToDay(PERIOD.end),
    occupancy: profile.occupancy, meanStayDays: profile.meanStayDays,
  });
  // Pass 1: every random draw, in event order; nothing written.
  const people = new NewResidents(ctx);
  const checked: CheckedResident[] = [];
  const personIndex = new Map<number, number>();
  const admitted = new Set<number>();
  const planned: Planned[] = [];
  const assessed: Array<{ person: number; input: WithoutResident<AssessmentInput> }> = [];
  for (const e of sim.events) {
    const on = dayToIso(e.day);
    switch (e.t) {
      case 'admit': {
        if (!personIndex.has(e.person)) {
          const p = sim.persons[e.person]!;
          const male = rng.chance(0.42);
          const household = rng.chance(0.93) ? plan.code : rng.pick(all).code;
          const birth = dayToIso(e.day - Math.floor(p.ageAtAdmission * 365.25) - rng.int(0, 364));
          const idNumber = ids.next(household, birth, male);
          if (idNumber === null) continue;
          const tekun = rng.chance(profile.tekun);
          checked.push(
            people.check({
              name: chineseName(rng, male), idNumber, householdRegionCode: household,
              tekun, tekunSelfCare: tekun ? rng.weighted({ capable: 0.4, partial: 0.35, none: 0.25 }) : null,
              dibao: !tekun && rng.chance(0.2), lowIncome: !tekun && rng.chance(0.1), shidu: rng.chance(0.02), youfu: rng.chance(0.03),
              emergencyContact: tekun ? '' : chineseName(rng, rng.chance(0.5)), emergencyPhone: tekun ? '' : phoneNumber(rng),
            }),
          );
          personIndex.set(e.person, checked.length - 1);
        }
        planned.push({ t: 'admit', person: e.person, bedId: built.beds[e.bed]!.id, on, stay: e.stay });
        admitted.add(e.stay);
        break;
      }
      case 'discharge':
        if (admitted.has(e.stay)) planned.push({ t: 'discharge', stay: e.stay, on, reason: e.reason, note: e.note });
        break;
      case 'transfer':
        if (!admitted.has(e.stay)) continue;
        planned.push({ t: 'transfer', stay: e.stay, newStay: e.newStay, toBedId: built.beds[e.toBed]!.id, on });
        admitted.add(e.newStay);
        break;
      case 'leave':
        if (admitted.has(e.stay)) planned.push({ t: 'leave', stay: e.stay, on, endOn: e.endDay === null ? null : dayToIso(e.endDay), reason: rng.pick(['住院治疗', '回家探亲', '外出就医']) });
        break;
      case 'assess': {
        if (!personIndex.has(e.person)) continue;
        const [a1, a2] = [rng.int(0, assessors.length - 1), rng.int(0, assessors.length - 2)];
        const assessor1 = assessors[a1]!;
        const assessor2 = assessors[a2 >= a1 ? a2 + 1 : a2]!;
        if (e.day < LEGACY_UNTIL) {
          const level = e.ability > 0.75 ? 0 : e.ability > 0.5 ? 1 : e.ability > 0.25 ? 2 : 3;
          assessed.push({ person: e.person, input: { standard: 'MZ/T 039-2013', assessedOn: on, reason: e.reason, finalLevel: level, assessor1, assessor2 } });
        } else {
          assessed.push({
            person: e.person,
            input: {
              standard: 'GB/T 42195-2022', assessedOn: on, reason: e.reason, scores: scores(rng, e.ability), coma: e.ability < 0.03 && rng.chance(0.3),
              diagnosis: rng.chance(0.08) ? 'dementia' : rng.chance(0.03) ? 'mental' : 'none', riskEvents: rng.chance(0.06) ? 2 : rng.chance(0.1) ? 1 : 0,
              assessor1, assessor2,
            },
          });
        }
        break;
      }
    }
  }

  // Pass 2: the people in one write, then their stays as one history in date order, then their assessments in one write.
  const residentIds = people.insert(checked);
  s.residents += residentIds.length;
  const residentOf = (person: number) => residentIds[personIndex.get(person)!]!;
  const history = new StayHistory(ctx, built.id);
  const stayOf = new Map<number, StayRef>();
  for (const p of planned) {
    switch (p.t) {
      case 'admit':
        stayOf.set(p.stay, history.admit({ residentId: residentOf(p.person), bedId: p.bedId, admittedOn: p.on }));
        s.stays++;
        break;
      case 'discharge':
        history.discharge(stayOf.get(p.stay)!, { dischargedOn: p.on, dischargeReason: p.reason, note: p.note });
        s.discharges++;
        break;
      case 'transfer':
        stayOf.set(p.newStay, history.transfer(stayOf.get(p.stay)!, { toBedId: p.toBedId, transferOn: p.on, note: '调换床位' }));
        s.transfers++;
        s.stays++;
        break;
      case 'leave':
        history.recordLeave(stayOf.get(p.stay)!, { startOn: p.on, endOn: p.endOn, reason: p.reason });
        s.leaves++;
        break;
    }
  }
  history.insert();
  const batch = new NewAssessments(ctx);
  for (const a of assessed) batch.add({ ...a.input, residentId: residentOf(a.person) });
  s.assessments += batch.insert(facility(built.id));
}
