/**
 * The GB/T 42195-2022 老年人能力评估 form: 26 items in the standard's 4 groups, the running
 * total and the preliminary and final levels shown as the items are scored (computed with
 * the domain's scoreAssessment — the api recomputes on save), the three adjustments with a
 * line saying which applied, the reason, the date and the two assessors.
 *
 * The parent owns the form instance: the admission flow keeps the draft and saves it at the
 * end; AssessmentDrawer saves it at once for a resident already registered.
 */
import { App, Button, Card, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tag, Typography, type FormInstance } from 'antd';
import { useEffect, useMemo } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { recordAssessmentInput } from '@contract/schemas';
import {
  ASSESSMENT_GROUPS,
  ASSESSMENT_ITEMS,
  ASSESSMENT_TOTAL_MAX,
  scoreAssessment,
  type AssessmentGroup,
  type AssessmentItemKey,
  type AssessmentResult,
  type AssessmentScores,
} from '@domain/assessment';
import { ASSESSMENT_REASON, DIAGNOSIS, type AssessmentReason, type Diagnosis } from '@domain/enums';
import { COLON, levelColor, levelText } from '../residents/format';
import { A } from './texts';

export interface AssessmentFormValues {
  assessedOn: string;
  reason: AssessmentReason;
  scores: Partial<Record<AssessmentItemKey, number>>;
  coma: boolean;
  diagnosis: Diagnosis;
  riskEvents: number | null;
  assessor1: string;
  assessor2: string;
  note?: string;
}

/** What the api needs apart from the resident. */
export type AssessmentDraft = Omit<z.input<typeof recordAssessmentInput>, 'residentId'>;

const GROUP_KEYS = Object.keys(ASSESSMENT_GROUPS) as AssessmentGroup[];

export function initialAssessmentValues(reason: AssessmentReason = 'first'): AssessmentFormValues {
  return { assessedOn: todayIso(), reason, scores: {}, coma: false, diagnosis: 'none', riskEvents: 0, assessor1: '', assessor2: '', note: '' };
}

function completeScores(scores: Partial<Record<AssessmentItemKey, number>> | undefined): AssessmentScores | null {
  const out: Partial<AssessmentScores> = {};
  for (const i of ASSESSMENT_ITEMS) {
    const v = scores?.[i.key];
    if (typeof v !== 'number') return null;
    out[i.key] = v;
  }
  return out as AssessmentScores;
}

/** Validates the form (scrolling to the first problem) and returns the draft, or null. */
export async function readAssessment(form: FormInstance<AssessmentFormValues>): Promise<AssessmentDraft | null> {
  try {
    await form.validateFields();
  } catch (e) {
    const first = (e as { errorFields?: Array<{ name: Array<string | number> }> }).errorFields?.[0];
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    return null;
  }
  const v = form.getFieldsValue(true) as AssessmentFormValues;
  const scores = completeScores(v.scores);
  if (!scores) return null;
  return {
    assessedOn: v.assessedOn,
    reason: v.reason,
    scores,
    coma: !!v.coma,
    diagnosis: v.diagnosis,
    riskEvents: v.riskEvents ?? 0,
    assessor1: v.assessor1.trim(),
    assessor2: v.assessor2.trim(),
    note: (v.note ?? '').trim(),
  };
}

/** The live score of the form: partial sums while items are missing, levels once complete. */
export function useLiveScore(form: FormInstance<AssessmentFormValues>) {
  const scores = Form.useWatch('scores', form);
  const coma = Form.useWatch('coma', form);
  const diagnosis = Form.useWatch('diagnosis', form);
  const riskEvents = Form.useWatch('riskEvents', form);
  return useMemo(() => {
    const groupTotals: Record<AssessmentGroup, number> = { self_care: 0, mobility: 0, mental: 0, perception: 0 };
    let scored = 0;
    for (const i of ASSESSMENT_ITEMS) {
      const v = scores?.[i.key];
      if (typeof v === 'number') {
        groupTotals[i.group] += v;
        scored += 1;
      }
    }
    const sum = groupTotals.self_care + groupTotals.mobility + groupTotals.mental + groupTotals.perception;
    const complete = completeScores(scores);
    const result: AssessmentResult | null = complete ? scoreAssessment(complete, { coma: !!coma, diagnosis: diagnosis ?? 'none', riskEvents: riskEvents ?? 0 }) : null;
    return { groupTotals, sum, scored, result };
  }, [scores, coma, diagnosis, riskEvents]);
}

type T = ReturnType<typeof useI18n>['t'];

export function appliedText(t: T, applied: AssessmentResult['applied']): string {
  if (applied.length === 0) return t(A.appliedNone);
  const parts = applied.map((a) => t(a === 'coma' ? A.appliedComa : a === 'diagnosis' ? A.appliedDiagnosis : a === 'risk_events' ? A.appliedRisk : A.appliedCapped));
  return `${t(A.appliedPrefix)}${parts.join('；')}`;
}

