/**
 * A facility's printouts as printed forms (domain/printed-form.ts): 床位一览表 (every bed in
 * service on a date with its occupant, or 空) and 在住老人名单 (everyone staying there on the
 * date with age, ability level, category, bed and admission date). Both name residents, so
 * both are internal (内部资料) and every export writes an audit row: who, which facility,
 * which date, how many rows — no names.
 *
 * Who may have them: exactly who sees the same names on screen. The facility page
 * (facility.detail: its bed board and 在住老人 tab) and bed.board are `read` procedures
 * limited by the facility scope, so every account with `read` (read-only accounts included)
 * whose scope holds the facility may print them; anyone else gets the scope refusal before
 * anything is read.
 */
import { requireFacility } from '../db/queries/facilities';
import { ageOn, todayIso } from '../domain/dates';
import { CARE_TYPE } from '../domain/enums';
import { fail } from '../domain/errors';
import { NO_FIGURE } from '../domain/format';
import { INSTALL } from '../domain/ownership';
import { roleHas } from '../domain/permissions';
import type { FormCell, PrintedForm } from '../domain/printed-form';
import { knownFieldLabel } from '../contract/field-labels';
import { bedFullLabel, stayOpenOn } from './as-of';
import { bedBoard } from './beds';
import { audit, write, type ServiceContext } from './context';
import { ABILITY_HEADERS } from './month-form';
import { abilityColumn } from './month-report';
import { assertScope, mayChangeResident } from './scope';

export const BEDS_TITLE = '床位一览表';
export const RESIDENTS_TITLE = '在住老人名单';

/** A name as part of a file name: characters Windows and macOS refuse become _. */
export function fileNamePart(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/\s+/g, '_').replace(/^\.+/, '_').trim() || '_';
}

interface FacilityHead {
  id: number;
  name: string;
  regionCode: string;
  countyName: string;
}

/**
 * The facility, after the same checks the facility page makes: the permission to read, the
 * facility in the account's scope (refused before any row is read), then that it exists.
 */
function facilityFor(ctx: ServiceContext, facilityId: number): FacilityHead {
  if (!roleHas(ctx.actor.role, 'read')) fail.forbidden('您的账号没有“查看”权限', 'Your account lacks the "Read" permission');
  assertScope.facility(ctx, facilityId);
  const f = requireFacility(ctx.db.orm, facilityId);
  const county = ctx.db.sqlite.prepare('SELECT name FROM regions WHERE code = ?').get(f.regionCode) as { name: string } | undefined;
  return { id: f.id, name: f.name, regionCode: f.regionCode, countyName: county?.name ?? f.regionCode };
}

function stateLine(f: FacilityHead, date: string): string {
  return `所在区县：${f.countyName}；统计日期 ${date}`;
}

/**
 * 床位一览表 of a facility on a date: the beds in service on that date, in the bed board's
 * order (building, room, label), each with its occupant or 空. Beds retired by the date or
 * not yet in service are left out (the bed board greys them out and leaves them out of its
 * counts); the note says how many were left out.
 */
export function facilityBedsForm(ctx: ServiceContext, facilityId: number, date: string): PrintedForm {
  const f = facilityFor(ctx, facilityId);
  const board = bedBoard(ctx, { facilityId, date });
  const beds = board.filter((b) => b.state !== 'retired' && b.state !== 'not_yet');
  const nursing = beds.filter((b) => b.careType === 'nursing').length;
  const occupied = beds.filter((b) => b.residentName !== null).length;
  const onLeave = beds.filter((b) => b.state === 'on_leave').length;
  const outOfService = board.length - beds.length;
  const rows: FormCell[][] = beds.map((b) => [
    b.building || NO_FIGURE,
    b.room || NO_FIGURE,
    b.label,
    CARE_TYPE[b.careType].zh,
    b.residentName ?? '空',
    b.admittedOn,
  ]);
  const totals =
    `共 ${beds.length} 张，其中护理型 ${nursing} 张；在住 ${occupied} 张，空床 ${beds.length - occupied} 张。` +
    (onLeave > 0 ? `在住床位中 ${onLeave} 张的老人外出（请假）中。` : '') +
    (outOfService > 0 ? `另有 ${outOfService} 张床位在该日已停用或尚未启用，未列入。` : '');
  // The audit row of one export of a named list: who (the actor), the facility, the date, how many rows — no names.
  write(ctx, INSTALL, (tx) => audit(tx, ctx.actor, 'facility.printBeds', 'facility', facilityId, null, { date, rows: rows.length }));
  return {
    kind: 'facilityBeds',
    title: BEDS_TITLE,
    unit: f.name,
    period: `截至 ${date}`,
    units: '计量单位：床位 张',
    state: stateLine(f, date),
    internal: true,
    orientation: 'portrait',
    fileName: `${BEDS_TITLE}_${fileNamePart(f.name)}_${date}.xlsx`,
    generatedAt: new Date().toISOString(),
    pages: [
      {
        sheet: BEDS_TITLE,
        blocks: [
          {
            type: 'table',
            columns: [
              { title: '楼栋', kind: 'text' },
              { title: '房间', kind: 'text' },
              { title: '床位号', kind: 'text' },
              { title: '类型', kind: 'text' },
              { title: '在住老人', kind: 'text', minWidth: 12 },
              { title: '入住日期', kind: 'date' },
            ],
            rows,
            empty: '本机构在该日没有在用的床位。',
          },
          { type: 'note', text: totals },
        ],
      },
    ],
  };
}

