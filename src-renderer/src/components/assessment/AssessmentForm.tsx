/**
 * The GB/T 42195-2022 老年人能力评估 form: 26 items in the standard's 4 groups, the running
 * total and the preliminary and final levels shown as the items are scored (computed with
 * the domain's scoreAssessment — the api recomputes on save), the three adjustments with a
 * line saying which applied, the reason, the date and the two assessors.
 *
 * The parent owns the form instance: the admission flow keeps the draft and saves it at the
 * end; AssessmentDrawer.tsx saves it at once for a resident already registered.
 */
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tooltip, Typography, type FormInstance } from 'antd';
import { useMemo } from 'react';
import { ASSESSMENT_GROUPS, ASSESSMENT_ITEMS, type AssessmentGroup, type AssessmentItemKey, type AssessmentScores } from '@domain/assessment';
import { ASSESSMENT_DESCRIPTORS } from '@domain/assessment-descriptors';
import { ASSESSMENT_REASON, DIAGNOSIS, type AssessmentReason } from '@domain/enums';
import { useI18n } from '../../i18n';
import { DateField } from '../DateField';
import { enumOptions, todayIso } from '../options';
import { initialAssessmentValues, useLiveScore, type AssessmentFormValues } from './assessment-values';
import { ScoreSummary } from './ScoreSummary';
import { AF as A } from './texts';

const GROUP_KEYS = Object.keys(ASSESSMENT_GROUPS) as AssessmentGroup[];

/** The line under an item: what the selected score means (GB/T 42195-2022, in short). */
function ScoreMeaning({ form, item }: { form: FormInstance<AssessmentFormValues>; item: AssessmentItemKey }) {
  const { t } = useI18n();
  const score = Form.useWatch(['scores', item], form) as number | undefined;
  const d = score === undefined || score === null ? undefined : ASSESSMENT_DESCRIPTORS[item][score];
  return (
    <span data-testid={`assessment-meaning-${item}`} style={{ display: 'block', minHeight: 22 }}>
      {d ? `${score}${t(A.scoreMeansSep)}${t(d)}` : ''}
    </span>
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
        <Typography.Text type="secondary" data-testid="assessment-meaning-hint">{t(A.scoreMeansHint)}</Typography.Text>
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
                  extra={<ScoreMeaning form={form} item={i.key} />}
                >
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    data-testid={`assessment-item-${i.key}`}
                    aria-label={t(i)}
                    options={Array.from({ length: i.max + 1 }, (_, n) => ({
                      value: n,
                      label: (
                        <Tooltip title={`${n}${t(A.scoreMeansSep)}${t(ASSESSMENT_DESCRIPTORS[i.key][n]!)}`} mouseEnterDelay={0.3}>
                          <span data-testid={`assessment-score-${i.key}-${n}`}>{n}</span>
                        </Tooltip>
                      ),
                    }))}
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

