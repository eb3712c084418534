/**
 * Administrator settings (docs/domain.md#settings): the one zod shape of every setting, which the
 * store reads (db/settings.ts holds the defaults) and the settings form sends (settingsUpdateInput).
 */
import { z } from 'zod';
import { yearOf } from '../domain/dates';
import { BED_CATEGORIES } from '../domain/enums';
import { IMPORT_ROWS_MAX, IMPORT_ROWS_MIN } from '../domain/import-limits';
import { isoDate, requiredText } from './primitives';

/** One year of the State Council's holiday notice (domain/workdays.ts). */
const calendarYear = z.object({
  holidays: z.array(isoDate).max(366),
  workdays: z.array(isoDate).max(366),
  source: requiredText(300),
});

export const workCalendarSchema = z.record(z.string().regex(/^\d{4}$/), calendarYear).superRefine((calendar, ctx) => {
  for (const [year, days] of Object.entries(calendar)) {
    for (const d of [...days.holidays, ...days.workdays])
      if (String(yearOf(d)) !== year) ctx.addIssue({ code: 'custom', path: [year], message: 'CALENDAR_DATE_OUTSIDE_YEAR', params: { date: d } });
    for (const d of days.workdays) if (days.holidays.includes(d)) ctx.addIssue({ code: 'custom', path: [year], message: 'CALENDAR_DAY_BOTH', params: { date: d } });
  }
});

export const SETTINGS_SCHEMA = z.object({
  /** The home region whose counties the statistics cover. */
  homeRegion: z.string().regex(/^\d{6}$/),
  /** Reporting unit printed on reports. */
  unitName: requiredText(100),
  /** Bed categories counted in beds per thousand elderly. */
  countedCategories: z.array(z.enum(BED_CATEGORIES)).min(1),
  reassessmentMonths: z.number().int().min(1).max(60),
  contractWarningDays: z.number().int().min(1).max(730),
  /** Rural support homes: at least one staff per this many supported residents. */
  supportHomeResidentsPerStaff: z.number().int().min(1).max(100),
  /** Data rows one import file may hold (preview and import); a longer file is refused unread. */
  importMaxRows: z.number().int().min(IMPORT_ROWS_MIN).max(IMPORT_ROWS_MAX),
  /** 报送情况: an office's data for a month is due by this day of the next month. */
  reportDeadlineDay: z.number().int().min(1).max(28),
  /** A 乡镇敬老院 not registered as a legal person is left out of the institutions (bulletins since 2014). */
  excludeUnregisteredSupportHomes: z.boolean(),
  /** 备案: due within this many working days of the first admission (民政部令第66号 art. 10: 10). */
  filingDeadlineWorkdays: z.number().int().min(1).max(60),
  /** A licence expiring within this many days is flagged. */
  licenceWarningDays: z.number().int().min(1).max(365),
  /** Residents per care worker: 自理, 部分失能, 失能. */
  careRatioSelfCare: z.number().int().min(1).max(100),
  careRatioPartial: z.number().int().min(1).max(100),
  careRatioDisabled: z.number().int().min(1).max(100),
  /** The State Council's holiday notices by year, for working-day deadlines. */
  workCalendar: workCalendarSchema,
  /** The hub's address (https://…) that 同步 on 数据交换 syncs with; '' while there is none. */
  hubAddress: z.union([z.literal(''), z.string().max(300).regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'HUB_ADDRESS_INVALID')]),
});
export type Settings = z.infer<typeof SETTINGS_SCHEMA>;
export type SettingKey = keyof Settings;

/** What the settings form may change: every setting but the home region (fixed at first run). */
export const settingsUpdateInput = SETTINGS_SCHEMA.omit({ homeRegion: true }).partial();
