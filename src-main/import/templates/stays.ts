/**
 * 入住: one row per stay, keyed by (身份证号, 入住日期). Rows are applied in admission order
 * through admit and discharge, so a history of stays on one bed builds forward in time and
 * the services' own rules (bed free on those dates, facility operating, no second open
 * residential stay) decide each row.
 */
import { admitInput, dischargeInput } from '../../contract/schemas';
import { residentIdNumbers } from '../../db/queries/residents';
import { stayImportRows, type StayImportRow } from '../../db/queries/stays';
import { assertScope, mayReadResident, scopeOf } from '../../services/scope';
import { admit, discharge } from '../../services/stays';
import { bedKey, loadBeds, loadFacilityIds, installHere, loadRegions, requireFacilityId, requireKnownRegion } from '../lookups';
import { importCorrection, cell, reject, validate, type Template } from '../template';

/** Not registered, or registered outside the account's scope: one answer for both. */
export const NOT_REGISTERED_HERE = {
  zh: '您的范围内没有登记该身份证号的老人：请先导入老人；如已在别处登记，请联系区县民政部门',
  en: 'No resident with this ID number within your scope: import the residents first; if registered elsewhere, contact the county civil-affairs bureau',
} as const;

export const DISCHARGE_REASON_NAMES = { death: ['死亡'], home: ['回家'], transfer: ['转院', '转床'], other: ['其他'] } as const;

type ExistingStay = StayImportRow;

export const staysTemplate: Template = {
  id: 'stays',
  title: { zh: '入住', en: 'Stays' },
  columns: [
    { header: '身份证号', field: 'idNumber', type: 'id', required: true, aliases: ['身份证号码', '公民身份号码'], sample: '11010519491231002X', width: 22 },
    { header: '区县代码', field: 'regionCode', type: 'code', required: true, sample: '520602', width: 10 },
    { header: '机构名称', field: 'facilityName', type: 'text', required: true, sample: '碧江区示例养老院', width: 28 },
    { header: '楼栋', field: 'building', type: 'text', sample: '1号楼', width: 10 },
    { header: '房间号', field: 'room', type: 'text', sample: '101', width: 8 },
    { header: '床位号', field: 'label', type: 'text', sample: '1', width: 8 },
    { header: '入住日期', field: 'admittedOn', type: 'date', required: true, sample: '2023-01-05', width: 12 },
    { header: '离院日期', field: 'dischargedOn', type: 'date', sample: '', width: 12 },
    { header: '离院原因', field: 'dischargeReason', type: 'choice', choices: DISCHARGE_REASON_NAMES, sample: '', width: 10 },
  ],
  fieldColumns: { residentId: '身份证号', facilityId: '机构名称', bedId: '床位号', stayId: '入住日期' },
  key: { fields: ['idNumber', 'admittedOn'] },
  order: (v) => cell.str(v, 'admittedOn'),
  begin(ctx, source) {
    const confirm = importCorrection(source);
    const regions = loadRegions(ctx);
    const facilities = loadFacilityIds(ctx);
    const here = installHere(ctx);
    const beds = loadBeds(ctx);
    const residents = new Map(residentIdNumbers(ctx.db.sqlite).map((r) => [r.idNumber, r.id]));
    const stays = new Map<string, ExistingStay>(stayImportRows(ctx.db.sqlite).map(({ residentId, admittedOn, ...s }) => [`${residentId}\u0001${admittedOn}`, s]));

    return (v) => {
      const idNumber = cell.str(v, 'idNumber');
      const residentId = residents.get(idNumber);
      // An account that sees only part of the register is told the same whether the number is
      // not registered or registered to someone outside its scope: the import is no oracle.
      if (residentId === undefined || !mayReadResident(ctx, residentId)) {
        if (scopeOf(ctx.actor).kind === 'all') reject('idNumber', '该老人未登记：请先导入老人', 'No resident with this ID number: import the residents first');
        reject('idNumber', NOT_REGISTERED_HERE.zh, NOT_REGISTERED_HERE.en);
      }
      const regionCode = cell.str(v, 'regionCode');
      requireKnownRegion(regions, regionCode, 'regionCode');
      const facilityId = requireFacilityId(facilities, regionCode, cell.str(v, 'facilityName'), here);
      const label = cell.str(v, 'label');
      let bedId: number | undefined;
      if (label !== '') {
        const bed = beds.get(bedKey(facilityId, cell.str(v, 'building'), cell.str(v, 'room'), label));
        if (!bed) reject('label', '该机构没有这个床位（楼栋、房间号、床位号）：请先导入床位', 'The facility has no such bed (building, room, label): import the beds first');
        bedId = bed.id;
      } else if (cell.str(v, 'building') !== '' || cell.str(v, 'room') !== '') {
        reject('label', '填写了楼栋或房间号时须填写床位号', 'A building or room needs a bed label');
      }
      assertScope.facility(ctx, facilityId);
      const admittedOn = cell.str(v, 'admittedOn');
      const dischargedOn = cell.optStr(v, 'dischargedOn');
      const reason = v.dischargeReason ?? null;
      if (dischargedOn !== null && dischargedOn < admittedOn)
        reject('dischargedOn', `离院日期不能早于入住日期 ${admittedOn}`, `Discharge cannot precede the admission on ${admittedOn}`);
      if (dischargedOn !== null && reason === null) reject('dischargeReason', '填写离院日期时须填写离院原因', 'A discharge date needs a reason');
      if (dischargedOn === null && reason !== null) reject('dischargedOn', '填写离院原因时须填写离院日期', 'A discharge reason needs a date');

      const key = `${residentId}\u0001${admittedOn}`;
      const before = stays.get(key);
      if (!before) {
        assertScope.residentChange(ctx, residentId);
        const stay = admit(ctx, validate(admitInput, { residentId, bedId, facilityId: bedId === undefined ? facilityId : undefined, admittedOn, ...confirm }));
        if (stay.facilityId !== facilityId) reject('label', '该床位不属于所填机构', 'The bed does not belong to the facility');
        if (dischargedOn !== null) discharge(ctx, validate(dischargeInput, { stayId: stay.id, dischargedOn, dischargeReason: reason, ...confirm }));
        stays.set(key, { id: stay.id, facilityId, bedId: bedId ?? null, dischargedOn, dischargeReason: reason === null ? null : String(reason) });
        return 'added';
      }
      if (before.facilityId !== facilityId || before.bedId !== (bedId ?? null)) {
        // Of a resident who has left, a stay elsewhere is not this account's to hear about.
        assertScope.residentChange(ctx, residentId);
        reject('label', `该老人 ${admittedOn} 的入住记录已登记在其他机构或床位，导入不能更改（请用转床）`, `The stay admitted on ${admittedOn} is registered at another facility or bed; an import cannot move it (use a transfer)`);
      }
      if (before.dischargedOn === dischargedOn && before.dischargeReason === reason) return 'unchanged';
      if (before.dischargedOn !== null)
        reject('dischargedOn', `该入住记录已于 ${before.dischargedOn} 离院，导入不能更改离院信息`, `The stay ended on ${before.dischargedOn}; an import cannot change that`);
      assertScope.residentChange(ctx, residentId);
      discharge(ctx, validate(dischargeInput, { stayId: before.id, dischargedOn, dischargeReason: reason, ...confirm }));
      stays.set(key, { ...before, dischargedOn, dischargeReason: reason === null ? null : String(reason) });
      return 'updated';
    };
  },
};
