/**
 * The national system's facility list (全国养老服务信息系统机构名单): its columns as data, read by
 * the export (services/national-list.ts) and by the import template (import/templates/
 * national-list.ts) alike, so the two cannot drift apart.
 *
 * Order: the official import template's field order was NOT found in a public source. The
 * columns follow the field list of the ministry's description of the facility record
 * (民函〔2024〕5号; docs/domain.md §12.2 and §12.4): 统一社会信用代码, 单位类型, 行政区划代码,
 * 机构等级, 法定代表人/负责人, 登记机关 and 登记状态, 兴办主体, 运营方式, areas, 消防审验, 食品经营许可,
 * 责任险, the category flags, 收住对象, beds, fees, 月末收住老年人数, 备案, coordinates; the name
 * first (the row's identity), and the register's own fields the list does not name at the end.
 * 长护险定点 is on that list but the register does not keep it, so it has no column.
 *
 * Importable from the renderer: only zod and the pure domain.
 */
import { z } from 'zod';
import { FACILITY_KIND, FACILITY_STATUS, FOUNDER, LICENCE_KIND, OWNERSHIP, REGISTRATION, type Labelled, type LicenceKind } from '../domain/enums';
import { isoDate } from './primitives';

/**
 * How a column's cells are written and read: `yuan` money with two decimals (kept as integer
 * fen), `area` square metres, `degrees` a coordinate, `count` a whole number, `choice` a
 * closed vocabulary by its Chinese label.
 */
export type NationalListFormat = 'text' | 'code' | 'date' | 'bool' | 'count' | 'yuan' | 'area' | 'degrees' | 'choice';

export interface NationalListColumn {
  /** The service input field it feeds (licence columns: `licence.<kind>.<field>`; derived: the figure's name). */
  key: string;
  zh: string;
  en: string;
  format: NationalListFormat;
  unit?: string;
  choices?: Readonly<Record<string, Labelled>>;
  /** Computed from the register on the list's date (beds, residents, 是否备案): written, never read back. */
  derived?: boolean;
  required?: boolean;
}

/** 机构等级 (GB/T 37276-2018): stored as 1–5, written by name; empty: not graded. */
export const GRADE_LABEL = {
  '1': { zh: '一级', en: 'Grade 1' },
  '2': { zh: '二级', en: 'Grade 2' },
  '3': { zh: '三级', en: 'Grade 3' },
  '4': { zh: '四级', en: 'Grade 4' },
  '5': { zh: '五级', en: 'Grade 5' },
} as const satisfies Record<string, Labelled>;

/** The licences the list carries, in its order, with the words for their number and dates. */
const LICENCE_COLUMNS: ReadonlyArray<{ kind: LicenceKind; number: string; issued: string; en: string }> = [
  { kind: 'fire_safety', number: '消防审验文号', issued: '消防审验日期', en: 'Fire-safety acceptance' },
  { kind: 'food', number: '食品经营许可证号', issued: '食品经营许可发证日期', en: 'Food business licence' },
  { kind: 'liability_insurance', number: '责任险保单号', issued: '责任险起保日期', en: 'Liability insurance' },
];
const MEDICAL_LICENCE_COLUMNS: typeof LICENCE_COLUMNS = [
  { kind: 'medical', number: '医疗机构执业许可证号', issued: '医疗机构执业许可发证日期', en: 'Medical institution licence' },
  { kind: 'medical_contract', number: '签约医疗机构协议编号', issued: '签约医疗机构协议签订日期', en: 'Medical-institution contract' },
];

/** The key of a licence column: `licence.fire_safety.issuedOn`. */
export function licenceKey(kind: LicenceKind, field: 'number' | 'issuedOn' | 'expiresOn'): string {
  return `licence.${kind}.${field}`;
}

function licenceColumns(list: typeof LICENCE_COLUMNS): NationalListColumn[] {
  return list.flatMap((l) => [
    { key: licenceKey(l.kind, 'number'), zh: l.number, en: `${l.en}: number`, format: 'code' as const },
    { key: licenceKey(l.kind, 'issuedOn'), zh: l.issued, en: `${l.en}: issued on`, format: 'date' as const },
    { key: licenceKey(l.kind, 'expiresOn'), zh: `${LICENCE_KIND[l.kind].zh.replace(/^养老机构/, '')}有效期至`, en: `${l.en}: valid until`, format: 'date' as const },
  ]);
}

export const LICENCE_KINDS_LISTED: readonly LicenceKind[] = [...LICENCE_COLUMNS, ...MEDICAL_LICENCE_COLUMNS].map((l) => l.kind);

