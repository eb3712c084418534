/**
 * 备份与恢复 in the settings page: the backups beside the database, a backup to a folder the
 * user types (in browser mode there is no folder picker), and restore from a file after a
 * preview of what it holds. Restore asks for confirmation; the server keeps a safety copy.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, apiError } from '../../api/client';
import { useWrite } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { C } from '../../i18n/common';
import { B } from './backup-texts';
import { dateTimeText } from '../../components/format';

type Preview = Awaited<ReturnType<typeof api.backup.preview.query>>;
type Entry = Awaited<ReturnType<typeof api.backup.list.query>>['backups'][number];

const KIND = { auto: B.kindAuto, 'pre-migrate': B.kindPreMigrate, 'pre-restore': B.kindPreRestore, 'pre-encrypt': B.kindPreEncrypt, manual: B.kindManual } as const;

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function BackupSection() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: ['backup.list'], queryFn: () => api.backup.list.query() });
  const [backupForm] = Form.useForm<{ folder: string }>();
  const [restoreForm] = Form.useForm<{ file: string }>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewing, setPreviewing] = useState(false);

  const create = useWrite(api.backup.create.mutate, {
    form: backupForm,
    onSuccess: (r) => void message.success(t(B.backupDone, { file: r.file })),
  });
  const restore = useWrite(api.backup.restore.mutate, {
    form: restoreForm,
    onSuccess: (r) => {
      setPreview(null);
      void message.success({ content: t(B.restored, { file: r.safetyBackup ?? '—' }), duration: 8 });
    },
  });

  const runPreview = async (file: string) => {
    restoreForm.setFieldValue('file', file);
    setPreviewing(true);
    try {
      setPreview(await api.backup.preview.query({ file }));
    } catch (e) {
      setPreview(null);
      const err = apiError(e);
      restoreForm.setFields([{ name: 'file', errors: [lang === 'zh' ? err.zh : err.en] }]);
    } finally {
      setPreviewing(false);
    }
  };

  // administrators only (the api refuses others): no section rather than an error
  if (list.error && apiError(list.error).code === 'FORBIDDEN') return null;
  return (
    <Card size="small" title={t(B.title)} style={{ marginTop: 16 }} data-testid="backup-section">
      <Typography.Paragraph type="secondary">{t(B.help)}</Typography.Paragraph>
      {list.error && <Alert type="error" showIcon message={t(C.loadFailed)} description={apiError(list.error)[lang]} style={{ marginBottom: 8 }} />}
      {list.data && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t(B.database)}>
            <Typography.Text code>{list.data.database}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t(B.folder)}>
            <Typography.Text code copyable data-testid="backup-folder">
              {list.data.folder}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table<Entry>
        size="small"
        rowKey="file"
        loading={list.isLoading}
        dataSource={list.data?.backups ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t(B.empty) }}
        style={{ maxWidth: 900, marginBottom: 16 }}
        data-testid="backup-table"
        columns={[
          { key: 'at', title: t(B.when), render: (_, r) => dateTimeText(r.at, lang) },
          { key: 'kind', title: t(B.kind), width: 110, render: (_, r) => t(KIND[r.kind]) },
          { key: 'size', title: t(B.size), width: 100, align: 'right', render: (_, r) => size(r.sizeBytes) },
          {
            key: 'actions',
            title: t(C.actions),
            width: 120,
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => void runPreview(r.file)}>
                {t(B.preview)}
              </Button>
            ),
          },
        ]}
      />

      <Form form={backupForm} layout="vertical" style={{ maxWidth: 900 }} onFinish={(v) => create.mutate({ folder: v.folder?.trim() || undefined })}>
        <Form.Item label={t(B.targetFolder)} extra={t(B.targetFolderHelp)}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="folder" noStyle>
              <Input placeholder="E:\养老备份" maxLength={1000} data-testid="backup-folder-input" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="backup-now">
              {t(B.backupNow)}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>

      <Form form={restoreForm} layout="vertical" style={{ maxWidth: 900 }} onFinish={(v) => void runPreview(v.file.trim())}>
        <Form.Item label={t(B.restoreFrom)} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="file" noStyle rules={[{ required: true, message: t(B.restoreFile) }]}>
              <Input placeholder={t(B.restoreFile)} maxLength={1000} data-testid="restore-file-input" />
            </Form.Item>
            <Button htmlType="submit" loading={previewing} data-testid="restore-preview">
              {t(B.preview)}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>

      {preview && (
        <Card size="small" type="inner" title={t(B.previewTitle)} style={{ maxWidth: 900 }} data-testid="restore-preview-card">
          {!preview.valid && preview.problem ? (
            <Alert type="error" showIcon message={t(B.invalid)} description={preview.problem[lang]} data-testid="restore-invalid" />
          ) : (
            <>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t(B.restoreFile)}>{preview.file}</Descriptions.Item>
                <Descriptions.Item label={t(B.size)}>{size(preview.sizeBytes)}</Descriptions.Item>
                {preview.counts && <Descriptions.Item label={t(B.previewTitle)}>{t(B.counts, preview.counts)}</Descriptions.Item>}
                <Descriptions.Item label={t(B.lastChange)}>{preview.lastChange ? dateTimeText(preview.lastChange, lang) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t(B.schema)}>{t(B.schemaOf, { v: preview.schemaVersion ?? '—', app: preview.appSchemaVersion })}</Descriptions.Item>
              </Descriptions>
              <Popconfirm
                title={t(B.confirmTitle)}
                description={<div style={{ maxWidth: 320 }}>{t(B.confirmDetail)}</div>}
                okText={t(B.restore)}
                cancelText={t(C.cancel)}
                okButtonProps={{ danger: true, 'data-testid': 'restore-ok' } as never}
                onConfirm={() => restore.mutate({ file: preview.file })}
              >
                <Button danger loading={restore.isPending} data-testid="restore-run">
                  {t(B.restore)}
                </Button>
              </Popconfirm>
            </>
          )}
        </Card>
      )}
    </Card>
  );
}
