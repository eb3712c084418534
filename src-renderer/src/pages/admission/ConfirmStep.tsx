/** Step ④ of the admission: everything chosen, to check before the admission is made. */
import { Alert, Descriptions, Tag, Typography } from 'antd';
import type { ApiErrorInfo } from '../../api/client';
import type { BedTile } from '../../api/outputs';
import type { AssessmentDraft } from '../../components/assessment/assessment-values';
import { categoryLabels, levelText, paren, SEP, sexText } from '../../components/format';
import { useI18n } from '../../i18n';
import type { AssessmentResult } from '@domain/assessment';
import { bedName } from './BedStep';
import type { Picked } from './ResidentStep';
import { A } from './texts';

interface ConfirmStepProps {
  resident: Picked;
  bed: BedTile;
  facilityName: string | undefined;
  admittedOn: string;
  draft: AssessmentDraft | null;
  draftResult: AssessmentResult | null;
  error: ApiErrorInfo | null;
}

export function ConfirmStep({ resident, bed, facilityName, admittedOn, draft, draftResult, error }: ConfirmStepProps) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="admission-step-confirm">
      <Typography.Paragraph>{t(A.summary)}</Typography.Paragraph>
      <Descriptions bordered size="small" column={1} style={{ maxWidth: 820, marginBottom: 12 }} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label={t(A.resident)}>
          {resident.name} · {sexText(t, resident.sex)} · {resident.age} {categoryLabels(t, resident).map((c) => <Tag key={c} style={{ marginLeft: 4 }}>{c}</Tag>)}
        </Descriptions.Item>
        <Descriptions.Item label={t(A.idNumber)}>
          <span style={{ fontFamily: 'monospace' }}>{resident.idNumberMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(A.assessment)}>
          {draft && draftResult ? (
            <span data-testid="admission-summary-assessment">
              {paren(t, t(A.assessmentSummary, { date: draft.assessedOn, total: draftResult.total, level: levelText(t, draftResult.finalLevel) }), [draft.assessor1, draft.assessor2].join(t(SEP)))}
            </span>
          ) : (
            <Typography.Text type="warning">{t(A.skipped)}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t(A.facility)}>{facilityName}</Descriptions.Item>
        <Descriptions.Item label={t(A.bed)}>
          {bedName(bed)}{' '}
          <Tag color={bed.careType === 'nursing' ? 'orange' : undefined}>{bed.careType === 'nursing' ? t(A.nursing) : t(A.general)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t(A.admittedOn)}>{admittedOn}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t(A.confirmOrder)}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12, maxWidth: 820 }} title={t(A.failed)} description={lang === 'zh' ? error.zh : error.en} data-testid="admission-error" />}
    </div>
  );
}
