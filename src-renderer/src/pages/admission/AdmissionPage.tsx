/**
 * 入住登记: one guided flow — ① the resident (found or registered here) → ② the
 * GB/T 42195-2022 assessment (may be skipped, with a warning) → ③ a free bed and the date
 * → ④ confirm. The admission is made first and the assessment saved after it, so that a
 * refused admission (bed taken, resident already in care) leaves nothing behind.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Result, Row, Space, Steps, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, apiError, type ApiErrorInfo } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { scoreAssessment } from '@domain/assessment';
import type { BedTile } from '../../api/outputs';
import { categoryLabels, levelColor, levelText, paren, SEP, sexText } from '../../components/format';
import { AssessmentForm } from '../../components/assessment/AssessmentForm';
import { readAssessment, type AssessmentDraft, type AssessmentFormValues } from '../../components/assessment/assessment-values';
import { FacilityPicker, useResidentialFacilities } from '../../components/facility-picker/FacilityPicker';
import { FreeBedTiles, useFreeBeds } from '../../components/facility-picker/FreeBedTiles';
import { fromDetail, ResidentStep, type Picked } from './ResidentStep';
import { A } from './texts';
import { PageHeader } from '../../components/PageHeader';

/** "1号楼 101 02": building, room and label. */
function bedName(b: BedTile): string {
  return [b.building, b.room, b.label].filter(Boolean).join(' ');
}

interface Done {
  stayId: number;
  facilityId: number;
  facilityName: string;
  bedLabel: string;
  admittedOn: string;
  assessmentLevel: number | null;
  assessmentError: ApiErrorInfo | null;
}

export function AdmissionPage() {
  const { t, lang } = useI18n();
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

  // Arriving from a resident record (?residentId=…): start with that resident.
  const presetId = Number(params.get('residentId')) || null;
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
  const suggestNursing = level !== null && level >= 3;

  const pickResident = (r: Picked) => {
    if (resident?.id !== r.id) {
      assessForm.resetFields();
      setSkip(false);
      setDraft(null);
    }
    setResident(r);
    setStepError(null);
    setError(null);
  };

  const admitAll = useWrite(
    async (input: { residentId: number; bedId: number; admittedOn: string; draft: AssessmentDraft | null }) => {
      const stay = await api.stay.admit.mutate({ residentId: input.residentId, bedId: input.bedId, admittedOn: input.admittedOn });
      let assessmentLevel: number | null = null;
      let assessmentError: ApiErrorInfo | null = null;
      if (input.draft) {
        try {
          assessmentLevel = (await api.assessment.record.mutate({ residentId: input.residentId, ...input.draft })).finalLevel;
        } catch (e) {
          assessmentError = apiError(e);
        }
      }
      return { stay, assessmentLevel, assessmentError };
    },
    {
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
  const retryAssessment = useWrite(api.assessment.record.mutate, {
    onSuccess: (row) => setDone((d) => (d ? { ...d, assessmentLevel: row.finalLevel, assessmentError: null } : d)),
    onError: (e) => setDone((d) => (d ? { ...d, assessmentError: e } : d)),
  });

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
    admitAll.mutate({ residentId: resident.id, bedId: bed.id, admittedOn, draft: skip ? null : draft });
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
    navigate('/admission', { replace: true });
  };

  if (done && resident)
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

      {step === 0 && <ResidentStep resident={resident} onPick={pickResident} onClear={() => setResident(null)} />}

      {/* Kept mounted so the draft survives going back and forth. */}
      <div style={{ display: step === 1 ? 'block' : 'none' }} data-testid="admission-step-assessment">
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
          <AssessmentForm form={assessForm} birthDate={resident?.birthDate} defaultReason="first" />
        </div>
      </div>

      {step === 2 && (
        <div data-testid="admission-step-bed">
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={24} md={14} xl={10}>
              <Typography.Text strong>{t(A.facility)}</Typography.Text>
              <FacilityPicker
                date={admittedOn}
                value={facility ? facilityId : null}
                onChange={(id) => {
                  setFacilityId(id);
                  setBed(null);
                }}
                testId="admission-facility"
              />
            </Col>
            <Col xs={24} md={10} xl={6}>
              <Typography.Text strong>{t(A.admittedOn)}</Typography.Text>
              <DateField value={admittedOn} onChange={(v) => v && setAdmittedOn(v)} testId="admission-date" />
            </Col>
            <Col xs={24} xl={8}>
              <div style={{ paddingTop: 22 }}>
                {level !== null ? (
                  <Space wrap>
                    <span>{t(A.levelForBed, { level: '' })}</span>
                    <Tag color={levelColor(level)} data-testid="admission-level">
                      {levelText(t, level)}
                    </Tag>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t(A.neverAssessed)}</Typography.Text>
                )}
              </div>
            </Col>
          </Row>
          {suggestNursing && facilityId && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${t(A.suggestNursing)}${beds.data && !beds.free.some((b) => b.careType === 'nursing') ? ` ${t(A.noNursingFree)}` : ''}`}
              data-testid="admission-suggest-nursing"
            />
          )}
          {!facilityId ? (
            <Alert type="info" showIcon title={t(A.chooseFacilityFirst)} />
          ) : (
            <>
              <Typography.Paragraph strong style={{ marginBottom: 8 }}>
                {t(A.chooseBed)}
                {bed && (
                  <Tag color="blue" style={{ marginLeft: 8 }}>
                    {bed.label}
                  </Tag>
                )}
              </Typography.Paragraph>
              <FreeBedTiles beds={beds.free} loading={beds.isLoading} value={bed?.id ?? null} onChange={setBed} suggestNursing={suggestNursing} date={admittedOn} />
            </>
          )}
        </div>
      )}

      {step === 3 && resident && bed && (
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
            <Descriptions.Item label={t(A.facility)}>{facility?.name}</Descriptions.Item>
            <Descriptions.Item label={t(A.bed)}>
              {bedName(bed)}{' '}
              <Tag color={bed.careType === 'nursing' ? 'orange' : undefined}>{bed.careType === 'nursing' ? t(A.nursing) : t(A.general)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t(A.admittedOn)}>{admittedOn}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">{t(A.confirmOrder)}</Typography.Paragraph>
          {error && <Alert type="error" showIcon style={{ marginBottom: 12, maxWidth: 820 }} title={t(A.failed)} description={lang === 'zh' ? error.zh : error.en} data-testid="admission-error" />}
        </div>
      )}

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
