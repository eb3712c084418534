/**
 * `?county=520602` (from 数据质量's "录入人口 →"): names the county above the grid, scrolls
 * its row into view and flashes it, so the clerk sees which figure is missing. Kept apart
 * from the grid's own editing behaviour; it only reads the DOM rows AG Grid marks with
 * `row-id` (getRowId is the region code).
 */
import { Alert } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import './highlight.css';

const TEXT = {
  zh: '请为 {name} 录入 {year} 年的人口（已在下表中标出）。',
  en: 'Enter the {year} population of {name} (marked in the table below).',
};

export function CountyHighlight({ county, name, year, ready }: { county: string | null; name: string | undefined; year: number; ready: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    if (!county || !ready) return;
    const timer = window.setTimeout(() => {
      const rows = Array.from(document.querySelectorAll<HTMLElement>(`.ag-row[row-id="${CSS.escape(county)}"]`));
      rows[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      for (const r of rows) {
        r.classList.remove('population-row-flash');
        void r.offsetWidth; // restart the animation
        r.classList.add('population-row-flash');
      }
    }, 150);
    return () => window.clearTimeout(timer);
  }, [county, ready, year]);
  if (!county || !name) return null;
  return <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t(TEXT, { name, year })} data-testid="population-highlight" data-county={county} />;
}
