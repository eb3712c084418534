/** The assessment form in a drawer, for a resident already registered (resident record). */
import { App, Button, Drawer, Form, Space } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { useCorrection } from '../correction';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import type { AssessmentReason } from '@domain/enums';
import { COLON, levelText } from '../format';
import { AssessmentForm } from './AssessmentForm';
import { readAssessment, type AssessmentFormValues } from './assessment-values';
import { AF as A } from './texts';

/** The form on its own, for a registered resident: saved at once (the api recomputes the levels). */
export function AssessmentDrawer({ open, resident, defaultReason, onClose }: { open: boolean; resident: { id: number; name: string; birthDate?: string }; defaultReason?: AssessmentReason; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssessmentFormValues>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const record = useCorrection(api.assessment.record.mutate, {
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
