/**
 * What can be done to an open stay: 离院 discharge (confirmed), 转床 transfer to a free bed,
 * 外出 leave and 返回 back from leave. The api checks every rule again.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useCorrection } from '../../components/correction';
import { DateField } from '../../components/DateField';
import { enumOptions, todayIso } from '../../components/options';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { CARE_TYPE, DISCHARGE_REASON, type DischargeReason } from '@domain/enums';
import { needsNursingBed } from '@domain/assessment';
import { levelText } from '../../components/format';
import { FacilityPicker, useResidentialFacilities } from '../../components/facility-picker/FacilityPicker';
import { useFreeBeds } from '../../components/facility-picker/FreeBedTiles';
import { COLON } from '../../components/format';
import { tryValidate } from './forms';
import { R } from './texts';

export interface StayRow {
  id: number;
  residentId: number;
  residentName: string;
  facilityId: number;
  facilityName: string;
  bedId: number | null;
  bedLabel: string | null;
  admittedOn: string;
  dischargedOn: string | null;
  dischargeReason: DischargeReason | null;
  transferredFromStayId: number | null;
  note: string;
  leaveCount: number;
}

export type LeaveRow = Awaited<ReturnType<typeof api.stay.leaves.query>>[number];

export function useLeaves(stayId: number | null | undefined) {
  return useQuery({ queryKey: ['stay.leaves', stayId], queryFn: () => api.stay.leaves.query({ stayId: stayId! }), enabled: !!stayId });
}

function notAfterToday(t: ReturnType<typeof useI18n>['t'], label: { zh: string; en: string }) {
  return {
    validator: (_: unknown, v: string | undefined) =>
      v && v > todayIso() ? Promise.reject(new Error(t({ zh: `${label.zh}不能晚于今天`, en: `${label.en} cannot be after today` }))) : Promise.resolve(),
  };
}

export function StayActions({ stay, openLeave }: { stay: StayRow; openLeave: LeaveRow | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<null | 'discharge' | 'transfer' | 'leave' | 'endLeave'>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Space wrap>
        <Button onClick={() => setOpen('transfer')} data-testid="stay-transfer">
          {t(R.transfer)}
        </Button>
        {openLeave ? (
          <Button onClick={() => setOpen('endLeave')} data-testid="stay-end-leave">
            {t(R.endLeave)}
          </Button>
        ) : (
          <Button onClick={() => setOpen('leave')} data-testid="stay-leave">
            {t(R.leave)}
          </Button>
        )}
        <Button danger onClick={() => setOpen('discharge')} data-testid="stay-discharge">
          {t(R.discharge)}
        </Button>
      </Space>
      {/* Mounted only while open: nothing is fetched for a dialog nobody opened. */}
      {open === 'discharge' && <DischargeModal open stay={stay} onClose={close} />}
      {open === 'transfer' && <TransferModal open stay={stay} onClose={close} />}
      {open === 'leave' && <LeaveModal open stay={stay} onClose={close} />}
      {open === 'endLeave' && <EndLeaveModal open stay={stay} leave={openLeave} onClose={close} />}
    </>
  );
}

interface ModalProps {
  open: boolean;
  stay: StayRow;
  onClose(): void;
}

