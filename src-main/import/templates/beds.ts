/** 床位: one row per bed, keyed by (机构, 楼栋, 房间号, 床位号). */
import { addBedsInput, retireBedsInput, updateBedInput } from '../../contract/schemas';
import { assertScope } from '../../services/scope';
import { addBeds, retireBeds, updateBed } from '../../services/beds';
import { bedKey, loadBeds, loadFacilityIds, installHere, loadRegions, requireFacilityId, requireKnownRegion } from '../lookups';
import { importCorrection, cell, reject, validate, type Template } from '../template';

export const CARE_TYPE_NAMES = { nursing: ['护理型'], general: ['普通', '非护理型', '普通型'] } as const;

export const bedsTemplate: Template = {
  id: 'beds',
  title: { zh: '床位', en: 'Beds' },
  columns: [
    { header: '区县代码', field: 'regionCode', type: 'code', required: true, sample: '520602', width: 10 },
    { header: '机构名称', field: 'facilityName', type: 'text', required: true, sample: '碧江区示例养老院', width: 28 },
    { header: '楼栋', field: 'building', type: 'text', sample: '1号楼', width: 10 },
    { header: '房间号', field: 'room', type: 'text', sample: '101', width: 8 },
    { header: '床位号', field: 'label', type: 'text', required: true, sample: '1', width: 8 },
    { header: '床位类型', field: 'careType', type: 'choice', required: true, choices: CARE_TYPE_NAMES, sample: '护理型', width: 10 },
    { header: '启用日期', field: 'inServiceFrom', type: 'date', required: true, sample: '2020-01-01', width: 12 },
    { header: '停用日期', field: 'retiredOn', type: 'date', sample: '', width: 12 },
  ],
  fieldColumns: { facilityId: '机构名称', labelPattern: '床位号', bedIds: '床位号', id: '床位号', nursingCount: '床位类型', count: '床位号' },
  key: { fields: ['regionCode', 'facilityName', 'building', 'room', 'label'] },
  begin(ctx, source) {
    const confirm = importCorrection(source);
    const regions = loadRegions(ctx);
    const facilities = loadFacilityIds(ctx);
    const here = installHere(ctx);
    const beds = loadBeds(ctx);

    return (v) => {
      const regionCode = cell.str(v, 'regionCode');
      requireKnownRegion(regions, regionCode, 'regionCode');
      const facilityId = requireFacilityId(facilities, regionCode, cell.str(v, 'facilityName'), here);
      assertScope.facility(ctx, facilityId);
      const building = cell.str(v, 'building');
      const room = cell.str(v, 'room');
      const label = cell.str(v, 'label');
      if (/[{}]/.test(label)) reject('label', '床位号不能包含 { 或 }', 'A bed label cannot contain { or }');
      const careType = v.careType === 'nursing' ? 'nursing' : 'general';
      const inServiceFrom = cell.str(v, 'inServiceFrom');
      const retiredOn = cell.optStr(v, 'retiredOn');
      if (retiredOn !== null && retiredOn < inServiceFrom)
        reject('retiredOn', `停用日期不能早于启用日期 ${inServiceFrom}`, `Retirement cannot precede the in-service date ${inServiceFrom}`);
      const key = bedKey(facilityId, building, room, label);
      const before = beds.get(key);
      if (!before) {
        const [bed] = addBeds(
          ctx,
          validate(addBedsInput, { facilityId, count: 1, nursingCount: careType === 'nursing' ? 1 : 0, building, room, labelPattern: label, inServiceFrom, ...confirm }),
        );
        if (retiredOn !== null) retireBeds(ctx, validate(retireBedsInput, { bedIds: [bed!.id], retiredOn, ...confirm }));
        beds.set(key, { id: bed!.id, facilityId, careType, inServiceFrom, retiredOn });
        return 'added';
      }
      if (before.inServiceFrom !== inServiceFrom)
        reject('inServiceFrom', `该床位已登记启用日期 ${before.inServiceFrom}，导入不能更改启用日期`, `The bed is registered in service from ${before.inServiceFrom}; an import cannot change it`);
      if (before.retiredOn !== null && before.retiredOn !== retiredOn)
        reject('retiredOn', `该床位已于 ${before.retiredOn} 停用，导入不能更改停用日期`, `The bed was retired on ${before.retiredOn}; an import cannot change that`);
      let outcome: 'updated' | 'unchanged' = 'unchanged';
      if (before.careType !== careType) {
        updateBed(ctx, validate(updateBedInput, { id: before.id, careType, ...confirm }));
        outcome = 'updated';
      }
      if (before.retiredOn === null && retiredOn !== null) {
        retireBeds(ctx, validate(retireBedsInput, { bedIds: [before.id], retiredOn, ...confirm }));
        outcome = 'updated';
      }
      beds.set(key, { ...before, careType, retiredOn });
      return outcome;
    };
  },
};
