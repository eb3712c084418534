/**
 * `seed-demo`: a deterministic, clearly labelled DEMO of Tongren — every kind of facility in
 * every county, a few hundred beds, residents, stays, assessments, contracts, population.
 * The figures are invented: every facility name starts with 【演示】 and the unit name says so.
 * It writes through the api like any user, so every rule and audit row applies.
 */
import { createCaller } from '../api/router';
import { localActor } from '../services/local-actor';
import type { AppDb } from '../db/open';
import { ASSESSMENT_ITEMS, GB_T_42195_LABEL_FROM, scoreAssessment, type AssessmentScores } from '../domain/assessment';
import { addDays } from '../domain/dates';
import { creditCheckCharacter } from '../domain/credit-code';
import type { FacilityKind, Ownership } from '../domain/enums';
import { idCheckCharacter } from '../domain/id-number';
import { prng } from '../domain/prng';

export const DEMO_PREFIX = '【演示】';


const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '德明华英秀兰玉芳桂珍凤云春生福寿国成学文志光荣贵发林海山永昌琼翠先银金';

interface Plan {
  kind: FacilityKind;
  ownership: Ownership;
  name: string;
  beds: number;
  nursing: number;
  medicalCare?: boolean;
}

function planFor(county: string): Plan[] {
  const short = county.replace(/(土家族苗族|侗族|苗族|土家族)?自治县$/, '').replace(/[区县]$/, '');
  return [
    { kind: 'nursing_home', ownership: 'public', name: `${DEMO_PREFIX}${short}社会福利院`, beds: 20, nursing: 8, medicalCare: true },
    { kind: 'support_home', ownership: 'public', name: `${DEMO_PREFIX}${short}中心敬老院`, beds: 16, nursing: 4 },
    { kind: 'nursing_home', ownership: 'public_private', name: `${DEMO_PREFIX}${short}颐养中心`, beds: 16, nursing: 6 },
    { kind: 'day_care', ownership: 'public', name: `${DEMO_PREFIX}${short}城区日间照料中心`, beds: 6, nursing: 0 },
    { kind: 'mutual_aid', ownership: 'public', name: `${DEMO_PREFIX}${short}东村互助幸福院`, beds: 8, nursing: 0 },
    { kind: 'mutual_aid', ownership: 'public', name: `${DEMO_PREFIX}${short}西村互助幸福院`, beds: 8, nursing: 0 },
    { kind: 'activity_centre', ownership: 'public', name: `${DEMO_PREFIX}${short}老年人活动中心`, beds: 0, nursing: 0 },
  ];
}

function idNumberFor(countyCode: string, birth: string, seq: number, male: boolean): string {
  const order = String(seq % 1000).padStart(3, '0');
  let body = countyCode + birth.replace(/-/g, '') + order.slice(0, 2);
  const last = Number(order[2]);
  const sexDigit = male ? (last % 2 === 1 ? last : (last + 1) % 10) : last % 2 === 0 ? last : (last + 1) % 10;
  body += String(sexDigit);
  return body + idCheckCharacter(body);
}

function creditCodeFor(seq: number): string {
  const body = `9152060${String(100000000 + seq * 7919).slice(-9)}X`.slice(0, 17);
  return body + creditCheckCharacter(body);
}

function scoresFor(rand: () => number, ability: number): AssessmentScores {
  const out = {} as AssessmentScores;
  for (const item of ASSESSMENT_ITEMS) {
    const v = Math.round(item.max * Math.min(1, Math.max(0, ability + (rand() - 0.5) * 0.3)));
    out[item.key] = v;
  }
  return out;
}

export interface DemoSummary {
  facilities: number;
  beds: number;
  residents: number;
  stays: number;
  assessments: number;
  contracts: number;
}

/** seed-demo on a database that already holds facilities: a usage mistake (the CLI exits 2), not an internal error. */
export class DemoNeedsEmptyDatabase extends Error {
  override name = 'DemoNeedsEmptyDatabase';
  constructor() {
    super('数据库中已有机构数据，演示数据只能写入空数据库；请用 --db 指定一个新文件 / seed-demo needs an empty database; give a new file with --db');
  }
}

