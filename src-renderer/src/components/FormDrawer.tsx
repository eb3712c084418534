/** The drawer every create/edit form opens in: title, cancel and save in the header. */
import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { C } from '../i18n/common';

export function FormDrawer({ open, onClose, width, title, saving, onSave, saveTestId, children }: { open: boolean; onClose: () => void; width: number; title: string; saving: boolean; onSave: () => void; saveTestId: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={width}
      title={title}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t(C.cancel)}</Button>
          <Button type="primary" onClick={onSave} loading={saving} data-testid={saveTestId}>
            {t(C.save)}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
