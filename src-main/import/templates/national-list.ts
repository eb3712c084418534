/**
 * 国家系统机构名单: the national list (contract/national-list.ts) read back, one row per facility.
 * A row names an existing facility by its 统一社会信用代码, else by (行政区划代码, 机构名称); then the
 * facility's record and register fields are set to the row's (a blank cell clears its field) and
 * the preview says which facility each updated row changed and how it was matched. A new
 * facility is created with them, first operating on 开业日期 when given. Each licence kind with a
 * 发证日期 is added, or its number and expiry corrected when one of that kind and issue date is
 * there; blank licence cells remove nothing. The derived figures (beds, residents, 是否备案) are
 * not read: beds come in through the beds template, with their labels and dates.
 */
import { and, asc, eq } from 'drizzle-orm';
import { facilityCreateInput, facilityUpdateInput, setFacilityStatusInput } from '../../contract/schemas';
import { FEE_COLUMNS, licenceAddInput, licenceUpdateInput } from '../../contract/facility-record';
import { licenceKey, LICENCE_KINDS_LISTED, NATIONAL_LIST_COLUMNS, type NationalListColumn } from '../../contract/national-list';
import { fieldLabel } from '../../contract/field-labels';
import { facilities, facilityLicences } from '../../db/schema';
import { CREDIT_CODE_MESSAGES, parseCreditCode } from '../../domain/credit-code';
import { isAppError } from '../../domain/errors';
import { FACILITY_KIND, LICENCE_KIND, type LicenceKind } from '../../domain/enums';
import { createFacility, setFacilityStatus, updateFacility } from '../../services/facilities';
import { addLicence, asFacilityColumns, openedOn as firstOperatingDay, updateLicence } from '../../services/facility-record';
import { assertScope } from '../../services/scope';
import { facilityKey, loadFacilityIds, loadRegions, requireKnownRegion } from '../lookups';
import { cell, importCorrection, reject, validate, type Column, type ColumnType, type RowValues, type Template } from '../template';
import { KIND_NAMES } from './facilities';

const COLUMN_TYPE: Record<NationalListColumn['format'], ColumnType> = {
  text: 'text',
  code: 'code',
  date: 'date',
  bool: 'bool',
  count: 'int',
  yuan: 'decimal',
  area: 'decimal',
  degrees: 'decimal',
  choice: 'choice',
};

const SAMPLES: Record<string, string | number> = {
  name: '碧江区示例养老院',
  creditCode: '91110108551385082Q',
  regionCode: '520602',
  township: '灯塔街道',
  grade: '三级',
  registration: '已登记',
  founder: '政府',
  ownership: '公办',
  buildingArea: 3200.5,
  bedFeeMin: 1234.56,
  status: '运营',
  statusDate: '2020-01-01',
  openedOn: '2020-01-01',
};

function choicesOf(c: NationalListColumn): Record<string, readonly string[]> | undefined {
  if (!c.choices) return undefined;
  const out: Record<string, readonly string[]> = {};
  for (const [k, label] of Object.entries(c.choices)) {
    // the kinds also by the names the facilities template takes (养老院, 敬老院, …)
    const more = c.key === 'kind' ? KIND_NAMES[k as keyof typeof FACILITY_KIND] : [];
    out[k] = [label.zh, ...more, label.en];
  }
  return out;
}

function sampleOf(c: NationalListColumn): string | number {
  if (c.key in SAMPLES) return SAMPLES[c.key]!;
  if (c.format === 'choice') return Object.values(c.choices ?? {})[0]?.zh ?? '';
  if (c.format === 'bool') return '否';
  return '';
}

/** The columns read back: all but the derived figures (written by the export, ignored here as extra columns). */
const COLUMNS: Column[] = NATIONAL_LIST_COLUMNS.filter((c) => !c.derived).map((c) => ({
  header: c.zh,
  field: c.key,
  type: COLUMN_TYPE[c.format],
  ...(c.required ? { required: true } : {}),
  ...(c.choices ? { choices: choicesOf(c) } : {}),
  sample: sampleOf(c),
  width: Math.min(30, Math.max(8, c.zh.length * 2 + 2)),
}));

