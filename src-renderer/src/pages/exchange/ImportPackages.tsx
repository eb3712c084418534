/**
 * 导入交换包: many .eldx files dropped at once, imported one after another (one upload per
 * account at a time: upload, import, next), one result row per file.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Empty, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { api, apiError } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { useMe } from '../../auth/AuthGate';
import { useI18n } from '../../i18n';
import { groupsOf4 } from './ThisInstall';
import { EXCHANGED_TABLE_LABELS } from '@contract/exchange-labels';
import { T } from './texts';

type Outcome = Awaited<ReturnType<typeof api.exchange.importPackage.mutate>>;
interface Row {
  key: number;
  fileName: string;
  outcome?: Outcome;
  error?: { zh: string; en: string };
}

type Kind = 'imported' | 'duplicate' | 'waiting' | 'held' | 'refused' | 'failed';

function kindOf(r: Row): Kind {
  const o = r.outcome;
  if (!o) return 'failed';
  if (o.refused) return 'refused';
  if (o.held) return 'held';
  const rep = o.report;
  if (!rep) return 'duplicate';
  if (rep.applied > 0) return 'imported';
  if (rep.waiting > 0) return 'waiting';
  if (rep.refused.length > 0) return 'refused';
  return 'duplicate';
}

const TAG: Record<Kind, { color: string; text: keyof typeof T }> = {
  imported: { color: 'green', text: 'stImported' },
  duplicate: { color: 'default', text: 'stDuplicate' },
  waiting: { color: 'orange', text: 'stWaiting' },
  held: { color: 'blue', text: 'stHeld' },
  refused: { color: 'red', text: 'stRefused' },
  failed: { color: 'red', text: 'stFailed' },
};

/**
 * The results of this session, per account: they stay when the user looks at 首页 and comes
 * back (or leaves while files are still importing), and another account does not see them.
 */
const kept = new Map<string, Row[]>();
let lastKey = 0;

export function ImportPackages() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const account = String(useMe().me.userId ?? 'local');
  const [rows, setRowsState] = useState<Row[]>(() => kept.get(account) ?? []);
  const addRow = (row: Row) => {
    const next = [row, ...(kept.get(account) ?? [])];
    kept.set(account, next);
    setRowsState(next);
  };
  const [running, setRunning] = useState<{ file: string; i: number; n: number } | null>(null);
  const queue = useRef<File[]>([]);
  const busy = useRef(false);
  const done = useRef(0);

  const run = async () => {
    if (busy.current) return;
    busy.current = true;
    done.current = 0;
    while (queue.current.length > 0) {
      const file = queue.current.shift()!;
      const n = done.current + queue.current.length + 1;
      setRunning({ file: file.name, i: done.current + 1, n });
      const row: Row = { key: ++lastKey, fileName: file.name };
      try {
        const sent = await uploadFile(file);
        row.outcome = await api.exchange.importPackage.mutate({ uploadId: sent.uploadId });
        row.fileName = row.outcome.fileName;
      } catch (e) {
        const err = apiError(e);
        row.error = { zh: err.zh, en: err.en };
      }
      done.current += 1;
      addRow(row);
    }
    setRunning(null);
    busy.current = false;
    await qc.invalidateQueries();
  };

  const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));
  const say = (x: { zh: string; en: string }) => (lang === 'zh' ? x.zh : x.en);
  const enrolled = rows.filter((r) => r.outcome?.enrolled);
  const earlier = rows.flatMap((r) => r.outcome?.earlier ?? []);

  return (
    <Card title={t(T.importTitle)} size="small" data-testid="exchange-import">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload.Dragger
          data-testid="exchange-drop"
          accept=".eldx"
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            queue.current.push(file);
            void run();
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t(T.drop)}</p>
          <p className="ant-upload-hint">{t(T.dropHint)}</p>
        </Upload.Dragger>
        {running && (
          <div data-testid="exchange-import-progress">
            <Typography.Text>{t(T.importing, running)}</Typography.Text>
            <Progress percent={Math.floor(((running.i - 1) / running.n) * 100)} status="active" />
          </div>
        )}
        {enrolled.map((r) => (
          <Alert key={r.key} type="warning" showIcon data-testid="exchange-enrolled" message={<span style={{ fontFamily: 'monospace' }}>{t(T.enrolledNew, { fp: groupsOf4(r.outcome!.enrolled!) })}</span>} />
        ))}
        {earlier.length > 0 && <Alert type="info" showIcon data-testid="exchange-earlier" message={t(T.earlier, { list: earlier.map((e) => e.sender).join('、') })} />}
        <Table<Row>
          size="small"
          data-testid="exchange-results"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t(T.noImports)} /> }}
          onRow={(r) => ({ 'data-testid': `exchange-result-${kindOf(r)}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t(T.colFile), dataIndex: 'fileName', ellipsis: true, width: 280 },
            { title: t(T.colSender), render: (_, r) => r.outcome?.sender ?? '—' },
            { title: t(T.colMadeAt), width: 104, render: (_, r) => r.outcome?.madeAt?.slice(0, 10) ?? '—' },
            {
              title: t(T.colByTable),
              render: (_, r) =>
                Object.entries(r.outcome?.byTable ?? {})
                  .map(([tbl, n]) => `${EXCHANGED_TABLE_LABELS[tbl] ? say(EXCHANGED_TABLE_LABELS[tbl]) : tbl} ${fmt(n)}`)
                  .join(lang === 'zh' ? '、' : ', ') || '—',
            },
            { title: t(T.colApplied), align: 'right', width: 76, render: (_, r) => fmt(r.outcome?.report?.applied) },
            { title: t(T.colAlready), align: 'right', width: 76, render: (_, r) => fmt(r.outcome?.report?.alreadyHad) },
            { title: t(T.colWaiting), align: 'right', width: 76, render: (_, r) => fmt(r.outcome?.report?.waiting) },
            { title: t(T.colRefused), align: 'right', width: 76, render: (_, r) => fmt(r.outcome?.report?.refused.length) },
            {
              title: t(T.colStatus),
              render: (_, r) => {
                const k = kindOf(r);
                const o = r.outcome;
                const why = r.error ?? o?.refused ?? o?.held;
                const changesRefused = o?.report?.refused ?? [];
                return (
                  <Space direction="vertical" size={0}>
                    <Tag color={TAG[k].color} data-testid="exchange-result-status">
                      {t(T[TAG[k].text])}
                    </Tag>
                    {why && <Typography.Text type={k === 'held' ? 'secondary' : 'danger'}>{say(why)}</Typography.Text>}
                    {changesRefused.length > 0 && (
                      <Typography.Text type="danger">{t(T.someRefused, { n: changesRefused.length, why: [...new Set(changesRefused.map((c) => c.reason))].join('；') })}</Typography.Text>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Space>
    </Card>
  );
}