interface ResidentRow {
  residentId: number;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  tekun: number;
  dibao: number;
  lowIncome: number;
  shidu: number;
  youfu: number;
  standard: string | null;
  level: number | null;
  bedLabel: string | null;
  admittedOn: string;
}

/** The categories of a resident as the register records them (特困、低保、低收入、失独、优抚对象), or —. */
function categories(r: ResidentRow): string {
  const keys = ['tekun', 'dibao', 'lowIncome', 'shidu', 'youfu'] as const;
  const words = keys.filter((k) => r[k] === 1).map((k) => knownFieldLabel(k)?.zh ?? k);
  return words.length ? words.join('、') : NO_FIGURE;
}

/**
 * 在住老人名单 of a facility on a date: everyone with a stay there open on the date (as the
 * 在住老人 tab lists them, stay.list openOn), in bed order, then those without a bed by
 * admission date. Age on the date; the ability level of the latest assessment on or before
 * the date, worded as the month report words it (能力完好 … 完全失能, 旧标准评估, 未评估). No
 * ID numbers, no phone numbers.
 *
 * The age is the age on the list's date for the accounts that may see the resident's birth
 * date (services/residents.ts publicResident: revealPersonal, and the resident is the
 * account's now). For any other account it is the age today, as every screen shows it: ages
 * on dates of one's choosing would tell the birthday (the age changes on it), and with it the
 * birth-date digits of the masked ID number.
 */
export function facilityResidentsForm(ctx: ServiceContext, facilityId: number, date: string): PrintedForm {
  const f = facilityFor(ctx, facilityId);
  const list = ctx.db.sqlite
    .prepare(
      `SELECT r.id AS residentId, r.name, r.sex, r.birth_date AS birthDate, r.tekun, r.dibao, r.low_income AS lowIncome, r.shidu, r.youfu,
         a.standard, a.final_level AS level, ${bedFullLabel('b')} AS bedLabel, st.admitted_on AS admittedOn
       FROM stays st JOIN residents r ON r.id = st.resident_id
       LEFT JOIN beds b ON b.id = st.bed_id
       LEFT JOIN assessments a ON a.id = (SELECT a2.id FROM assessments a2 WHERE a2.resident_id = r.id AND a2.voided_at IS NULL AND a2.assessed_on <= @d ORDER BY a2.assessed_on DESC, a2.id DESC LIMIT 1)
       WHERE st.facility_id = @f AND ${stayOpenOn('st')}
       ORDER BY b.id IS NULL, b.building, b.room, length(b.label), b.label, st.admitted_on, st.id`,
    )
    .all({ f: facilityId, d: date }) as ResidentRow[];
  const today = todayIso();
  const reveals = roleHas(ctx.actor.role, 'revealPersonal');
  let agedToday = 0;
  const ageOf = (r: ResidentRow): number => {
    if (date === today || (reveals && mayChangeResident(ctx, r.residentId))) return ageOn(r.birthDate, date);
    agedToday++;
    return ageOn(r.birthDate, today);
  };
  const rows: FormCell[][] = list.map((r, i) => [
    i + 1,
    r.name,
    r.sex === 'male' ? '男' : '女',
    ageOf(r),
    ABILITY_HEADERS[abilityColumn(r)],
    categories(r),
    r.bedLabel ?? NO_FIGURE,
    r.admittedOn,
  ]);
  write(ctx, INSTALL, (tx) => audit(tx, ctx.actor, 'facility.printResidents', 'facility', facilityId, null, { date, rows: rows.length }));
  return {
    kind: 'facilityResidents',
    title: RESIDENTS_TITLE,
    unit: f.name,
    period: `截至 ${date}`,
    units: '计量单位：人；年龄 岁',
    state: stateLine(f, date),
    internal: true,
    orientation: 'portrait',
    fileName: `${RESIDENTS_TITLE}_${fileNamePart(f.name)}_${date}.xlsx`,
    generatedAt: new Date().toISOString(),
    pages: [
      {
        sheet: RESIDENTS_TITLE,
        blocks: [
          {
            type: 'table',
            columns: [
              { title: '序号', kind: 'count' },
              { title: '姓名', kind: 'text', minWidth: 8 },
              { title: '性别', kind: 'text' },
              { title: '年龄', kind: 'count' },
              { title: '能力等级', kind: 'text' },
              { title: '类别', kind: 'text', minWidth: 10 },
              { title: '床位', kind: 'text', minWidth: 10 },
              { title: '入住日期', kind: 'date' },
            ],
            rows,
            empty: '本机构在该日没有在住老人。',
          },
          {
            type: 'note',
            text:
              `共 ${rows.length} 人。年龄为 ${date} 的周岁` +
              (agedToday > 0 ? `（其中 ${agedToday} 人本账号不能查看出生日期，年龄按今天 ${today} 计）` : '') +
              `。能力等级取统计日及以前最近一次评估（GB/T 42195-2022；此前标准的结果记为“旧标准评估”）；类别为登记的特困、低保、低收入、失独、优抚对象，可兼有。`,
          },
        ],
      },
    ],
  };
}
