/** The admission made: where the resident went, whether the assessment was saved with it, and a retry if not. */
import { Alert, Button, Result } from 'antd';
import type { Dispatch, SetStateAction } from 'react';
import { useNavigate } from 'react-router';
import { api, type ApiErrorInfo } from '../../api/client';
import { useCorrection } from '../../components/correction';
import type { AssessmentDraft } from '../../components/assessment/assessment-values';
import { levelText } from '../../components/format';
import { useI18n } from '../../i18n';
import { A } from './texts';

export interface Done {
  stayId: number;
  facilityId: number;
  facilityName: string;
  bedLabel: string;
  admittedOn: string;
  assessmentLevel: number | null;
  assessmentError: ApiErrorInfo | null;
}

export function AdmissionDone({ resident, done, setDone, draft, restart }: { resident: { id: number; name: string }; done: Done; setDone: Dispatch<SetStateAction<Done | null>>; draft: AssessmentDraft | null; restart(): void }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const retryAssessment = useCorrection(api.assessment.record.mutate, {
    onSuccess: (row) => setDone((d) => (d ? { ...d, assessmentLevel: row.finalLevel, assessmentError: null } : d)),
    onError: (e) => setDone((d) => (d ? { ...d, assessmentError: e } : d)),
  });
  return (
    <div data-testid="page-admission">
      <Result
        status="success"
        data-testid="admission-done"
        title={t(A.done, { name: resident.name, facility: done.facilityName, bed: done.bedLabel })}
        subTitle={
          <>
            <div>{t(A.doneSub, { date: done.admittedOn })}</div>
            {done.assessmentLevel !== null && <div>{t(A.assessmentSavedToo, { level: levelText(t, done.assessmentLevel) })}</div>}
          </>
        }
        extra={[
          <Button type="primary" key="record" onClick={() => navigate(`/residents/${resident.id}`)} data-testid="admission-to-record">
            {t(A.toRecord)}
          </Button>,
          <Button key="facility" onClick={() => navigate(`/facilities/${done.facilityId}`)} data-testid="admission-to-facility">
            {t(A.toFacility)}
          </Button>,
          <Button key="another" onClick={restart} data-testid="admission-another">
            {t(A.another)}
          </Button>,
        ]}
      />
      {done.assessmentError && (
        <Alert
          type="warning"
          showIcon
          style={{ maxWidth: 720, margin: '0 auto' }}
          title={t(A.assessmentFailed, { error: lang === 'zh' ? done.assessmentError.zh : done.assessmentError.en })}
          action={
            draft && (
              <Button size="small" loading={retryAssessment.isPending} onClick={() => retryAssessment.mutate({ residentId: resident.id, ...draft })}>
                {t(A.retryAssessment)}
              </Button>
            )
          }
        />
      )}
    </div>
  );
}
