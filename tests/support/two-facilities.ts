/**
 * A small world for role and fuzz tests: facility A in 碧江区 (520602) and facility B in
 * 万山区 (520603), each with beds, a resident in care, an assessment and a 公建民营 contract;
 * accounts of every role, created through the api by the first administrator.
 */
import { createCaller } from '../../src-main/api/router';
import { actorOfUser } from '../../src-main/services/accounts';
import type { AppDb } from '../../src-main/db/open';
import { userById } from '../../src-main/services/accounts';
import { FULL_SCORES } from './temp-db';

export const PASSWORD = 'Passw0rd!';

export async function twoFacilities(db: AppDb) {
  const api = createCaller(db);
  const mk = async (county: string, name: string, n: number) => {
    const facility = await api.facility.create({ regionCode: county, name, kind: 'nursing_home', ownership: 'public_private', status: 'operating', statusDate: '2020-01-01' });
    const beds = await api.bed.add({ facilityId: facility.id, count: 3, nursingCount: 1, labelPattern: `${n}-{n}`, inServiceFrom: '2020-01-01' });
    const resident = await api.resident.create({ name: `老人${n}`, idNumber: idOf(n, county), phone: `1380000000${n}` });
    const stay = await api.stay.admit({ residentId: resident.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
    await api.assessment.record({
      residentId: resident.id, assessedOn: '2026-01-02', reason: 'first', scores: FULL_SCORES, coma: false,
      diagnosis: 'none', riskEvents: 0, assessor1: '评估员甲', assessor2: '评估员乙',
    });
    return { facility, beds, resident, stay };
  };
  const a = await mk('520602', '碧江区甲养老院', 1);
  const b = await mk('520603', '万山区乙养老院', 2);
  const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' });
  const contractA = await api.contract.create({ facilityId: a.facility.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn: '2027-12-31' });
  const contractB = await api.contract.create({ facilityId: b.facility.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn: '2027-12-31' });
  await api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: 50000 });
  await api.region.upsertPopulation({ regionCode: '520603', year: 2026, population60: 30000 });

  const admin = await api.account.setupAdmin({ username: 'admin', displayName: '管理员', password: PASSWORD });
  const adminApi = callerFor(db, admin.id);
  const managerA = await adminApi.user.create({ username: 'mgr-a', displayName: '甲院长', role: 'facility', facilityIds: [a.facility.id], password: PASSWORD });
  const sectionBijiang = await adminApi.user.create({ username: 'bj', displayName: '碧江科员', role: 'section', counties: ['520602'], password: PASSWORD });
  const sectionCity = await adminApi.user.create({ username: 'city', displayName: '市科员', role: 'section', password: PASSWORD });
  const reader = await adminApi.user.create({ username: 'reader', displayName: '只读', role: 'readonly', password: PASSWORD });
  return {
    a: { ...a, contract: contractA },
    b: { ...b, contract: contractB },
    op,
    users: { admin, managerA, sectionBijiang, sectionCity, reader },
    as: {
      admin: adminApi,
      managerA: callerFor(db, managerA.id),
      sectionBijiang: callerFor(db, sectionBijiang.id),
      sectionCity: callerFor(db, sectionCity.id),
      reader: callerFor(db, reader.id),
    },
  };
}

/** The api as a logged-in account acts on it. */
export function callerFor(db: AppDb, userId: number) {
  const u = userById({ db }, userId);
  if (!u) throw new Error(`no user ${userId}`);
  return createCaller(db, actorOfUser(u));
}

/** A valid ID number: county, born 1940-01-01, sequence n. */
function idOf(n: number, county: string): string {
  const body = `${county}19400101${String(n).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
