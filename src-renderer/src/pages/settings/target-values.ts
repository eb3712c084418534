/** How a plan target's value reads and how it is typed: ratios are stored as fractions and entered as percentages. */
import { TARGET_METRIC, type TargetMetric } from '@domain/enums';
import { formatCount, formatPercent, formatPerThousand } from '@domain/format';

/** A target value as its unit reads: 35.0, 30.0%, 21,000. */
export function formatTarget(metric: TargetMetric, value: number): string {
  switch (TARGET_METRIC[metric].unit) {
    case 'per_thousand':
      return formatPerThousand(value);
    case 'ratio':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
  }
}

/** A stored fraction as the percentage typed in the form (0.3 → 30, without 30.000000000000004). */
export function toPercentInput(fraction: number): number {
  return Number((fraction * 100).toFixed(6));
}
