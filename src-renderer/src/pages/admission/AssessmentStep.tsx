/** Step ② of the admission: the resident's last assessment, the form, or skipping it (with a warning). */
import { Alert, Button, Card, Space, type FormInstance } from 'antd';
import { AssessmentForm } from '../../components/assessment/AssessmentForm';
import type { AssessmentFormValues } from '../../components/assessment/assessment-values';
import { levelText } from '../../components/format';
import { useI18n } from '../../i18n';
import type { Picked } from './ResidentStep';
import { A } from './texts';

export function AssessmentStep({ visible, resident, form, skip, setSkip }: { visible: boolean; resident: Picked | null; form: FormInstance<AssessmentFormValues>; skip: boolean; setSkip(skip: boolean): void }) {
  const { t } = useI18n();
  return (
    <div style={{ display: visible ? 'block' : 'none' }} data-testid="admission-step-assessment">
      {resident && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>
              <b>{resident.name}</b> · {resident.idNumberMasked} ·{' '}
              {resident.latestAssessedOn ? t(A.latest, { date: resident.latestAssessedOn, level: levelText(t, resident.latestLevel) }) : t(A.neverAssessed)}
            </span>
            {skip ? (
              <Button onClick={() => setSkip(false)} data-testid="admission-assess-now">
                {t(A.undoSkip)}
              </Button>
            ) : (
              <Button onClick={() => setSkip(true)} data-testid="admission-skip-assessment">
                {t(A.skip)}
              </Button>
            )}
          </Space>
        </Card>
      )}
      {skip && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(A.skipped)} description={t(A.skipWarn)} data-testid="admission-skip-warning" />}
      <div style={{ display: skip ? 'none' : 'block' }}>
        <AssessmentForm form={form} birthDate={resident?.birthDate} defaultReason="first" />
      </div>
    </div>
  );
}
