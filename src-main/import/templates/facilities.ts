/** 机构: one row per facility, keyed by (区县代码, 机构名称). */
import { facilityCreateInput, facilityUpdateInput, setFacilityStatusInput } from '../../contract/schemas';
import { FACILITY_IMPORT_FIELDS, facilityImportRows, statusChangeRows, type FacilityImportRow } from '../../db/queries/facilities';
import { assertScope } from '../../services/scope';
import { createFacility, setFacilityStatus, updateFacility } from '../../services/facilities';
import { facilityKey, loadFacilityIds, loadRegions, requireKnownRegion } from '../lookups';
import { importCorrection, cell, validate, type Template } from '../template';

export const KIND_NAMES = {
  nursing_home: ['养老院', '老年养护院', '社会福利院', '养老院/老年养护院/社会福利院'],
  support_home: ['特困供养机构', '敬老院', '特困人员供养服务机构', '特困人员供养服务机构（敬老院）'],
  day_care: ['日间照料中心', '社区老年人日间照料中心'],
  mutual_aid: ['农村互助幸福院', '互助幸福院'],
  activity_centre: ['老年人活动中心'],
} as const;
export const OWNERSHIP_NAMES = { public: ['公办'], public_private: ['公建民营'], private: ['民办'] } as const;
export const STATUS_NAMES = { planned: ['规划'], construction: ['在建'], operating: ['运营'], suspended: ['停业'], closed: ['关闭'] } as const;

type Existing = FacilityImportRow;

export const facilitiesTemplate: Template = {
  id: 'facilities',
  title: { zh: '机构', en: 'Facilities' },
  columns: [
    { header: '区县代码', field: 'regionCode', type: 'code', required: true, sample: '520602', width: 10 },
    { header: '机构名称', field: 'name', type: 'text', required: true, sample: '碧江区示例养老院', width: 28 },
    { header: '机构类型', field: 'kind', type: 'choice', required: true, choices: KIND_NAMES, sample: '养老院', width: 16 },
    { header: '运营方式', field: 'ownership', type: 'choice', required: true, choices: OWNERSHIP_NAMES, sample: '公办', width: 10 },
    { header: '乡镇街道', field: 'township', type: 'text', sample: '灯塔街道', width: 14 },
    { header: '地址', field: 'address', type: 'text', sample: '碧江区示例路1号', width: 28 },
    { header: '状态', field: 'status', type: 'choice', required: true, choices: STATUS_NAMES, sample: '运营', width: 8 },
    { header: '状态日期', field: 'statusDate', type: 'date', required: true, sample: '2020-01-01', width: 12 },
    { header: '医养结合', field: 'medicalCare', type: 'bool', sample: '否', width: 9 },
    { header: '等级', field: 'grade', type: 'int', sample: 3, width: 6 },
    { header: '职工数', field: 'staffCount', type: 'int', sample: 12, width: 8 },
    { header: '护理员数', field: 'careWorkerCount', type: 'int', sample: 6, width: 9 },
    { header: '联系电话', field: 'phone', type: 'code', sample: '0856-5200000', width: 14 },
  ],
  fieldColumns: { effectiveOn: '状态日期', id: '机构名称' },
  key: { fields: ['regionCode', 'name'] },
  begin(ctx, source) {
    const confirm = importCorrection(source);
    const regions = loadRegions(ctx);
    const ids = loadFacilityIds(ctx);
    const existing = new Map<number, Existing>(facilityImportRows(ctx.db.sqlite).map((f) => [f.id, f]));
    const statuses = new Set(statusChangeRows(ctx.db.sqlite).map((s) => `${s.id}\u0001${s.d}\u0001${s.status}`));

    return (v) => {
      requireKnownRegion(regions, cell.str(v, 'regionCode'), 'regionCode');
      const fields = {
        regionCode: cell.str(v, 'regionCode'),
        name: cell.str(v, 'name'),
        kind: v.kind,
        ownership: v.ownership,
        medicalCare: cell.bool(v, 'medicalCare'),
        township: cell.str(v, 'township'),
        address: cell.str(v, 'address'),
        grade: cell.num(v, 'grade'),
        staffCount: cell.num(v, 'staffCount') ?? 0,
        careWorkerCount: cell.num(v, 'careWorkerCount') ?? 0,
        phone: cell.str(v, 'phone'),
      };
      const input = validate(facilityCreateInput, { ...fields, status: v.status, statusDate: v.statusDate, ...confirm });
      const key = facilityKey(input.regionCode, input.name);
      const id = ids.get(key);
      // The same scope the api checks for facility.create / facility.update.
      assertScope.region(ctx, input.regionCode);
      if (id !== undefined) assertScope.facility(ctx, id);
      if (id === undefined) {
        const row = createFacility(ctx, input);
        ids.set(key, row.id);
        statuses.add(`${row.id}\u0001${input.statusDate}\u0001${input.status}`);
        existing.set(row.id, { ...row, medicalCare: row.medicalCare ? 1 : 0 });
        return 'added';
      }
      const before = existing.get(id)!;
      const changes: Record<string, unknown> = {};
      const now = { ...input, medicalCare: input.medicalCare ? 1 : 0 };
      for (const k of FACILITY_IMPORT_FIELDS)
        if (now[k] !== before[k]) changes[k] = input[k];
      let outcome: 'updated' | 'unchanged' = 'unchanged';
      if (Object.keys(changes).length > 0) {
        const row = updateFacility(ctx, validate(facilityUpdateInput, { id, ...changes, ...confirm }));
        existing.set(id, { ...row, medicalCare: row.medicalCare ? 1 : 0 });
        outcome = 'updated';
      }
      const statusKey = `${id}\u0001${input.statusDate}\u0001${input.status}`;
      if (!statuses.has(statusKey)) {
        setFacilityStatus(ctx, validate(setFacilityStatusInput, { facilityId: id, status: input.status, effectiveOn: input.statusDate, ...confirm }));
        statuses.add(statusKey);
        outcome = 'updated';
      }
      return outcome;
    };
  },
};
