/**
 * Administrator settings (docs/domain.md#settings): the shape lives in contract/settings.ts;
 * here one default each (the holiday calendar as shipped in resources/work-calendar.json).
 */
import calendarFile from '../../resources/work-calendar.json';
import { BED_CATEGORIES } from '../domain/enums';
import { IMPORT_ROWS_DEFAULT } from '../domain/import-limits';
import { workCalendarSchema, type Settings } from '../contract/settings';

export { SETTINGS_SCHEMA, type SettingKey, type Settings } from '../contract/settings';

export const DEFAULT_SETTINGS: Settings = {
  homeRegion: '520600',
  unitName: '铜仁市民政局养老服务科',
  countedCategories: [...BED_CATEGORIES],
  reassessmentMonths: 12,
  contractWarningDays: 90,
  supportHomeResidentsPerStaff: 10,
  importMaxRows: IMPORT_ROWS_DEFAULT,
  reportDeadlineDay: 5,
  hubAddress: '',
  excludeUnregisteredSupportHomes: true,
  filingDeadlineWorkdays: 10,
  licenceWarningDays: 30,
  careRatioSelfCare: 15,
  careRatioPartial: 8,
  careRatioDisabled: 4,
  workCalendar: workCalendarSchema.parse(calendarFile),
};
