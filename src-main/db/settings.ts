/**
 * Administrator settings (docs/domain.md#settings): one zod shape, one default each.
 */
import { z } from 'zod';
import { BED_CATEGORIES } from '../domain/enums';
import { IMPORT_ROWS_DEFAULT, IMPORT_ROWS_MAX, IMPORT_ROWS_MIN } from '../domain/import-limits';

export const SETTINGS_SCHEMA = z.object({
  /** The home region whose counties the statistics cover. */
  homeRegion: z.string().regex(/^\d{6}$/),
  /** Reporting unit printed on reports. */
  unitName: z.string().min(1).max(100),
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
});
export type Settings = z.infer<typeof SETTINGS_SCHEMA>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = {
  homeRegion: '520600',
  unitName: '铜仁市民政局养老服务科',
  countedCategories: [...BED_CATEGORIES],
  reassessmentMonths: 12,
  contractWarningDays: 90,
  supportHomeResidentsPerStaff: 10,
  importMaxRows: IMPORT_ROWS_DEFAULT,
  reportDeadlineDay: 5,
};
