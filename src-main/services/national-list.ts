/**
 * The national system's facility list (全国养老服务信息系统机构名单): one row per facility in the
 * account's scope that is registered on the date (has a status on or before it), with the
 * columns of contract/national-list.ts in their order — the facility record, the latest licence
 * of each kind issued by the date, and the figures derived on the date (beds in service by use
 * and care type, residents in care, 是否备案). Money is kept in fen and written as yuan with two
 * decimals without passing through a rounding step; enums by their Chinese labels; 是/否.
 *
 * As .xlsx: a cover (services/export-cover.ts), then the list with a title row above its header
 * row; as .csv: UTF-8 with BOM, the header row first, every text cell formula-safe
 * (domain/csv-cell.ts). Both import again as the 'national-list' template.
 */
import type ExcelJS from 'exceljs';
import { FEE_COLUMNS } from '../contract/facility-record';
import { fenToYuanText, licenceKey, LICENCE_KINDS_LISTED, NATIONAL_LIST_COLUMNS, NATIONAL_LIST_SHEET, nationalListTitle, type NationalListColumn } from '../contract/national-list';
import { bedInService, stayOpenOn } from '../db/queries/as-of';
import { csvText } from '../domain/csv-cell';
import type { ServiceContext } from './context';
import { addCover } from './export-cover';
import { facilitySql } from './scope';

/** A row in stored terms: fees in fen, flags as booleans, choices by key, grade as '1'–'5'. */
export type NationalListValue = string | number | boolean | null;
export type NationalListRow = Record<string, NationalListValue>;

interface FacilitySqlRow {
  id: number;
  [column: string]: string | number | null;
}

function facilityRows(ctx: ServiceContext, date: string): FacilitySqlRow[] {
  const statusOnD = (what: string) =>
    `(SELECT s.${what} FROM facility_status_changes s WHERE s.facility_id = f.id AND s.effective_on <= @d ORDER BY s.effective_on DESC, s.id DESC LIMIT 1)`;
  const sql = `
    SELECT f.id, f.name, f.credit_code AS creditCode, f.kind, f.region_code AS regionCode, f.township, f.address, f.grade,
      f.legal_rep AS legalRep, f.legal_rep_phone AS legalRepPhone, f.registration, f.registration_authority AS registrationAuthority,
      f.registered_on AS registeredOn, f.founder, f.ownership, f.building_area AS buildingArea, f.land_area AS landArea,
      f.medical_care AS medicalCare, f.tekun_institution AS tekunInstitution, f.glory_home AS gloryHome, f.regional_centre AS regionalCentre,
      f.admission_targets AS admissionTargets, f.offers_day_care AS offersDayCare,
      f.bed_fee_min_fen AS bedFeeMinFen, f.bed_fee_max_fen AS bedFeeMaxFen, f.care_fee_min_fen AS careFeeMinFen, f.care_fee_max_fen AS careFeeMaxFen,
      f.meal_fee_min_fen AS mealFeeMinFen, f.meal_fee_max_fen AS mealFeeMaxFen, f.resident_deposit_fen AS residentDepositFen,
      f.filed_on AS filedOn, f.latitude, f.longitude, f.staff_count AS staffCount, f.care_worker_count AS careWorkerCount, f.phone,
      ${statusOnD('status')} AS status, ${statusOnD('effective_on')} AS statusDate,
      (SELECT min(s.effective_on) FROM facility_status_changes s WHERE s.facility_id = f.id AND s.status = 'operating') AS openedOn,
      coalesce(bc.fullTime, 0) AS bedsFullTime, coalesce(bc.dayCare, 0) AS bedsDayCare, coalesce(bc.nursing, 0) AS bedsNursing, coalesce(bc.total, 0) AS bedsTotal,
      coalesce(sc.n, 0) AS residentsOnDate
    FROM facilities f
    LEFT JOIN (
      SELECT b.facility_id, count(*) AS total, sum(b.use = 'full_time') AS fullTime, sum(b.use = 'day_care') AS dayCare, sum(b.care_type = 'nursing') AS nursing
      FROM beds b WHERE ${bedInService('b')} GROUP BY b.facility_id
    ) bc ON bc.facility_id = f.id
    LEFT JOIN (SELECT st.facility_id, count(DISTINCT st.resident_id) AS n FROM stays st WHERE ${stayOpenOn('st')} GROUP BY st.facility_id) sc ON sc.facility_id = f.id
    WHERE (${facilitySql(ctx.actor, 'f.id')}) AND ${statusOnD('status')} IS NOT NULL
    ORDER BY f.region_code, f.name_sort, f.id`;
  return ctx.db.sqlite.prepare(sql).all({ d: date }) as FacilitySqlRow[];
}

