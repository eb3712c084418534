/**
 * A month of a county's work (2026-11-01..30) through the api caller the screens use, for
 * scripts/bench/package-apply.ts: new residents admitted into free beds (most assessed on the
 * day), discharges, leaves, routine assessments, beds added when a home runs full, and a
 * facility edit — spread over the days so that the change log grows to `target` by the 30th.
 */
import type { createCaller } from '../../src-main/api/router';
import type { AppDb } from '../../src-main/db/open';
import { ASSESSMENT_ITEMS } from '../../src-main/domain/assessment';
import { statusOn } from '../../src-main/db/queries/as-of';
import { addDays } from '../../src-main/domain/dates';
import { idCheckCharacter } from '../../src-main/domain/id-number';
import { prng } from '../../src-main/domain/prng';

type Api = ReturnType<typeof createCaller>;
const FIRST = '2026-11-01';
const DAYS = 30;
const SURNAMES = '杨吴龙田张王李刘陈罗石麻姚';
const GIVEN = '秀英兰芳桂华明国军德金玉凤海春';


/**
 * A valid 居民身份证号 none of the demo's can be: the demo draws birth days 1–28, these are
 * born on the 29th (never February).
 */
function newIdNumber(n: number): string {
  const months = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
  const body = `520602${1935 + (Math.floor(n / 1000) % 20)}${months[Math.floor(n / 20_000) % months.length]}29${String(n % 1000).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

export async function monthOfWork(db: AppDb, api: Api, made: () => number, target: number): Promise<string> {
  const rand = prng(17);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rand() * xs.length)]!;
  const done = { admissions: 0, discharges: 0, leaves: 0, assessments: 0, bedsAdded: 0, facilityEdits: 0 };
  /** A stay is busy (on leave, or admitted) through this day: no leave or discharge before. */
  const busyThrough = new Map<number, string>();
  const assessedOn = new Map<number, string>();
  let people = 0;
  const q = (sql: string) => db.sqlite.prepare(sql);
  // homes in operation (a generated city has closed ones), with beds
  const operating = `${statusOn('f')} = 'operating'`;
  const homes = q(`SELECT id FROM facilities f WHERE kind <> 'day_care' AND ${operating} AND EXISTS (SELECT 1 FROM beds WHERE facility_id = f.id) ORDER BY id`).pluck().all({ d: FIRST }) as number[];
  const freeBed = q(
    `SELECT b.id FROM beds b WHERE b.retired_on IS NULL AND b.in_service_from <= @d AND b.facility_id = @f
       AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.bed_id = b.id AND (s.discharged_on IS NULL OR s.discharged_on >= @d)) ORDER BY b.id LIMIT 1`,
  ).pluck();
  const openStays = q(
    `SELECT s.id, s.resident_id AS residentId FROM stays s JOIN facilities f ON f.id = s.facility_id
     WHERE s.residential = 1 AND s.discharged_on IS NULL AND s.admitted_on < @d AND ${operating} ORDER BY s.id`,
  );

  async function admit(d: string): Promise<void> {
    const facility = pick(homes);
    let bed = freeBed.get({ d, f: facility }) as number | undefined;
    if (bed === undefined) {
      // the home is full: it adds a room of beds, in service from today
      const added = await api.bed.add({ facilityId: facility, count: 6, nursingCount: 2, building: '2号楼', room: `${200 + done.bedsAdded}`, labelPattern: `N${done.bedsAdded}-{n}`, inServiceFrom: d });
      done.bedsAdded += added.length;
      bed = added[0]!.id;
    }
    const r = await api.resident.create({
      name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : ''),
      idNumber: newIdNumber(people++),
      householdRegionCode: '520602',
      ...(rand() < 0.2 ? { tekun: true, tekunSelfCare: pick(['capable', 'partial', 'none'] as const) } : {}),
      dibao: rand() < 0.2,
    });
    const stay = await api.stay.admit({ residentId: r.id, bedId: bed, admittedOn: d });
    busyThrough.set(stay.id, d);
    done.admissions++;
    if (rand() < 0.8) await assess(r.id, d, 'first');
  }

  async function assess(residentId: number, d: string, reason: 'first' | 'routine'): Promise<void> {
    const scores = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, Math.floor(rand() * (i.max + 1))])) as Parameters<Api['assessment']['record']>[0]['scores'];
    await api.assessment.record({ residentId, assessedOn: d, reason, scores, coma: false, diagnosis: rand() < 0.08 ? 'dementia' : 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙' });
    assessedOn.set(residentId, d);
    done.assessments++;
  }

  /** An open stay free for a leave or discharge on d. */
  function idleStay(d: string): { id: number; residentId: number } | undefined {
    const all = (openStays.all({ d }) as Array<{ id: number; residentId: number }>).filter((s) => (busyThrough.get(s.id) ?? '') < d);
    return all.length > 0 ? pick(all) : undefined;
  }

  const ops: Array<(d: string) => Promise<void>> = [
    admit,
    async (d) => {
      const s = idleStay(d);
      if (!s || assessedOn.get(s.residentId) === d) return;
      await assess(s.residentId, d, 'routine');
    },
    async (d) => {
      const s = idleStay(d);
      if (!s) return;
      const endOn = addDays(d, 1 + Math.floor(rand() * 4));
      await api.stay.recordLeave({ stayId: s.id, startOn: d, endOn: endOn > '2026-11-30' ? '2026-11-30' : endOn, reason: pick(['探亲', '住院', '回家过节']) });
      busyThrough.set(s.id, endOn);
      done.leaves++;
    },
    async (d) => {
      const s = idleStay(d);
      if (!s) return;
      await api.stay.discharge({ stayId: s.id, dischargedOn: d, dischargeReason: pick(['home', 'death', 'other'] as const) });
      busyThrough.set(s.id, '9999');
      done.discharges++;
    },
  ];

  for (let day = 0; day < DAYS; day++) {
    const d = addDays(FIRST, day);
    if (day === 14) {
      // the office updates a home's staff figures mid-month
      const f = await api.facility.detail({ id: homes[0]! });
      await api.facility.update({ id: homes[0]!, staffCount: f.facility.staffCount + 2, careWorkerCount: f.facility.careWorkerCount + 1, phone: '0856-5201234' });
      done.facilityEdits++;
    }
    const dayTarget = Math.round((target * (day + 1)) / DAYS);
    let idle = 0;
    while (made() < dayTarget) {
      const before = made();
      await pick(ops)(d);
      idle = made() === before ? idle + 1 : 0;
      if (idle > 200) throw new Error(`no work possible on ${d}`);
    }
  }
  return Object.entries(done)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
