/** 保存 / 撤销修改 at the foot of a settings form, aligned with the fields. */
import { Button, Form, Space, type FormInstance } from 'antd';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { T } from './texts';

export function SaveButtons({ form, saving, testId }: { form: FormInstance; saving: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label=" " colon={false}>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid={testId}>
          {t(C.save)}
        </Button>
        <Button onClick={() => form.resetFields()}>{t(T.reset)}</Button>
      </Space>
    </Form.Item>
  );
}