export const NATIONAL_LIST_COLUMNS: readonly NationalListColumn[] = [
  { key: 'name', zh: '机构名称', en: 'Facility name', format: 'text', required: true },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Unified social credit code', format: 'code' },
  { key: 'kind', zh: '单位类型', en: 'Type', format: 'choice', choices: FACILITY_KIND, required: true },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code (county)', format: 'code', required: true },
  { key: 'township', zh: '乡镇街道', en: 'Township', format: 'text' },
  { key: 'address', zh: '地址', en: 'Address', format: 'text' },
  { key: 'grade', zh: '机构等级', en: 'Grade (GB/T 37276)', format: 'choice', choices: GRADE_LABEL },
  { key: 'legalRep', zh: '法定代表人（负责人）', en: 'Legal representative (person in charge)', format: 'text' },
  { key: 'legalRepPhone', zh: '负责人电话', en: "Person in charge's phone", format: 'code' },
  { key: 'registration', zh: '登记状态', en: 'Registration', format: 'choice', choices: REGISTRATION },
  { key: 'registrationAuthority', zh: '登记机关', en: 'Registration authority', format: 'text' },
  { key: 'registeredOn', zh: '登记日期', en: 'Registered on', format: 'date' },
  { key: 'founder', zh: '兴办主体', en: 'Founder', format: 'choice', choices: FOUNDER },
  { key: 'ownership', zh: '运营方式', en: 'How it is run', format: 'choice', choices: OWNERSHIP, required: true },
  { key: 'buildingArea', zh: '建筑面积（平方米）', en: 'Building area (m²)', format: 'area', unit: '平方米' },
  { key: 'landArea', zh: '占地面积（平方米）', en: 'Land area (m²)', format: 'area', unit: '平方米' },
  ...licenceColumns(LICENCE_COLUMNS),
  { key: 'medicalCare', zh: '医养结合', en: 'Medical-care integrated', format: 'bool' },
  ...licenceColumns(MEDICAL_LICENCE_COLUMNS),
  { key: 'tekunInstitution', zh: '特困人员供养服务机构', en: 'Tekun support institution', format: 'bool' },
  { key: 'gloryHome', zh: '光荣院', en: 'Glory home', format: 'bool' },
  { key: 'regionalCentre', zh: '区域性养老服务中心', en: 'Regional eldercare centre', format: 'bool' },
  { key: 'admissionTargets', zh: '收住对象', en: 'Admits', format: 'text' },
  { key: 'offersDayCare', zh: '提供日间照料', en: 'Offers day care', format: 'bool' },
  { key: 'bedsFullTime', zh: '全托床位数', en: 'Full-time beds', format: 'count', unit: '张', derived: true },
  { key: 'bedsDayCare', zh: '日托床位数', en: 'Day-care beds', format: 'count', unit: '张', derived: true },
  { key: 'bedsNursing', zh: '护理型床位数', en: 'Nursing-type beds', format: 'count', unit: '张', derived: true },
  { key: 'bedsTotal', zh: '床位总数', en: 'Beds in all', format: 'count', unit: '张', derived: true },
  { key: 'bedFeeMin', zh: '床位费最低（元/月）', en: 'Bed fee, lowest (yuan/month)', format: 'yuan', unit: '元/月' },
  { key: 'bedFeeMax', zh: '床位费最高（元/月）', en: 'Bed fee, highest (yuan/month)', format: 'yuan', unit: '元/月' },
  { key: 'careFeeMin', zh: '护理费最低（元/月）', en: 'Care fee, lowest (yuan/month)', format: 'yuan', unit: '元/月' },
  { key: 'careFeeMax', zh: '护理费最高（元/月）', en: 'Care fee, highest (yuan/month)', format: 'yuan', unit: '元/月' },
  { key: 'mealFeeMin', zh: '膳食费最低（元/月）', en: 'Meal fee, lowest (yuan/month)', format: 'yuan', unit: '元/月' },
  { key: 'mealFeeMax', zh: '膳食费最高（元/月）', en: 'Meal fee, highest (yuan/month)', format: 'yuan', unit: '元/月' },
  { key: 'residentDeposit', zh: '押金（元）', en: 'Deposit (yuan)', format: 'yuan', unit: '元' },
  { key: 'residentsOnDate', zh: '月末收住老年人数', en: 'Residents in care on the date', format: 'count', unit: '人', derived: true },
  { key: 'filed', zh: '是否备案', en: 'Filed', format: 'bool', derived: true },
  { key: 'filedOn', zh: '备案日期', en: 'Filed on', format: 'date' },
  { key: 'latitude', zh: '纬度', en: 'Latitude', format: 'degrees', unit: '度' },
  { key: 'longitude', zh: '经度', en: 'Longitude', format: 'degrees', unit: '度' },
  // the register's own fields, which the ministry's list does not name
  { key: 'status', zh: '运营状态', en: 'Status', format: 'choice', choices: FACILITY_STATUS, required: true },
  { key: 'statusDate', zh: '状态日期', en: 'Status since', format: 'date', required: true },
  { key: 'openedOn', zh: '开业日期', en: 'First operating on', format: 'date' },
  { key: 'staffCount', zh: '职工数', en: 'Staff', format: 'count', unit: '人' },
  { key: 'careWorkerCount', zh: '护理员数', en: 'Care workers', format: 'count', unit: '人' },
  { key: 'phone', zh: '联系电话', en: 'Phone', format: 'code' },
];

/** The list's title, above its header row in the workbook. */
export function nationalListTitle(date: string): string {
  return `全国养老服务信息系统机构名单（截至 ${date}）`;
}

export const NATIONAL_LIST_SHEET = '机构名单';

/** Integer fen as yuan text with exactly two decimals, never through a float: 123456 → "1234.56". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `facility.nationalList`: as of the date (default today), as .xlsx (default) or .csv. */
export const nationalListInput = z.object({ date: isoDate.optional(), format: z.enum(['xlsx', 'csv']).optional() }).optional();
