/**
 * 添加申请: find the applicant or register them (the admission flow's resident step), then the
 * application's date, category and ability level — defaulted from the record, changeable to
 * what the papers show.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { useWrite } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { FormDrawer } from '../../../components/FormDrawer';
import { enumOptions, todayIso } from '../../../components/options';
import { levelText } from '../../../components/format';
import { useI18n } from '../../../i18n';
import { WAITING_CATEGORY, type WaitingCategory } from '@domain/waiting-list';
import { ResidentStep, type Picked } from '../../admission/ResidentStep';
import { W } from './texts';

interface Values {
  appliedOn: string;
  category: WaitingCategory;
  /** -1: not assessed (a Select cannot hold null as a choice). */
  assessmentLevel: number;
  note?: string;
}

export function AddApplicationDrawer({ open, facilityId, onClose }: { open: boolean; facilityId: number; onClose(): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [resident, setResident] = useState<Picked | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const defaults = useQuery({
    queryKey: ['waiting.defaults', facilityId, resident?.id],
    queryFn: () => api.waiting.defaults.query({ facilityId, residentId: resident!.id }),
    enabled: open && resident !== null,
  });
  useEffect(() => {
    if (!open) {
      setResident(null);
      setStepError(null);
      form.resetFields();
    }
  }, [open, form]);
  useEffect(() => {
    if (defaults.data) form.setFieldsValue({ category: defaults.data.category, assessmentLevel: defaults.data.assessmentLevel ?? -1 });
  }, [defaults.data, form]);
  const add = useWrite(api.waiting.add.mutate, { form, success: W.added, onSuccess: onClose, onError: (e) => {
      if (e.field === 'residentId') setStepError(lang === 'zh' ? e.zh : e.en);
    },
  });
  const submit = async () => {
    if (!resident) return setStepError(t(W.pickFirst));
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    add.mutate({ facilityId, residentId: resident.id, appliedOn: v.appliedOn, category: v.category, assessmentLevel: v.assessmentLevel < 0 ? null : v.assessmentLevel, note: v.note ?? '' });
  };
  const levels = [{ value: -1, label: t(W.notAssessed) }, ...[4, 3, 2, 1, 0].map((n) => ({ value: n, label: levelText(t, n) }))];
  return (
    <FormDrawer open={open} onClose={onClose} width={720} title={t(W.addTitle)} saving={add.isPending} onSave={() => void submit()} saveTestId="waiting-save">
      <ResidentStep
        resident={resident}
        onPick={(r) => {
          setResident(r);
          setStepError(null);
        }}
        onClear={() => setResident(null)}
      />
      {stepError && <Alert type="error" showIcon style={{ margin: '12px 0' }} title={stepError} data-testid="waiting-add-error" />}
      {resident && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={{ appliedOn: todayIso(), assessmentLevel: -1 }} data-testid="waiting-form">
          {defaults.data && (
            <Alert
              type="info"
              style={{ marginBottom: 12 }}
              title={t(W.fromRecord, { category: t(WAITING_CATEGORY[defaults.data.category]), level: defaults.data.assessmentLevel === null ? t(W.notAssessed) : levelText(t, defaults.data.assessmentLevel) })}
            />
          )}
          <Form.Item name="appliedOn" label={t(W.appliedOn)} rules={[{ required: true, message: t(W.dateRequired) }]}>
            <DateField testId="waiting-applied-on" />
          </Form.Item>
          <Form.Item name="category" label={t(W.category)} rules={[{ required: true, message: t(W.categoryRequired) }]}>
            <Select options={enumOptions(WAITING_CATEGORY, t)} data-testid="waiting-category" />
          </Form.Item>
          <Form.Item name="assessmentLevel" label={t(W.level)}>
            <Select options={levels} data-testid="waiting-level" />
          </Form.Item>
          <Form.Item name="note" label={t(W.note)}>
            <Input maxLength={500} data-testid="waiting-note" />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
}