function ScoreSummary({ live }: { live: ReturnType<typeof useLiveScore> }) {
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

interface FormProps {
  form: FormInstance<AssessmentFormValues>;
  /** The resident's birth date, when the account may see it: the assessment cannot precede it (the api checks it anyway). */
  birthDate?: string;
  defaultReason?: AssessmentReason;
}

export function AssessmentForm({ form, birthDate, defaultReason = 'first' }: FormProps) {
  const { t } = useI18n();
  const live = useLiveScore(form);
  const coma = Form.useWatch('coma', form);
  const initial = useMemo(() => initialAssessmentValues(defaultReason), [defaultReason]);

  const fillMax = () => form.setFieldsValue({ scores: Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.key, i.max])) as AssessmentScores });
  const clear = () => form.setFields(ASSESSMENT_ITEMS.map((i) => ({ name: ['scores', i.key] as never, value: undefined, errors: [] })));
  const req = (label: { zh: string; en: string }) => ({ required: true, whitespace: true, message: t(A.required, { field: t(label) }) });

  return (
    <Form form={form} layout="vertical" initialValues={initial} data-testid="assessment-form" requiredMark={false}>
      <ScoreSummary live={live} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={fillMax} data-testid="assessment-fill-max">
          {t(A.fillMax)}
        </Button>
        <Button onClick={clear} data-testid="assessment-clear">
          {t(A.clearScores)}
        </Button>
        <Typography.Text type="secondary">{t(A.fillMaxHelp)}</Typography.Text>
      </Space>
      {GROUP_KEYS.map((g) => {
        const group = ASSESSMENT_GROUPS[g];
        return (
          <Card
            key={g}
            size="small"
            style={{ marginBottom: 12 }}
            title={t(group)}
            extra={
              <Typography.Text strong data-testid={`assessment-subtotal-${g}`}>
                {t(A.subtotal, { n: live.groupTotals[g], max: group.max })}
              </Typography.Text>
            }
          >
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', columnGap: 20 }}>
              {ASSESSMENT_ITEMS.filter((i) => i.group === g).map((i) => (
                <Form.Item
                  key={i.key}
                  name={['scores', i.key]}
                  label={t(A.itemLabel, { item: t(i), max: i.max })}
                  rules={[{ required: true, message: t(A.itemRequired, { item: t(i) }) }]}
                  style={{ marginBottom: 10 }}
                >
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    data-testid={`assessment-item-${i.key}`}
                    aria-label={t(i)}
                    options={Array.from({ length: i.max + 1 }, (_, n) => ({ value: n, label: String(n) }))}
                  />
                </Form.Item>
              ))}
            </div>
          </Card>
        );
      })}
      <Card size="small" title={t(A.adjustTitle)} style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="coma" label={t(A.coma)} valuePropName="checked" extra={t(A.comaHelp)}>
              <Switch data-testid="assessment-coma" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="diagnosis" label={t(A.diagnosis)} extra={t(A.diagnosisHelp)}>
              <Select disabled={!!coma} showSearch={{ optionFilterProp: 'label' }} options={enumOptions(DIAGNOSIS, t)} data-testid="assessment-diagnosis" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="riskEvents" label={t(A.riskEvents)} extra={t(A.riskEventsHelp)}>
              <InputNumber disabled={!!coma} min={0} max={100} precision={0} suffix={t(A.times)} style={{ width: 140 }} data-testid="assessment-risk-events" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t(A.meta)}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="reason" label={t(A.reason)} rules={[{ required: true, message: t(A.choose, { field: t(A.reason) }) }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={enumOptions(ASSESSMENT_REASON, t)} data-testid="assessment-reason" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item
              name="assessedOn"
              label={t(A.assessedOn)}
              rules={[
                { required: true, message: t(A.required, { field: t(A.assessedOn) }) },
                {
                  validator: (_, v: string | undefined) => {
                    if (v && v > todayIso()) return Promise.reject(new Error(t(A.inFuture, { field: t(A.assessedOn) })));
                    if (v && birthDate && v < birthDate) return Promise.reject(new Error(t(A.beforeBirth, { field: t(A.assessedOn), date: birthDate })));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <DateField testId="assessment-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="assessor1" label={t(A.assessor1)} rules={[req(A.assessor1)]} extra={t(A.assessorsHelp)}>
              <Input maxLength={50} data-testid="assessment-assessor1" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item
              name="assessor2"
              label={t(A.assessor2)}
              dependencies={['assessor1']}
              rules={[
                req(A.assessor2),
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) => {
                    const a = String(getFieldValue('assessor1') ?? '').trim();
                    return v && a && v.trim() === a ? Promise.reject(new Error(t(A.sameAssessor))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input maxLength={50} data-testid="assessment-assessor2" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t(A.note)} style={{ marginBottom: 0 }}>
              <Input maxLength={500} data-testid="assessment-note" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </Form>
  );
}

/** The form on its own, for a registered resident: saved at once (the api recomputes the levels). */
export function AssessmentDrawer({ open, resident, defaultReason, onClose }: { open: boolean; resident: { id: number; name: string; birthDate?: string }; defaultReason?: AssessmentReason; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssessmentFormValues>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const record = useWrite(api.assessment.record.mutate, {
    form,
    onSuccess: (row) => {
      void message.success(`${t(A.saved)}${t(COLON)}${levelText(t, row.finalLevel)}`);
      onClose();
    },
  });
  const save = async () => {
    const draft = await readAssessment(form);
    if (draft) record.mutate({ residentId: resident.id, ...draft });
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1000}
      title={t(A.newAssessmentFor, { name: resident.name })}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t(C.cancel)}</Button>
          <Button type="primary" onClick={save} loading={record.isPending} data-testid="assessment-save">
            {t(C.save)}
          </Button>
        </Space>
      }
    >
      <AssessmentForm form={form} birthDate={resident.birthDate} defaultReason={defaultReason} />
    </Drawer>
  );
}
