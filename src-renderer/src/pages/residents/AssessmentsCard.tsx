/** A resident's assessments, each GB/T 42195 one expanding to its groups, adjustments and item scores. */
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ResidentAssessmentRow as AssessmentRow } from '../../api/outputs';
import { appliedText } from '../../components/assessment/ScoreSummary';
import { COLON, levelColor, levelText, SEP } from '../../components/format';
import { useI18n } from '../../i18n';
import { ASSESSMENT_GROUPS, ASSESSMENT_ITEMS, type AssessmentGroup, type AssessmentScores, scoreAssessment } from '@domain/assessment';
import { ASSESSMENT_REASON, DIAGNOSIS } from '@domain/enums';
import { VoidAssessmentModal } from './Corrections';
import { R, RC } from './texts';

export function AssessmentsCard({ assessments, readOnly, onNew }: { assessments: AssessmentRow[]; readOnly: boolean; onNew(): void }) {
  const { t } = useI18n();
  const [voiding, setVoiding] = useState<AssessmentRow | null>(null);
  // A voided assessment is kept for the record, struck through (its reason tag, inline-block, is not); it counts nowhere.
  const struck = (a: AssessmentRow) => (a.voidedAt !== null ? { textDecoration: 'line-through', color: 'rgba(0, 0, 0, 0.45)' } : undefined);
  return (
    <Card
      size="small"
      title={t(R.assessments)}
      extra={
        <Button size="small" disabled={readOnly} onClick={onNew}>
          {t(R.newAssessment)}
        </Button>
      }
    >
      <Table<AssessmentRow>
        size="small"
        rowKey="id"
        dataSource={assessments}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="resident-assessments"
        locale={{ emptyText: t(R.noAssessments) }}
        expandable={{ rowExpandable: (a) => a.standard === 'GB/T 42195-2022', expandedRowRender: (a) => <AssessmentDetail a={a} /> }}
        onRow={(a) => ({ style: struck(a), 'data-testid': `assessment-row-${a.id}`, 'data-voided': a.voidedAt !== null ? '1' : '0' }) as never}
        columns={[
          { dataIndex: 'assessedOn', title: t(R.assessedOn), width: 110 },
          { dataIndex: 'standard', title: t(R.standard), width: 140 },
          { dataIndex: 'reason', title: t(R.assessReason), render: (v: keyof typeof ASSESSMENT_REASON) => t(ASSESSMENT_REASON[v]) },
          { dataIndex: 'total', title: t(R.totalScore), width: 90, render: (v: number | null) => (v === null ? '—' : `${v} / 90`) },
          {
            key: 'levels',
            title: t(R.levels),
            render: (_, a) => (
              <Space size={4} wrap>
                {a.preliminaryLevel !== null && a.preliminaryLevel !== a.finalLevel && (
                  <>
                    <Tag>{levelText(t, a.preliminaryLevel, a.standard)}</Tag>→
                  </>
                )}
                <Tag color={levelColor(a.finalLevel)}>{levelText(t, a.finalLevel, a.standard)}</Tag>
              </Space>
            ),
          },
          { key: 'assessors', title: t(R.assessors), render: (_, a) => [a.assessor1, a.assessor2].join(t(SEP)) },
          {
            key: 'void',
            title: '',
            render: (_, a) =>
              a.voidedAt !== null ? (
                <Tag color="default" data-testid={`assessment-voided-${a.id}`}>
                  {t(RC.voidedBy, { reason: a.voidReason ?? '', who: a.voidedBy ?? '', date: a.voidedAt.slice(0, 10) })}
                </Tag>
              ) : readOnly ? null : (
                <Button size="small" type="link" danger onClick={() => setVoiding(a)} data-testid={`assessment-void-${a.id}`}>
                  {t(RC.void)}
                </Button>
              ),
          },
        ]}
      />
      {voiding && <VoidAssessmentModal assessment={voiding} onClose={() => setVoiding(null)} />}
    </Card>
  );
}

/** Group subtotals, the adjustments and the 26 item scores of one GB/T 42195 assessment. */
function AssessmentDetail({ a }: { a: AssessmentRow }) {
  const { t } = useI18n();
  const scores = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, a[i.key]])) as Record<string, number | null>;
  const complete = ASSESSMENT_ITEMS.every((i) => typeof scores[i.key] === 'number');
  const result = complete ? scoreAssessment(scores as AssessmentScores, { coma: a.coma, diagnosis: a.diagnosis, riskEvents: a.riskEvents }) : null;
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Paragraph style={{ marginBottom: 6 }}>
        {result ? appliedText(t, result.applied) : '—'}
        {a.diagnosis !== 'none' && ` · ${t(DIAGNOSIS[a.diagnosis])}`}
        {a.riskEvents > 0 && ` · ${t({ zh: '风险事件 {n} 次', en: '{n} risk events' }, { n: a.riskEvents })}`}
        {a.note && ` · ${a.note}`}
      </Typography.Paragraph>
      {(Object.keys(ASSESSMENT_GROUPS) as AssessmentGroup[]).map((g) => (
        <div key={g} style={{ marginBottom: 4 }}>
          <b>
            {t(ASSESSMENT_GROUPS[g])} {result ? `${result.groupTotals[g]} / ${ASSESSMENT_GROUPS[g].max}` : ''}
          </b>
          {t(COLON)}
          {ASSESSMENT_ITEMS.filter((i) => i.group === g)
            .map((i) => `${t(i)} ${scores[i.key] ?? '—'}`)
            .join(t(SEP))}
        </div>
      ))}
    </div>
  );
}
