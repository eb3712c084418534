/**
 * 导入: choose the register, download its template, drop a file, see every problem by row
 * and column before anything is written, then confirm. The preview and the import run the
 * same checks in the main process; the import is one transaction.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Radio, Result, Space, Statistic, Table, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, apiError } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { useWrite } from '../../api/hooks';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { FULL_ID_EXPORT_REFUSAL } from '@domain/personal';
import { FULL_ID_TEMPLATES, TEMPLATE_IDS, type TemplateId } from '@contract/template-ids';
import { IMPORT_TEMPLATE_PERMISSION } from '../../layout/page-permissions';
import { saveBase64, XLSX_TYPE } from '../../components/download';
import { T } from './texts';
import { PageHeader } from '../../components/PageHeader';

type Report = Awaited<ReturnType<typeof api.import.preview.mutate>>;
type Problem = Report['problems'][number];

interface Chosen {
  fileName: string;
  /** Set once the file has reached the main process (api/upload.ts). */
  uploadId: string | null;
}

/** How far the running import is, asked of the api twice a second while one runs. */
function useImportPercent(active: boolean): number | null {
  const progress = useQuery({
    queryKey: ['import.progress'],
    queryFn: () => api.import.progress.query(),
    enabled: active,
    refetchInterval: active ? 500 : false,
    gcTime: 0,
  });
  if (!active || !progress.data || progress.data.total === 0) return active ? 0 : null;
  return Math.min(99, Math.floor((progress.data.done / progress.data.total) * 100));
}

