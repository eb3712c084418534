/**
 * Bad input is refused with a stable code, the field it concerns, a Chinese message that
 * names the field, and nothing written: every table is the same before and after.
 */
import { describe, it, expect } from 'vitest';
import { freshDb, rejection, snapshot, FULL_SCORES } from '../support/temp-db';
import { hasChinese, idFor, TOMORROW, type Api } from './helpers';

type Db = ReturnType<typeof freshDb>['db'];

interface Want {
  code: string;
  kind?: 'validation' | 'conflict' | 'not_found';
  field?: string;
  /** The field's name as the message must say it (validation errors). */
  zhNames?: string;
}

/** Runs the call, checks the error and that no table changed. */
async function refused(db: Db, call: () => Promise<unknown>, want: Want) {
  const before = snapshot(db);
  const err = await rejection(call());
  expect({ code: err.code, ...(want.kind ? { kind: err.kind } : {}), ...(want.field !== undefined ? { field: err.field } : {}) }).toEqual({
    code: want.code,
    ...(want.kind ? { kind: want.kind } : {}),
    ...(want.field !== undefined ? { field: want.field } : {}),
  });
  expect(err.zh.length).toBeGreaterThan(0);
  expect(hasChinese(err.zh)).toBe(true);
  expect(err.en.length).toBeGreaterThan(0);
  if (want.zhNames) expect(err.zh).toContain(want.zhNames);
  expect(snapshot(db)).toEqual(before);
  return err;
}

/**
 * A nursing home (beds 1-1…1-4 from 2020-01-01, 1-4 retired 2026-06-01), a 公建民营 home with
 * a contract 2024-01-01…2026-12-31, a public home; R1 in bed 1-1 since 2026-01-01, R2 free.
 */
async function setup(api: Api) {
  const home = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
  const ppp = await api.facility.create({ regionCode: '520602', name: '碧江区公建民营养老院', kind: 'nursing_home', ownership: 'public_private', status: 'operating', statusDate: '2020-01-01' });
  const beds = await api.bed.add({ facilityId: home.id, count: 4, nursingCount: 2, labelPattern: '1-{n}', inServiceFrom: '2020-01-01' });
  await api.bed.retire({ bedIds: [beds[3]!.id], retiredOn: '2026-06-01' });
  const r1 = await api.resident.create({ name: '李一', idNumber: '11010519491231002X' });
  const r2 = await api.resident.create({ name: '李二', idNumber: '440524188001010014' });
  const stay = await api.stay.admit({ residentId: r1.id, bedId: beds[0]!.id, admittedOn: '2026-01-01' });
  const op = await api.operator.create({ name: '铜仁康养服务有限公司', creditCode: '91110108551385082Q' });
  const contract = await api.contract.create({ facilityId: ppp.id, operatorId: op.id, selectionMethod: 'open_tender', startOn: '2024-01-01', endOn: '2026-12-31' });
  return { home, ppp, beds, r1, r2, stay, op, contract };
}

