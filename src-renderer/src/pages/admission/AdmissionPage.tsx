/**
 * 入住登记: one guided flow — ① the resident (found or registered here) → ② the
 * GB/T 42195-2022 assessment (may be skipped, with a warning) → ③ a free bed and the date
 * → ④ confirm. The admission is made first and the assessment saved after it, so that a
 * refused admission (bed taken, resident already in care) leaves nothing behind.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Space, Steps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, apiError, type ApiErrorInfo } from '../../api/client';
import { useCorrection } from '../../components/correction';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { needsNursingBed, scoreAssessment } from '@domain/assessment';
import type { BedTile } from '../../api/outputs';
import { levelText } from '../../components/format';
import { readAssessment, type AssessmentDraft, type AssessmentFormValues } from '../../components/assessment/assessment-values';
import { useResidentialFacilities } from '../../components/facility-picker/FacilityPicker';
import { useFreeBeds } from '../../components/facility-picker/FreeBedTiles';
import { fromDetail, ResidentStep, type Picked } from './ResidentStep';
import { AdmissionDone, type Done } from './AdmissionDone';
import { AssessmentStep } from './AssessmentStep';
import { BedStep, bedName } from './BedStep';
import { ConfirmStep } from './ConfirmStep';
import { A } from './texts';
import { PageHeader } from '../../components/PageHeader';
import { FromWaitingList, useWaitingApplication } from './FromWaitingList';

export function AdmissionPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [step, setStep] = useState(0);
  const [resident, setResident] = useState<Picked | null>(null);
  const [assessForm] = Form.useForm<AssessmentFormValues>();
  const [skip, setSkip] = useState(false);
  const [draft, setDraft] = useState<AssessmentDraft | null>(null);
  const [facilityId, setFacilityId] = useState<number | null>(Number(params.get('facilityId')) || null);
  const [bed, setBed] = useState<BedTile | null>(null);
  const [admittedOn, setAdmittedOn] = useState<string>(todayIso());
  const [stepError, setStepError] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorInfo | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  // Arriving from a facility's waiting list (?facilityId=…&waitingApplicationId=…): that
  // application's person and facility; the admission closes the application (services/stays.ts).
  const waiting = useWaitingApplication(Number(params.get('facilityId')) || null, Number(params.get('waitingApplicationId')) || null);
  // Arriving from a resident record (?residentId=…): start with that resident.
  const presetId = Number(params.get('residentId')) || waiting.application?.residentId || null;
  const preset = useQuery({ queryKey: ['resident.get', presetId], queryFn: () => api.resident.get.query({ id: presetId! }), enabled: !!presetId });
  const [presetUsed, setPresetUsed] = useState(false);
  useEffect(() => {
    if (presetUsed || !preset.data) return;
    setResident(fromDetail(preset.data));
    setPresetUsed(true);
  }, [preset.data, presetUsed]);

  const facilities = useResidentialFacilities(admittedOn);
  const facility = facilities.data?.rows.find((f) => f.id === facilityId) ?? null;
  const beds = useFreeBeds(facilityId, admittedOn);
  // A bed chosen for one date may not be free on another, or taken meanwhile. On the confirm
  // step the choice stays on screen beside the refusal; going back clears it.
  useEffect(() => {
    if (done || step === 3) return;
    if (bed && beds.data && !beds.free.some((b) => b.id === bed.id)) {
      setBed(null);
      setStepError(t(A.bedGone));
    }
  }, [bed, beds.data, beds.free, done, step, t]);

  const draftResult = useMemo(() => (draft ? scoreAssessment(draft.scores, { coma: draft.coma, diagnosis: draft.diagnosis, riskEvents: draft.riskEvents }) : null), [draft]);
  const level = draftResult ? draftResult.finalLevel : skip ? resident?.latestLevel ?? null : null;
  const suggestNursing = needsNursingBed(level);

  const pickResident = (r: Picked) => {
    if (resident?.id !== r.id) {
      waiting.drop();
      assessForm.resetFields();
      setSkip(false);
      setDraft(null);
    }
    setResident(r);
    setStepError(null);
    setError(null);
  };

  // An admission dated into a closed month is asked about first (确认保存 / 取消), then resent confirmed.
  const admitAll = useCorrection(
    async (input: { residentId: number; bedId: number; admittedOn: string; draft: AssessmentDraft | null; waitingApplicationId?: number; confirmClosedMonth?: boolean }) => {
      const confirmClosedMonth = input.confirmClosedMonth;
      const stay = await api.stay.admit.mutate({ residentId: input.residentId, bedId: input.bedId, admittedOn: input.admittedOn, waitingApplicationId: input.waitingApplicationId, confirmClosedMonth });
      let assessmentLevel: number | null = null;
      let assessmentError: ApiErrorInfo | null = null;
      if (input.draft) {
        try {
          assessmentLevel = (await api.assessment.record.mutate({ residentId: input.residentId, ...input.draft, confirmClosedMonth })).finalLevel;
        } catch (e) {
          assessmentError = apiError(e);
        }
      }
      return { stay, assessmentLevel, assessmentError };
    },
    {
      success: A.admitted,
      onSuccess: (r) => {
        setError(null);
        setDone({
          stayId: r.stay.id,
          facilityId: r.stay.facilityId,
          facilityName: facility?.name ?? '',
          bedLabel: bed ? bedName(bed) : '',
          admittedOn: r.stay.admittedOn,
          assessmentLevel: r.assessmentLevel,
          assessmentError: r.assessmentError,
        });
      },
      onError: (e) => {
        setError(e);
        // What refused the admission (a bed taken meanwhile) should show at once.
        void beds.refetch();
      },
    },
  );

  const next = async () => {
    setStepError(null);
    if (step === 0) {
      if (!resident) return setStepError(t(A.pickResidentFirst));
      setStep(1);
    } else if (step === 1) {
      if (skip) {
        setDraft(null);
        setStep(2);
        return;
      }
      const d = await readAssessment(assessForm);
      if (!d) return;
      setDraft(d);
      setStep(2);
    } else if (step === 2) {
      if (!admittedOn) return setStepError(t(A.dateRequired));
      if (admittedOn > todayIso()) return setStepError(t(A.inFuture, { field: t(A.admittedOn) }));
      if (!facilityId || !bed) return setStepError(t(A.bedRequired));
      setStep(3);
    }
  };
  const prev = () => {
    setStepError(null);
    setStep((s) => Math.max(0, s - 1));
  };
  const confirm = () => {
    if (!resident || !bed) return;
    setError(null);
    admitAll.mutate({ residentId: resident.id, bedId: bed.id, admittedOn, draft: skip ? null : draft, waitingApplicationId: waiting.linkedId(resident.id) });
  };
  const restart = () => {
    setDone(null);
    setResident(null);
    assessForm.resetFields();
    setSkip(false);
    setDraft(null);
    setBed(null);
    setError(null);
    setStepError(null);
    setStep(0);
    waiting.drop();
    navigate('/admission', { replace: true });
  };

  if (done && resident) return <AdmissionDone resident={resident} done={done} setDone={setDone} draft={draft} restart={restart} />;

  return (
    <div data-testid="page-admission">
      <PageHeader title={t(A.title)} />
      <Steps
        current={step}
        style={{ marginBottom: 16 }}
        onChange={(s) => s < step && setStep(s)}
        items={[
          { title: t(A.stepResident), content: resident?.name },
          { title: t(A.stepAssessment), content: step > 1 ? (skip ? t(A.skipped) : draftResult ? levelText(t, draftResult.finalLevel) : undefined) : undefined },
          { title: t(A.stepBed), content: step > 2 && bed ? `${facility?.name ?? ''} ${bedName(bed)}` : undefined },
          { title: t(A.stepConfirm) },
        ]}
      />

      {waiting.application && <FromWaitingList application={waiting.application} facilityId={facilityId} />}

      {step === 0 && (
        <ResidentStep
          resident={resident}
          onPick={pickResident}
          onClear={() => {
            waiting.drop();
            setResident(null);
          }}
        />
      )}

      {/* Kept mounted so the draft survives going back and forth. */}
      <AssessmentStep visible={step === 1} resident={resident} form={assessForm} skip={skip} setSkip={setSkip} />

      {step === 2 && (
        <BedStep
          admittedOn={admittedOn}
          setAdmittedOn={setAdmittedOn}
          facility={facility}
          facilityId={facilityId}
          setFacilityId={setFacilityId}
          bed={bed}
          setBed={setBed}
          beds={beds}
          level={level}
          suggestNursing={suggestNursing}
        />
      )}

      {step === 3 && resident && bed && <ConfirmStep resident={resident} bed={bed} facilityName={facility?.name} admittedOn={admittedOn} draft={draft} draftResult={draftResult} error={error} />}

      {stepError && <Alert type="error" showIcon style={{ margin: '12px 0' }} title={stepError} data-testid="admission-step-error" />}

      <div style={{ position: 'sticky', bottom: 0, zIndex: 6, background: '#f5f5f5', padding: '10px 0', marginTop: 12, borderTop: '1px solid #e8e8e8' }}>
        <Space>
          <Button onClick={prev} disabled={step === 0} data-testid="admission-prev">
            {t(A.prev)}
          </Button>
          {step < 3 ? (
            <Button type="primary" onClick={() => void next()} data-testid="admission-next">
              {t(A.next)}
            </Button>
          ) : (
            <Button type="primary" onClick={confirm} loading={admitAll.isPending} data-testid="admission-confirm">
              {t(A.confirm)}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
