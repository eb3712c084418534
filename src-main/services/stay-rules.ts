/**
 * The rules of admissions, discharges, transfers and leaves, in one place for the two paths
 * that write them: one action at a time (services/stays.ts) and a facility's history at once
 * (services/stay-bulk.ts). Each reads the database as it stands at that action, so a batch
 * that writes its actions in order meets every rule exactly as the single actions would.
 */
import type { Sqlite } from '../db/connection';
import type { beds } from '../db/schema';
import { statusOnDate } from '../db/queries/facilities';
import { bedHolderFrom, deathOn, overlappingLeaveStart, stayOfResidentFrom } from '../db/queries/stays';
import { todayIso } from '../domain/dates';
import { fail } from '../domain/errors';
import { fieldLabel } from '../contract/field-labels';
import type { ServiceContext } from './context';
import { facilitySql } from './scope';

type BedRow = typeof beds.$inferSelect;

export function notInFuture(date: string, field: string): void {
  if (date > todayIso()) {
    const label = fieldLabel([field]);
    fail.validation('DATE_IN_FUTURE', field, `${label.zh}：${date} 晚于今天，不能登记尚未发生的事`, `${label.en} ${date} is after today; record only what has happened`);
  }
}

export function requireOpen(stay: { dischargedOn: string | null }): void {
  if (stay.dischargedOn !== null)
    fail.conflict('STAY_CLOSED', 'stayId', `该入住记录已于 ${stay.dischargedOn} 离院`, `This stay ended on ${stay.dischargedOn}`);
}

export function requireOperating(sqlite: Sqlite, facilityId: number, date: string, name: string): void {
  if (statusOnDate(sqlite, facilityId, date) !== 'operating')
    fail.conflict('FACILITY_NOT_OPERATING', 'facilityId', `机构“${name}”在 ${date} 不在运营状态`, `Facility "${name}" is not operating on ${date}`);
}

/** The bed must be in service on `from` and held by no stay from `from` onward. */
export function checkBedFree(sqlite: Sqlite, bed: BedRow, from: string, field: string): void {
  if (bed.inServiceFrom > from)
    fail.conflict('BED_NOT_IN_SERVICE', field, `床位 ${bed.label} 自 ${bed.inServiceFrom} 起才启用`, `Bed ${bed.label} is in service only from ${bed.inServiceFrom}`);
  // A stay opened here has no end yet, so a bed with any retirement date cannot take it.
  if (bed.retiredOn !== null)
    fail.conflict(
      'BED_RETIRED',
      field,
      bed.retiredOn <= from ? `床位 ${bed.label} 已于 ${bed.retiredOn} 停用` : `床位 ${bed.label} 将于 ${bed.retiredOn} 停用，不能再安排入住`,
      bed.retiredOn <= from ? `Bed ${bed.label} was retired on ${bed.retiredOn}` : `Bed ${bed.label} is to be retired on ${bed.retiredOn}; it cannot take a new stay`,
    );
  const holder = bedHolderFrom(sqlite, bed.id, from);
  if (holder)
    fail.conflict('BED_OCCUPIED', field, `床位 ${bed.label} 已有老人入住（${holder.name}，${holder.admittedOn} 入住）`, `Bed ${bed.label} is occupied (${holder.name}, since ${holder.admittedOn})`);
}

export function requireResidentFree(ctx: ServiceContext, residentId: number, from: string, residential: boolean, facilityId: number): void {
  const clash = stayOfResidentFrom(ctx.db.sqlite, facilitySql(ctx.actor, 'f.id'), residentId, from, residential, facilityId);
  // A stay at a facility outside the account's scope is not named (where someone lives is theirs to know).
  if (clash && clash.visible !== 1)
    fail.conflict('RESIDENT_IN_CARE', 'residentId', '该老人已在其他机构入住，请先办理离院或转床', 'The resident already stays at another facility; discharge or transfer first');
  if (clash)
    fail.conflict('RESIDENT_IN_CARE', 'residentId', `该老人已在“${clash.name}”入住，请先办理离院或转床`, `The resident already stays at "${clash.name}"; discharge or transfer first`);
  const diedOn = deathOn(ctx.db.sqlite, residentId, from);
  if (diedOn !== undefined)
    fail.conflict('RESIDENT_DECEASED', 'residentId', `该老人已于 ${diedOn} 因死亡离院，不能再办理入住`, `The resident died on ${diedOn}; no new stay can start after that`);
}

export function checkAdmissionDate(admittedOn: string, birthDate: string): void {
  if (admittedOn < birthDate) fail.validation('ADMISSION_BEFORE_BIRTH', 'admittedOn', '入住日期早于出生日期', 'Admission date precedes the birth date');
}

export function checkDischargeDate(stay: { admittedOn: string }, dischargedOn: string): void {
  if (dischargedOn < stay.admittedOn)
    fail.validation('DISCHARGE_BEFORE_ADMISSION', 'dischargedOn', `离院日期不能早于入住日期 ${stay.admittedOn}`, `Discharge cannot precede the admission on ${stay.admittedOn}`);
}

export function checkTransfer(stay: { admittedOn: string; bedId: number | null }, toBedId: number, transferOn: string): void {
  if (stay.bedId === toBedId) fail.validation('SAME_BED', 'toBedId', '转入床位与当前床位相同', 'The target bed is the current bed');
  if (transferOn < stay.admittedOn)
    fail.validation('TRANSFER_BEFORE_ADMISSION', 'transferOn', `转床日期不能早于入住日期 ${stay.admittedOn}`, `Transfer cannot precede the admission on ${stay.admittedOn}`);
}

/** A leave [startOn, endOn) must lie in the stay, end after it starts, and overlap no other leave of the stay. */
export function checkLeave(sqlite: Sqlite, stay: { id: number; admittedOn: string; dischargedOn: string | null }, startOn: string, endOn: string | null): void {
  if (startOn < stay.admittedOn || (stay.dischargedOn !== null && startOn >= stay.dischargedOn))
    fail.validation('LEAVE_OUTSIDE_STAY', 'startOn', '外出日期不在入住期间内', 'The leave is outside the stay');
  if (endOn !== null && endOn < startOn) fail.validation('LEAVE_END_BEFORE_START', 'endOn', '返回日期不能早于外出日期', 'The return cannot precede the start of the leave');
  if (endOn === null && stay.dischargedOn !== null) fail.validation('LEAVE_END_REQUIRED', 'endOn', '已离院的入住记录须填写返回日期', 'A leave on a closed stay needs an end date');
  const overlap = overlappingLeaveStart(sqlite, stay.id, startOn, endOn);
  if (overlap !== undefined) fail.conflict('LEAVE_OVERLAP', 'startOn', `与 ${overlap} 开始的外出记录重叠`, `Overlaps the leave starting ${overlap}`);
}

/** A stay's open leave may be ended on `on` only from its start onward. */
export function checkLeaveEnds(open: { startOn: string }, on: string): void {
  if (open.startOn > on)
    fail.conflict('LEAVE_AFTER_DATE', 'stayId', `该老人自 ${open.startOn} 外出，日期不能早于外出开始`, `The resident is on leave from ${open.startOn}; the date cannot precede it`);
}