describe('bad input is refused and changes nothing', () => {
  it('ID number with a wrong check digit → ID_CHECKSUM on idNumber', async () => {
    const { db, api } = freshDb();
    await setup(api);
    // 11010519491231002X is valid; the same body with check character 1 is not
    await refused(db, () => api.resident.create({ name: '王五', idNumber: '110105194912310021' }), {
      code: 'ID_CHECKSUM',
      kind: 'validation',
      field: 'idNumber',
      zhNames: '身份证号',
    });
    // and on update too
    const r = await api.resident.create({ name: '王六', idNumber: idFor(11) });
    await refused(db, () => api.resident.update({ id: r.id, idNumber: '440524188001010015' }), { code: 'ID_CHECKSUM', field: 'idNumber', zhNames: '身份证号' });
  });

  it("an Excel scientific-notation ID '1.10105E+17' → ID_SCIENTIFIC", async () => {
    const { db, api } = freshDb();
    await setup(api);
    const err = await refused(db, () => api.resident.create({ name: '王五', idNumber: '1.10105E+17' }), {
      code: 'ID_SCIENTIFIC',
      kind: 'validation',
      field: 'idNumber',
      zhNames: '身份证号',
    });
    expect(err.zh).toContain('文本'); // tells the user to format the column as text
  });

  it('a stay on a bed already occupied → BED_OCCUPIED', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[0]!.id, admittedOn: '2026-03-01' }), {
      code: 'BED_OCCUPIED',
      kind: 'conflict',
      field: 'bedId',
    });
    // also when the new stay would start before the occupant's admission (it would overlap)
    await refused(db, () => api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[0]!.id, admittedOn: '2025-06-01' }), { code: 'BED_OCCUPIED', field: 'bedId' });
    // and a transfer onto it
    const s2 = await api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[1]!.id, admittedOn: '2026-03-01' });
    await refused(db, () => api.stay.transfer({ stayId: s2.id, toBedId: fx.beds[0]!.id, transferOn: '2026-04-01' }), { code: 'BED_OCCUPIED', field: 'toBedId' });
  });

  it('a second open residential stay for one resident → RESIDENT_IN_CARE', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.admit({ residentId: fx.r1.id, bedId: fx.beds[1]!.id, admittedOn: '2026-03-01' }), {
      code: 'RESIDENT_IN_CARE',
      kind: 'conflict',
      field: 'residentId',
    });
  });

  it('a new stay for a resident discharged on death → RESIDENT_DECEASED, also on another bed', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await api.stay.discharge({ stayId: fx.stay.id, dischargedOn: '2026-05-10', dischargeReason: 'death' });
    const err = await refused(db, () => api.stay.admit({ residentId: fx.r1.id, bedId: fx.beds[1]!.id, admittedOn: '2026-06-01' }), {
      code: 'RESIDENT_DECEASED',
      kind: 'conflict',
      field: 'residentId',
    });
    expect(err.zh).toContain('2026-05-10');
  });

  it('a discharge before the admission date → DISCHARGE_BEFORE_ADMISSION', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.discharge({ stayId: fx.stay.id, dischargedOn: '2025-12-31', dischargeReason: 'home' }), {
      code: 'DISCHARGE_BEFORE_ADMISSION',
      kind: 'validation',
      field: 'dischargedOn',
      zhNames: '离院日期',
    });
  });

  it('a transfer to a retired bed → BED_RETIRED (the old stay stays open)', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.transfer({ stayId: fx.stay.id, toBedId: fx.beds[3]!.id, transferOn: '2026-07-01' }), {
      code: 'BED_RETIRED',
      kind: 'conflict',
      field: 'toBedId',
    });
    // on the retirement date itself the bed is already out of service
    await refused(db, () => api.stay.transfer({ stayId: fx.stay.id, toBedId: fx.beds[3]!.id, transferOn: '2026-06-01' }), { code: 'BED_RETIRED', field: 'toBedId' });
  });

  it('a bed count of 0 or 100000 → BED_COUNT_RANGE', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    for (const count of [0, 100000])
      await refused(db, () => api.bed.add({ facilityId: fx.home.id, count, nursingCount: 0, labelPattern: '2-{n}', inServiceFrom: '2026-01-01' }), {
        code: 'BED_COUNT_RANGE',
        kind: 'validation',
        field: 'count',
        zhNames: '床位数',
      });
  });

  it('nursingCount > count → NURSING_EXCEEDS_COUNT', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.bed.add({ facilityId: fx.home.id, count: 3, nursingCount: 5, labelPattern: '2-{n}', inServiceFrom: '2026-01-01' }), {
      code: 'NURSING_EXCEEDS_COUNT',
      kind: 'validation',
      field: 'nursingCount',
      zhNames: '护理型床位数',
    });
  });

  it('an assessment item out of range (stairs 4) → TOO_BIG on scores.stairs', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    const err = await refused(
      db,
      () =>
        api.assessment.record({
          residentId: fx.r1.id,
          assessedOn: '2026-02-01',
          reason: 'first',
          scores: { ...FULL_SCORES, stairs: 4 }, // 上下楼梯 is 0–3
          coma: false,
          diagnosis: 'none',
          riskEvents: 0,
          assessor1: '评估员甲',
          assessor2: '评估员乙',
        }),
      { code: 'TOO_BIG', kind: 'validation', field: 'scores.stairs', zhNames: '上下楼梯' },
    );
    expect(err.zh).toContain('3'); // the maximum
  });

  it('a population of −5 → TOO_SMALL on population60', async () => {
    const { db, api } = freshDb();
    await setup(api);
    await refused(db, () => api.region.upsertPopulation({ regionCode: '520602', year: 2026, population60: -5 }), {
      code: 'TOO_SMALL',
      kind: 'validation',
      field: 'population60',
      zhNames: '60岁及以上人口',
    });
  });

  it('a date like 2026-02-30 → DATE_INVALID', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[1]!.id, admittedOn: '2026-02-30' }), {
      code: 'DATE_INVALID',
      kind: 'validation',
      field: 'admittedOn',
      zhNames: '入住日期',
    });
    await refused(db, () => api.bed.add({ facilityId: fx.home.id, count: 1, nursingCount: 0, labelPattern: '9-{n}', inServiceFrom: '2026-02-30' }), {
      code: 'DATE_INVALID',
      field: 'inServiceFrom',
      zhNames: '启用日期',
    });
  });

  it('an admission date in the future → DATE_IN_FUTURE', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[1]!.id, admittedOn: TOMORROW }), {
      code: 'DATE_IN_FUTURE',
      kind: 'validation',
      field: 'admittedOn',
    });
  });

  // Validation messages always name the field: 入住日期, not just 日期.
  it('the DATE_IN_FUTURE message names the field (入住日期)', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[1]!.id, admittedOn: TOMORROW }), {
      code: 'DATE_IN_FUTURE',
      field: 'admittedOn',
      zhNames: '入住日期',
    });
  });

  it('retiring several beds with one occupied retires none → BED_OCCUPIED_ON_RETIRE', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    // 1-1 is occupied by R1; 1-2 and 1-3 are free: none may be retired
    await refused(db, () => api.bed.retire({ bedIds: [fx.beds[1]!.id, fx.beds[0]!.id, fx.beds[2]!.id], retiredOn: '2026-07-01' }), {
      code: 'BED_OCCUPIED_ON_RETIRE',
      kind: 'conflict',
      field: 'bedIds',
    });
    const board = await api.bed.board({ facilityId: fx.home.id, date: '2026-07-01' });
    expect(board.filter((b) => b.retiredOn === null).map((b) => b.label)).toEqual(['1-1', '1-2', '1-3']);
  });

  // An open-ended stay cannot start on a bed that is scheduled for retirement: from that date
  // the resident would hold a bed out of service.
  it('an open-ended admission onto a bed already scheduled for retirement is refused', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await api.bed.retire({ bedIds: [fx.beds[2]!.id], retiredOn: '2026-12-15' });
    const before = snapshot(db);
    expect((await rejection(api.stay.admit({ residentId: fx.r2.id, bedId: fx.beds[2]!.id, admittedOn: '2026-11-01' }))).code).toBe('BED_RETIRED');
    expect(snapshot(db)).toEqual(before);
    const dq = await api.report.dataQuality({ date: '2026-12-15' });
    expect(dq.filter((i) => i.code === 'STAY_ON_RETIRED_BED')).toEqual([]);
  });

  it('a duplicate facility name in a county → FACILITY_NAME_TAKEN', async () => {
    const { db, api } = freshDb();
    await setup(api);
    await refused(
      db,
      () => api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2021-01-01' }),
      { code: 'FACILITY_NAME_TAKEN', kind: 'conflict', field: 'name' },
    );
    // the same name in another county is fine
    await api.facility.create({ regionCode: '520603', name: '碧江区社会福利院', kind: 'support_home', ownership: 'public', status: 'operating', statusDate: '2021-01-01' });
  });

  it('an invalid credit code → CREDIT_CHECKSUM', async () => {
    const { db, api } = freshDb();
    await setup(api);
    // 91110000600037341L is valid; L → M breaks the check character
    await refused(db, () => api.operator.create({ name: '某养老服务公司', creditCode: '91110000600037341M' }), {
      code: 'CREDIT_CHECKSUM',
      kind: 'validation',
      field: 'creditCode',
      zhNames: '统一社会信用代码',
    });
  });

  it('a contract for a facility that is not 公建民营 → FACILITY_NOT_PPP', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    await refused(db, () => api.contract.create({ facilityId: fx.home.id, operatorId: fx.op.id, selectionMethod: 'open_tender', startOn: '2025-01-01', endOn: '2027-12-31' }), {
      code: 'FACILITY_NOT_PPP',
      kind: 'validation',
      field: 'facilityId',
      zhNames: '公建民营',
    });
  });

  it('overlapping contracts → CONTRACT_OVERLAP', async () => {
    const { db, api } = freshDb();
    const fx = await setup(api);
    // existing 2024-01-01…2026-12-31; a new one from 2026-12-31 overlaps by one day
    await refused(db, () => api.contract.create({ facilityId: fx.ppp.id, operatorId: fx.op.id, selectionMethod: 'open_tender', startOn: '2026-12-31', endOn: '2029-12-31' }), {
      code: 'CONTRACT_OVERLAP',
      kind: 'conflict',
      field: 'startOn',
    });
    // the day after is fine
    await api.contract.create({ facilityId: fx.ppp.id, operatorId: fx.op.id, selectionMethod: 'open_tender', startOn: '2027-01-01', endOn: '2029-12-31' });
  });
});
