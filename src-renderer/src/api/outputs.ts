/**
 * The shapes the api returns, as the renderer receives them: derived from the router's type,
 * so a page never imports a service (the renderer's only import from above the contract is
 * client.ts's `import type { AppRouter }`).
 */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './client';

type Outputs = inferRouterOutputs<AppRouter>;

export type StatisticsResult = Outputs['report']['statistics'];
export type StatisticsRow = StatisticsResult['rows'][number];
export type PlanProgressRow = StatisticsResult['planProgress'][number];

export type DataQualityItem = Outputs['report']['dataQuality'][number];

export type MonthReportResult = Outputs['month']['report'];
export type DataQualityCount = MonthReportResult['report']['dataQuality'][number];
export type FigureDifference = MonthReportResult['differences'][number];
export type ContractDifference = MonthReportResult['contractDifferences'][number];
export type MonthHistoryEntry = Outputs['month']['status']['history'][number];

export type BedTile = Outputs['bed']['board'][number];
export type BedState = BedTile['state'];

export type FacilityListRow = Outputs['facility']['list']['rows'][number];
export type ResidentListRow = Outputs['resident']['list']['rows'][number];

export type ContractRow = Outputs['contract']['list'][number];
export type OperatorRow = Outputs['operator']['list'][number];

export type RefusalRow = Outputs['audit']['refusals'][number];
export type AuditEntryRow = Outputs['audit']['list'][number];

export type ResidentDetail = Outputs['resident']['get'];
export type ResidentAssessmentRow = ResidentDetail['assessments'][number];

export type ChecklistResult = Outputs['report']['checklist'];
