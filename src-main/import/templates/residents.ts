/**
 * 老人: one row per person, keyed by 身份证号. Sex and birth date come from the ID number.
 * A number registered to a resident the account may not see gets only ID_TAKEN_ELSEWHERE:
 * the report says neither whom nor where, whatever else the row holds.
 */
import { residentCreateInput, residentUpdateInput } from '../../contract/schemas';
import { RESIDENT_IMPORT_FIELDS, residentImportRows, type ResidentImportRow } from '../../db/queries/residents';
import { assertScope, mayReadResident } from '../../services/scope';
import { ID_TAKEN_ELSEWHERE, updateResident } from '../../services/residents';
import { NewResidents, type CheckedResident } from '../../services/resident-bulk';
import { loadRegions, requireKnownRegion } from '../lookups';
import { cell, reject, validate, type RowApplier, type RowWrite, type Template } from '../template';

export const SELF_CARE_NAMES = { capable: ['具备'], partial: ['部分丧失'], none: ['完全丧失'] } as const;

type Existing = ResidentImportRow;

const COMPARED = RESIDENT_IMPORT_FIELDS;
const FLAGS = new Set(['tekun', 'dibao', 'lowIncome', 'shidu', 'youfu']);

export const residentsTemplate: Template = {
  id: 'residents',
  title: { zh: '老人', en: 'Residents' },
  columns: [
    { header: '姓名', field: 'name', type: 'text', required: true, sample: '张某某', width: 10 },
    { header: '身份证号', field: 'idNumber', type: 'id', required: true, aliases: ['身份证号码', '公民身份号码'], sample: '11010519491231002X', width: 22 },
    { header: '户籍区县代码', field: 'householdRegionCode', type: 'code', sample: '520602', width: 12 },
    { header: '特困', field: 'tekun', type: 'bool', sample: '是', width: 6 },
    { header: '特困自理能力', field: 'tekunSelfCare', type: 'choice', choices: SELF_CARE_NAMES, sample: '部分丧失', width: 12 },
    { header: '低保', field: 'dibao', type: 'bool', sample: '否', width: 6 },
    { header: '低收入', field: 'lowIncome', type: 'bool', sample: '否', width: 7 },
    { header: '失独', field: 'shidu', type: 'bool', sample: '否', width: 6 },
    { header: '优抚对象', field: 'youfu', type: 'bool', sample: '否', width: 8 },
    { header: '联系电话', field: 'phone', type: 'code', sample: '13800000000', width: 14 },
    { header: '紧急联系人', field: 'emergencyContact', type: 'text', sample: '张某', width: 10 },
    { header: '紧急联系电话', field: 'emergencyPhone', type: 'code', sample: '13900000000', width: 14 },
  ],
  fieldColumns: { id: '身份证号', residentId: '身份证号' },
  key: { fields: ['idNumber'] },
  begin(ctx) {
    const regions = loadRegions(ctx);
    const existing = new Map<string, Existing>(residentImportRows(ctx.db.sqlite).map(({ idNumber, ...r }) => [idNumber, r]));
    // new people are checked row by row and written together at the end (services/resident-bulk.ts)
    const fresh = new NewResidents(ctx);
    const queued: CheckedResident[] = [];

    const apply = (v: Parameters<RowApplier>[0], inRow: RowWrite): ReturnType<RowApplier> => {
      const household = cell.optStr(v, 'householdRegionCode');
      if (household !== null) requireKnownRegion(regions, household, 'householdRegionCode', false);
      const fields = {
        name: cell.str(v, 'name'),
        idNumber: cell.str(v, 'idNumber'),
        householdRegionCode: household,
        tekun: cell.bool(v, 'tekun'),
        tekunSelfCare: v.tekunSelfCare ?? null,
        dibao: cell.bool(v, 'dibao'),
        lowIncome: cell.bool(v, 'lowIncome'),
        shidu: cell.bool(v, 'shidu'),
        youfu: cell.bool(v, 'youfu'),
        phone: cell.str(v, 'phone'),
        emergencyContact: cell.str(v, 'emergencyContact'),
        emergencyPhone: cell.str(v, 'emergencyPhone'),
      };
      const input = validate(residentCreateInput, fields);
      const before = existing.get(input.idNumber);
      const stored = (r: typeof input): Omit<Existing, 'id'> => ({
        name: r.name,
        householdRegionCode: r.householdRegionCode ?? null,
        tekun: r.tekun ? 1 : 0,
        tekunSelfCare: r.tekunSelfCare ?? null,
        dibao: r.dibao ? 1 : 0,
        lowIncome: r.lowIncome ? 1 : 0,
        shidu: r.shidu ? 1 : 0,
        youfu: r.youfu ? 1 : 0,
        phone: r.phone ?? '',
        emergencyContact: r.emergencyContact ?? '',
        emergencyPhone: r.emergencyPhone ?? '',
      });
      if (!before) {
        queued.push(fresh.check(input));
        return 'added';
      }
      if (!mayReadResident(ctx, before.id)) reject('idNumber', ID_TAKEN_ELSEWHERE.zh, ID_TAKEN_ELSEWHERE.en);
      const now = stored(input);
      const changes: Record<string, unknown> = {};
      for (const k of COMPARED) if (now[k] !== before[k]) changes[k] = FLAGS.has(k) ? now[k] === 1 : now[k];
      if (Object.keys(changes).length === 0) return 'unchanged';
      // Seen but no longer the account's (moved to another facility): read-only.
      assertScope.residentChange(ctx, before.id);
      // The self-care status travels with the 特困 flag: the service checks them together.
      if ('tekun' in changes || 'tekunSelfCare' in changes) Object.assign(changes, { tekun: input.tekun ?? false, tekunSelfCare: now.tekunSelfCare });
      inRow(() => updateResident(ctx, validate(residentUpdateInput, { id: before.id, ...changes })));
      existing.set(input.idNumber, { id: before.id, ...now });
      return 'updated';
    };
    return Object.assign(apply, { flush: () => void fresh.insert(queued) });
  },
};