function DischargeModal({ open, stay, onClose }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ dischargedOn: string; dischargeReason: DischargeReason; note?: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ dischargedOn: todayIso(), dischargeReason: undefined, note: '' });
  }, [open, form]);
  const discharge = useCorrection(api.stay.discharge.mutate, { form, success: R.discharged, onSuccess: onClose });
  return (
    <Modal
      open={open}
      title={t(R.dischargeTitle)}
      onCancel={onClose}
      okText={t(R.dischargeOk)}
      cancelText={t(C.cancel)}
      okButtonProps={{ danger: true, 'data-testid': 'discharge-ok' } as never}
      confirmLoading={discharge.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        discharge.mutate({ stayId: stay.id, dischargedOn: v.dischargedOn, dischargeReason: v.dischargeReason, note: v.note || undefined });
      }}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(R.dischargeWarn, { name: stay.residentName, bed: [stay.facilityName, stay.bedLabel].filter(Boolean).join(' ') })} />
      <Form form={form} layout="vertical">
        <Form.Item name="dischargedOn" label={t(R.dischargedOn)} rules={[{ required: true, message: t(R.required, { field: t(R.dischargedOn) }) }, notAfterToday(t, R.dischargedOn)]}>
          <DateField testId="discharge-date" />
        </Form.Item>
        <Form.Item name="dischargeReason" label={t(R.dischargeReason)} rules={[{ required: true, message: t(R.choose, { field: t(R.dischargeReason) }) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={enumOptions(DISCHARGE_REASON, t)} data-testid="discharge-reason" placeholder={t(R.choose, { field: t(R.dischargeReason) })} />
        </Form.Item>
        <Form.Item name="note" label={t(R.note)}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TransferModal({ open, stay, onClose }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ transferOn: string; facilityId: number | null; toBedId?: number; note?: string }>();
  const date = Form.useWatch('transferOn', form) ?? todayIso();
  const facilityId = Form.useWatch('facilityId', form);
  const facilities = useResidentialFacilities(date);
  const beds = useFreeBeds(facilityId, date);
  const [initialised, setInitialised] = useState(false);

  useEffect(() => {
    if (!open) {
      setInitialised(false);
      return;
    }
    if (initialised || !facilities.data) return;
    // Start at the resident's own facility when it can take them.
    const own = facilities.data.rows.some((f) => f.id === stay.facilityId) ? stay.facilityId : null;
    form.setFieldsValue({ transferOn: todayIso(), facilityId: own, toBedId: undefined, note: '' });
    setInitialised(true);
  }, [open, initialised, facilities.data, stay.facilityId, form]);

  // A bed chosen for one facility or date may not be free for another.
  const toBedId = Form.useWatch('toBedId', form);
  useEffect(() => {
    if (toBedId && beds.data && !beds.free.some((b) => b.id === toBedId)) form.setFieldValue('toBedId', undefined);
  }, [toBedId, beds.data, beds.free, form]);

  // The resident's latest kept level (the record has it loaded): levels 3–4 suggest a
  // nursing-type bed, the rule the admission picker uses; an ordinary bed gets a note, not a refusal.
  const record = useQuery({ queryKey: ['resident.get', stay.residentId], queryFn: () => api.resident.get.query({ id: stay.residentId }) });
  const latest = record.data?.assessments.find((a) => a.voidedAt === null);
  const chosen = beds.free.find((b) => b.id === toBedId);
  const nursingNote =
    latest && needsNursingBed(latest.finalLevel) && chosen && chosen.careType !== 'nursing'
      ? t(R.transferNursingNote, { level: levelText(t, latest.finalLevel, latest.standard), bed: chosen.label })
      : null;

  const transfer = useCorrection(api.stay.transfer.mutate, { form, success: R.transferred, onSuccess: onClose });
  return (
    <Modal
      open={open}
      title={t(R.transferTitle)}
      onCancel={onClose}
      okText={t(R.transfer)}
      cancelText={t(C.cancel)}
      okButtonProps={{ 'data-testid': 'transfer-ok' } as never}
      confirmLoading={transfer.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        transfer.mutate({ stayId: stay.id, toBedId: v.toBedId!, transferOn: v.transferOn, note: v.note || undefined });
      }}
    >
      <Typography.Paragraph type="secondary">{t(R.transferHelp)}</Typography.Paragraph>
      <Typography.Paragraph>
        {t(R.currentStay)}
        {t(COLON)}
        {stay.facilityName} {stay.bedLabel ?? ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="transferOn" label={t(R.transferOn)} rules={[{ required: true, message: t(R.required, { field: t(R.transferOn) }) }, notAfterToday(t, R.transferOn)]}>
          <DateField testId="transfer-date" />
        </Form.Item>
        <Form.Item name="facilityId" label={t(R.transferFacility)} rules={[{ required: true, message: t(R.choose, { field: t(R.transferFacility) }) }]}>
          <FacilityPicker date={date} testId="transfer-facility" onChange={() => form.setFieldValue('toBedId', undefined)} />
        </Form.Item>
        <Form.Item name="toBedId" label={t(R.transferBed)} rules={[{ required: true, message: t(R.choose, { field: t(R.transferBed) }) }]}>
          <Select<number>
            showSearch={{ optionFilterProp: ['label', 'room'] }}
            disabled={!facilityId}
            loading={beds.isLoading && !!facilityId}
            data-testid="transfer-bed"
            placeholder={t(R.choose, { field: t(R.transferBed) })}
            notFoundContent={facilityId && !beds.isLoading ? t(R.noFreeBeds) : undefined}
            options={beds.free.filter((b) => b.id !== stay.bedId).map((b) => {
              const room = [b.building, b.room].filter(Boolean).join(' ');
              const type = t(CARE_TYPE[b.careType]);
              // The selected value reads "09 · 1号楼 · 普通" too, not just "09".
              // The option's title stays the bed's own label (what a tester or a screen reader names it by).
              return { value: b.id, label: [b.label, room, type].filter(Boolean).join(' · '), title: b.label, bedLabel: b.label, room, nursing: b.careType === 'nursing', type };
            })}
            optionRender={(o) => (
              <Space data-testid={`transfer-bed-option-${o.data.value}`}>
                <b>{o.data.bedLabel}</b>
                {o.data.room && <Typography.Text type="secondary">{o.data.room}</Typography.Text>}
                <Tag color={o.data.nursing ? 'orange' : 'green'}>{o.data.type}</Tag>
              </Space>
            )}
          />
        </Form.Item>
        {nursingNote && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="transfer-nursing-note" title={nursingNote} />
        )}
        <Form.Item name="note" label={t(R.note)}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LeaveModal({ open, stay, onClose }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ startOn: string; endOn?: string | null; reason?: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ startOn: todayIso(), endOn: null, reason: '' });
  }, [open, form]);
  const record = useCorrection(api.stay.recordLeave.mutate, { form, success: R.leaveRecorded, onSuccess: onClose });
  return (
    <Modal
      open={open}
      title={t(R.leaveTitle)}
      onCancel={onClose}
      okText={t(C.save)}
      cancelText={t(C.cancel)}
      okButtonProps={{ 'data-testid': 'leave-ok' } as never}
      confirmLoading={record.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        record.mutate({ stayId: stay.id, startOn: v.startOn, endOn: v.endOn ?? null, reason: v.reason || undefined });
      }}
    >
      <Typography.Paragraph type="secondary">{t(R.leaveHelp)}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="startOn" label={t(R.leaveStart)} rules={[{ required: true, message: t(R.required, { field: t(R.leaveStart) }) }, notAfterToday(t, R.leaveStart)]}>
          <DateField testId="leave-start" />
        </Form.Item>
        <Form.Item name="endOn" label={t(R.leaveEnd)} dependencies={['startOn']} rules={[notAfterToday(t, R.leaveEnd)]}>
          <DateField testId="leave-end" allowClear />
        </Form.Item>
        <Form.Item name="reason" label={t(R.leaveReason)}>
          <Input maxLength={200} data-testid="leave-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndLeaveModal({ open, stay, leave, onClose }: ModalProps & { leave: LeaveRow | null }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ endOn: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ endOn: todayIso() });
  }, [open, form]);
  const end = useCorrection(api.stay.endLeave.mutate, { form, success: R.leaveEnded, onSuccess: onClose });
  return (
    <Modal
      open={open}
      title={t(R.endLeaveTitle)}
      onCancel={onClose}
      okText={t(C.save)}
      cancelText={t(C.cancel)}
      okButtonProps={{ 'data-testid': 'end-leave-ok' } as never}
      confirmLoading={end.isPending}
      onOk={async () => {
        const v = await tryValidate(form);
        if (!v) return;
        end.mutate({ stayId: stay.id, endOn: v.endOn });
      }}
    >
      {leave && <Typography.Paragraph>{t(R.onLeaveSince, { date: leave.startOn })}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item name="endOn" label={t(R.leaveEnd)} rules={[{ required: true, message: t(R.required, { field: t(R.leaveEnd) }) }, notAfterToday(t, R.leaveEnd)]}>
          <DateField testId="end-leave-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