export async function seedDemo(db: AppDb, seed = 20261031): Promise<DemoSummary> {
  const api = createCaller(db, { ...localActor(db), username: 'seed-demo' });
  if ((await api.facility.list({ limit: 1 })).total > 0) throw new DemoNeedsEmptyDatabase();
  const rand = prng(seed);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rand() * xs.length)]!;
  const summary: DemoSummary = { facilities: 0, beds: 0, residents: 0, stays: 0, assessments: 0, contracts: 0 };

  await api.settings.update({ unitName: '铜仁市民政局养老服务科（演示数据，非真实统计）' });
  const counties = await api.region.counties();
  let seq = 0;
  let operatorSeq = 0;
  for (const [ci, county] of counties.entries()) {
    // Population is invented for the demo; one county lacks the 2026 figure on purpose.
    for (const year of [2024, 2025, 2026]) {
      if (ci === counties.length - 1 && year === 2026) continue;
      // Small invented populations keep the demo's few hundred beds near the plan's 35‰.
      const base = 1800 + Math.floor(rand() * 2200);
      await api.region.upsertPopulation({ regionCode: county.code, year, population60: base + (year - 2024) * 40, population80: Math.floor(base * 0.14), tekunUnable: 10 + Math.floor(rand() * 15) });
    }
    for (const plan of planFor(county.name)) {
      const opened = `20${18 + Math.floor(rand() * 4)}-0${1 + Math.floor(rand() * 9)}-01`;
      const f = await api.facility.create({
        regionCode: county.code, name: plan.name, kind: plan.kind, ownership: plan.ownership, medicalCare: plan.medicalCare ?? false,
        township: `${county.name.slice(0, 2)}镇`, status: 'operating', statusDate: opened,
        staffCount: 2 + Math.floor(plan.beds / 5), careWorkerCount: 1 + Math.floor(plan.beds / 8), grade: plan.kind === 'nursing_home' ? 2 : null,
      });
      summary.facilities++;
      if (plan.ownership === 'public_private') {
        operatorSeq++;
        const op = await api.operator.create({ name: `${DEMO_PREFIX}黔东养老服务有限公司${operatorSeq}`, creditCode: creditCodeFor(operatorSeq), legalRepresentative: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN), phone: '0856-5200000' });
        // Some contracts end soon after the demo's month-end, to show the expiry warning.
        const endOn = ci % 3 === 0 ? '2026-12-31' : '2029-06-30';
        await api.contract.create({ facilityId: f.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: opened, endOn, annualFee: 120000, deposit: 50000, reservedBeds: 4, assetValue: 3500000 });
        summary.contracts++;
      }
      if (plan.beds === 0) continue;
      const beds = await api.bed.add({ facilityId: f.id, count: plan.beds, nursingCount: plan.nursing, building: plan.kind === 'day_care' ? '' : '1号楼', labelPattern: '{nn}', inServiceFrom: opened });
      summary.beds += beds.length;
      if (plan.kind === 'day_care') continue;
      for (const bed of beds) {
        if (rand() > 0.65) continue;
        seq++;
        const male = rand() < 0.45;
        const birth = `19${30 + Math.floor(rand() * 30)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
        const tekun = plan.kind === 'support_home' || rand() < 0.1;
        const r = await api.resident.create({
          name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : ''), idNumber: idNumberFor(county.code, birth, seq, male),
          householdRegionCode: county.code, tekun, tekunSelfCare: tekun ? pick(['capable', 'partial', 'none'] as const) : null, dibao: rand() < 0.2,
        });
        summary.residents++;
        const admitted = addDays(opened > '2021-01-01' ? opened : '2021-01-01', Math.floor(rand() * 1700));
        const admittedOn = admitted > '2026-10-20' ? '2026-10-20' : admitted;
        const stay = await api.stay.admit({ residentId: r.id, bedId: bed.id, admittedOn });
        summary.stays++;
        if (rand() < 0.85) {
          const ability = rand();
          // Drawn in the same order whichever standard labels it, so the rest of the demo stays the same.
          const first = {
            residentId: r.id, assessedOn: admittedOn, reason: 'first' as const, scores: scoresFor(rand, ability), coma: false,
            diagnosis: rand() < 0.08 ? ('dementia' as const) : ('none' as const), riskEvents: rand() < 0.1 ? 2 : 0, assessor1: '评估员甲', assessor2: '评估员乙',
          };
          if (admittedOn < GB_T_42195_LABEL_FROM) {
            // Before GB/T 42195-2022: the old MZ/T 039-2013 result (levels 0–3), no item scores.
            const level = Math.min(3, scoreAssessment(first.scores, first).finalLevel);
            await api.assessment.recordLegacy({ residentId: r.id, assessedOn: admittedOn, reason: 'first', finalLevel: level, assessor1: first.assessor1, assessor2: first.assessor2 });
          } else await api.assessment.record(first);
          summary.assessments++;
          // Most long stays were reassessed this year, as the 12-month rule asks.
          if (admittedOn < '2025-10-01' && rand() < 0.8) {
            await api.assessment.record({
              residentId: r.id, assessedOn: `2026-0${1 + Math.floor(rand() * 9)}-15`, reason: 'routine', scores: scoresFor(rand, ability * 0.95), coma: false,
              diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员丙',
            });
            summary.assessments++;
          }
        }
        // A few leave again before the demo month-end, so the figures show discharges.
        if (rand() < 0.1 && admittedOn < '2026-09-01') {
          await api.stay.discharge({ stayId: stay.id, dischargedOn: addDays(admittedOn, 30 + Math.floor(rand() * 200)), dischargeReason: pick(['home', 'death', 'other'] as const) });
        }
      }
    }
  }
  return summary;
}