/** The fields a row sets on an existing facility (its name and county stay as registered). */
const UPDATED_FIELDS = [
  'creditCode', 'kind', 'township', 'address', 'grade', 'legalRep', 'legalRepPhone', 'registration', 'registrationAuthority', 'registeredOn',
  'founder', 'ownership', 'buildingArea', 'landArea', 'medicalCare', 'tekunInstitution', 'gloryHome', 'regionalCentre', 'admissionTargets',
  'offersDayCare', 'bedFeeMin', 'bedFeeMax', 'careFeeMin', 'careFeeMax', 'mealFeeMin', 'mealFeeMax', 'residentDeposit', 'filedOn',
  'latitude', 'longitude', 'staffCount', 'careWorkerCount', 'phone',
] as const;

const DERIVED = NATIONAL_LIST_COLUMNS.filter((c) => c.derived).map((c) => c.zh);

/** The row's fields in the api's terms (yuan, booleans, grade 1–5); blank text is '', blank values null. */
function fieldsOf(v: RowValues, creditCode: string) {
  const num = (f: string) => cell.num(v, f);
  const grade = cell.optStr(v, 'grade');
  return {
    creditCode,
    kind: v.kind,
    township: cell.str(v, 'township'),
    address: cell.str(v, 'address'),
    grade: grade === null ? null : Number(grade),
    legalRep: cell.str(v, 'legalRep'),
    legalRepPhone: cell.str(v, 'legalRepPhone'),
    registration: v.registration ?? 'unknown',
    registrationAuthority: cell.str(v, 'registrationAuthority'),
    registeredOn: cell.optStr(v, 'registeredOn'),
    founder: v.founder ?? null,
    ownership: v.ownership,
    buildingArea: num('buildingArea'),
    landArea: num('landArea'),
    medicalCare: cell.bool(v, 'medicalCare'),
    tekunInstitution: cell.bool(v, 'tekunInstitution'),
    gloryHome: cell.bool(v, 'gloryHome'),
    regionalCentre: cell.bool(v, 'regionalCentre'),
    admissionTargets: cell.str(v, 'admissionTargets'),
    offersDayCare: cell.bool(v, 'offersDayCare'),
    bedFeeMin: num('bedFeeMin'),
    bedFeeMax: num('bedFeeMax'),
    careFeeMin: num('careFeeMin'),
    careFeeMax: num('careFeeMax'),
    mealFeeMin: num('mealFeeMin'),
    mealFeeMax: num('mealFeeMax'),
    residentDeposit: num('residentDeposit'),
    filedOn: cell.optStr(v, 'filedOn'),
    latitude: num('latitude'),
    longitude: num('longitude'),
    staffCount: num('staffCount') ?? 0,
    careWorkerCount: num('careWorkerCount') ?? 0,
    phone: cell.str(v, 'phone'),
  };
}

interface LicenceRow {
  kind: LicenceKind;
  number: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** The licences a row names: each kind with a 发证日期 (a number or expiry without one is refused). */
function licencesOf(v: RowValues): LicenceRow[] {
  const out: LicenceRow[] = [];
  for (const kind of LICENCE_KINDS_LISTED) {
    const number = cell.str(v, licenceKey(kind, 'number'));
    const issuedOn = cell.optStr(v, licenceKey(kind, 'issuedOn'));
    const expiresOn = cell.optStr(v, licenceKey(kind, 'expiresOn'));
    if (issuedOn === null) {
      if (number !== '' || expiresOn !== null)
        reject(licenceKey(kind, 'issuedOn'), `填写了${LICENCE_KIND[kind].zh}的编号或有效期，还需填写其日期`, `the ${LICENCE_KIND[kind].en} has a number or expiry but no issue date`);
      continue;
    }
    if (expiresOn !== null && expiresOn < issuedOn)
      reject(licenceKey(kind, 'expiresOn'), `有效期至 ${expiresOn} 早于 ${issuedOn}`, `the expiry ${expiresOn} precedes the issue date ${issuedOn}`);
    out.push({ kind, number, issuedOn, expiresOn });
  }
  return out;
}

/** A licence service's refusal, named on the row's column of that kind. */
function onLicenceColumn<T>(kind: LicenceKind, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isAppError(e) && (e.field === 'issuedOn' || e.field === 'expiresOn' || e.field === 'number')) reject(licenceKey(kind, e.field), e.zh, e.en);
    throw e;
  }
}

