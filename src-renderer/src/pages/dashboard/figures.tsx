/**
 * How the dashboard shows a figure: the formatted number, or "—" with a tooltip saying why
 * there is none; gaps coloured red below target. No figure is computed here.
 */
import { Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Labelled } from '@domain/enums';
import { formatGap, NO_FIGURE } from '@domain/format';
import type { Figure } from '@domain/metrics';
import type { StatisticsRow } from '../../api/outputs';
import type { Lang } from '../../i18n';
import { T } from './texts';

/** A formatted figure; "—" explained by a tooltip. */
export function FigureText({ text, why, strong }: { text: string; why?: string; strong?: boolean }): ReactNode {
  if (text === NO_FIGURE && why)
    return (
      <Tooltip title={why}>
        <span style={{ borderBottom: '1px dotted #999', cursor: 'help', color: '#8c8c8c' }}>{NO_FIGURE}</span>
      </Tooltip>
    );
  return strong ? <strong>{text}</strong> : <>{text}</>;
}

/** formatGap in the current language. */
export function gapText(v: Figure, unit: 'per_thousand' | 'ratio' | 'count', lang: Lang): string {
  return formatGap(v, unit, lang);
}

/** A gap coloured by its sign: red below target, green at or above. */
export function GapText({ value, unit, lang, why }: { value: Figure; unit: 'per_thousand' | 'ratio' | 'count'; lang: Lang; why?: string }): ReactNode {
  if (value === null) return <FigureText text={NO_FIGURE} why={why} />;
  return <Typography.Text type={value < 0 ? 'danger' : 'success'}>{gapText(value, unit, lang)}</Typography.Text>;
}

/** Why a row has no figure for a metric (the figure is null). */
export function whyMissing(row: StatisticsRow, metric: 'bedsPerThousand' | 'nursingShare' | 'occupancyRate' | 'tekunRate', isCity: boolean): Labelled {
  switch (metric) {
    case 'bedsPerThousand':
      if (row.population60 === null) return isCity ? T.whyNoCityPopulation : T.whyNoPopulation;
      return T.whyZeroPopulation;
    case 'nursingShare':
      return T.whyNoInstitutionBeds;
    case 'occupancyRate':
      return T.whyNoBeds;
    case 'tekunRate':
      return row.tekunUnableTotal === null ? T.whyNoTekun : T.whyZeroTekun;
  }
}

/** Why a gap is missing: no target, or no figure. */
export function whyNoGap(target: Figure): Labelled {
  return target === null ? T.whyNoTarget : T.whyNoGap;
}