export function ImportPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const templates = TEMPLATE_IDS.filter((id) => can(IMPORT_TEMPLATE_PERMISSION[id]));
  const [template, setTemplate] = useState<TemplateId>(templates[0] ?? 'beds');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [result, setResult] = useState<Report | null>(null);
  const preview = useMutation({
    mutationFn: async (file: File) => {
      const sent = await uploadFile(file);
      setChosen({ fileName: sent.fileName, uploadId: sent.uploadId });
      return api.import.preview.mutate({ template, uploadId: sent.uploadId });
    },
  });
  const commit = useWrite(api.import.commit.mutate, { onSuccess: (r) => setResult(r) });
  const percent = useImportPercent(commit.isPending || preview.isPending) ?? 0;

  const reset = () => {
    setChosen(null);
    setResult(null);
    preview.reset();
    commit.reset();
  };

  const choose = (file: File) => {
    reset();
    setChosen({ fileName: file.name, uploadId: null });
    preview.mutate(file);
  };

  const { message } = App.useApp();
  // The export needs revealPersonal (two of its registers hold full ID numbers): disabled without it, saying why.
  const mayExport = useMe().can('revealPersonal');
  const exportRegister = useMutation({
    mutationFn: () => api.import.exportRegister.mutate({ template }),
    onSuccess: (f) => saveBase64(f.fileName, f.base64, XLSX_TYPE),
    onError: (e) => void message.error(lang === 'zh' ? apiError(e).zh : apiError(e).en),
  });

  const download = async () => {
    const f = await api.import.template.query({ template });
    saveBase64(f.fileName, f.base64, XLSX_TYPE);
  };

  const report = result ?? preview.data ?? null;
  const problems = report?.problems ?? [];

  return (
    <div data-testid="page-import">
      <PageHeader title={t(T.title)} subtitle={t(T.help)} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t(T.template)}</span>
          <Radio.Group
            data-testid="import-template"
            optionType="button"
            value={template}
            onChange={(e) => {
              setTemplate(e.target.value as TemplateId);
              reset();
            }}
            options={templates.map((id) => ({ value: id, label: <span data-testid={`import-template-${id}`}>{t(T[id])}</span> }))}
          />
          <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="import-download-template">
            {t(T.download)}
          </Button>
          <Tooltip title={!mayExport ? t(FULL_ID_EXPORT_REFUSAL) : FULL_ID_TEMPLATES.includes(template) ? t(T.exportHint) : t(T.exportHintNoIds)}>
            <Button icon={<DownloadOutlined />} disabled={!mayExport} loading={exportRegister.isPending} onClick={() => exportRegister.mutate()} data-testid="import-export-register">
              {t(T.exportRegister)}
            </Button>
          </Tooltip>
        </Space>
        <Typography.Text type="secondary">{t(T.order)}</Typography.Text>
        <Upload.Dragger
          data-testid="import-drop"
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={preview.isPending || commit.isPending}
          beforeUpload={(file) => {
            choose(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t(T.drop)}</p>
          <p className="ant-upload-hint">{t(T.dropHint)}</p>
        </Upload.Dragger>

        {preview.isPending && chosen && (
          <>
            <Alert type="info" showIcon message={t(T.checking, { file: chosen.fileName })} />
            <Progress percent={percent} status="active" data-testid="import-check-progress" />
          </>
        )}
        {preview.isError && <Alert type="error" showIcon message={lang === 'zh' ? apiError(preview.error).zh : apiError(preview.error).en} />}

        {report && (
          <Card data-testid="import-report">
            <Space size="large" wrap>
              <Statistic title={t(T.rows)} value={report.rows} valueRender={(n) => <span data-testid="import-count-rows">{n}</span>} />
              <Statistic title={t(T.added)} value={report.added} valueRender={(n) => <span data-testid="import-count-added">{n}</span>} />
              <Statistic title={t(T.updated)} value={report.updated} valueRender={(n) => <span data-testid="import-count-updated">{n}</span>} />
              <Statistic title={t(T.unchanged)} value={report.unchanged} valueRender={(n) => <span data-testid="import-count-unchanged">{n}</span>} />
              <Statistic title={t(T.rejected)} value={report.rejected} valueRender={(n) => <span data-testid="import-count-rejected">{n}</span>} />
            </Space>
          </Card>
        )}

        {report && report.notes.length > 0 && (
          <Alert
            type="info"
            showIcon
            data-testid="import-notes"
            message={t(T.notesTitle)}
            description={report.notes.map((n, i) => (
              <div key={i}>{lang === 'zh' ? `${n.row === null ? '' : `第 ${n.row} 行：`}${n.zh}` : `${n.row === null ? '' : `Row ${n.row}: `}${n.en}`}</div>
            ))}
          />
        )}

        {report && report.problemCount > 0 && (
          <>
            <Alert
              type="error"
              showIcon
              data-testid="import-problems-summary"
              message={t(T.problemsTitle, { n: report.problemCount }) + (report.problemCount > problems.length ? t(T.problemsCapped, { n: problems.length }) : '')}
            />
            <Table<Problem>
              data-testid="import-problems"
              size="small"
              rowKey={(p) => `${p.row ?? 0}-${p.column ?? ''}-${p.zh}`}
              dataSource={problems}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t(T.row), dataIndex: 'row', width: 80, render: (r: number | null) => (r === null ? t(T.wholeFile) : r) },
                { title: t(T.column), dataIndex: 'column', width: 180, render: (c: string | null) => c ?? '' },
                {
                  title: t(T.problem),
                  key: 'text',
                  render: (_: unknown, p: Problem) => (
                    <span data-testid="import-problem">{lang === 'zh' ? `${p.row === null ? '文件' : `第 ${p.row} 行`}${p.column ? ` ${p.column}` : ''}：${p.zh}` : p.en}</span>
                  ),
                },
              ]}
            />
          </>
        )}

        {preview.data && preview.data.problemCount === 0 && !result && chosen && (
          <Card>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert type="success" showIcon message={t(T.ready, { file: chosen.fileName })} />
              {commit.isPending && (
                <>
                  <Typography.Text>{t(T.importing)}</Typography.Text>
                  <Progress percent={percent} status="active" data-testid="import-progress" />
                </>
              )}
              <Button type="primary" data-testid="import-confirm" loading={commit.isPending} onClick={() => chosen.uploadId && commit.mutate({ template, uploadId: chosen.uploadId })}>
                {t(T.confirm)}
              </Button>
            </Space>
          </Card>
        )}

        {result && result.committed && (
          <Result
            status="success"
            title={<span data-testid="import-result">{t(T.done, { a: result.added, u: result.updated, s: result.unchanged })}</span>}
            extra={<Button onClick={reset}>{t(T.again)}</Button>}
          />
        )}
      </Space>
    </div>
  );
}
