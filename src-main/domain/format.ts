/**
 * Numbers as Chinese offices write them: thousands separators, one decimal for rates and
 * per-thousand figures, and a dash — never 0 — where there is no figure.
 */
import type { Figure } from './metrics';

export const NO_FIGURE = '—';

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(n: number | null): string {
  return n === null ? NO_FIGURE : integer.format(n);
}

/** 30.3 (beds per thousand elderly). */
export function formatPerThousand(v: Figure): string {
  return v === null ? NO_FIGURE : oneDecimal.format(v);
}

/** 0.3 → 30.0% */
export function formatPercent(v: Figure): string {
  return v === null ? NO_FIGURE : `${oneDecimal.format(v * 100)}%`;
}

/** A signed gap: +1.2 / −3.4, in the unit of its figure (ratios in percentage points). */
export function formatGap(v: Figure, unit: 'per_thousand' | 'ratio' | 'count', lang: 'zh' | 'en' = 'zh'): string {
  if (v === null) return NO_FIGURE;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  const abs = Math.abs(v);
  switch (unit) {
    case 'per_thousand':
      return sign + oneDecimal.format(abs);
    case 'ratio':
      return `${sign}${oneDecimal.format(abs * 100)}${lang === 'zh' ? ' 个百分点' : ' pts'}`;
    case 'count':
      return sign + integer.format(abs);
  }
}

/** Integer fen → "12,345.60" yuan. */
export function formatYuan(fen: number): string {
  return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}
