/** The sticky line above the form: total, preliminary and final levels, and which adjustments applied. */
import { Space, Tag, Typography } from 'antd';
import { ASSESSMENT_ITEMS, ASSESSMENT_TOTAL_MAX, type AssessmentResult } from '@domain/assessment';
import { useI18n } from '../../i18n';
import { levelColor, levelText } from '../format';
import type { useLiveScore } from './assessment-values';
import { AF as A } from './texts';

type T = ReturnType<typeof useI18n>['t'];

export function appliedText(t: T, applied: AssessmentResult['applied']): string {
  if (applied.length === 0) return t(A.appliedNone);
  const parts = applied.map((a) => t(a === 'coma' ? A.appliedComa : a === 'diagnosis' ? A.appliedDiagnosis : a === 'risk_events' ? A.appliedRisk : A.appliedCapped));
  return `${t(A.appliedPrefix)}${parts.join('；')}`;
}

export function ScoreSummary({ live }: { live: ReturnType<typeof useLiveScore> }) {
  const { t } = useI18n();
  const { result, sum, scored } = live;
  const missing = ASSESSMENT_ITEMS.length - scored;
  return (
    <div
      data-testid="assessment-summary"
      style={{ position: 'sticky', top: 0, zIndex: 5, background: '#fff', border: '1px solid #d9d9d9', borderRadius: 6, padding: '8px 14px', marginBottom: 12, boxShadow: '0 2px 6px rgba(0,0,0,0.06)' }}
    >
      <Space size={28} wrap align="center">
        <span>
          {t(A.total)}{' '}
          <b data-testid="assessment-total" data-complete={result ? 'true' : 'false'} style={{ fontSize: 24, color: '#1f6feb' }}>
            {sum}
          </b>{' '}
          / {ASSESSMENT_TOTAL_MAX}
          <Typography.Text type={missing > 0 ? 'warning' : 'secondary'} style={{ marginLeft: 8 }}>
            {missing > 0 ? t(A.notComplete, { n: missing }) : t(A.scoredOf, { n: scored })}
          </Typography.Text>
        </span>
        <span>
          {t(A.preliminary)}{' '}
          <Tag data-testid="assessment-preliminary-level" data-level={result?.preliminaryLevel ?? ''} style={{ fontSize: 14, padding: '2px 8px' }}>
            {result ? levelText(t, result.preliminaryLevel) : '—'}
          </Tag>
        </span>
        <span>
          {t(A.final)}{' '}
          <Tag data-testid="assessment-final-level" data-level={result?.finalLevel ?? ''} color={levelColor(result?.finalLevel)} style={{ fontSize: 15, padding: '3px 10px', fontWeight: 600 }}>
            {result ? levelText(t, result.finalLevel) : '—'}
          </Tag>
        </span>
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" data-testid="assessment-applied">
          {result ? appliedText(t, result.applied) : t(A.pending)}
        </Typography.Text>
      </div>
    </div>
  );
}

