/**
 * The read models (src-main/db/queries/) on a real store: the small lookups the services now
 * call instead of spelling their own SELECTs, and the require* guards' not-found answers.
 */
import { describe, expect, it } from 'vitest';
import { bedBusyFrom, bedIdByLabel, labelsInRoom, requireBed } from '../../src-main/db/queries/beds';
import { facilityCount, facilityIdByName, statusOnDate } from '../../src-main/db/queries/facilities';
import { regionCodeTaken, requireRegion } from '../../src-main/db/queries/regions';
import { residentByIdNumber } from '../../src-main/db/queries/residents';
import { deathOn, hasOpenStay, overlappingLeaveStart, requireStay } from '../../src-main/db/queries/stays';
import { toAppError } from '../../src-main/api/errors';
import { freshDb } from '../support/temp-db';
import { idFor } from './helpers';

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return toAppError(e);
  }
  throw new Error('expected a throw');
}

describe('read models', () => {
  it('answer the lookups the services ask', async () => {
    const { db, api } = freshDb();
    expect(facilityCount(db.sqlite)).toBe(0);
    const f = await api.facility.create({ regionCode: '520602', name: '碧江区社会福利院', kind: 'nursing_home', ownership: 'public', status: 'operating', statusDate: '2020-01-01' });
    const [b1, b2] = await api.bed.add({ facilityId: f.id, count: 2, nursingCount: 0, building: '1号楼', room: '101', labelPattern: 'A-{n}', inServiceFrom: '2020-01-01' });
    const r = await api.resident.create({ name: '张某', idNumber: idFor(1) });
    const stay = await api.stay.admit({ residentId: r.id, bedId: b1!.id, admittedOn: '2024-01-01' });
    await api.stay.recordLeave({ stayId: stay.id, startOn: '2024-03-01', endOn: '2024-03-10' });

    expect(facilityCount(db.sqlite)).toBe(1);
    expect(facilityIdByName(db.orm, '520602', '碧江区社会福利院')).toBe(f.id);
    expect(facilityIdByName(db.orm, '520603', '碧江区社会福利院')).toBeUndefined();
    expect(statusOnDate(db.sqlite, f.id, '2019-12-31')).toBeNull();
    expect(statusOnDate(db.sqlite, f.id, '2020-01-01')).toBe('operating');
    expect(statusOnDate(db.sqlite, 999, '2020-01-01')).toBeNull();

    expect(labelsInRoom(db.orm, f.id, '1号楼', '101').sort()).toEqual(['A-1', 'A-2']);
    expect(bedIdByLabel(db.orm, f.id, '1号楼', '101', 'A-2')).toBe(b2!.id);
    expect(bedBusyFrom(db.sqlite, b1!.id, '2025-01-01')).toBe(true);
    expect(bedBusyFrom(db.sqlite, b2!.id, '2025-01-01')).toBe(false);

    expect(residentByIdNumber(db.sqlite, idFor(1))).toEqual({ id: r.id, name: '张某' });
    expect(residentByIdNumber(db.sqlite, idFor(2))).toBeUndefined();
    expect(hasOpenStay(db.orm, f.id)).toBe(true);
    expect(overlappingLeaveStart(db.sqlite, stay.id, '2024-03-05', null)).toBe('2024-03-01');
    expect(overlappingLeaveStart(db.sqlite, stay.id, '2024-03-10', null)).toBeUndefined();
    expect(deathOn(db.sqlite, r.id, '2026-01-01')).toBeUndefined();
    await api.stay.discharge({ stayId: stay.id, dischargedOn: '2025-06-01', dischargeReason: 'death' });
    expect(deathOn(db.sqlite, r.id, '2025-05-31')).toBeUndefined();
    expect(deathOn(db.sqlite, r.id, '2025-06-01')).toBe('2025-06-01');
    expect(hasOpenStay(db.orm, f.id)).toBe(false);

    expect(regionCodeTaken(db.orm, '520602')).toBe(true);
    expect(regionCodeTaken(db.orm, '999999')).toBe(false);
  });

  it('the guards answer not found with the entity and field', () => {
    const { db } = freshDb();
    const bed = thrown(() => requireBed(db.orm, 42, 'toBedId'));
    expect(bed.code).toBe('NOT_FOUND');
    expect(bed.field).toBe('toBedId');
    expect(bed.zh).toBe('床位不存在（42）');
    expect(thrown(() => requireStay(db.orm, 7)).field).toBe('stayId');
    expect(thrown(() => requireRegion(db.orm, '999999')).field).toBe('regionCode');
    expect(requireRegion(db.orm, '520602').level).toBe('county');
  });
});