interface LicenceSqlRow {
  facilityId: number;
  kind: string;
  number: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** The latest licence of each kind issued by the date, per facility in scope. */
function latestLicences(ctx: ServiceContext, date: string): Map<number, Map<string, LicenceSqlRow>> {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT l.facility_id AS facilityId, l.kind, l.number, l.issued_on AS issuedOn, l.expires_on AS expiresOn
       FROM facility_licences l WHERE l.issued_on <= @d AND (${facilitySql(ctx.actor, 'l.facility_id')})
       ORDER BY l.facility_id, l.kind, l.issued_on DESC, l.id DESC`,
    )
    .all({ d: date }) as LicenceSqlRow[];
  const out = new Map<number, Map<string, LicenceSqlRow>>();
  for (const r of rows) {
    const of = out.get(r.facilityId) ?? new Map<string, LicenceSqlRow>();
    out.set(r.facilityId, of);
    if (!of.has(r.kind)) of.set(r.kind, r);
  }
  return out;
}

const FLAGS = new Set(['medicalCare', 'tekunInstitution', 'gloryHome', 'regionalCentre', 'offersDayCare']);

/** The list's rows on the date, in stored terms, limited to the account's scope. */
export function nationalListRows(ctx: ServiceContext, date: string): NationalListRow[] {
  const licences = latestLicences(ctx, date);
  return facilityRows(ctx, date).map((f) => {
    const row: NationalListRow = {};
    for (const c of NATIONAL_LIST_COLUMNS) {
      if (c.key in FEE_COLUMNS) row[c.key] = f[FEE_COLUMNS[c.key as keyof typeof FEE_COLUMNS]] ?? null;
      else if (FLAGS.has(c.key)) row[c.key] = f[c.key] === 1;
      else if (c.key === 'grade') row[c.key] = f.grade === null ? null : String(f.grade);
      else if (c.key === 'filed') row[c.key] = f.filedOn !== null;
      else if (!c.key.startsWith('licence.')) row[c.key] = f[c.key] ?? null;
    }
    const own = licences.get(f.id);
    for (const kind of LICENCE_KINDS_LISTED) {
      const l = own?.get(kind);
      row[licenceKey(kind, 'number')] = l?.number ?? '';
      row[licenceKey(kind, 'issuedOn')] = l?.issuedOn ?? null;
      row[licenceKey(kind, 'expiresOn')] = l?.expiresOn ?? null;
    }
    return row;
  });
}

/**
 * One cell as the file holds it. `csv`: every number as the text it is written with (yuan with
 * exactly two decimals); xlsx: numbers stay numbers (yuan shown with two decimals by its format).
 */
export function nationalListCell(c: NationalListColumn, v: NationalListValue, csv: boolean): string | number | null {
  if (c.format === 'bool') return v === true ? '是' : '否';
  if (v === null || v === '') return csv ? '' : null;
  switch (c.format) {
    case 'choice':
      return c.choices?.[String(v)]?.zh ?? String(v);
    case 'yuan':
      return csv ? fenToYuanText(Number(v)) : Number(v) / 100;
    case 'count':
    case 'area':
    case 'degrees':
      return csv ? String(v) : Number(v);
    case 'text':
    case 'code':
    case 'date':
      return String(v);
  }
}

const NUM_FMT: Partial<Record<NationalListColumn['format'], string>> = { yuan: '0.00', text: '@', code: '@', date: '@' };

/** Wide enough for the header, the longest label of a choice, or the column's kind of value. */
function columnWidth(c: NationalListColumn): number {
  const labels = Object.values(c.choices ?? {}).map((l) => l.zh.length);
  const least = c.key === 'name' ? 30 : c.key === 'address' || c.key === 'admissionTargets' ? 24 : c.key === 'creditCode' ? 21 : c.format === 'date' ? 11 : c.format === 'code' ? 14 : 6;
  return Math.min(32, Math.max(least, Math.ceil(c.zh.length * 1.8) + 2, ...labels.map((n) => n * 2 + 2)));
}

async function workbook(ctx: ServiceContext, date: string, rows: NationalListRow[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'eldercare-register';
  addCover(wb, ctx, {
    title: '全国养老服务信息系统机构名单',
    idNumbers: { kind: 'none' },
    lines: [
      ['截至日期', date],
      ['机构数', String(rows.length)],
      ['列的顺序', '按民政部对机构信息的字段说明（民函〔2024〕5号）排列'],
      ['', '国家系统导入模板的官方字段顺序未在公开资料中找到'],
      ['计算项', '床位数、月末收住老年人数、是否备案按截至日期计算，导入时不读取'],
      ['单位', '金额：元（两位小数）；面积：平方米；日期：2026-12-01'],
      ['导入', '下一张表可在“导入”页选“国家系统机构名单”导入'],
    ],
  });
  // 59 columns do not fit one sheet of paper legibly: A4 landscape across pages, the title, header and name repeated on each
  const ws: ExcelJS.Worksheet = wb.addWorksheet(NATIONAL_LIST_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', printTitlesRow: '1:2', printTitlesColumn: 'A:A' } });
  ws.columns = NATIONAL_LIST_COLUMNS.map((c) => ({ width: columnWidth(c), style: NUM_FMT[c.format] ? { numFmt: NUM_FMT[c.format] } : {} }));
  const title = ws.addRow([nationalListTitle(date)]);
  title.font = { bold: true, size: 14 };
  const head = ws.addRow(NATIONAL_LIST_COLUMNS.map((c) => c.zh));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  for (const r of rows) ws.addRow(NATIONAL_LIST_COLUMNS.map((c) => nationalListCell(c, r[c.key] ?? null, false)));
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The list as CSV text: UTF-8 with BOM, header row first, CRLF (domain/csv-cell.ts). */
export function nationalListCsv(rows: NationalListRow[]): string {
  return csvText([NATIONAL_LIST_COLUMNS.map((c) => c.zh), ...rows.map((r) => NATIONAL_LIST_COLUMNS.map((c) => nationalListCell(c, r[c.key] ?? null, true)))]);
}

export type NationalListFormatOut = 'xlsx' | 'csv';

/**
 * The list as a file. Not audited, like the month's workbook: it holds no ID numbers or other
 * personal data of residents, only the facilities' own record.
 */
export async function exportNationalList(ctx: ServiceContext, input: { date: string; format: NationalListFormatOut }): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const rows = nationalListRows(ctx, input.date);
  const data = input.format === 'csv' ? Buffer.from(nationalListCsv(rows), 'utf8') : await workbook(ctx, input.date, rows);
  return { fileName: `全国养老服务信息系统机构名单_${input.date}.${input.format}`, data, rows: rows.length };
}