export const nationalListTemplate: Template = {
  id: 'national-list',
  title: { zh: '国家系统机构名单', en: 'National system facility list' },
  columns: COLUMNS,
  fieldColumns: { effectiveOn: '状态日期', id: '机构名称', issuedOn: '机构名称', expiresOn: '机构名称' },
  key: { fields: ['regionCode', 'name'] },
  titleRow: true,
  notes: [
    {
      zh: `${DERIVED.join('、')}是导出时按本系统数据计算的数字，导入时不读取（床位请用“床位”模板导入，入住用“入住”模板）。空白单元格表示该项为空：已登记机构的该项会被清空；空白的证照列不删除已有证照。`,
      en: `${DERIVED.join(', ')} are figures the export computed from the register; the import does not read them (import beds with the beds template, stays with the stays template). A blank cell means the field is empty and clears it on an existing facility; blank licence columns remove no licence.`,
    },
  ],
  begin(ctx, source) {
    const confirm = importCorrection(source);
    const regions = loadRegions(ctx);
    const ids = loadFacilityIds(ctx);
    const byCode = new Map<string, number>();
    for (const f of ctx.db.orm.select({ id: facilities.id, code: facilities.creditCode }).from(facilities).all()) if (f.code !== '') byCode.set(f.code, f.id);
    const codeInFile = new Map<string, string>();

    const statusAt = ctx.db.sqlite.prepare('SELECT 1 FROM facility_status_changes WHERE facility_id = ? AND status = ? AND effective_on = ?');
    const statusKnown = (id: number, status: string, on: string) => statusAt.get(id, status, on) !== undefined;

    /** Adds the row's licences the facility lacks and corrects those it has; true when anything changed. */
    const applyLicences = (facilityId: number, list: LicenceRow[]): boolean => {
      let changed = false;
      for (const l of list) {
        const have = ctx.db.orm.select().from(facilityLicences)
          .where(and(eq(facilityLicences.facilityId, facilityId), eq(facilityLicences.kind, l.kind), eq(facilityLicences.issuedOn, l.issuedOn)))
          .orderBy(asc(facilityLicences.id)).get();
        if (!have) {
          onLicenceColumn(l.kind, () => addLicence(ctx, validate(licenceAddInput, { facilityId, ...l })));
          changed = true;
        } else if (have.number !== l.number || have.expiresOn !== l.expiresOn) {
          onLicenceColumn(l.kind, () => updateLicence(ctx, validate(licenceUpdateInput, { facilityId, licenceId: have.id, number: l.number, expiresOn: l.expiresOn })));
          changed = true;
        }
      }
      return changed;
    };

    return (v) => {
      const regionCode = cell.str(v, 'regionCode');
      requireKnownRegion(regions, regionCode, 'regionCode');
      const name = cell.str(v, 'name');
      let code = '';
      const typedCode = cell.str(v, 'creditCode');
      if (typedCode !== '') {
        const parsed = parseCreditCode(typedCode);
        if (!parsed.ok) reject('creditCode', `“${typedCode}”${CREDIT_CODE_MESSAGES[parsed.problem].zh}`, `"${typedCode}" ${CREDIT_CODE_MESSAGES[parsed.problem].en}`);
        code = parsed.value;
        const other = codeInFile.get(code);
        if (other !== undefined && other !== facilityKey(regionCode, name))
          reject('creditCode', `与本文件中另一机构的统一社会信用代码相同（${code}）`, `the same credit code as another facility of this file (${code})`);
        codeInFile.set(code, facilityKey(regionCode, name));
      }
      const licences = licencesOf(v);
      const status = v.status as string;
      const statusDate = cell.str(v, 'statusDate');
      const openedOn = cell.optStr(v, 'openedOn');
      const fields = fieldsOf(v, code);

      const idByName = ids.get(facilityKey(regionCode, name));
      const idByCode = code === '' ? undefined : byCode.get(code);
      if (idByName !== undefined && idByCode !== undefined && idByName !== idByCode) {
        const holder = ctx.db.orm.select({ name: facilities.name }).from(facilities).where(eq(facilities.id, idByCode)).get();
        reject('creditCode', `该统一社会信用代码属于已登记的机构“${holder?.name ?? ''}”，而本区县的“${name}”是另一机构`, `this credit code is registered to "${holder?.name ?? ''}", while "${name}" of this county is another facility`);
      }
      const id = idByCode ?? idByName;
      // The same scope the api checks for facility.create / facility.update.
      if (id === undefined) assertScope.region(ctx, regionCode);
      else assertScope.facility(ctx, id);

      if (id === undefined) {
        const first = openedOn ?? statusDate;
        const input = validate(facilityCreateInput, { regionCode, name, ...fields, status: openedOn ? 'operating' : status, statusDate: first, ...confirm });
        const row = createFacility(ctx, input);
        ids.set(facilityKey(regionCode, name), row.id);
        if (code !== '') byCode.set(code, row.id);
        if (!statusKnown(row.id, status, statusDate))
          setFacilityStatus(ctx, validate(setFacilityStatusInput, { facilityId: row.id, status, effectiveOn: statusDate, ...confirm }));
        applyLicences(row.id, licences);
        return 'added';
      }

      const before = ctx.db.orm.select().from(facilities).where(eq(facilities.id, id)).get()!;
      const input = validate(facilityUpdateInput, { id, ...fields });
      const now = asFacilityColumns(input) as Record<string, unknown>;
      const was = before as unknown as Record<string, unknown>;
      const changes: Record<string, unknown> = {};
      const changed: string[] = [];
      for (const k of UPDATED_FIELDS) {
        const column = (FEE_COLUMNS as Record<string, string>)[k] ?? k;
        if (now[column] !== was[column]) {
          changes[k] = input[k];
          changed.push(fieldLabel([k]).zh);
        }
      }
      if (changed.length > 0) updateFacility(ctx, validate(facilityUpdateInput, { id, ...changes, ...confirm }));
      let outcome: 'updated' | 'unchanged' = changed.length > 0 ? 'updated' : 'unchanged';
      if (!statusKnown(id, status, statusDate)) {
        setFacilityStatus(ctx, validate(setFacilityStatusInput, { facilityId: id, status, effectiveOn: statusDate, ...confirm }));
        changed.push(`运营状态（${statusDate}）`);
        outcome = 'updated';
      }
      if (applyLicences(id, licences)) {
        changed.push('证照');
        outcome = 'updated';
      }
      const how = idByCode !== undefined ? '按统一社会信用代码对应' : '按行政区划代码和机构名称对应';
      const howEn = idByCode !== undefined ? 'matched by credit code' : 'matched by county and name';
      if (before.name !== name || before.regionCode !== regionCode)
        source.note?.(
          `按统一社会信用代码对应到已登记的机构“${before.name}”（${before.regionCode}），名称或区县与文件不同，未改动（改名请在机构页）`,
          `matched by credit code to the registered facility "${before.name}" (${before.regionCode}); its name or county differs from the file and was left as registered`,
        );
      const opened = openedOn === null ? null : firstOperatingDay(ctx.db.orm, id);
      if (openedOn !== null && opened !== openedOn)
        source.note?.(
          `开业日期 ${openedOn} 与本系统记录（${opened ?? '未运营'}）不同，未改动（请在机构页的状态历史中更正）`,
          `the first operating day ${openedOn} differs from the register's (${opened ?? 'never operated'}) and was left as registered`,
        );
      if (outcome === 'updated') source.note?.(`更新已登记机构“${before.name}”（${how}）：${changed.join('、')}`, `updates the registered facility "${before.name}" (${howEn}): ${changed.length} change(s)`);
      return outcome;
    };
  },
};
