/**
 * Corrections on the resident record: a stay's dates and bed (更正), undoing the latest
 * discharge or transfer (撤销最近一次离院/转床) and voiding an assessment (作废). A correction
 * reaching into a closed month comes back as CLOSED_MONTH: the user is asked (确认保存 / 取消)
 * and the same input is sent again with confirmClosedMonth. The api checks every rule again.
 */
import { Alert, App, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { ResidentAssessmentRow } from '../../api/outputs';
import { DateField } from '../../components/DateField';
import { useFreeBeds } from '../../components/facility-picker/FreeBedTiles';
import { ReasonField, touchesPast, useCorrection } from '../../components/correction';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { DISCHARGE_REASON } from '@domain/enums';
import { tryValidate } from './forms';
import type { StayRow } from './StayActions';
import { R, RC } from './texts';

/** 更正: the stay's admission date, its discharge date (a closed stay) and its bed (same facility). */
export function CorrectStayModal({ stay, onClose }: { stay: StayRow; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ admittedOn: string; dischargedOn?: string; bedId?: number; reason?: string }>();
  useEffect(() => form.setFieldsValue({ admittedOn: stay.admittedOn, dischargedOn: stay.dischargedOn ?? undefined, bedId: stay.bedId ?? undefined, reason: '' }), [form, stay]);
  const admittedOn = Form.useWatch('admittedOn', form) ?? stay.admittedOn;
  const dischargedOn = Form.useWatch('dischargedOn', form);
  const beds = useFreeBeds(stay.bedId !== null ? stay.facilityId : null, admittedOn);
  const correct = useCorrection(api.stay.correct.mutate, { form, success: RC.corrected, onSuccess: onClose });
  const bedOptions = [
    ...(stay.bedId !== null ? [{ value: stay.bedId, label: stay.bedLabel ?? String(stay.bedId), nursing: false }] : []),
    ...beds.free.filter((b) => b.id !== stay.bedId).map((b) => ({ value: b.id, label: [b.label, b.building, b.room].filter(Boolean).join(' '), nursing: b.careType === 'nursing' })),
  ];
  return (
    <Modal
      open
      title={t(RC.correctStayTitle)}
      onCancel={onClose}
      okText={t(C.save)}
      cancelText={t(C.cancel)}
      okButtonProps={{ 'data-testid': 'correct-stay-ok' } as never}
      confirmLoading={correct.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        const input = {
          stayId: stay.id,
          ...(v.admittedOn !== stay.admittedOn ? { admittedOn: v.admittedOn } : {}),
          ...(stay.dischargedOn !== null && v.dischargedOn && v.dischargedOn !== stay.dischargedOn ? { dischargedOn: v.dischargedOn } : {}),
          ...(stay.bedId !== null && v.bedId && v.bedId !== stay.bedId ? { bedId: v.bedId } : {}),
        };
        if (Object.keys(input).length === 1) return void message.info(t(RC.nothingChanged));
        correct.mutate({ ...input, reason: v.reason?.trim() || undefined });
      }}
    >
      <Typography.Paragraph type="secondary">{t(RC.correctStayHelp)}</Typography.Paragraph>
      <Typography.Paragraph>
        {stay.facilityName} {stay.bedLabel ?? ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="admittedOn" label={t(R.admittedOn)} rules={[{ required: true, message: t(R.required, { field: t(R.admittedOn) }) }]}>
          <DateField testId="correct-admitted" />
        </Form.Item>
        {stay.dischargedOn !== null && (
          <Form.Item name="dischargedOn" label={stay.dischargeReason === 'transfer' ? t(R.transferOn) : t(R.dischargedOn)} rules={[{ required: true, message: t(R.required, { field: t(R.dischargedOn) }) }]}>
            <DateField testId="correct-discharged" />
          </Form.Item>
        )}
        {stay.bedId !== null && (
          <Form.Item name="bedId" label={t(R.bed)} extra={t(RC.bedHint)}>
            <Select<number>
              data-testid="correct-bed"
              loading={beds.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={bedOptions}
              optionRender={(o) => (
                <Space>
                  {o.data.label}
                  {o.data.nursing && <Tag color="orange">{t(R.nursingBed)}</Tag>}
                </Space>
              )}
            />
          </Form.Item>
        )}
        <ReasonField needed={touchesPast([stay.admittedOn, admittedOn, stay.dischargedOn, dischargedOn])} />
      </Form>
    </Modal>
  );
}

/** The resident's latest move as the api will find it: the latest closed stay, and the stay its transfer opened. */
export function lastMoveOf(stays: StayRow[]): { closed: StayRow; opened: StayRow | undefined } | undefined {
  const closed = stays
    .filter((s) => s.dischargedOn !== null)
    .sort((a, b) => (a.dischargedOn === b.dischargedOn ? b.id - a.id : a.dischargedOn! < b.dischargedOn! ? 1 : -1))[0];
  if (!closed) return undefined;
  return { closed, opened: closed.dischargeReason === 'transfer' ? stays.find((s) => s.transferredFromStayId === closed.id) : undefined };
}

/** 撤销最近一次离院/转床, confirmed here. */
export function UndoMoveModal({ residentId, stays, onClose }: { residentId: number; stays: StayRow[]; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  const undo = useCorrection(api.stay.undoLastMove.mutate, { form, success: RC.undone, onSuccess: onClose });
  const move = lastMoveOf(stays);
  if (!move) return null;
  const { closed, opened } = move;
  const on = closed.dischargedOn!;
  const text = opened
    ? t(RC.undoTransfer, { date: on, from: [closed.facilityName, closed.bedLabel].filter(Boolean).join(' '), to: [opened.facilityName, opened.bedLabel].filter(Boolean).join(' ') })
    : t(RC.undoDischarge, { date: on, facility: closed.facilityName, bed: closed.bedLabel ?? '', reason: closed.dischargeReason ? t(DISCHARGE_REASON[closed.dischargeReason]) : '—' });
  return (
    <Modal
      open
      title={t(RC.undoTitle)}
      onCancel={onClose}
      okText={t(RC.undoOk)}
      cancelText={t(C.cancel)}
      okButtonProps={{ danger: true, 'data-testid': 'undo-move-ok' } as never}
      confirmLoading={undo.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        undo.mutate({ residentId, reason: v.reason?.trim() || undefined });
      }}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={text} description={t(RC.undoWarn)} data-testid="undo-move-text" />
      <Form form={form} layout="vertical">
        <ReasonField needed={touchesPast([on])} />
      </Form>
    </Modal>
  );
}

/** 作废 an assessment, with the reason (always required). */
export function VoidAssessmentModal({ assessment, onClose }: { assessment: ResidentAssessmentRow; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const voidIt = useCorrection(api.assessment.void.mutate, { form, success: RC.voided, onSuccess: onClose });
  return (
    <Modal
      open
      title={t(RC.voidTitle)}
      onCancel={onClose}
      okText={t(RC.voidOk)}
      cancelText={t(C.cancel)}
      okButtonProps={{ danger: true, 'data-testid': 'void-assessment-ok' } as never}
      confirmLoading={voidIt.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        voidIt.mutate({ assessmentId: assessment.id, reason: v.reason.trim() });
      }}
    >
      <Typography.Paragraph type="secondary">{t(RC.voidHelp)}</Typography.Paragraph>
      <Typography.Paragraph>
        {assessment.assessedOn} · {assessment.standard}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t(RC.voidReason)} rules={[{ required: true, min: 2, whitespace: true, message: t(RC.reasonRequired) }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
